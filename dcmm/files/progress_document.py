"""The document ``dcmm tracker progress --format json`` writes (format ``dcmm-tracker-progress/1``), as a model.

Counts of groups smaller than the report's threshold are ``null``: the document never holds them. The field
meanings are in docs/tracker.md; the shipped JSON Schema is generated from these models, and a test checks
that what the tracker writes validates here unchanged.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field

from dcmm.core.text import StrictModel

Count = int | None  # None: a hidden small group

_LEVELS = Field(description='counts by level, keyed "1" to "5"; null where the group is hidden')


class ProgressRecord(StrictModel):
    """A part of the document; strict, since the tracker writes it and a reader wants exactly that back."""

    model_config = StrictModel.model_config | ConfigDict(strict=True)


class RegionRecord(ProgressRecord):
    region: str = Field(description="GB/T 2260 code, a pooled-group key or the national key")
    name: str
    pooled_regions: list[str] = Field(description="the regions a pooled row stands for")
    certified_valid: Count
    levels: dict[str, Count] = _LEVELS
    level3_plus: Count
    ever_certified: Count
    guanbiao: Count
    self_assessed: Count
    self_assessed_level3_plus: Count
    certified_valid_change_12_months: int | None
    expiring: Count


class DefinitionRecord(ProgressRecord):
    """What a target counts (docs/tracker.md, "Model and metrics")."""

    counts: list[Literal["certified", "pilots", "self_assessed"]] = Field(description="the records that count")
    basis: Literal["cumulative", "valid_on_day"]
    min_level: int = Field(ge=1, le=5)
    industry: str | None = Field(description="only organisations of this industry; null: every industry")
    label: str = Field(description="the definition in words, in the document's language")


class TargetRecord(ProgressRecord):
    id: int | None
    region: str
    region_name: str
    metric: str = Field(description="the preset the definition was made from, or custom")
    metric_name: str
    definition: DefinitionRecord
    comparison: str
    number: int
    deadline: dt.date
    source_document: str | None
    counted_on: dt.date
    count: Count
    percent: float | None
    pace_per_year: int | None
    projected_at_deadline: int | None
    status: Literal["met", "missed", "on track", "behind"]


class IndustryRecord(ProgressRecord):
    industry: str | None
    levels: dict[str, Count] = _LEVELS


class YearRecord(ProgressRecord):
    year: int
    issued: dict[str, Count] = _LEVELS


class ProgressDocument(ProgressRecord):
    """What ``dcmm tracker progress --format json`` writes."""

    format: Literal["dcmm-tracker-progress/1"]
    as_of: dt.date
    region: str
    region_name: str
    by: str
    small_group_threshold: int = Field(ge=1)
    expiring_within_days: int = Field(ge=0)
    includes_synthetic: bool
    note: str | None
    metrics: dict[str, dict[Literal["zh", "en"], str]]
    targets: list[TargetRecord]
    rows: list[RegionRecord]
    total: RegionRecord
    industries: list[IndustryRecord]
    years: list[YearRecord]
