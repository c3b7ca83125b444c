"""The document ``dcmm score --format json`` writes (format ``dcmm-score/1``), as a model to validate and read it.

The field meanings are documented in docs/score-json.md; the JSON Schema shipped with the package is
generated from these models, and a test checks that what the tool writes validates here unchanged.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import ConfigDict, Field, ValidationError

from dcmm.core.errors import UserError
from dcmm.core.quickscan import QuickScanEstimate
from dcmm.core.scoring import Completeness, ScoringRules
from dcmm.core.text import StrictModel
from dcmm.files.json_source import json_problems, read_bytes

_WHAT = "a score document"


class ScoreRecord(StrictModel):
    """A part of the document; strict, since the tool writes it and a reader wants exactly that back."""

    model_config = StrictModel.model_config | ConfigDict(strict=True)


class ScoredOrganisation(ScoreRecord):
    name: str
    credit_code: str | None
    province: str | None = Field(description="GB/T 2260 code")
    city: str | None
    industry: str | None
    party_type: Literal["甲方", "乙方"] | None
    fictitious: bool


class Overall(ScoreRecord):
    score: float = Field(ge=0, le=5, description="0 to 5, two decimals")
    level: int = Field(ge=1, le=5)


class DomainScore(ScoreRecord):
    id: str
    score: float
    level: int = Field(ge=1, le=5)
    item_ids: list[str]


class LevelScore(ScoreRecord):
    level: int = Field(ge=1, le=5)
    score: float = Field(ge=0, le=1, description="mean of the level's applicable grades")
    counted: bool = Field(description="false when a gated rule keeps this level out of the item score")
    applicable: int
    not_applicable: int
    unanswered: int


class Gap(ScoreRecord):
    """A criterion not fully met, and what raising it to fully met would gain."""

    criterion_id: str
    item_id: str
    domain_id: str
    level: int = Field(ge=1, le=5)
    grade: str | None = Field(description="the current grade id; null when unanswered")
    gain_item: float = Field(description="exact, two decimals")
    gain_domain: float = Field(description="share of the domain mean before its final rounding, four decimals")
    gain_overall: float = Field(description="share of the overall mean before its final rounding, four decimals")


class ItemScore(ScoreRecord):
    id: str
    domain_id: str
    score: float
    level: int = Field(ge=1, le=5)
    level_scores: list[float] = Field(min_length=5, max_length=5)
    levels: list[LevelScore] = Field(min_length=5, max_length=5)
    applicable: bool = Field(description="false when every criterion of the item is not applicable")
    next_level: int | None
    points_to_next: float
    blockers: list[Gap]


class RoadmapPhase(ScoreRecord):
    phase: int
    level: int = Field(ge=1, le=5)
    gaps: list[Gap]
    overall_after: float = Field(description="overall score once this phase and those before it are done")


class Roadmap(ScoreRecord):
    target_level: int = Field(ge=1, le=5)
    target_met: bool
    points_to_target: float
    phases: list[RoadmapPhase]
    shortest_path: list[str] = Field(description="the fewest criteria, most gain first, that reach the target")


class ScoreResult(ScoreRecord):
    """One scored answer file."""

    file: str
    organisation: ScoredOrganisation
    assessed_on: dt.date | None
    target_level: int = Field(ge=1, le=5, description="the target used for gaps and roadmap")
    edition: str
    rules: ScoringRules
    overall: Overall
    domains: list[DomainScore]
    items: list[ItemScore]
    completeness: Completeness
    gaps: list[Gap]
    roadmap: Roadmap


class ScoreError(ScoreRecord):
    """One problem in rejected input; the files that were fine are still among the results."""

    file: str
    line: int | None
    field: str | None
    message: str


class EstimatedOrganisation(ScoreRecord):
    name: str
    credit_code: str | None
    province: str | None


class ScoreEstimate(QuickScanEstimate, ScoreRecord):
    """A quick scan's estimate: kept beside the results, never among them, and labelled as an estimate."""

    file: str
    label: str
    organisation: EstimatedOrganisation
    assessed_on: dt.date | None
    kind: Literal["estimate"]
    rule: str


class ScoreDocument(ScoreRecord):
    """What ``dcmm score --format json`` writes: the results, the problems, and any quick-scan estimates."""

    format: Literal["dcmm-score/1"]
    results: list[ScoreResult]
    errors: list[ScoreError]
    estimates: list[ScoreEstimate] = Field(default=[], description="present only when quick scans were given")


def parse_score_document(raw: str | bytes, file: str) -> ScoreDocument:
    """Validate a score document's text; UserError with the line and field of every problem."""
    try:
        return ScoreDocument.model_validate_json(raw)
    except ValidationError as exc:
        raise UserError(json_problems(raw, file, exc, _WHAT)) from None


def read_score_document(path: str | Path) -> ScoreDocument:
    """Read a file written by ``dcmm score --format json`` (bytes once, validated straight from them)."""
    return parse_score_document(read_bytes(path, _WHAT), str(path))
