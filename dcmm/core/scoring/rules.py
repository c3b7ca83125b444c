"""Scoring rules and the exact arithmetic they share: scores held in hundredths, means rounded half up."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from dcmm.core.base import StrictModel

FULL = 100  # a fully met grade, in hundredths


class ScoringRules(StrictModel):
    """How grades become scores and levels. Named presets live in ``SCORING_RULES``."""

    name: str = "published"
    description: str = (
        "level score = mean of the level's grades; item score = sum of its five level scores; "
        "domain score = mean of its items; overall = mean of the domains; "
        "level N when the score is at least N (level 1 below 2)"
    )
    gated: bool = Field(
        default=False,
        description="a level counts only when every lower level of the item reaches gate_threshold",
    )
    gate_threshold: float = Field(default=0.8, gt=0, le=1)
    unanswered: Literal["not_met"] = Field(
        default="not_met", description="unanswered criteria count as not met and are flagged"
    )
    all_na_level: Literal["met"] = Field(
        default="met", description="a level whose criteria are all not applicable scores 1.00"
    )


SCORING_RULES: dict[str, ScoringRules] = {
    "published": ScoringRules(),
    "gated": ScoringRules(
        name="gated",
        gated=True,
        description=(
            "as published, but a level of an item counts only when every lower level of that item "
            "scores at least the gate threshold (a conservative readiness check)"
        ),
    ),
}


def mean_half_up(total: int, count: int) -> int:
    """``total / count`` rounded half up, for non-negative integers."""
    return (2 * total + count) // (2 * count)


def level_for_score(hundredths: int) -> int:
    """Level N when the score is at least N; level 1 below 2."""
    return max(1, min(5, hundredths // 100))


def points(hundredths: int) -> float:
    """A score in hundredths as the two-decimal number reports show."""
    return hundredths / 100
