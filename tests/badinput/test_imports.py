"""Tracker import: dry runs that must write nothing at all, the import log's counts in the face of bad and
repeated rows, batches where one bad list stops nothing, and ``dcmm tracker imports``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.badinput.harness import Case, example_answers, run_case
from tests.badinput.tracker_inputs import (
    GOOD_LIST,
    MIXED_LIST,
    logged,
    other_sqlite,
    tracker_database,
)

DB = ("--db", "t.db")
WRITTEN = ("t.db*",)
BAD_ROWS = ("l.csv:5: Credit code", "l.csv:7: Certificate No")
WITH_MIXED = {"l.csv": MIXED_LIST, "t.db": tracker_database("l.csv")}
NOTHING_TO_NAME = ("",)  # the command succeeds


def _dry(case_id: str, files: dict[str, object], *stdout: str, exit: int = 0, argv: tuple[str, ...] = DB) -> Case:
    """A dry run of ``l.csv``: the counts on stdout, and not one file written or changed (the database least)."""
    names = BAD_ROWS if exit else NOTHING_TO_NAME
    command = ("tracker", "import", "l.csv", "--dry-run", *argv)
    return Case(case_id, command, files, exit=exit, names=names, stdout=("dry run, nothing written", *stdout))  # type: ignore[arg-type]


def _listing(case_id: str, files: dict[str, object], *stdout: str, fmt: str = "csv") -> Case:
    """``dcmm tracker imports`` on a database: what it prints, and the database left as it was."""
    command = ("tracker", "imports", "--format", fmt, *DB)
    return Case(case_id, command, files, exit=0, names=NOTHING_TO_NAME, stdout=stdout)  # type: ignore[arg-type]


CASES = [
    _dry("imports-dry-run-creates-no-database", {"l.csv": GOOD_LIST}, "3 rows, 0 rejected; certificates 3 added"),
    _dry("imports-dry-run-bad-rows-no-database", {"l.csv": MIXED_LIST}, "6 rows, 2 rejected", exit=1),
    _dry("imports-dry-run-no-default-database", {"l.csv": GOOD_LIST}, "3 rows", argv=()),
    _dry(
        "imports-dry-run-reads-an-existing-database",
        {"l.csv": MIXED_LIST, "t.db": tracker_database("l.csv")},
        "6 rows, 2 rejected; certificates 0 added, 0 updated, 3 unchanged",
        exit=1,
    ),
    _dry(
        "imports-dry-run-on-an-older-schema-migrates-nothing",
        {"l.csv": GOOD_LIST, "t.db": tracker_database(older="0002_shandong_target")},
        "certificates 3 added",
    ),
    Case(
        "imports-dry-run-on-another-applications-file",
        ("tracker", "import", "l.csv", "--dry-run", *DB),
        {"l.csv": GOOD_LIST, "t.db": other_sqlite("CREATE TABLE certificate (id)")},
        names=("t.db: ", "not a dcmm tracker"),
    ),
    Case(
        "imports-ingest-dry-run-reads-an-existing-database",
        ("tracker", "ingest", "a.json", "--dry-run", *DB),
        {"l.csv": GOOD_LIST, "t.db": tracker_database("l.csv"), "a.json": example_answers(1)},
        exit=0,
        names=NOTHING_TO_NAME,
        stdout=("dry run, nothing written: 1 self-assessment(s) read, 1 new",),
    ),
    Case(
        "imports-log-counts-bad-and-repeated-rows",
        ("tracker", "import", "l.csv", *DB),
        {"l.csv": MIXED_LIST},
        names=BAD_ROWS,
        outputs=WRITTEN,
        stdout=("6 rows, 2 rejected", "1 repeated row(s)"),
        check=logged((6, 4, 2)),
    ),
    Case(
        "imports-log-counts-a-clean-list",
        ("tracker", "import", "l.csv", *DB),
        {"l.csv": GOOD_LIST},
        exit=0,
        names=NOTHING_TO_NAME,
        outputs=WRITTEN,
        check=logged((3, 3, 0)),
    ),
    Case(
        "imports-strict-rejection-is-not-logged",
        ("tracker", "import", "l.csv", "--strict", *DB),
        {"l.csv": MIXED_LIST},
        names=BAD_ROWS[:1],  # a file rejected for its bad rows is not compared with the database
        outputs=WRITTEN,
        stdout=("rejected as a whole",),
        check=logged(),
    ),
    Case(
        "imports-batch-list-without-header-beside-a-good-list",
        ("tracker", "import", "bad.csv", "l.csv", *DB),
        {"bad.csv": "just,some,words\n1,2,3\n", "l.csv": GOOD_LIST},
        names=("bad.csv: ",),
        outputs=WRITTEN,
        stdout=("l.csv: 3 rows, 0 rejected",),
        check=logged((3, 3, 0)),
    ),
    Case(
        "imports-batch-missing-file-beside-a-good-list",
        ("tracker", "import", "none.csv", "l.csv", *DB),
        {"l.csv": GOOD_LIST},
        names=("none.csv: ",),
        outputs=WRITTEN,
        check=logged((3, 3, 0)),
    ),
    Case(
        "imports-same-bytes-again-adds-no-log-line",
        ("tracker", "import", "copy.csv", *DB),
        {"l.csv": MIXED_LIST, "t.db": tracker_database("l.csv"), "copy.csv": MIXED_LIST},
        names=("copy.csv:5", "copy.csv:7"),
        outputs=WRITTEN,
        stdout=("0 added, 0 updated, 3 unchanged",),
        check=logged((6, 4, 2)),
    ),
    _listing(
        "imports-list-csv", WITH_MIXED, "imported_at,file,sha256,kind,rows,accepted,rejected", ",certificates,6,4,2"
    ),
    _listing("imports-list-json", WITH_MIXED, '"rows": 6', '"accepted": 4', '"rejected": 2', fmt="json"),
    _listing("imports-list-table", WITH_MIXED, "导入日志", "l.csv", fmt="table"),
    _listing("imports-list-nothing-imported", {"t.db": tracker_database()}, "no list imported yet", fmt="table"),
    Case("imports-list-missing-database", ("tracker", "imports", *DB), names=("t.db: ", "no tracker database")),
    Case(
        "imports-list-another-applications-file",
        ("tracker", "imports", *DB),
        {"t.db": other_sqlite("CREATE TABLE import_log (id)")},
        names=("t.db: ", "import_log"),
    ),
    Case("imports-list-unknown-format", ("tracker", "imports", "--format", "xml", *DB), exit=2, names=("'xml'",)),
]


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
