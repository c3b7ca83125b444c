"""Cells bound for a spreadsheet: text that a spreadsheet program would run as a formula is made inert.

Every CSV and XLSX writer of dcmm passes its cells through :func:`spreadsheet_cell`. Text that starts
with one of OWASP's formula triggers (``=``, ``+``, ``-``, ``@``, tab, carriage return) gets a leading
apostrophe, so ``=HYPERLINK(...)`` in an organisation's name is shown, never evaluated. Numbers are
left as numbers: a negative count is a number cell, not text.
"""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | bool | None


def spreadsheet_cell(value: Cell) -> Cell:
    """``value`` as it may go into a spreadsheet cell: text that could start a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def spreadsheet_row(values: Iterable[object]) -> list[Cell]:
    """A row of cells for a CSV writer: numbers, booleans and None as they are, anything else (paths,
    dates) as its text through :func:`spreadsheet_cell`."""
    return [v if v is None or isinstance(v, int | float) else spreadsheet_cell(str(v)) for v in values]


def column_letters(index: int) -> str:
    """A spreadsheet column's letters: ``A`` for column 0, ``AA`` for column 26."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
