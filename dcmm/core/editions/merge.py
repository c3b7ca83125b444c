"""Combining the answer files of several respondents of one organisation into one, with their disagreements.

Per criterion, the rule (min, mean or median) is applied to the numeric grades of the respondents
who graded it; not applicable counts only when every respondent who answered says so, and
unanswered is ignored. The computed value is then snapped to the nearest grade at or below it
(mean of fully met and partly met = 0.75 gives mostly met, 0.7), so a merge never claims more than
the rule computed. A conflict is a criterion where two respondents are two or more steps apart on
the four-step scale (fully met, mostly met, partly met, not met), or where some say not applicable
and others grade it; conflicts are marked for review in the merged file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from dcmm.core.answers import Answer, AnswerFile, Assessor, Grade, Organisation
from dcmm.core.base import StrictModel
from dcmm.core.errors import Problem, UserError
from dcmm.core.plan import Assignment, Plan, PlanCoverage, plan_coverage
from dcmm.core.prerequisites import PrerequisiteAnswers
from dcmm.core.questionnaire import NOT_APPLICABLE, Questionnaire

MergeRule = Literal["min", "mean", "median"]
CONFLICT_STEPS = 2
RESPONDENTS_JOINED = "、"  # between the respondents of a merged answer that several gave


@dataclass(frozen=True)
class Respondent:
    """One respondent's answer file and the label their notes and evidence are prefixed with."""

    label: str
    file: str
    answers: AnswerFile


class Conflict(StrictModel):
    """A criterion (or, in a quick scan, an item) on which respondents disagree."""

    id: str
    kind: Literal["spread", "not_applicable"]
    steps: int
    merged: str | None
    grades: dict[str, str | None]


class MergeOutcome(StrictModel):
    """The merged answer file, the disagreements the rule has smoothed over and, by a plan, what is still missing."""

    rule: MergeRule
    respondents: list[str]
    answer_file: AnswerFile
    conflicts: list[Conflict]
    coverage: PlanCoverage | None = None

    def conflict_report(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "respondents": self.respondents,
            "edition": self.answer_file.edition,
            "organisation": self.answer_file.organisation.name,
            "conflicts": [c.model_dump() for c in self.conflicts],
            **({"coverage": self.coverage.model_dump()} if self.coverage else {}),
        }


def respondent_label(answers: AnswerFile, file: str) -> str:
    """The respondent who gave every answer of the file (a department's workbook), else the first assessor's name,
    else the file name."""
    given = {answer.respondent for answer in answers.answers.values() if answer.respondent}
    if len(given) == 1:
        return given.pop()
    return answers.assessors[0].name if answers.assessors else file


def check_same_assessment(respondents: Sequence[Respondent]) -> None:
    """All files must be for one edition and one organisation (credit code, else name); UserError naming files."""
    if len(respondents) < 2:
        raise UserError([Problem("<merge>", "merging needs at least two answer files")])
    first = respondents[0]
    problems: list[Problem] = []
    for other in respondents[1:]:
        if other.answers.edition != first.answers.edition:
            problems.append(
                Problem(
                    other.file,
                    f"edition {other.answers.edition} differs from {first.answers.edition} in {first.file}; "
                    "migrate it first (dcmm migrate)",
                    field="edition",
                )
            )
        if (other.answers.quick_scan is None) != (first.answers.quick_scan is None):
            problems.append(
                Problem(other.file, f"a quick scan and a full assessment cannot be merged (see {first.file})")
            )
        a, b = first.answers.organisation, other.answers.organisation
        same = a.credit_code == b.credit_code if a.credit_code and b.credit_code else a.name.strip() == b.name.strip()
        if not same:
            problems.append(
                Problem(
                    other.file,
                    f"organisation {b.name} ({b.credit_code or 'no credit code'}) is not {a.name} "
                    f"({a.credit_code or 'no credit code'}) of {first.file}",
                    field="organisation",
                )
            )
    if problems:
        raise UserError(problems)


def _snap_down(numerator: int, denominator: int, values: dict[str, int]) -> str:
    """The grade with the highest value at or below numerator/denominator (exact integers, no float)."""
    fitting = [(v, g) for g, v in values.items() if v * denominator <= numerator]
    return max(fitting)[1]


def apply_rule(rule: MergeRule, grades: Sequence[str], values: dict[str, int]) -> str:
    """The merged grade of several numeric grades (see the module docstring)."""
    numbers = sorted(values[g] for g in grades)
    if rule == "min":
        return _snap_down(numbers[0], 1, values)
    if rule == "mean":
        return _snap_down(sum(numbers), len(numbers), values)
    middle = len(numbers) // 2
    if len(numbers) % 2:
        return _snap_down(numbers[middle], 1, values)
    return _snap_down(numbers[middle - 1] + numbers[middle], 2, values)


def _steps(grades: Sequence[str], order: list[str]) -> int:
    positions = [order.index(g) for g in grades]
    return max(positions) - min(positions)


def _merge_answer(
    criterion_id: str,
    given: list[tuple[str, Answer]],
    rule: MergeRule,
    values: dict[str, int],
    order: list[str],
) -> tuple[Answer, Conflict | None]:
    graded = [(label, a.grade) for label, a in given if a.grade not in (None, NOT_APPLICABLE)]
    said_na = [label for label, a in given if a.grade == NOT_APPLICABLE]
    grade: str | None
    if graded:
        grade = apply_rule(rule, [g for _, g in graded if g], values)
    elif said_na:
        grade = NOT_APPLICABLE
    else:
        grade = None
    conflict = None
    steps = _steps([g for _, g in graded if g], order) if graded else 0
    if steps >= CONFLICT_STEPS or (graded and said_na):
        conflict = Conflict(
            id=criterion_id,
            kind="spread" if steps >= CONFLICT_STEPS else "not_applicable",
            steps=steps,
            merged=grade,
            grades={label: a.grade for label, a in given if a.grade is not None},
        )
    notes = [f"[{label}] {a.note.strip()}" for label, a in given if a.note.strip()]
    if conflict is not None:
        spread = ", ".join(f"{label}: {g}" for label, g in conflict.grades.items())
        notes.append(f"[merge {rule}] respondents differ: {spread}")
    evidence = [f"[{label}] {e}" for label, a in given for e in a.evidence]
    justifications = [
        f"[{label}] {(a.justification or '').strip()}" for label, a in given if (a.justification or "").strip()
    ]
    if grade != NOT_APPLICABLE:  # a respondent's reason for not applicable stays, in the note
        notes += [f"{reason} (why not applicable)" for reason in justifications]
    answered = [a.respondent or label for label, a in given if a.grade is not None]
    answer = Answer(
        grade=None if grade is None else Grade(grade),
        note="\n".join(notes),
        evidence=evidence,
        marked_for_review=conflict is not None or any(a.marked_for_review for _, a in given),
        justification="\n".join(justifications) if grade == NOT_APPLICABLE else None,
        respondent=RESPONDENTS_JOINED.join(dict.fromkeys(answered)) or None,
    )
    return answer, conflict


def _merge_levels(
    item_id: str, given: list[tuple[str, int | None]], rule: MergeRule
) -> tuple[int | None, Conflict | None]:
    levels = sorted(level for _, level in given if level is not None)
    if not levels:
        return None, None
    if rule == "min":
        merged = levels[0]
    elif rule == "mean":
        merged = sum(levels) // len(levels)
    else:
        middle = len(levels) // 2
        merged = levels[middle] if len(levels) % 2 else (levels[middle - 1] + levels[middle]) // 2
    conflict = None
    if levels[-1] - levels[0] >= CONFLICT_STEPS:
        conflict = Conflict(
            id=item_id,
            kind="spread",
            steps=levels[-1] - levels[0],
            merged=str(merged),
            grades={label: str(level) for label, level in given if level is not None},
        )
    return merged, conflict


def _merged_organisation(respondents: Sequence[Respondent]) -> Organisation:
    """The first file's organisation, with fields it leaves empty taken from the others."""
    data = respondents[0].answers.organisation.model_dump()
    for other in respondents[1:]:
        for key, value in other.answers.organisation.model_dump().items():
            if data.get(key) in (None, "") and value not in (None, ""):
                data[key] = value
    return Organisation.model_validate(data)


def _merged_prerequisites(respondents: Sequence[Respondent]) -> PrerequisiteAnswers | None:
    """The prerequisites section of the first file that states each field (the lead department's, as a rule)."""
    stated = [r.answers.prerequisites for r in respondents if r.answers.prerequisites is not None]
    if not stated:
        return None
    data: dict[str, object] = {}
    for section in stated:
        for key, value in section.model_dump(exclude_defaults=True).items():
            data.setdefault(key, value)
    return PrerequisiteAnswers.model_validate(data)


def _merged_assessors(respondents: Sequence[Respondent]) -> list[Assessor]:
    merged: list[Assessor] = []
    for respondent in respondents:
        for assessor in respondent.answers.assessors:
            if assessor not in merged:
                merged.append(assessor)
    return merged


def unique_labels(respondents: Sequence[Respondent]) -> list[Respondent]:
    """Respondents whose labels collide get the file name added, so every prefix names one respondent."""
    counts: dict[str, int] = {}
    for r in respondents:
        counts[r.label] = counts.get(r.label, 0) + 1
    return [r if counts[r.label] == 1 else Respondent(f"{r.label} ({r.file})", r.file, r.answers) for r in respondents]


def merge_answers(
    respondents: Sequence[Respondent], questionnaire: Questionnaire, rule: MergeRule, plan: Plan | None = None
) -> MergeOutcome:
    """Merge several respondents' files of one organisation and edition (see the module docstring).

    The merged file takes the first file's organisation and prerequisites (gaps filled from the others), every
    assessor once, the latest assessment date and the highest target level; each answer keeps who gave
    it, and the file the respondents section of ``plan`` (else those of the files). With a plan, the
    outcome says which criteria each respondent has not answered yet, and which nobody is assigned.
    """
    check_same_assessment(respondents)
    respondents = unique_labels(respondents)
    values = {g: v for g, v in questionnaire.grade_values.items() if v is not None}
    order = sorted(values, key=lambda g: -values[g])
    conflicts: list[Conflict] = []
    merged_answers: dict[str, Answer] = {}
    quick_scan: dict[str, int | None] | None = None
    if respondents[0].answers.quick_scan is not None:
        quick_scan = {}
        for item in questionnaire.items:
            level, conflict = _merge_levels(
                item.id, [(r.label, (r.answers.quick_scan or {}).get(item.id)) for r in respondents], rule
            )
            quick_scan[item.id] = level
            if conflict:
                conflicts.append(conflict)
    else:
        for criterion_id in questionnaire.criteria:
            given = [
                (r.label, r.answers.answers[criterion_id]) for r in respondents if criterion_id in r.answers.answers
            ]
            answer, conflict = _merge_answer(criterion_id, given, rule, values, order)
            merged_answers[criterion_id] = answer
            if conflict:
                conflicts.append(conflict)
    dates = [r.answers.assessed_on for r in respondents if r.answers.assessed_on]
    merged = AnswerFile(
        edition=questionnaire.id,
        organisation=_merged_organisation(respondents),
        assessors=_merged_assessors(respondents),
        assessed_on=max(dates) if dates else None,
        target_level=max(r.answers.target_level for r in respondents),
        respondents=plan.respondents if plan else _merged_respondents(respondents),
        prerequisites=_merged_prerequisites(respondents),
        answers=merged_answers,
        quick_scan=quick_scan,
    )
    coverage = None
    if plan is not None:
        graded = {criterion for criterion, answer in merged_answers.items() if answer.grade is not None}
        coverage = plan_coverage(plan, questionnaire, graded)
    labels = [r.label for r in respondents]
    return MergeOutcome(rule=rule, respondents=labels, answer_file=merged, conflicts=conflicts, coverage=coverage)


def _merged_respondents(respondents: Sequence[Respondent]) -> list[Assignment] | None:
    """The respondents sections of the files, each respondent once (the first file naming it wins)."""
    merged: dict[str, Assignment] = {}
    for respondent in respondents:
        for assignment in respondent.answers.respondents or []:
            merged.setdefault(assignment.respondent, assignment)
    return list(merged.values()) or None
