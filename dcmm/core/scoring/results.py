"""The result of scoring one answer file: overall, domains, items, completeness, and the gaps worked out on demand.

Results are plain slotted dataclasses (cheap to build for thousands of files). The gap analysis
(``gaps``, ``roadmap``, ``ItemResult.blockers``) is computed on first use and then kept, so a
portfolio that only needs scores does not pay for it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from dcmm.core.answers import AnswerFile
from dcmm.core.questionnaire import NOT_APPLICABLE
from dcmm.core.scoring.rules import ScoringRules, level_for_score, points
from dcmm.core.scoring.tallies import Tallies, item_score

if TYPE_CHECKING:
    from dcmm.core.scoring.gaps import GapAnalysis


@dataclass(frozen=True, slots=True)
class LevelResult:
    level: int
    score: float  # 0 to 1: mean of the level's applicable grades
    counted: bool  # false when a gated rule keeps this level out of the item score
    applicable: int
    not_applicable: int
    unanswered: int


@dataclass(frozen=True, slots=True)
class GapItem:
    """A criterion not fully met, and what raising it to fully met would gain.

    ``gain_item`` is exact (two decimals, as item scores are); ``gain_domain`` and ``gain_overall``
    are its share of the domain and overall means before their final rounding (four decimals).
    """

    criterion_id: str
    item_id: str
    domain_id: str
    level: int
    grade: str | None  # current grade id; None when unanswered
    gain_item: float
    gain_domain: float
    gain_overall: float


@dataclass(frozen=True, slots=True)
class DomainResult:
    id: str
    score: float
    level: int
    item_ids: list[str]


@dataclass(frozen=True, slots=True)
class OverallResult:
    score: float
    level: int


@dataclass(frozen=True, slots=True)
class Completeness:
    total: int
    answered: int
    unanswered: int
    not_applicable: int
    percent: float
    unanswered_ids: list[str]
    not_applicable_ids: list[str]
    marked_for_review_ids: list[str]


@dataclass(frozen=True, slots=True)
class RoadmapPhase:
    phase: int
    level: int  # the criteria of this phase belong to this level
    gaps: list[GapItem]
    overall_after: float  # overall score once this phase and those before it are done


@dataclass(frozen=True, slots=True)
class Roadmap:
    target_level: int
    target_met: bool
    points_to_target: float
    phases: list[RoadmapPhase]
    shortest_path: list[str]  # the fewest criteria, most gain first, that lift the overall score to the target


class ItemResult:
    """One item's score and level; its per-level detail and blockers are worked out on first use."""

    __slots__ = ("_analysis", "_index", "applicable", "domain_id", "id", "level", "score")

    def __init__(self, analysis: GapAnalysis, index: int, id: str, score: int, applicable: bool) -> None:
        self._analysis = analysis
        self._index = index
        self.id = id
        self.domain_id = id.split(".")[0]
        self.score = points(score)
        self.level = level_for_score(score)
        self.applicable = applicable  # false when every criterion is not applicable

    @property
    def levels(self) -> list[LevelResult]:
        state = self._analysis.state
        first = 5 * self._index
        counted = item_score(state.totals, state.applicable, first, state.rules)[1]
        return [
            LevelResult(
                slot - first + 1,
                points(state.level_score(slot)),
                counted[slot - first],
                state.applicable[slot],
                state.not_applicable[slot],
                state.unanswered[slot],
            )
            for slot in range(first, first + 5)
        ]

    @property
    def level_scores(self) -> list[float]:
        return [points(self._analysis.state.level_score(slot)) for slot in range(5 * self._index, 5 * self._index + 5)]

    @property
    def next_level(self) -> int | None:
        return self.level + 1 if self.level < 5 else None

    @property
    def points_to_next(self) -> float:
        return max(0.0, round((self.next_level or 0) - self.score, 2))

    @property
    def blockers(self) -> list[GapItem]:
        """Criteria at or below the next level that are not fully met, most gain first."""
        nxt = self.next_level
        return [g for g in self._analysis.item_gaps(self.id) if nxt and g.level <= nxt]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "domain_id": self.domain_id,
            "score": self.score,
            "level": self.level,
            "level_scores": self.level_scores,
            "levels": [dataclasses.asdict(lv) for lv in self.levels],
            "applicable": self.applicable,
            "next_level": self.next_level,
            "points_to_next": self.points_to_next,
            "blockers": [dataclasses.asdict(g) for g in self.blockers],
        }

    def __repr__(self) -> str:
        return f"ItemResult(id={self.id!r}, score={self.score}, level={self.level})"


class AssessmentResult:
    """The result of scoring one answer file."""

    def __init__(
        self,
        analysis: GapAnalysis,
        edition: str,
        rules: ScoringRules,
        overall: OverallResult,
        domains: list[DomainResult],
        items: list[ItemResult],
        completeness: Completeness,
    ) -> None:
        self._analysis = analysis
        self.edition = edition
        self.rules = rules
        self.overall = overall
        self.domains = domains
        self.items = items
        self.completeness = completeness

    @cached_property
    def gaps(self) -> list[GapItem]:
        """Every criterion at or below the target level not fully met, most overall gain first."""
        return self._analysis.target_gaps()

    @cached_property
    def roadmap(self) -> Roadmap:
        return self._analysis.roadmap(self.gaps)

    def model_dump(self, mode: str = "python") -> dict[str, Any]:
        """The whole result as plain data (the documented JSON shape: docs/score-json.md)."""
        return {
            "edition": self.edition,
            "rules": self.rules.model_dump(mode=mode),
            "overall": dataclasses.asdict(self.overall),
            "domains": [dataclasses.asdict(d) for d in self.domains],
            "items": [i.as_dict() for i in self.items],
            "completeness": dataclasses.asdict(self.completeness),
            "gaps": [dataclasses.asdict(g) for g in self.gaps],
            "roadmap": dataclasses.asdict(self.roadmap),
        }

    def __repr__(self) -> str:
        return f"AssessmentResult(edition={self.edition!r}, overall={self.overall})"


def completeness_of(answers: AnswerFile, state: Tallies) -> Completeness:
    ids = [criterion_id for criterion_id, _slot in state.questionnaire.criterion_slots]
    unanswered = [c for c, g in zip(ids, state.grades, strict=True) if g is None]
    na = [c for c, g in zip(ids, state.grades, strict=True) if g == NOT_APPLICABLE]
    known = state.questionnaire.criteria
    review = [c for c, a in answers.answers.items() if a.marked_for_review and c in known]
    total = len(ids)
    return Completeness(
        total=total,
        answered=total - len(unanswered),
        unanswered=len(unanswered),
        not_applicable=len(na),
        percent=round(100 * (total - len(unanswered)) / total, 1) if total else 100.0,
        unanswered_ids=unanswered,
        not_applicable_ids=na,
        marked_for_review_ids=review,
    )
