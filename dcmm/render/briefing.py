"""A briefing as plain data: a titled document of tables with the banners every page and sheet carries.

Features build one (the tracker from its publication) and hand it to the office writers
(:mod:`dcmm.render.xlsx`, :mod:`dcmm.render.word`) or to a template; none of them knows where the
figures come from. A value is already what a reader sees: a number stays a number (so a spreadsheet
can sum it), a hidden count is its text such as ``<5``, None is an empty cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Value = int | float | str | None
Emphasis = Literal["plain", "subtotal", "total"]


@dataclass(frozen=True, slots=True)
class BriefingColumn:
    label: str
    numeric: bool = True  # right-aligned; numbers in it are written as numbers
    decimals: int = 0  # how many decimals a number is shown with (a percent: 1)
    key: str = "label"  # the same in every language: print styles name a column by it


@dataclass(frozen=True, slots=True)
class BriefingRow:
    cells: tuple[Value, ...]  # one per column, the row's label first
    emphasis: Emphasis = "plain"  # subtotal and total rows are set in bold


@dataclass(frozen=True, slots=True)
class BriefingTable:
    title: str
    sheet_name: str  # the workbook tab: short, unique within the document
    columns: tuple[BriefingColumn, ...]
    rows: tuple[BriefingRow, ...]
    notes: tuple[str, ...] = ()
    key: str = ""  # the same in every language: print styles name a table by it


@dataclass(frozen=True, slots=True)
class Briefing:
    title: str
    subtitle: str  # what the figures are of: region, day
    language: Literal["zh", "en"]
    banners: tuple[str, ...]  # at the top of every page and sheet: synthetic data, internal exact counts
    tables: tuple[BriefingTable, ...]
    notes: tuple[str, ...] = ()  # definitions and sources, after the tables


def display_width(value: Value) -> int:
    """How many character columns ``value`` takes (CJK characters take two), for column widths."""
    text = format_value(value, 0) if not isinstance(value, str) else value
    return max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in line) for line in text.split("\n")), default=0)


def format_value(value: Value, decimals: int) -> str:
    """A value as text (DOCX, PDF): thousands unseparated as in the tracker's other outputs, fixed decimals."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return f"{value:.{decimals}f}"
    return str(value)
