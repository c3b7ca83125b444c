"""A progress report as the tables it publishes: every output format (terminal, CSV, JSON, XLSX, DOCX, PDF)
renders these, so every format shows and hides exactly the same cells.

A count cell carries its :class:`~dcmm.tracker.disclosure.Tally` (what it sums), which disclosure control
reads to choose the cells to hide; a hidden cell keeps its value here, and writers never print it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from dcmm.i18n import Language
from dcmm.tracker.disclosure import Tally
from dcmm.tracker.regions import NATIONAL

if TYPE_CHECKING:
    from dcmm.tracker.progress import ProgressReport

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
    """A row of a table. Rows of kind region and others sum to their ``parent`` subtotal row (when they have
    one) and to the table's total row; a table whose one region is the report's own region has no region
    row, only its total (a region is never written twice)."""

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
    region: str = NATIONAL
    region_name: str = ""
    by: str = "province"  # the main table's rows: province | city | county | industry | year
    includes_synthetic: bool = False
    expiring_days: int = 90

    def table(self, key: TableKey) -> Table | None:
        return next((t for t in self.tables if t.key == key), None)


def publish(report: ProgressReport, lang: Language = "zh", exact: bool = False) -> Publication:
    """The tables ``report`` publishes in ``lang``; disclosure control hides small groups unless ``exact``.

    ``exact`` is the internal view for an office's own staff: every count as it is, and a banner saying so
    on every output.
    """
    from dcmm.tracker.publishing import build_publication  # it builds on the model above

    return build_publication(report, lang, exact)
