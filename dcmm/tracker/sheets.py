"""The cells of a list file, row by row: CSV/TSV text (see textlists) or a workbook (XLSX, XLSM, XLS, ODS; see
workbooks), every row held to the limits of an Excel sheet and every cell to the length an Excel cell holds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from dcmm.files.cells import column_letters
from dcmm.files.limits import LIST_CELL_CHARACTERS, LIST_COLUMNS, LIST_ROWS
from dcmm.files.problems import refusal
from dcmm.tracker.textlists import Row, text_rows
from dcmm.tracker.workbooks import open_sheet

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
SUFFIXES = (*TEXT_SUFFIXES, *WORKBOOK_SUFFIXES)

# Where a cell is: (row, column index from 0) → the line and the place a problem names.
Locate = Callable[[int, int], tuple[int | None, str]]

__all__ = ["SUFFIXES", "Row", "cell_name", "cell_text", "open_list", "read_rows"]


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a list means: dates in ISO form, whole numbers without ``.0``.

    A date and time at midnight is the date alone; any other time of day is kept (``2023-05-12T15:30:00``),
    so that the date rule can refuse it as it refuses the same text in a CSV list.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cell_name(sheet: str, row: int, column: int) -> str:
    """``Sheet1!F12`` for row 12 and column 5 (from 0)."""
    return f"{sheet}!{column_letters(column)}{row}"


def bounded(rows: Iterable[tuple[int, list[str]]], file: str, locate: Locate) -> Iterator[Row]:
    """The rows, refusing the list at the first row past ``LIST_ROWS``, row wider than ``LIST_COLUMNS`` or cell
    longer than ``LIST_CELL_CHARACTERS``."""
    for number, cells in rows:
        if number > LIST_ROWS:
            raise refusal(file, "list_too_many_rows", number, None, limit=f"{LIST_ROWS:,}")
        if len(cells) > LIST_COLUMNS:
            line, where = locate(number, LIST_COLUMNS)
            raise refusal(file, "list_too_many_columns", line, where, limit=f"{LIST_COLUMNS:,}")
        if cells and max(map(len, cells)) > LIST_CELL_CHARACTERS:
            column = next(i for i, cell in enumerate(cells) if len(cell) > LIST_CELL_CHARACTERS)
            line, where = locate(number, column)
            length = f"{len(cells[column]):,}"
            raise refusal(file, "list_cell_too_long", line, where, length=length, limit=f"{LIST_CELL_CHARACTERS:,}")
        yield number, cells


def open_list(path: Path, sheet: str | None = None) -> tuple[Iterator[Row], Callable[[int, int], str] | None]:
    """The rows of a list file, and for a workbook the name of a cell (``名单!F12``) by row and column index.

    Raises UserError, naming the file and where in it, for anything that keeps the list from being read.
    """
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        name, values = open_sheet(path, sheet)
        texts = ((number, [cell_text(value) for value in cells]) for number, cells in values)

        def cell(row: int, column: int) -> str:
            return cell_name(name, row, column)

        return bounded(texts, str(path), lambda row, column: (None, cell(row, column))), cell
    if suffix in TEXT_SUFFIXES:
        delimiter = "\t" if suffix == ".tsv" else None
        rows = text_rows(path, delimiter)
        return bounded(rows, str(path), lambda row, column: (row, f"column {column_letters(column)}")), None
    raise refusal(str(path), "list_unknown_format", None, None, suffix=suffix or "(none)", suffixes=", ".join(SUFFIXES))


def read_rows(path: Path, sheet: str | None = None) -> Iterator[Row]:
    """(row number as the spreadsheet shows it, cell texts) for every row of a list file; see open_list."""
    return open_list(path, sheet)[0]
