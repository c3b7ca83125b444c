"""Carrying an answer file over to a newer edition through a crosswalk, and what could not be carried."""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import Field

from dcmm.core.answers import FORMAT_VERSION_CONTENT, Answer, AnswerFile, Grade
from dcmm.core.base import StrictModel
from dcmm.core.editions.crosswalk import Crosswalk
from dcmm.core.errors import Problem, UserError
from dcmm.core.questionnaire import NOT_APPLICABLE, Questionnaire
from dcmm.core.scoring import AssessmentResult
from dcmm.core.text import Language, LocalizedText

# Written into the migration's account and the migrated notes, so they travel with the data in both languages.
NO_MATCHING_CRITERION = LocalizedText(
    zh="新版中没有提出相同要求的条款", en="no criterion of the newer edition asks the same"
)
NO_SUCCESSOR_ITEM = LocalizedText(zh="新版中没有承接该能力项的能力项", en="no item of the newer edition takes it over")
CROSSWALK_NOTE_LABEL = LocalizedText(zh="对照说明", en="crosswalk note")


class ItemCount(StrictModel):
    """How many answers of one item of the older edition were carried over."""

    item_id: str
    targets: list[str] = Field(description="items of the newer edition this item maps to")
    answered: int = Field(description="answers with a grade, a note or evidence")
    carried: int
    not_carried: int


class LeftBehind(StrictModel):
    """An answer that was not carried over, and the crosswalk's reason when it gives one."""

    criterion_id: str
    grade: str | None
    reason: str


class Migration(StrictModel):
    """The outcome of a migration: the new answer file and an account of what moved and what did not."""

    source_edition: str
    target_edition: str
    answer_file: AnswerFile
    items: list[ItemCount]
    carried: dict[str, list[str]] = Field(description="older criterion id to the newer criteria it filled")
    not_carried: list[LeftBehind]
    to_answer: list[str] = Field(description="criteria of the newer edition that received nothing")

    @property
    def answered(self) -> int:
        return sum(i.answered for i in self.items)

    def summary(self) -> dict[str, Any]:
        """The account as plain data (the migrate command's JSON output, without the answer file)."""
        quick = self.answer_file.quick_scan
        total = len(self.answer_file.answers) if quick is None else len(quick)
        return {
            "from": self.source_edition,
            "to": self.target_edition,
            "answered": self.answered,
            "carried": len(self.carried),
            "not_carried": len(self.not_carried),
            "unit": "criteria" if quick is None else "items",
            "target_total": total,
            "target_filled": total - len(self.to_answer),
            "target_to_answer": len(self.to_answer),
            "items": [i.model_dump() for i in self.items],
            "not_carried_ids": [c.model_dump() for c in self.not_carried],
            "carried_ids": self.carried,
            "to_answer_ids": self.to_answer,
        }


def has_content(answer: Answer) -> bool:
    """True when an answer says anything: a grade, a note, evidence, a review mark or a justification."""
    return bool(
        answer.grade is not None
        or answer.note.strip()
        or answer.evidence
        or answer.marked_for_review
        or (answer.justification or "").strip()
    )


def _combine(
    sources: list[tuple[str, Answer]],
    questionnaire: Questionnaire,
    source_edition: str,
    mapping_notes: list[str],
) -> Answer:
    """One answer for a newer criterion from the older answers mapped onto it.

    When several older criteria fill one newer criterion, the lowest grade is carried (a migration
    must not claim more than the evidence showed), and the answer is marked for review.
    """
    if len(sources) == 1 and not mapping_notes:  # the common case: one answer carried as it is
        source_id, answer = sources[0]
        tag = f"[{source_edition} {source_id}]"
        return answer.model_copy(
            update={
                "note": f"{tag} {answer.note.strip()}".rstrip(),
                "justification": f"{tag} {answer.justification}" if (answer.justification or "").strip() else None,
            }
        )
    values = questionnaire.grade_values
    graded = [a.grade for _, a in sources if a.grade not in (None, NOT_APPLICABLE)]
    if graded:
        grade: str | None = min(graded, key=lambda g: values[g] or 0)
    elif any(a.grade == NOT_APPLICABLE for _, a in sources):
        grade = NOT_APPLICABLE
    else:
        grade = None
    notes: list[str] = []
    evidence: list[str] = []
    justifications: list[str] = []
    for source_id, answer in sources:
        tag = f"[{source_edition} {source_id}]"
        notes.append(f"{tag} {answer.note.strip()}".rstrip())
        evidence.extend(e for e in answer.evidence if e not in evidence)
        if (answer.justification or "").strip():
            justifications.append(f"{tag} {answer.justification}")
    notes.extend(mapping_notes)
    return Answer(
        grade=None if grade is None else Grade(grade),
        note="\n".join(notes),
        evidence=evidence,
        marked_for_review=any(a.marked_for_review for _, a in sources) or len(sources) > 1 or bool(mapping_notes),
        justification="\n".join(justifications) if grade == NOT_APPLICABLE else None,
    )


def migrate_answers(
    answers: AnswerFile,
    source: Questionnaire,
    target: Questionnaire,
    crosswalk: Crosswalk,
    language: Language = "zh",
) -> Migration:
    """Carry every answer that maps; the input is not changed.

    The new file lists every criterion of the newer edition, those that received nothing left
    unanswered. A carried answer keeps its grade, evidence and justification; its note starts with
    the older edition and criterion it came from, and the crosswalk's note (in ``language``) is added
    where the match is not exact. Such answers, and any filled from several older ones, are marked
    for review.
    """
    if answers.edition != source.id or crosswalk.source_edition != source.id:
        raise UserError(
            [
                Problem(
                    "<answers>",
                    f"the answer file is for {answers.edition}, the crosswalk goes from {crosswalk.source_edition}",
                    field="edition",
                )
            ]
        )
    if crosswalk.target_edition != target.id:
        raise UserError([Problem("<crosswalk>", f"the crosswalk goes to {crosswalk.target_edition}, not {target.id}")])
    if answers.quick_scan is not None:
        return _migrate_quick_scan(answers, source, target, crosswalk, language)
    incoming: dict[str, list[tuple[str, Answer]]] = {}
    notes_for: dict[str, list[str]] = {}
    carried: dict[str, list[str]] = {}
    left: list[LeftBehind] = []
    counts: Counter[tuple[str, str]] = Counter()
    for criterion_id in source.criteria:
        answer = answers.answers.get(criterion_id)
        if answer is None or not has_content(answer):
            continue
        item_id = criterion_id.rsplit(".", 2)[0]
        counts[item_id, "answered"] += 1
        mapping = crosswalk.criterion_mapping.get(criterion_id)
        if mapping is None:
            counts[item_id, "not_carried"] += 1
            note = crosswalk.not_carried_notes.get(criterion_id)
            left.append(
                LeftBehind(
                    criterion_id=criterion_id,
                    grade=answer.grade,
                    reason=note.get(language) if note else no_match_reason(language),
                )
            )
            continue
        counts[item_id, "carried"] += 1
        carried[criterion_id] = list(mapping.target)
        for target_id in mapping.target:
            incoming.setdefault(target_id, []).append((criterion_id, answer))
            if mapping.note is not None:
                notes_for.setdefault(target_id, []).append(
                    f"{CROSSWALK_NOTE_LABEL.get(language)}: {mapping.note.get(language)}"
                )
    unanswered = Answer()  # frozen, so one instance can stand for every criterion left to answer
    new_answers = {
        target_id: _combine(incoming[target_id], source, source.id, notes_for.get(target_id, []))
        if target_id in incoming
        else unanswered
        for target_id in target.criteria
    }
    migrated = _in_edition(answers, target, answers=new_answers)
    return Migration(
        source_edition=source.id,
        target_edition=target.id,
        answer_file=AnswerFile.model_validate(migrated.model_dump(by_alias=True)),
        items=[
            ItemCount(
                item_id=item.id,
                targets=crosswalk.item_targets.get(item.id, []),
                answered=counts[item.id, "answered"],
                carried=counts[item.id, "carried"],
                not_carried=counts[item.id, "not_carried"],
            )
            for item in source.items
        ],
        carried=carried,
        not_carried=left,
        to_answer=[t for t in target.criteria if t not in incoming],
    )


def _migrate_quick_scan(
    answers: AnswerFile, source: Questionnaire, target: Questionnaire, crosswalk: Crosswalk, language: Language
) -> Migration:
    """A quick scan moves item by item: a newer item takes the lowest level chosen for the items mapped onto it."""
    chosen = answers.quick_scan or {}
    incoming: dict[str, list[int]] = {}
    carried: dict[str, list[str]] = {}
    left: list[LeftBehind] = []
    rows: list[ItemCount] = []
    for item in source.items:
        level = chosen.get(item.id)
        targets = crosswalk.item_targets.get(item.id, [])
        answered = int(level is not None)
        if level is not None and targets:
            carried[item.id] = list(targets)
            for target_id in targets:
                incoming.setdefault(target_id, []).append(level)
        elif level is not None:
            left.append(
                LeftBehind(
                    criterion_id=item.id,
                    grade=str(level),
                    reason=NO_SUCCESSOR_ITEM.get(language),
                )
            )
        rows.append(
            ItemCount(
                item_id=item.id,
                targets=targets,
                answered=answered,
                carried=answered if targets else 0,
                not_carried=0 if targets else answered,
            )
        )
    levels = {item.id: min(incoming[item.id]) if item.id in incoming else None for item in target.items}
    migrated = _in_edition(answers, target, quick_scan=levels)
    return Migration(
        source_edition=source.id,
        target_edition=target.id,
        answer_file=AnswerFile.model_validate(migrated.model_dump(by_alias=True)),
        items=rows,
        carried=carried,
        not_carried=left,
        to_answer=[item.id for item in target.items if item.id not in incoming],
    )


def no_match_reason(language: Language) -> str:
    """The reason given for an answer whose criterion has no counterpart and no note in the crosswalk."""
    return NO_MATCHING_CRITERION.get(language)


class EditionRow(StrictModel):
    """A domain of the newer edition next to the older domains whose items were mapped into it."""

    domain_id: str
    score: float
    level: int
    sources: list[tuple[str, float, int]] = Field(description="(older domain id, score, level) pairs")


class EditionComparison(StrictModel):
    """Two results of one organisation, one per edition, side by side."""

    source_edition: str
    target_edition: str
    source_overall: tuple[float, int]
    target_overall: tuple[float, int]
    source_completeness: float
    target_completeness: float
    rows: list[EditionRow]
    unplaced_sources: list[tuple[str, float, int]] = Field(
        description="older domains none of whose items has a successor"
    )


def compare_editions(
    source_result: AssessmentResult, target_result: AssessmentResult, crosswalk: Crosswalk
) -> EditionComparison:
    """Both editions' results side by side: overall, and each newer domain with the older domains feeding it."""
    older = {d.id: (d.score, d.level) for d in source_result.domains}
    placed: set[str] = set()
    rows = []
    for domain in target_result.domains:
        sources = [(d, *older[d]) for d in crosswalk.domain_sources(domain.id) if d in older]
        placed.update(s[0] for s in sources)
        rows.append(EditionRow(domain_id=domain.id, score=domain.score, level=domain.level, sources=sources))
    return EditionComparison(
        source_edition=source_result.edition,
        target_edition=target_result.edition,
        source_overall=(source_result.overall.score, source_result.overall.level),
        target_overall=(target_result.overall.score, target_result.overall.level),
        source_completeness=source_result.completeness.percent,
        target_completeness=target_result.completeness.percent,
        rows=rows,
        unplaced_sources=[(d, *older[d]) for d in older if d not in placed],
    )


def _in_edition(source: AnswerFile, target: Questionnaire, **content: Any) -> AnswerFile:
    """``source`` moved to ``target``: its edition and content version (format 1.3), no schema reference."""
    update = {"edition": target.id, "schema_": None, "content_version": target.meta.data_version}
    return source.model_copy(update={**update, "format_version": FORMAT_VERSION_CONTENT, **content})
