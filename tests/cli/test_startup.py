"""Tracker commands start on a few modules: what each has loaded when it first reaches for its database.

No timing here (benchmarks/bench_tracker.py measures it): the modules themselves are the contract. A
command that loaded a spreadsheet reader, a report writer or a numerical library before opening its
database would spend most of its start on them; one that fails to open a missing database has
loaded no more than opening needs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.running import command_paths

ROOT = Path(__file__).resolve().parents[2]

# Loaded by no tracker command before its database is opened, nor by opening it.
HEAVY = (
    "alembic",
    "docx",
    "jinja2",
    "numpy",
    "openpyxl",
    "pandas",
    "pydantic",
    "python_calamine",
    "rich",
    "scipy",
    "sqlalchemy.orm",
    "textual",
    "weasyprint",
)
DATABASE_LIBRARY = "sqlalchemy"

# Each tracker command that opens the tracker, with arguments that get it as far as opening it
# (the database's folder is missing, so opening fails at once). A new command joins this table.
OPENING = {
    ("tracker", "init"): [],
    ("tracker", "import"): ["list.xlsx", "--column", "企业名称=name"],
    ("tracker", "ingest"): ["answers.yaml"],
    ("tracker", "progress"): ["--by", "city", "--region", "37"],
    ("tracker", "expiring"): ["--days", "30"],
    ("tracker", "show"): ["91370100MA3C5L6X3K"],
    ("tracker", "target", "list"): [],
    ("tracker", "target", "add"): [
        *("--region", "37", "--metric", "guanbiao", "--number", "300"),
        *("--deadline", "2027-12-31", "--source", "plan"),
    ],
    ("tracker", "target", "remove"): ["1"],
    ("tracker", "imports"): ["--format", "json"],
    ("tracker", "review"): [],
    ("tracker", "review", "resolve"): ["1", "--dismiss"],
    ("tracker", "serve"): ["--port", "8199"],
    ("tracker", "user", "add"): ["alice", "--role", "admin", "--password-stdin"],
    ("tracker", "user", "list"): [],
    ("tracker", "user", "disable"): ["alice"],
    ("tracker", "user", "passwd"): ["alice", "--password-stdin"],
}
EXTRA = {("tracker", "progress"): [["--format", "pdf", "-o", "{out}/progress.pdf"], ["--format", "csv"]]}
# Commands that never open the tracker (or are groups).
NOT_OPENING = {("tracker",), ("tracker", "target"), ("tracker", "user"), ("tracker", "demo-data")}

PROBE = """
import io, json, sys

from dcmm.cli import Context, main

first_use: list[list[str]] = []


class DatabaseLibraryWatch:
    def find_spec(self, name, path=None, target=None):
        if name == {library!r} and not first_use:
            first_use.append(sorted(sys.modules))
        return None


sys.meta_path.insert(0, DatabaseLibraryWatch())
err = io.StringIO()
code = main(json.loads(sys.argv[1]), Context(io.StringIO(), err))
print(json.dumps({{"code": code, "err": err.getvalue(), "before": first_use[0] if first_use else None,
                   "after": sorted(sys.modules)}}))
"""


def _loaded(names: list[str], candidates: tuple[str, ...]) -> list[str]:
    return sorted({c for c in candidates for n in names if n == c or n.startswith(c + ".")})


def _probe(argv: list[str]) -> dict[str, object]:
    code = PROBE.format(library=DATABASE_LIBRARY)
    run = subprocess.run(
        [sys.executable, "-c", code, json.dumps(argv)], capture_output=True, text=True, cwd=ROOT, check=True
    )
    result: dict[str, object] = json.loads(run.stdout)
    return result


def test_the_table_names_every_tracker_command() -> None:
    tracker_commands = {path for path in command_paths() if path[0] == "tracker"}
    assert tracker_commands == set(OPENING) | NOT_OPENING


@pytest.mark.parametrize(
    "argv",
    [[*path, *args] for path, args in OPENING.items()] + [[*p, *a] for p, extra in EXTRA.items() for a in extra],
    ids=lambda argv: " ".join(argv),
)
def test_a_command_reaches_its_database_on_few_modules(tmp_path: Path, argv: list[str]) -> None:
    database = tmp_path / "missing" / "tracker.db"
    arguments = [a.replace("{out}", str(tmp_path)) for a in argv]
    result = _probe([*arguments, "--db", str(database)])
    assert result["code"] == 1 and "missing" in str(result["err"]), result["err"]
    before, after = result["before"], result["after"]
    assert isinstance(before, list) and isinstance(after, list)
    assert _loaded(before, (*HEAVY, DATABASE_LIBRARY)) == []  # nothing heavy before the database is touched
    assert _loaded(after, HEAVY) == []  # and opening it takes SQLAlchemy's core only
    assert not (tmp_path / "progress.pdf").exists()


def test_the_probe_sees_what_a_command_loads_once_the_database_is_open(tmp_path: Path) -> None:
    """The same probe on a tracker that exists: its models (SQLAlchemy's ORM) and the table printer (rich) load
    once it is open; alembic does not, the tracker being at the newest revision already."""
    database = str(tmp_path / "tracker.db")
    assert _probe(["tracker", "init", "--db", database])["code"] == 0
    result = _probe(["tracker", "target", "list", "--db", database])
    assert result["code"] == 0 and isinstance(result["before"], list)
    assert _loaded(result["after"], HEAVY) == ["rich", "sqlalchemy.orm"]  # type: ignore[arg-type]
