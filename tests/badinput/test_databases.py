"""Tracker databases: files that are not the tracker's, damaged ones, newer ones, URLs it cannot use, and
commands that only read given a database that does not exist. A refused database is left byte for byte."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.badinput.harness import Case, run_case
from tests.badinput.tracker_inputs import (
    GOOD_LIST,
    RANDOM,
    hides,
    other_sqlite,
    overwritten,
    tracker_database,
    truncated,
)

OTHERS_TABLES = ("CREATE TABLE organisation (id INTEGER PRIMARY KEY, name TEXT)", "CREATE TABLE member (x)")
ALEMBIC_ELSEWHERE = (
    "CREATE TABLE alembic_version (version_num TEXT)",
    "INSERT INTO alembic_version VALUES ('ae1027a6acf')",
)
MISSING = "no tracker database here"


def _refused(case_id: str, maker: object, *argv: str, says: str, db: str = "t.db") -> Case:
    """``argv`` given ``--db db`` as laid out by ``maker``: refused, naming it, and the file left as it was."""
    return Case(case_id, (*argv, "--db", db), {"l.csv": GOOD_LIST, db: maker}, names=(f"{db}: ", says))  # type: ignore[dict-item]


def _missing(case_id: str, *argv: str) -> Case:
    """A command that only reads, on a database that does not exist: one line, and no file appears."""
    return Case(case_id, (*argv, "--db", "t.db"), {"l.csv": GOOD_LIST}, names=("t.db: ", MISSING))


CASES = [
    _refused("db-random-bytes-import", RANDOM, "tracker", "import", "l.csv", says="not a SQLite database"),
    _refused("db-random-bytes-progress", RANDOM, "tracker", "progress", says="not a SQLite database"),
    _refused("db-text-file", "not a database\n", "tracker", "init", says="not a SQLite database", db="notes.txt"),
    _refused("db-truncated", truncated(tracker_database(), 20_000), "tracker", "import", "l.csv", says="truncated"),
    _refused("db-truncated-header", truncated(tracker_database(), 60), "tracker", "show", "x", says="truncated"),
    _refused(
        "db-damaged-pages",
        overwritten(tracker_database("l.csv"), 4096, RANDOM * 24),
        "tracker",
        "progress",
        says="damaged",
    ),
    _refused(
        "db-damaged-schema",
        overwritten(tracker_database(), 100, RANDOM[:3000]),
        "tracker",
        "import",
        "l.csv",
        says="damaged",
    ),
    _refused("db-other-app-same-table", other_sqlite(*OTHERS_TABLES), "tracker", "init", says="not a dcmm tracker"),
    _refused(
        "db-other-app-wal", other_sqlite(*OTHERS_TABLES, wal=True), "tracker", "import", "l.csv", says="organisation"
    ),
    _refused("db-other-app-no-version", other_sqlite("CREATE TABLE t (x)"), "tracker", "progress", says="tables: t"),
    _refused(
        "db-other-app-alembic",
        other_sqlite(*ALEMBIC_ELSEWHERE, "CREATE TABLE users (id)"),
        "tracker",
        "init",
        says="not a dcmm tracker",
    ),
    _refused("db-newer-import", tracker_database(revision="0099_future"), "tracker", "import", "l.csv", says="0099"),
    _refused("db-newer-progress", tracker_database(revision="0099_future"), "tracker", "progress", says="newer dcmm"),
    _refused(
        "db-newer-dry-run",
        tracker_database(revision="0099_future"),
        "tracker",
        "import",
        "l.csv",
        "--dry-run",
        says="0099_future",
    ),
    _refused(
        "db-progress-output-is-db",
        tracker_database(),
        "tracker",
        "progress",
        "--format",
        "csv",
        "-o",
        "t.db",
        says="is the tracker database",
    ),
    Case(
        "db-mysql-url",
        ("tracker", "import", "l.csv", "--db", "mysql://office:s3cret@db.example/dcmm"),
        {"l.csv": GOOD_LIST},
        names=("mysql://office:***@db.example/dcmm", "sqlite:///PATH", "postgresql://"),
        check=hides("s3cret"),
    ),
    Case("db-unknown-scheme", ("tracker", "init", "--db", "foo://x"), names=("foo://x: ", "not supported")),
    Case(
        "db-driver-missing",
        ("tracker", "progress", "--db", "postgresql+pg8000://office:s3cret@127.0.0.1/dcmm"),
        names=("office:***@", "pg8000", "postgresql+psycopg://"),
        check=hides("s3cret"),
    ),
    Case(
        "db-postgres-unreachable",
        ("tracker", "init", "--db", "postgresql://office:s3cret@127.0.0.1:1/dcmm"),
        names=("postgresql://office:***@127.0.0.1:1/dcmm: ", "cannot open"),
        check=hides("s3cret"),
    ),
    Case(
        "db-url-from-environment",
        ("tracker", "target", "list"),
        env={"DCMM_DB": "mysql+pymysql://office:s3cret@db.example/dcmm"},
        names=("mysql+pymysql://", "not supported"),
        check=hides("s3cret"),
    ),
    Case("db-sqlite-url-without-file", ("tracker", "init", "--db", "sqlite://"), names=("sqlite://", "sqlite:///")),
    Case(
        "db-is-a-folder",
        ("tracker", "import", "l.csv", "--db", "store"),
        {"l.csv": GOOD_LIST, "store/a": "x"},
        names=("store: ", "is a folder"),
    ),
    Case("db-folder-missing", ("tracker", "init", "--db", "nowhere/t.db"), names=("nowhere/t.db: ", "nowhere")),
    _missing("db-missing-progress", "tracker", "progress"),
    _missing("db-missing-progress-output", "tracker", "progress", "--format", "csv", "-o", "p.csv"),
    _missing("db-missing-show", "tracker", "show", "91371700Y5G0BCJ72N"),
    _missing("db-missing-expiring", "tracker", "expiring"),
    _missing("db-missing-target-list", "tracker", "target", "list"),
    _missing("db-missing-target-remove", "tracker", "target", "remove", "1"),
    Case("db-missing-default", ("tracker", "progress"), names=("dcmm-tracker.db: ", MISSING)),
    Case(
        "db-empty-file-is-ours",
        ("tracker", "import", "l.csv", "--db", "t.db"),
        {"l.csv": GOOD_LIST, "t.db": b""},
        exit=0,
        names=("",),  # it succeeds: nothing to name
        outputs=("t.db*",),
        stdout=("3 rows, 0 rejected; certificates 3 added",),
    ),
]


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="file permissions do not bind root")
@pytest.mark.parametrize("argv", [("tracker", "import", "l.csv"), ("tracker", "target", "remove", "1")])
def test_a_read_only_database_is_refused_untouched(argv: tuple[str, ...], tmp_path: Path) -> None:
    def read_only(path: Path) -> None:
        tracker_database()(path)
        path.chmod(0o444)

    case = Case("db-read-only", (*argv, "--db", "t.db"), {"l.csv": GOOD_LIST, "t.db": read_only}, names=("t.db: ",))
    run_case(case, tmp_path)
