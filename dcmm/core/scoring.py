"""Scoring: from a questionnaire and an answer file to levels, gaps and a roadmap.

The arithmetic is exact: grade values are held in hundredths and every mean is rounded half
up to two decimals, as the published method reports every score with two decimals.

Results are plain slotted dataclasses (cheap to build for thousands of files). The gap analysis
(``gaps``, ``roadmap``, ``ItemResult.blockers``) is computed on first use and then kept, so a
portfolio that only needs scores does not pay for it.
"""

from __future__ import annotations

import dataclasses
import heapq
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from pydantic import Field

from dcmm.core.answers import AnswerFile
from dcmm.core.questionnaire import NOT_APPLICABLE, Questionnaire
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


def _mean_half_up(total: int, count: int) -> int:
    """``total / count`` rounded half up, for non-negative integers."""
    return (2 * total + count) // (2 * count)


def level_for_score(hundredths: int) -> int:
    """Level N when the score is at least N; level 1 below 2."""
    return max(1, min(5, hundredths // 100))


def _points(hundredths: int) -> float:
    return hundredths / 100


# Results ---------------------------------------------------------------------------------------


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

    def __init__(self, analysis: _Analysis, index: int, id: str, score: int, applicable: bool) -> None:
        self._analysis = analysis
        self._index = index
        self.id = id
        self.domain_id = id.split(".")[0]
        self.score = _points(score)
        self.level = level_for_score(score)
        self.applicable = applicable  # false when every criterion is not applicable

    @property
    def levels(self) -> list[LevelResult]:
        state = self._analysis.state
        first = 5 * self._index
        counted = _item_score(state.totals, state.applicable, first, state.rules)[1]
        return [
            LevelResult(
                slot - first + 1,
                _points(state.level_score(slot)),
                counted[slot - first],
                state.applicable[slot],
                state.not_applicable[slot],
                state.unanswered[slot],
            )
            for slot in range(first, first + 5)
        ]

    @property
    def level_scores(self) -> list[float]:
        return [_points(self._analysis.state.level_score(slot)) for slot in range(5 * self._index, 5 * self._index + 5)]

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
        analysis: _Analysis,
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


# Tallies ---------------------------------------------------------------------------------------


def _level_score(total: int, applicable: int) -> int:
    return (2 * total + applicable) // (2 * applicable) if applicable else FULL


def _item_score(totals: list[int], applicable: list[int], first: int, rules: ScoringRules) -> tuple[int, list[bool]]:
    """The item score in hundredths and which levels counted; the item's five slots start at ``first``."""
    score = 0
    counted: list[bool] = []
    gate = round(rules.gate_threshold * 100)
    open_gate = True
    for slot in range(first, first + 5):
        level_score = _level_score(totals[slot], applicable[slot])
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
    position: int  # in clause order: breaks ties between equal gains, foundations first


class _State:
    """Integer tallies of one assessment, one slot per item and level; cheap to copy, change and re-score."""

    def __init__(self, questionnaire: Questionnaire, answers: AnswerFile, rules: ScoringRules) -> None:
        self.rules = rules
        values = questionnaire.grade_values
        given = answers.answers
        slots = 5 * len(questionnaire.items)
        # Locals, not attributes, in this loop: it runs for every criterion of every file scored.
        totals = [0] * slots  # sum of applicable grades, in hundredths
        applicable = [0] * slots
        not_applicable = [0] * slots
        unanswered = [0] * slots
        grades: list[str | None] = []  # aligned with questionnaire.criterion_slots
        remember = grades.append
        for criterion_id, slot in questionnaire.criterion_slots:
            answer = given.get(criterion_id)
            grade = None if answer is None else answer.grade
            remember(grade)
            if grade is None:
                applicable[slot] += 1
                unanswered[slot] += 1
            elif grade == NOT_APPLICABLE:
                not_applicable[slot] += 1
            else:
                applicable[slot] += 1
                totals[slot] += values[grade] or 0
        self.totals, self.applicable, self.not_applicable, self.unanswered = (
            totals,
            applicable,
            not_applicable,
            unanswered,
        )
        self.grades = grades
        self.questionnaire = questionnaire
        # Items whose every criterion is N/A leave their domain's mean; empty domains leave the overall.
        self.domain_of: list[int] = []
        self.domain_items: list[list[int]] = []
        for d_index, domain in enumerate(questionnaire.domains):
            members = []
            for _item in domain.items:
                index = len(self.domain_of)
                self.domain_of.append(d_index)
                if any(self.applicable[index * 5 : index * 5 + 5]):
                    members.append(index)
            self.domain_items.append(members)
        self.item_scores = [
            _item_score(self.totals, self.applicable, 5 * i, rules)[0] for i in range(len(self.domain_of))
        ]
        counted_domains = sum(1 for members in self.domain_items if members)
        # How many item points make one overall point: items counted in the domain times domains counted.
        self.weights = [len(self.domain_items[d]) * counted_domains for d in self.domain_of]

    def shortfalls(self) -> list[_Shortfall]:
        """Criteria below fully met, unanswered included, not applicable excluded."""
        values = self.questionnaire.grade_values
        found = []
        for position, ((criterion_id, slot), grade) in enumerate(
            zip(self.questionnaire.criterion_slots, self.grades, strict=True)
        ):
            if grade == NOT_APPLICABLE:
                continue
            value = 0 if grade is None else values[grade] or 0
            if value < FULL:
                found.append(_Shortfall(criterion_id, slot // 5, slot % 5 + 1, grade, value, position))
        return found

    def applicable_item(self, index: int) -> bool:
        return index in self.domain_items[self.domain_of[index]]

    def level_score(self, slot: int) -> int:
        return _level_score(self.totals[slot], self.applicable[slot])

    def domain_score(self, d_index: int) -> int:
        members = self.domain_items[d_index]
        return _mean_half_up(sum(self.item_scores[i] for i in members), len(members)) if members else 0

    def overall(self) -> int:
        scores = [self.domain_score(d) for d, members in enumerate(self.domain_items) if members]
        return _mean_half_up(sum(scores), len(scores)) if scores else 0

    def item_gain(self, shortfall: _Shortfall) -> int:
        """Item score gained, in hundredths, by raising one criterion to fully met."""
        slot = shortfall.item_index * 5 + shortfall.level - 1
        total, applicable = self.totals[slot], self.applicable[slot]
        if not self.rules.gated:  # levels add up independently: only this level's mean moves
            return _level_score(total + FULL - shortfall.value, applicable) - _level_score(total, applicable)
        self.totals[slot] += FULL - shortfall.value
        gained = _item_score(self.totals, self.applicable, shortfall.item_index * 5, self.rules)[0]
        self.totals[slot] = total
        return gained - self.item_scores[shortfall.item_index]

    def raise_to_full(self, shortfall: _Shortfall) -> None:
        index = shortfall.item_index
        slot = index * 5 + shortfall.level - 1
        if not self.rules.gated:  # only this level's mean moves
            before = self.level_score(slot)
            self.totals[slot] += FULL - shortfall.value
            self.item_scores[index] += self.level_score(slot) - before
            return
        self.totals[slot] += FULL - shortfall.value
        self.item_scores[index] = _item_score(self.totals, self.applicable, index * 5, self.rules)[0]

    def copy(self) -> _State:
        clone = object.__new__(_State)
        clone.__dict__.update(self.__dict__)
        clone.totals = list(self.totals)
        clone.item_scores = list(self.item_scores)
        return clone


# Gap analysis ----------------------------------------------------------------------------------


class _Analysis:
    """Gaps, blockers and roadmap of one scored assessment, worked out on first use."""

    def __init__(self, questionnaire: Questionnaire, state: _State, target: int) -> None:
        self.state = state
        self.target = target
        self.position = questionnaire.criterion_position
        self.item_ids = [item.id for item in questionnaire.items]
        self.domain_ids = [d.id for d in questionnaire.domains]
        self._by_item: dict[str, list[GapItem]] | None = None

    @cached_property
    def shortfalls(self) -> list[_Shortfall]:
        return self.state.shortfalls()

    def _gap(self, s: _Shortfall) -> GapItem:
        state = self.state
        gain = state.item_gain(s)
        domain_index = state.domain_of[s.item_index]
        return GapItem(
            criterion_id=s.criterion_id,
            item_id=self.item_ids[s.item_index],
            domain_id=self.domain_ids[domain_index],
            level=s.level,
            grade=None if s.grade is None else str(s.grade),
            gain_item=_points(gain),
            gain_domain=round(gain / 100 / len(state.domain_items[domain_index]), 4),
            gain_overall=round(gain / 100 / state.weights[s.item_index], 4),
        )

    def _gaps_by_item(self) -> dict[str, list[GapItem]]:
        """Per item, the gaps up to the higher of the target and the item's next level."""
        if self._by_item is None:
            state = self.state
            top = [max(self.target, min(5, level_for_score(score) + 1)) for score in state.item_scores]
            gaps = self.by_gain(
                [
                    self._gap(s)
                    for s in self.shortfalls
                    if s.level <= top[s.item_index] and state.applicable_item(s.item_index)
                ]
            )
            self._by_item = {}
            for g in gaps:
                self._by_item.setdefault(g.item_id, []).append(g)
        return self._by_item

    def item_gaps(self, item_id: str) -> list[GapItem]:
        return self._gaps_by_item().get(item_id, [])

    def target_gaps(self) -> list[GapItem]:
        return self.by_gain([g for gaps in self._gaps_by_item().values() for g in gaps if g.level <= self.target])

    def by_gain(self, gaps: list[GapItem]) -> list[GapItem]:
        """Most overall gain first; among equals the lower level, then clause order."""
        position = self.position
        return sorted(gaps, key=lambda g: (-g.gain_overall, g.level, position[g.criterion_id]))

    def roadmap(self, gaps: list[GapItem]) -> Roadmap:
        """Phases by level, foundations first, most gain first within a phase.

        ``overall_after`` is the exact overall score once a phase and those before it are done.
        """
        state, target = self.state, self.target
        overall = state.overall()
        by_id = {s.criterion_id: s for s in self.shortfalls}
        after = state.copy()
        phases: list[RoadmapPhase] = []
        for level in range(1, target + 1):
            phase_gaps = [g for g in gaps if g.level == level]
            if not phase_gaps:
                continue
            for g in phase_gaps:
                after.raise_to_full(by_id[g.criterion_id])
            phases.append(RoadmapPhase(len(phases) + 1, level, phase_gaps, _points(after.overall())))
        return Roadmap(
            target_level=target,
            target_met=overall >= target * 100,
            points_to_target=_points(max(0, target * 100 - overall)),
            phases=phases,
            shortest_path=_shortest_path(state, target, [by_id[g.criterion_id] for g in gaps]),
        )


def _shortest_path(state: _State, target: int, open_gaps: list[_Shortfall]) -> list[str]:
    """Greedy by overall gain until the target is reached.

    Raising a criterion changes the gains of its own level only (of its whole item under the gated
    rule), so only that group is re-scored after each step.
    """
    work = state.copy()
    gated = state.rules.gated
    groups: dict[tuple[int, int], list[_Shortfall]] = {}
    for s in open_gaps:
        groups.setdefault((s.item_index, 0 if gated else s.level), []).append(s)
    version = dict.fromkeys(groups, 0)
    taken: set[str] = set()
    heap: list[tuple[float, int, int, int, tuple[int, int], int]] = []

    def push(group: tuple[int, int]) -> None:
        for n, s in enumerate(groups[group]):
            if s.criterion_id not in taken:
                ratio = work.item_gain(s) / work.weights[s.item_index]
                heapq.heappush(heap, (-ratio, s.level, s.position, version[group], group, n))

    for group in groups:
        push(group)
    path: list[str] = []
    while heap and work.overall() < target * 100:
        *_, seen, group, n = heapq.heappop(heap)
        if seen != version[group]:
            continue
        best = groups[group][n]
        work.raise_to_full(best)
        taken.add(best.criterion_id)
        path.append(best.criterion_id)
        version[group] += 1
        push(group)
    return path


# Entry point -----------------------------------------------------------------------------------


def score_assessment(
    questionnaire: Questionnaire,
    answers: AnswerFile,
    rules: ScoringRules | None = None,
    target_level: int | None = None,
) -> AssessmentResult:
    """Score one answer file. ``target_level`` defaults to the answer file's own target."""
    rules = rules or SCORING_RULES["published"]
    state = _State(questionnaire, answers, rules)
    analysis = _Analysis(questionnaire, state, target_level or answers.target_level)
    overall = state.overall()
    items = [
        ItemResult(analysis, index, item.id, state.item_scores[index], state.applicable_item(index))
        for index, item in enumerate(questionnaire.items)
    ]
    domains = []
    for index, domain in enumerate(questionnaire.domains):
        score = state.domain_score(index)
        domains.append(DomainResult(domain.id, _points(score), level_for_score(score), [i.id for i in domain.items]))
    return AssessmentResult(
        analysis,
        edition=questionnaire.id,
        rules=rules,
        overall=OverallResult(_points(overall), level_for_score(overall)),
        domains=domains,
        items=items,
        completeness=_completeness(answers, state),
    )


def _completeness(answers: AnswerFile, state: _State) -> Completeness:
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
