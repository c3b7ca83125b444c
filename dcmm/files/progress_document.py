"""The document ``dcmm tracker progress --format json`` writes (format ``dcmm-tracker-progress/2``), as a model.

The document is the report's publication: its tables (targets, regions, industries, years), each row with
its kind (region, others, subtotal, total) and cells keyed by column. A hidden count is ``null`` and its
column is listed in the row's ``hidden``: the document never holds it. The field meanings are in
docs/tracker.md; the shipped JSON Schema is generated from these models, and a test checks that what the
tracker writes validates here unchanged.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field

from dcmm.core.text import StrictModel

CellValue = int | float | str | None  # a count, a figure (percent), a text or a date; null: empty or hidden


class ProgressRecord(StrictModel):
    """A part of the document; strict, since the tracker writes it and a reader wants exactly that back."""

    model_config = StrictModel.model_config | ConfigDict(strict=True)


class ColumnRecord(ProgressRecord):
    key: str = Field(description="the column's key, the same in every language (the CSV header uses it)")
    label: str = Field(description="the column's heading in the document's language")
    numeric: bool


class RowRecord(ProgressRecord):
    kind: Literal["region", "others", "subtotal", "total"] = Field(
        description="region and others rows sum to their parent subtotal row and to the table's total row"
    )
    key: str = Field(description="a GB/T 2260 code, an industry, a year, a target, 'others' or 'total'")
    label: str
    parent: str | None = Field(description="the key of the subtotal row this row is summed into")
    cells: dict[str, CellValue] = Field(description="values by column key; null where empty or hidden")
    hidden: list[str] = Field(description="the columns whose counts are hidden as (or to protect) small groups")


class TableRecord(ProgressRecord):
    key: Literal["targets", "regions", "industries", "years"]
    title: str
    columns: list[ColumnRecord]
    rows: list[RowRecord]
    notes: list[str]


class ProgressDocument(ProgressRecord):
    """What ``dcmm tracker progress --format json`` writes."""

    format: Literal["dcmm-tracker-progress/2"]
    title: str
    as_of: dt.date
    lang: Literal["zh", "en"]
    region: str
    region_name: str
    by: str
    small_group_threshold: int = Field(ge=1)
    expiring_within_days: int = Field(ge=0)
    exact: bool = Field(description="the internal view: small counts exact, nothing hidden")
    includes_synthetic: bool
    banners: list[str] = Field(description="what every page, sheet and CSV says first (synthetic data, internal)")
    tables: list[TableRecord]
