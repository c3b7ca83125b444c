"""Two assessments of one organisation: what changed between them (across editions see comparison_editions)."""

from __future__ import annotations

from dcmm.assessments import ScoredFile
from dcmm.core.errors import Problem, UserError
from dcmm.core.text import Language
from dcmm.report.models import Comparison, GradeChange, ScoreChange, Snapshot
from dcmm.report.names import Namer


def _grade_value(scored: ScoredFile, criterion_id: str) -> float | None:
    """The grade's value; None when unanswered or not applicable."""
    grade = scored.answers.grade_of(criterion_id)
    return None if grade is None else scored.questionnaire.grade(grade).value


def snapshot(scored: ScoredFile, names: Namer) -> Snapshot:
    overall = scored.result.overall
    return Snapshot(
        assessed_on=scored.answers.assessed_on.isoformat() if scored.answers.assessed_on else "",
        score=overall.score,
        level=overall.level,
        level_name=names.level(overall.level),
    )


def compare_context(old: ScoredFile, new: ScoredFile, language: Language = "zh") -> Comparison:
    """What changed between two assessments of one organisation; two editions are compared through the
    crosswalk between them (UserError when there is none)."""
    if old.questionnaire.id != new.questionnaire.id:
        from dcmm.report.comparison_editions import compare_across_editions

        return compare_across_editions(old, new, language)
    return same_edition_context(old, new, language)


def same_edition_context(old: ScoredFile, new: ScoredFile, language: Language = "zh") -> Comparison:
    """What changed between two assessments of one organisation against the same edition."""
    q = new.questionnaire
    names = Namer(q, language)
    old_items = {i.id: i for i in old.result.items}
    old_domains = {d.id: d for d in old.result.domains}
    improved: list[GradeChange] = []
    regressed: list[GradeChange] = []
    for criterion_id in q.criteria:
        before, after = old.answers.grade_of(criterion_id), new.answers.grade_of(criterion_id)
        if before == after:
            continue
        row = GradeChange(
            id=criterion_id,
            item_name=names.item(criterion_id.rsplit(".", 2)[0]),
            text=names.criterion(criterion_id),
            before=names.grade(before),
            after=names.grade(after),
        )
        old_value, new_value = _grade_value(old, criterion_id), _grade_value(new, criterion_id)
        # A change to or from not applicable is listed with the regressions only when the value fell.
        if (new_value or 0) > (old_value or 0):
            improved.append(row)
        elif (new_value or 0) < (old_value or 0) or after is None:
            regressed.append(row)
    return Comparison(
        old=snapshot(old, names),
        new=snapshot(new, names),
        overall_delta=round(new.result.overall.score - old.result.overall.score, 2),
        domains=[
            ScoreChange(
                id=d.id,
                name=names.domain(d.id),
                before=old_domains[d.id].score,
                after=d.score,
                delta=round(d.score - old_domains[d.id].score, 2),
                level_before=old_domains[d.id].level,
                level_after=d.level,
            )
            for d in new.result.domains
        ],
        items=[
            ScoreChange(
                id=i.id,
                name=names.item(i.id),
                before=old_items[i.id].score,
                after=i.score,
                delta=round(i.score - old_items[i.id].score, 2),
                level_before=old_items[i.id].level,
                level_after=i.level,
            )
            for i in new.result.items
        ],
        improved=improved,
        regressed=regressed,
    )


def check_comparable(old: ScoredFile, new: ScoredFile) -> list[Problem]:
    """Why two assessments cannot be compared: two organisations (by credit code), or two editions without a
    crosswalk from the older to the newer; empty when they can be."""
    a, b = old.answers.organisation, new.answers.organisation
    if a.credit_code and b.credit_code and a.credit_code != b.credit_code:
        message = (
            f"is of another organisation than {old.path} (credit code {b.credit_code}, not {a.credit_code}): "
            "compare two assessments of one organisation"
        )
        return [Problem(str(new.path), message, field="organisation.credit_code")]
    if old.questionnaire.id != new.questionnaire.id:
        from dcmm.report.comparison_editions import crosswalk_between

        try:
            crosswalk_between(old, new)
        except UserError as exc:
            return list(exc.problems)
    return []


def same_organisation(old: ScoredFile, new: ScoredFile) -> bool:
    a, b = old.answers.organisation, new.answers.organisation
    if a.credit_code and b.credit_code:
        return a.credit_code == b.credit_code
    return a.name == b.name
