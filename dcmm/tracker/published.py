"""A progress report as the tables it publishes: every output format (terminal, CSV, JSON, XLSX, DOCX, PDF)
renders these, so every format shows and hides exactly the same cells.

A count cell carries its :class:`~dcmm.tracker.disclosure.Tally` (what it sums), which disclosure control
reads to choose the cells to hide; a hidden cell keeps its value here, and writers never print it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from dcmm.i18n import Language
from dcmm.tracker.disclosure import Tally

RowKind = Literal["region", "others", "subtotal", "total"]
TableKey = Literal["targets", "regions", "industries", "years"]


@dataclass(slots=True)
class Cell:
    """One cell: a count (with its tally), a figure such as a percent or date, or a text; None is empty."""

    value: int | float | str | None
    tally: Tally | None = None
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # the same in every language: CSV and JSON name columns by it
    label: str  # in the publication's language
    numeric: bool = True


@dataclass(slots=True)
class Row:
    kind: RowKind
    key: str  # a GB/T 2260 code, an industry, a year, "others" or "total"
    label: str
    parent: str | None = None  # the key of the subtotal row this row is summed into (by-city tables)
    cells: dict[str, Cell] = field(default_factory=dict)


@dataclass(slots=True)
class Table:
    key: TableKey
    title: str
    columns: list[Column]
    rows: list[Row]
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Publication:
    """Everything a progress output shows, in one language."""

    title: str
    as_of: dt.date
    lang: Language
    threshold: int
    exact: bool  # the internal view: small counts shown, and every page, sheet and header says so
    banners: list[str]  # said at the top of every page, sheet and CSV (synthetic data, internal exact counts)
    tables: list[Table]
