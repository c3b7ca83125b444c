"""What the tracker's corpus cases lay out: score documents, certificate lists and tracker databases."""

from __future__ import annotations

import contextlib
import copy
import functools
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.badinput.harness import REPOSITORY, Maker, Outcome

# Four valid rows, one bad credit code (row 5), one row repeated as it is (row 6), and one giving row 2's
# certificate number to another organisation (row 7): 6 data rows, 4 accepted, 2 rejected.
HEADER = "Organisation,Credit code,Province,City,Level,Certificate No,Issue date,Synthetic\n"
GOOD_ROWS = (
    "合成·菏泽0000001号科技有限公司（虚构）,91371700Y5G0BCJ72N,山东省,菏泽市,1,SYN-DCMM-2022-0000001-1,2022-04-10,是\n"
    "合成·呼和浩特0000002号科技有限公司（虚构）,91150100R4HB2JEQ8G,内蒙古,呼和浩特市,3,SYN-DCMM-2023-0000002-3,2023-06-10,是\n"
    "合成·哈尔滨0000003号集团有限公司（虚构）,912301009B2H4MT8HY,230000,哈尔滨市,1,SYN-DCMM-2025-0000003-1,2025-11-10,是\n"
)
MIXED_ROWS = (
    "合成·坏0000009号有限公司（虚构）,91371700Y5G0BCJ72X,山东省,菏泽市,1,SYN-DCMM-2022-0000009-1,2022-04-10,是\n"
    "合成·菏泽0000001号科技有限公司（虚构）,91371700Y5G0BCJ72N,山东省,菏泽市,1,SYN-DCMM-2022-0000001-1,2022-04-10,是\n"
    "合成·长春0000004号股份有限公司（虚构）,91220100JD6X4Y5UMN,吉林,长春市,3,SYN-DCMM-2022-0000001-1,2021-06-10,是\n"
)
RANDOM = bytes(range(256)) * 16  # 4 KiB that are no file format at all
GOOD_LIST = HEADER + GOOD_ROWS  # 3 rows, all accepted
MIXED_LIST = HEADER + GOOD_ROWS + MIXED_ROWS  # 6 rows, 4 accepted, 2 rejected


@functools.cache
def _scored_document() -> dict[str, Any]:
    from dcmm.assessments import score_file
    from dcmm.score_output import to_json

    answers = next((REPOSITORY / "examples" / "answers").glob("01-*.json"))
    document: dict[str, Any] = json.loads(to_json([score_file(answers)], []))
    return document


def score_document(change: Callable[[dict[str, Any]], object] | None = None) -> Maker:
    """A Maker writing what ``dcmm score --format json`` writes for example 1, changed by ``change``."""

    def make(path: Path) -> None:
        document = copy.deepcopy(_scored_document())
        if change is not None:
            change(document)
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")

    return make


def first_result(document: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = document["results"][0]
    return result


def tracker_database(imported: str | None = None, revision: str | None = None, older: str | None = None) -> Maker:
    """A Maker writing a real tracker database; with the list named ``imported`` (beside it) imported into it,
    its schema revision replaced by ``revision`` (a newer dcmm's), or its schema taken down to ``older``."""

    def make(path: Path) -> None:
        from dcmm.tracker.database import downgrade
        from dcmm.tracker.service import TrackerService

        with TrackerService.open(f"sqlite:///{path}") as tracker, contextlib.chdir(path.parent):
            if imported is not None:
                tracker.import_list(Path(imported))  # logged by the name given, as the command line gives it
            if older is not None:
                downgrade(tracker.repository.engine, older)
        if revision is not None:
            with sqlite3.connect(path) as connection:
                connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
            connection.close()

    return make


def truncated(maker: Maker, keep: int) -> Maker:
    """A Maker writing what ``maker`` writes, cut after ``keep`` bytes."""

    def make(path: Path) -> None:
        maker(path)
        path.write_bytes(path.read_bytes()[:keep])

    return make


def overwritten(maker: Maker, start: int, garbage: bytes) -> Maker:
    """A Maker writing what ``maker`` writes with ``garbage`` over the bytes from ``start`` (same size)."""

    def make(path: Path) -> None:
        maker(path)
        data = path.read_bytes()
        path.write_bytes(data[:start] + garbage + data[start + len(garbage) :])

    return make


def other_sqlite(*statements: str, wal: bool = False) -> Maker:
    """A Maker writing another application's SQLite file: the tables ``statements`` create."""

    def make(path: Path) -> None:
        connection = sqlite3.connect(path)
        if wal:
            connection.execute("PRAGMA journal_mode=WAL")
        for statement in statements:
            connection.execute(statement)
        connection.commit()
        connection.close()

    return make


def rows(folder: Path, query: str, database: str = "t.db") -> list[tuple[Any, ...]]:
    """The rows ``query`` reads from the tracker database in ``folder``."""
    connection = sqlite3.connect(folder / database)
    try:
        return list(connection.execute(query))
    finally:
        connection.close()


def logged(*expected: tuple[int, int, int]) -> Callable[[Path, Outcome], None]:
    """A check: the import log holds exactly these (rows, accepted, rejected)."""

    def check(folder: Path, _outcome: Outcome) -> None:
        assert rows(folder, "SELECT rows, accepted, rejected FROM import_log ORDER BY id") == list(expected)

    return check


def counted(table: str, expected: int) -> Callable[[Path, Outcome], None]:
    """A check: ``table`` of the tracker database holds ``expected`` rows."""

    def check(folder: Path, _outcome: Outcome) -> None:
        assert rows(folder, f"SELECT count(*) FROM {table}") == [(expected,)]

    return check


def hides(secret: str) -> Callable[[Path, Outcome], None]:
    """A check: neither stream shows ``secret`` (a password in a database URL)."""

    def check(_folder: Path, outcome: Outcome) -> None:
        assert secret not in outcome.err and secret not in outcome.out

    return check
