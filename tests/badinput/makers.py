"""Things a case lays out that bytes cannot say: links, FIFOs, read-only folders, tracker databases,
answer files with hostile text; and checks that read spreadsheet outputs back."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.badinput.harness import Case, Maker, Outcome, example_answers

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What an organisation's name, a note or a piece of evidence may hold to make a spreadsheet run something.
HOSTILE_NAME = '=HYPERLINK("http://x.example","y")'
HOSTILE_NOTE = "@SUM(1)"
HOSTILE_EVIDENCE = ["\t=1", "\r=2", "+1", "-2+3"]


def symlink(target: str) -> Maker:
    return lambda path: path.symlink_to(target)


def hard_link(target: str) -> Maker:
    return lambda path: os.link(path.with_name(target), path)


def fifo(path: Path) -> None:
    os.mkfifo(path)


def sparse(size: int, head: bytes) -> Maker:
    """A file of ``size`` bytes that takes no room on disk: ``head``, then zeros (for size limits)."""

    def make(path: Path) -> None:
        with path.open("wb") as stream:
            stream.write(head)
            stream.truncate(size)

    return make


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The line of the ``occurrence``-th ``needle`` in ``text``: where a case expects its problem."""
    at = -1
    for _ in range(occurrence):
        at = text.index(needle, at + 1)
    return text.count("\n", 0, at) + 1


def read_only_folder(path: Path) -> None:
    path.mkdir()
    path.chmod(0o555)


def tracker_database(path: Path) -> None:
    """An initialised, empty tracker database."""
    command = [sys.executable, "-m", "dcmm", "tracker", "init", "--db", str(path)]
    subprocess.run(command, check=True, capture_output=True, cwd=path.parent)


def hostile_answers(number: int = 1) -> bytes:
    """A bundled answer file whose organisation name, notes and evidence start like formulas."""
    data = json.loads(example_answers(number))
    data["organisation"]["name"] = HOSTILE_NAME
    data["organisation"]["industry"] = HOSTILE_NOTE
    for answer in data["answers"].values():
        if answer["grade"] in ("not_met", "partly_met"):
            answer["note"] = HOSTILE_NOTE
            answer["evidence"] = HOSTILE_EVIDENCE
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _csv_cells(text: str) -> Iterator[str]:
    for row in csv.reader(io.StringIO(text)):
        yield from row


def _xlsx_cells(path: Path) -> Iterator[tuple[str, object, str]]:
    from openpyxl import load_workbook

    for sheet in load_workbook(path):
        for row in sheet.iter_rows():
            for cell in row:
                yield f"{sheet.title}!{cell.coordinate}", cell.value, cell.data_type


def assert_inert_text(cells: Iterator[str], where: str) -> int:
    """No cell starts like a formula; the number of cells that carried hostile text, quoted."""
    quoted = 0
    for value in cells:
        assert not value.startswith(FORMULA_STARTS), f"{where}: cell {value!r} would be evaluated"
        quoted += value.startswith("'") and value[1:].startswith(FORMULA_STARTS)
    return quoted


def inert_spreadsheets(pattern: str, least: int = 1) -> Callable[[Path, Outcome], None]:
    """A check: every CSV and XLSX file matching ``pattern`` holds no formula and at least ``least``
    quoted hostile cells; numbers in workbooks are number cells."""

    def check(folder: Path, outcome: Outcome) -> None:
        found = sorted(p for p in folder.glob(pattern) if p.suffix in (".csv", ".xlsx"))
        assert found, f"nothing matches {pattern}"
        for path in found:
            if path.suffix == ".csv":
                quoted = assert_inert_text(_csv_cells(path.read_text(encoding="utf-8-sig")), path.name)
            else:
                cells = list(_xlsx_cells(path))
                assert all(kind != "f" for _where, _value, kind in cells), f"{path.name} holds a formula"
                texts = (value for _where, value, _kind in cells if isinstance(value, str))
                quoted = assert_inert_text(texts, path.name)
                assert any(isinstance(value, int | float) for _where, value, _kind in cells), "numbers became text"
            assert quoted >= least, f"{path.name}: {quoted} quoted cell(s), expected at least {least}"

    return check


def inert_stdout(least: int = 1) -> Callable[[Path, Outcome], None]:
    """A check: the CSV printed on stdout holds no formula and at least ``least`` quoted hostile cells."""

    def check(folder: Path, outcome: Outcome) -> None:
        assert assert_inert_text(_csv_cells(outcome.out), "stdout") >= least

    return check


def params(cases: list[Case], root_skips: frozenset[str] = frozenset()) -> list[object]:
    """The cases as pytest parameters; those in ``root_skips`` rely on file modes, which do not stop root."""
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    reason = "run as root: a folder's mode does not stop root from writing (the /proc cases cover it)"
    return [
        pytest.param(case, id=case.id, marks=pytest.mark.skipif(as_root and case.id in root_skips, reason=reason))
        for case in cases
    ]
