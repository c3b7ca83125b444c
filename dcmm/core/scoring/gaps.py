"""Gap analysis: which criteria hold an assessment back, what raising each would gain, and the roadmap to a target."""

from __future__ import annotations

import heapq
from functools import cached_property

from dcmm.core.questionnaire import Questionnaire
from dcmm.core.scoring.results import GapItem, Roadmap, RoadmapPhase
from dcmm.core.scoring.rules import level_for_score, points
from dcmm.core.scoring.tallies import Shortfall, Tallies


class GapAnalysis:
    """Gaps, blockers and roadmap of one scored assessment, worked out on first use."""

    def __init__(self, questionnaire: Questionnaire, state: Tallies, target: int) -> None:
        self.state = state
        self.target = target
        self.position = questionnaire.criterion_position
        self.item_ids = [item.id for item in questionnaire.items]
        self.domain_ids = [d.id for d in questionnaire.domains]
        self._by_item: dict[str, list[GapItem]] | None = None

    @cached_property
    def shortfalls(self) -> list[Shortfall]:
        return self.state.shortfalls()

    def _gap(self, s: Shortfall) -> GapItem:
        state = self.state
        gain = state.item_gain(s)
        domain_index = state.domain_of[s.item_index]
        return GapItem(
            criterion_id=s.criterion_id,
            item_id=self.item_ids[s.item_index],
            domain_id=self.domain_ids[domain_index],
            level=s.level,
            grade=None if s.grade is None else str(s.grade),
            gain_item=points(gain),
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
            phases.append(RoadmapPhase(len(phases) + 1, level, phase_gaps, points(after.overall())))
        return Roadmap(
            target_level=target,
            target_met=overall >= target * 100,
            points_to_target=points(max(0, target * 100 - overall)),
            phases=phases,
            shortest_path=shortest_path(state, target, [by_id[g.criterion_id] for g in gaps]),
        )


def shortest_path(state: Tallies, target: int, open_gaps: list[Shortfall]) -> list[str]:
    """Greedy by overall gain until the target is reached.

    Raising a criterion changes the gains of its own level only (of its whole item under the gated
    rule), so only that group is re-scored after each step.
    """
    work = state.copy()
    gated = state.rules.gated
    groups: dict[tuple[int, int], list[Shortfall]] = {}
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
