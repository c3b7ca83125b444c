"""Integer tallies of one assessment: per item and level, the sum of grades and the counts behind each mean."""

from __future__ import annotations

from dataclasses import dataclass

from dcmm.core.answers import AnswerFile
from dcmm.core.questionnaire import NOT_APPLICABLE, Questionnaire
from dcmm.core.scoring.rules import FULL, ScoringRules, mean_half_up


def level_mean(total: int, applicable: int) -> int:
    """A level's score in hundredths: the mean of its applicable grades, fully met when none is applicable."""
    return (2 * total + applicable) // (2 * applicable) if applicable else FULL


def item_score(totals: list[int], applicable: list[int], first: int, rules: ScoringRules) -> tuple[int, list[bool]]:
    """The item score in hundredths and which levels counted; the item's five slots start at ``first``."""
    score = 0
    counted: list[bool] = []
    gate = round(rules.gate_threshold * 100)
    open_gate = True
    for slot in range(first, first + 5):
        level_score = level_mean(totals[slot], applicable[slot])
        counted.append(open_gate)
        if open_gate:
            score += level_score
        if rules.gated and level_score < gate:
            open_gate = False
    return score, counted


@dataclass(slots=True)
class Shortfall:
    """A criterion below fully met: where it sits and its current value in hundredths."""

    criterion_id: str
    item_index: int
    level: int
    grade: str | None
    value: int
    position: int  # in clause order: breaks ties between equal gains, foundations first


class Tallies:
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
            item_score(self.totals, self.applicable, 5 * i, rules)[0] for i in range(len(self.domain_of))
        ]
        counted_domains = sum(1 for members in self.domain_items if members)
        # How many item points make one overall point: items counted in the domain times domains counted.
        self.weights = [len(self.domain_items[d]) * counted_domains for d in self.domain_of]

    def shortfalls(self) -> list[Shortfall]:
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
                found.append(Shortfall(criterion_id, slot // 5, slot % 5 + 1, grade, value, position))
        return found

    def applicable_item(self, index: int) -> bool:
        return index in self.domain_items[self.domain_of[index]]

    def level_score(self, slot: int) -> int:
        return level_mean(self.totals[slot], self.applicable[slot])

    def domain_score(self, d_index: int) -> int:
        members = self.domain_items[d_index]
        return mean_half_up(sum(self.item_scores[i] for i in members), len(members)) if members else 0

    def overall(self) -> int:
        scores = [self.domain_score(d) for d, members in enumerate(self.domain_items) if members]
        return mean_half_up(sum(scores), len(scores)) if scores else 0

    def item_gain(self, shortfall: Shortfall) -> int:
        """Item score gained, in hundredths, by raising one criterion to fully met."""
        slot = shortfall.item_index * 5 + shortfall.level - 1
        total, applicable = self.totals[slot], self.applicable[slot]
        if not self.rules.gated:  # levels add up independently: only this level's mean moves
            return level_mean(total + FULL - shortfall.value, applicable) - level_mean(total, applicable)
        self.totals[slot] += FULL - shortfall.value
        gained = item_score(self.totals, self.applicable, shortfall.item_index * 5, self.rules)[0]
        self.totals[slot] = total
        return gained - self.item_scores[shortfall.item_index]

    def raise_to_full(self, shortfall: Shortfall) -> None:
        index = shortfall.item_index
        slot = index * 5 + shortfall.level - 1
        if not self.rules.gated:  # only this level's mean moves
            before = self.level_score(slot)
            self.totals[slot] += FULL - shortfall.value
            self.item_scores[index] += self.level_score(slot) - before
            return
        self.totals[slot] += FULL - shortfall.value
        self.item_scores[index] = item_score(self.totals, self.applicable, index * 5, self.rules)[0]

    def copy(self) -> Tallies:
        clone = object.__new__(Tallies)
        clone.__dict__.update(self.__dict__)
        clone.totals = list(self.totals)
        clone.item_scores = list(self.item_scores)
        return clone
