"""Scoring: from a questionnaire and an answer file to levels, gaps and a roadmap.

The arithmetic is exact: grade values are held in hundredths and every mean is rounded half
up to two decimals, as the published method reports every score with two decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from dcmm.core.answers import AnswerFile
from dcmm.core.questionnaire import LEVELS, NOT_APPLICABLE, Questionnaire
from dcmm.core.text import StrictModel

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
        default="not_met",
        description="unanswered criteria count as not met and are flagged",
    )
    all_na_level: Literal["met"] = Field(
        default="met",
        description="a level whose criteria are all not applicable scores 1.00",
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


def _mean_half_up(total: int, count: int) -> int:
    """``total / count`` rounded half up, for non-negative integers."""
    return (2 * total + count) // (2 * count)


def level_for_score(hundredths: int) -> int:
    """Level N when the score is at least N; level 1 below 2."""
    return max(1, min(5, hundredths // 100))


def _points(hundredths: int) -> float:
    return hundredths / 100


class ResultModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LevelResult(ResultModel):
    level: int
    score: float = Field(description="0 to 1: mean of the level's applicable grades")
    counted: bool = Field(
        description="false when a gated rule keeps this level out of the item score"
    )
    applicable: int
    not_applicable: int
    unanswered: int


class GapItem(ResultModel):
    """A criterion not fully met, and what raising it to fully met would gain."""

    criterion_id: str
    item_id: str
    domain_id: str
    level: int
    grade: str | None = Field(description="current grade id; null when unanswered")
    gain_item: float
    gain_domain: float
    gain_overall: float


class ItemResult(ResultModel):
    id: str
    domain_id: str
    score: float
    level: int
    level_scores: list[float]
    levels: list[LevelResult]
    applicable: bool = Field(description="false when every criterion is not applicable")
    next_level: int | None = Field(
        description="the level above the current one, null at 5"
    )
    points_to_next: float = Field(description="score still missing for next_level")
    blockers: list[GapItem] = Field(
        description="criteria at or below next_level not fully met, most gain first"
    )


class DomainResult(ResultModel):
    id: str
    score: float
    level: int
    item_ids: list[str]


class OverallResult(ResultModel):
    score: float
    level: int


class Completeness(ResultModel):
    total: int
    answered: int
    unanswered: int
    not_applicable: int
    percent: float
    unanswered_ids: list[str]
    not_applicable_ids: list[str]
    marked_for_review_ids: list[str]


class RoadmapPhase(ResultModel):
    phase: int
    level: int = Field(description="the criteria of this phase belong to this level")
    gaps: list[GapItem]
    overall_after: float = Field(
        description="overall score once this phase and those before are done"
    )


class Roadmap(ResultModel):
    target_level: int
    target_met: bool
    points_to_target: float
    phases: list[RoadmapPhase]
    shortest_path: list[str] = Field(
        description="the fewest criteria, most gain first, that lift the overall score to the target"
    )


class AssessmentResult(ResultModel):
    edition: str
    rules: ScoringRules
    overall: OverallResult
    domains: list[DomainResult]
    items: list[ItemResult]
    completeness: Completeness
    gaps: list[GapItem]
    roadmap: Roadmap


@dataclass(slots=True)
class _LevelTally:
    total: int = 0  # sum of applicable grades, in hundredths
    applicable: int = 0
    not_applicable: int = 0
    unanswered: int = 0

    def score(self) -> int:
        return _mean_half_up(self.total, self.applicable) if self.applicable else FULL


def _item_score(
    tallies: list[_LevelTally], rules: ScoringRules
) -> tuple[int, list[bool]]:
    """The item score in hundredths and which levels counted."""
    score = 0
    counted: list[bool] = []
    gate = round(rules.gate_threshold * 100)
    open_gate = True
    for tally in tallies:
        level_score = tally.score()
        counted.append(open_gate)
        if open_gate:
            score += level_score
        if rules.gated and level_score < gate:
            open_gate = False
    return score, counted


@dataclass(slots=True)
class _Shortfall:
    """A criterion below fully met: where it sits and its current value in hundredths."""

    criterion_id: str
    item_index: int
    level: int
    grade: str | None
    value: int


class _State:
    """Integer tallies of one assessment; cheap to copy, change and re-score."""

    def __init__(
        self, questionnaire: Questionnaire, answers: AnswerFile, rules: ScoringRules
    ) -> None:
        self.rules = rules
        values = questionnaire.grade_values
        given = answers.answers
        self.grades: dict[str, str | None] = {}
        self.tallies: list[list[_LevelTally]] = []
        self.shortfalls: list[_Shortfall] = []
        for index, item in enumerate(questionnaire.items):
            item_tallies = []
            for level in item.levels:
                tally = _LevelTally()
                for criterion in level.criteria:
                    answer = given.get(criterion.id)
                    grade = None if answer is None else answer.grade
                    self.grades[criterion.id] = grade
                    if grade is None:
                        tally.applicable += 1
                        tally.unanswered += 1
                        value = 0
                    elif grade == NOT_APPLICABLE:
                        tally.not_applicable += 1
                        continue
                    else:
                        value = values[grade] or 0
                        tally.applicable += 1
                        tally.total += value
                    if value < FULL:
                        self.shortfalls.append(
                            _Shortfall(criterion.id, index, level.level, grade, value)
                        )
                item_tallies.append(tally)
            self.tallies.append(item_tallies)
        # Items whose every criterion is N/A leave their domain's mean; empty domains leave the overall.
        self.domain_of: list[int] = []
        self.domain_items: list[list[int]] = []
        for d_index, domain in enumerate(questionnaire.domains):
            members = []
            for _item in domain.items:
                index = len(self.domain_of)
                self.domain_of.append(d_index)
                if any(t.applicable for t in self.tallies[index]):
                    members.append(index)
            self.domain_items.append(members)
        self.item_scores = [_item_score(t, rules)[0] for t in self.tallies]

    def applicable_item(self, index: int) -> bool:
        return index in self.domain_items[self.domain_of[index]]

    def domain_score(self, d_index: int) -> int:
        members = self.domain_items[d_index]
        return (
            _mean_half_up(sum(self.item_scores[i] for i in members), len(members))
            if members
            else 0
        )

    def overall(self) -> int:
        scores = [
            self.domain_score(d)
            for d, members in enumerate(self.domain_items)
            if members
        ]
        return _mean_half_up(sum(scores), len(scores)) if scores else 0

    def weight(self, item_index: int) -> int:
        """How many item points make one overall point: items in the domain times counted domains."""
        counted_domains = sum(1 for members in self.domain_items if members)
        return len(self.domain_items[self.domain_of[item_index]]) * counted_domains

    def item_gain(self, shortfall: _Shortfall) -> int:
        """Item score gained, in hundredths, by raising one criterion to fully met."""
        tallies = self.tallies[shortfall.item_index]
        changed = list(tallies)
        old = tallies[shortfall.level - 1]
        changed[shortfall.level - 1] = _LevelTally(
            old.total + FULL - shortfall.value, old.applicable
        )
        return (
            _item_score(changed, self.rules)[0] - self.item_scores[shortfall.item_index]
        )

    def raise_to_full(self, shortfall: _Shortfall) -> None:
        tallies = self.tallies[shortfall.item_index]
        old = tallies[shortfall.level - 1]
        tallies[shortfall.level - 1] = _LevelTally(
            old.total + FULL - shortfall.value, old.applicable
        )
        self.item_scores[shortfall.item_index] = _item_score(tallies, self.rules)[0]

    def copy(self) -> _State:
        clone = object.__new__(_State)
        clone.rules = self.rules
        clone.grades = self.grades
        clone.shortfalls = self.shortfalls
        clone.domain_of = self.domain_of
        clone.domain_items = self.domain_items
        clone.tallies = [list(t) for t in self.tallies]
        clone.item_scores = list(self.item_scores)
        return clone


def score_assessment(
    questionnaire: Questionnaire,
    answers: AnswerFile,
    rules: ScoringRules | None = None,
    target_level: int | None = None,
) -> AssessmentResult:
    """Score one answer file. ``target_level`` defaults to the answer file's own target."""
    rules = rules or SCORING_RULES["published"]
    target = target_level or answers.target_level
    state = _State(questionnaire, answers, rules)
    overall = state.overall()
    items = questionnaire.items
    domain_ids = [d.id for d in questionnaire.domains]

    def gap(s: _Shortfall) -> GapItem:
        gain = state.item_gain(s)
        weight = state.weight(s.item_index)
        return GapItem.model_construct(
            criterion_id=s.criterion_id,
            item_id=items[s.item_index].id,
            domain_id=domain_ids[state.domain_of[s.item_index]],
            level=s.level,
            grade=s.grade,
            gain_item=_points(gain),
            gain_domain=round(
                gain / 100 / len(state.domain_items[state.domain_of[s.item_index]]), 4
            ),
            gain_overall=round(gain / 100 / weight, 4),
        )

    item_levels = [level_for_score(score) for score in state.item_scores]
    next_levels = [level + 1 if level < 5 else None for level in item_levels]
    relevant = [
        s
        for s in state.shortfalls
        if state.applicable_item(s.item_index)
        and s.level <= max(target, next_levels[s.item_index] or 0)
    ]
    all_gaps = _by_gain([gap(s) for s in relevant])
    by_item: dict[str, list[GapItem]] = {}
    for g in all_gaps:
        by_item.setdefault(g.item_id, []).append(g)
    gaps = [g for g in all_gaps if g.level <= target]

    item_results = [
        _item_result(
            state, index, item.id, next_levels[index], by_item.get(item.id, [])
        )
        for index, item in enumerate(items)
    ]
    domains = [
        DomainResult.model_construct(
            id=d.id,
            score=_points(state.domain_score(i)),
            level=level_for_score(state.domain_score(i)),
            item_ids=[item.id for item in d.items],
        )
        for i, d in enumerate(questionnaire.domains)
    ]
    return AssessmentResult.model_construct(
        edition=questionnaire.id,
        rules=rules,
        overall=OverallResult.model_construct(
            score=_points(overall), level=level_for_score(overall)
        ),
        domains=domains,
        items=item_results,
        completeness=_completeness(answers, state),
        gaps=gaps,
        roadmap=_roadmap(state, overall, target, gaps),
    )


def _by_gain(gaps: list[GapItem]) -> list[GapItem]:
    return sorted(
        gaps, key=lambda g: (-g.gain_overall, g.level, _id_key(g.criterion_id))
    )


def _id_key(dotted: str) -> tuple[int, ...]:
    return tuple(int(part) for part in dotted.split("."))


def _item_result(
    state: _State, index: int, item_id: str, next_level: int | None, gaps: list[GapItem]
) -> ItemResult:
    tallies = state.tallies[index]
    score, counted = _item_score(tallies, state.rules)
    return ItemResult.model_construct(
        id=item_id,
        domain_id=item_id.split(".")[0],
        score=_points(score),
        level=level_for_score(score),
        level_scores=[_points(t.score()) for t in tallies],
        levels=[
            LevelResult.model_construct(
                level=n,
                score=_points(t.score()),
                counted=c,
                applicable=t.applicable,
                not_applicable=t.not_applicable,
                unanswered=t.unanswered,
            )
            for n, t, c in zip(LEVELS, tallies, counted, strict=True)
        ],
        applicable=state.applicable_item(index),
        next_level=next_level,
        points_to_next=_points(max(0, (next_level or 0) * 100 - score)),
        blockers=[g for g in gaps if next_level and g.level <= next_level],
    )


def _completeness(answers: AnswerFile, state: _State) -> Completeness:
    unanswered = [c for c, g in state.grades.items() if g is None]
    na = [c for c, g in state.grades.items() if g == NOT_APPLICABLE]
    total = len(state.grades)
    review = [
        c
        for c, a in answers.answers.items()
        if a.marked_for_review and c in state.grades
    ]
    return Completeness.model_construct(
        total=total,
        answered=total - len(unanswered),
        unanswered=len(unanswered),
        not_applicable=len(na),
        percent=round(100 * (total - len(unanswered)) / total, 1) if total else 100.0,
        unanswered_ids=unanswered,
        not_applicable_ids=na,
        marked_for_review_ids=review,
    )


def _roadmap(state: _State, overall: int, target: int, gaps: list[GapItem]) -> Roadmap:
    """Phases by level, foundations first, most gain first within a phase.

    ``overall_after`` is the exact overall score once a phase and those before it are done.
    ``shortest_path`` greedily takes the criterion of largest gain, re-scoring its item after each
    step (gains interact under the gated rule), until the overall score reaches the target.
    """
    by_id = {s.criterion_id: s for s in state.shortfalls}
    after = state.copy()
    phases: list[RoadmapPhase] = []
    for level in range(1, target + 1):
        phase_gaps = [g for g in gaps if g.level == level]
        if not phase_gaps:
            continue
        for g in phase_gaps:
            after.raise_to_full(by_id[g.criterion_id])
        phases.append(
            RoadmapPhase.model_construct(
                phase=len(phases) + 1,
                level=level,
                gaps=phase_gaps,
                overall_after=_points(after.overall()),
            )
        )
    return Roadmap.model_construct(
        target_level=target,
        target_met=overall >= target * 100,
        points_to_target=_points(max(0, target * 100 - overall)),
        phases=phases,
        shortest_path=_shortest_path(
            state, target, [by_id[g.criterion_id] for g in gaps]
        ),
    )


def _shortest_path(
    state: _State, target: int, open_gaps: list[_Shortfall]
) -> list[str]:
    work = state.copy()
    remaining = list(open_gaps)
    path: list[str] = []
    while remaining and work.overall() < target * 100:
        best = max(
            remaining,
            key=lambda s: (
                work.item_gain(s) / work.weight(s.item_index),
                -s.level,
                [-p for p in _id_key(s.criterion_id)],
            ),
        )
        work.raise_to_full(best)
        remaining.remove(best)
        path.append(best.criterion_id)
    return path
