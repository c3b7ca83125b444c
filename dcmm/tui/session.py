"""The assessment being edited: answers, cursor and organisation, written to disk on every change.

The answer file stays a plain dcmm answer file that ``dcmm score`` reads (format 1.1 once a
respondent answers). The place
where the assessor stopped lives in a small sidecar file next to it (``<file>.cursor``), which
does not end in ``.json`` so that scoring a folder never mistakes it for an answer file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dcmm.core.answers import Answer, AnswerFile, Assessor, Organisation, answer_file_json, blank_answer_file
from dcmm.core.plan import Assignment, Plan
from dcmm.core.questionnaire import NOT_APPLICABLE, Criterion, Domain, GradeId, Item, Questionnaire
from dcmm.core.quickscan import (
    QuickScanEstimate,
    QuickScanQuestion,
    blank_quick_scan_file,
    estimate_quick_scan,
    quick_scan_questions,
)
from dcmm.core.scoring import AssessmentResult, score_assessment
from dcmm.core.text import LANGUAGES, Language
from dcmm.files import Problem, UserError, read_answer_file, write_atomically

CURSOR_SUFFIX = ".cursor"


@dataclass(frozen=True)
class NewAssessment:
    """What the new-assessment form collects."""

    path: Path
    edition: str
    organisation: Organisation
    target_level: int
    assessors: list[Assessor] = field(default_factory=list)  # who answered, as the report names them


@dataclass(frozen=True)
class Cursor:
    """Where the assessor stopped, and the interface language they used."""

    criterion_id: str | None = None
    language: Language | None = None


def cursor_path(path: Path) -> Path:
    return path.with_name(path.name + CURSOR_SUFFIX)


def read_cursor(path: Path) -> Cursor:
    """The saved cursor of an answer file; an unreadable or absent sidecar is just no cursor."""
    try:
        data = json.loads(cursor_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Cursor()
    if not isinstance(data, dict):
        return Cursor()
    criterion = data.get("criterion")
    language = data.get("language")
    return Cursor(
        criterion if isinstance(criterion, str) else None,
        language if language in LANGUAGES else None,
    )


class AssessmentSession:
    """An answer file open for editing. Every change is saved before the method returns."""

    def __init__(self, path: Path, questionnaire: Questionnaire, answer_file: AnswerFile, cursor: Cursor) -> None:
        self.path = path
        self.questionnaire = questionnaire
        self._header = answer_file
        self._answers: dict[str, Answer] = dict(answer_file.answers)
        self.order: list[str] = list(questionnaire.criteria)  # the criteria shown: all, or a respondent's part
        self._position = {criterion_id: index for index, criterion_id in enumerate(self.order)}
        self._file_order = dict(self._position)
        self.respondent: str | None = None
        self._item_of = {c.id: item for item in questionnaire.items for c in item.criteria}
        start = cursor.criterion_id if cursor.criterion_id in self._position else None
        self.criterion_id: str = start or self.next_unanswered(None) or self.order[0]
        self.language: Language = cursor.language or "zh"

    def restrict_to(self, assignment: Assignment) -> None:
        """Show only the domains and items of one respondent (a plan's assignment), and record that respondent
        on every answer given; the other answers stay in the file as they are. The file's respondents section
        gains the assignment when it lacks it."""
        part = set(Plan(edition=self.questionnaire.id, respondents=[assignment]).criteria_for(
            assignment.respondent, self.questionnaire))  # fmt: skip
        self.order = [criterion for criterion in self.order if criterion in part]
        self._position = {criterion_id: index for index, criterion_id in enumerate(self.order)}
        self.respondent = assignment.respondent
        known = self._header.respondents or []
        if all(a.respondent != assignment.respondent for a in known):
            self._header = self._header.model_copy(update={"respondents": [*known, assignment]})
        if self.criterion_id not in self._position:
            self.criterion_id = self.next_unanswered(None) or self.order[0]

    @property
    def items(self) -> list[Item]:
        """The items shown, in questionnaire order."""
        return [item for item in self.questionnaire.items if any(c.id in self._position for c in item.criteria)]

    @property
    def domains(self) -> list[tuple[Domain, list[Item]]]:
        """The domains shown, each with its items shown."""
        shown = {item.id for item in self.items}
        found = [(domain, [item for item in domain.items if item.id in shown]) for domain in self.questionnaire.domains]
        return [(domain, items) for domain, items in found if items]

    # opening and creating ------------------------------------------------------------------------

    @classmethod
    def create(cls, new: NewAssessment, questionnaire: Questionnaire, language: Language) -> AssessmentSession:
        """Start a new answer file with every criterion present and unanswered, and save it."""
        answer_file = _new_answer_file(new, blank_answer_file(questionnaire))
        session = cls(new.path, questionnaire, answer_file, Cursor(None, language))
        session.save()
        session.save_cursor()
        return session

    # reading -----------------------------------------------------------------------------------

    @property
    def organisation(self) -> Organisation:
        return self._header.organisation

    @property
    def target_level(self) -> int:
        return self._header.target_level

    def answer(self, criterion_id: str) -> Answer:
        return self._answers.get(criterion_id) or Answer()

    def criterion(self, criterion_id: str) -> Criterion:
        return self.questionnaire.criteria[criterion_id]

    def item_of(self, criterion_id: str) -> Item:
        return self._item_of[criterion_id]

    def answer_file(self) -> AnswerFile:
        """The current answers as an answer-file model (every part was validated when it was set)."""
        ordered = {c: self._answers[c] for c in sorted(self._answers, key=self._sort_key)}
        return self._header.model_copy(update={"answers": ordered})

    def _sort_key(self, criterion_id: str) -> int:
        return self._file_order.get(criterion_id, len(self._file_order))

    def answered_count(self, criteria: list[Criterion] | None = None) -> tuple[int, int]:
        """How many of ``criteria`` (default: all) have a grade, and how many there are."""
        ids = [c.id for c in criteria] if criteria is not None else self.order
        return sum(1 for c in ids if self.answer(c).grade is not None), len(ids)

    def review_count(self) -> int:
        return sum(1 for a in self._answers.values() if a.marked_for_review)

    def next_criterion(self, criterion_id: str, step: int = 1) -> str | None:
        index = self._position[criterion_id] + step
        return self.order[index] if 0 <= index < len(self.order) else None

    def next_unanswered(self, after: str | None) -> str | None:
        """The first unanswered criterion after ``after`` (wrapping round), or None when all are answered."""
        start = self._position[after] + 1 if after is not None else 0
        for criterion_id in self.order[start:] + self.order[:start]:
            if self.answer(criterion_id).grade is None:
                return criterion_id
        return None

    def search(self, query: str, language: Language) -> list[str]:
        """Criteria whose id, text (either language), evidence hint or item name contains ``query``."""
        needle = query.strip().lower()
        if not needle:
            return []
        found = []
        for criterion_id in self.order:
            criterion = self.criterion(criterion_id)
            item = self.item_of(criterion_id)
            haystack = [criterion_id, criterion.text.zh, criterion.text.en, item.name.zh, item.name.en]
            haystack += [hint.zh for hint in criterion.evidence] + [hint.en for hint in criterion.evidence]
            if any(needle in text.lower() for text in haystack):
                found.append(criterion_id)
        return found

    # scoring -----------------------------------------------------------------------------------

    def score(self, answers: AnswerFile | None = None) -> AssessmentResult:
        """The scoring core's result for the current answers (or for a snapshot of them)."""
        return score_assessment(self.questionnaire, answers or self.answer_file())

    # changing (each change is saved at once) ---------------------------------------------------

    def set_grade(self, criterion_id: str, grade: GradeId | None, justification: str | None = None) -> None:
        """Grade a criterion; not applicable needs a justification, other grades keep an earlier one."""
        old = self.answer(criterion_id)
        if grade == NOT_APPLICABLE:
            if not (justification or "").strip():
                raise ValueError("a not-applicable grade needs a justification")
            update = Answer(**(old.model_dump() | {"grade": grade, "justification": justification}))
        else:
            update = Answer(**(old.model_dump() | {"grade": grade}))
        self._change(criterion_id, update)

    def set_note(self, criterion_id: str, note: str, evidence: list[str]) -> None:
        old = self.answer(criterion_id)
        cleaned = [line.strip() for line in evidence if line.strip()]
        self._change(criterion_id, Answer(**(old.model_dump() | {"note": note.strip(), "evidence": cleaned})))

    def toggle_review(self, criterion_id: str) -> bool:
        old = self.answer(criterion_id)
        self._change(criterion_id, Answer(**(old.model_dump() | {"marked_for_review": not old.marked_for_review})))
        return not old.marked_for_review

    def _change(self, criterion_id: str, answer: Answer) -> None:
        if self.respondent is not None and answer.respondent != self.respondent:
            answer = answer.model_copy(update={"respondent": self.respondent})
        previous = self._answers.get(criterion_id)
        self._answers[criterion_id] = answer
        try:
            self.save()
        except OSError:
            # Keep memory and disk telling the same story: what is on screen is what is saved.
            if previous is None:
                del self._answers[criterion_id]
            else:
                self._answers[criterion_id] = previous
            raise

    def move_to(self, criterion_id: str) -> None:
        """Remember where the assessor is (best effort: the cursor is a convenience, not data)."""
        self.criterion_id = criterion_id
        self.save_cursor()

    def set_language(self, language: Language) -> None:
        self.language = language
        self.save_cursor()

    # saving ------------------------------------------------------------------------------------

    def to_json(self, answer_file: AnswerFile | None = None) -> str:
        """The answer file as it is saved: the current answers, or a snapshot taken earlier."""
        return answer_file_json(answer_file or self.answer_file())

    def save(self) -> None:
        write_atomically(self.path, self.to_json())

    def save_cursor(self) -> None:
        """The cursor is a convenience, not data: written in place, and a failure to write it is ignored.

        It is rewritten on every move, so it skips the temporary file, rename and fsync that the answer
        file gets; a torn cursor file only means resuming at the first unanswered criterion.
        """
        text = json.dumps({"criterion": self.criterion_id, "language": self.language}) + "\n"
        with contextlib.suppress(OSError):
            cursor_path(self.path).write_text(text, encoding="utf-8")


def _new_answer_file(new: NewAssessment, blank: dict[str, Any]) -> AnswerFile:
    """A blank file (full or quick scan) filled in from the new-assessment form; never one that exists."""
    if new.path.exists():
        raise UserError([Problem(str(new.path), "exists already; open it to resume instead")])
    blank["organisation"] = new.organisation.model_dump(mode="json")
    blank["target_level"] = new.target_level
    blank["assessors"] = [assessor.model_dump(mode="json", exclude_none=True) for assessor in new.assessors]
    blank["assessed_on"] = dt.date.today().isoformat()
    try:
        return AnswerFile.model_validate(blank)
    except ValidationError as exc:  # the form validates first, so this is a bug
        raise AssertionError(f"the new-assessment form let invalid data through: {exc}") from exc


class QuickScanSession:
    """A quick-scan answer file open for choosing one level per item. Every choice is saved at once."""

    def __init__(self, path: Path, questionnaire: Questionnaire, answer_file: AnswerFile, cursor: Cursor) -> None:
        self.path = path
        self.questionnaire = questionnaire
        self._header = answer_file
        self.questions: list[QuickScanQuestion] = quick_scan_questions(questionnaire)
        chosen = answer_file.quick_scan or {}
        self._chosen: dict[str, int | None] = {q.item_id: chosen.get(q.item_id) for q in self.questions}
        # A quick scan always resumes at its first unanswered item: it is short, and that is where work is left.
        self.index: int = self.next_unanswered(-1) or 0
        self.language: Language = cursor.language or "zh"

    @classmethod
    def create(cls, new: NewAssessment, questionnaire: Questionnaire, language: Language) -> QuickScanSession:
        """Start a new quick-scan file with every item present and no level chosen, and save it."""
        answer_file = _new_answer_file(new, blank_quick_scan_file(questionnaire))
        session = cls(new.path, questionnaire, answer_file, Cursor(None, language))
        session.save()
        session.save_cursor()
        return session

    @property
    def organisation(self) -> Organisation:
        return self._header.organisation

    @property
    def question(self) -> QuickScanQuestion:
        return self.questions[self.index]

    def chosen(self, item_id: str) -> int | None:
        return self._chosen.get(item_id)

    def answered_count(self) -> tuple[int, int]:
        return sum(1 for level in self._chosen.values() if level is not None), len(self._chosen)

    def next_unanswered(self, after: int) -> int | None:
        """The first item without a level after position ``after`` (wrapping round), or None."""
        count = len(self.questions)
        for step in range(1, count + 1):
            index = (after + step) % count
            if self._chosen[self.questions[index].item_id] is None:
                return index
        return None

    def answer_file(self) -> AnswerFile:
        return self._header.model_copy(update={"quick_scan": dict(self._chosen)})

    def estimate(self) -> QuickScanEstimate:
        return estimate_quick_scan(self.questionnaire, self.answer_file())

    def choose(self, item_id: str, level: int | None) -> None:
        """Choose (or with None clear) an item's level and save; on a failed save nothing changes."""
        if level is not None and not 1 <= level <= 5:
            raise ValueError(f"a quick-scan level is 1 to 5, not {level}")
        previous = self._chosen[item_id]
        self._chosen[item_id] = level
        try:
            self.save()
        except OSError:
            self._chosen[item_id] = previous  # what is on screen is what is saved
            raise

    def move_to(self, index: int) -> None:
        self.index = index
        self.save_cursor()

    def set_language(self, language: Language) -> None:
        self.language = language
        self.save_cursor()

    def to_json(self) -> str:
        return answer_file_json(self.answer_file())

    def save(self) -> None:
        write_atomically(self.path, self.to_json())

    def save_cursor(self) -> None:
        """Only the language matters on resume; like the full questionnaire's cursor, a failure is ignored."""
        text = json.dumps({"criterion": self.question.item_id, "language": self.language}) + "\n"
        with contextlib.suppress(OSError):
            cursor_path(self.path).write_text(text, encoding="utf-8")


def open_session(path: Path) -> AssessmentSession | QuickScanSession:
    """Open an existing answer file as a full assessment or a quick scan; raises UserError (file untouched)."""
    answer_file, questionnaire = read_answer_file(path)
    if answer_file.quick_scan is not None:
        return QuickScanSession(path, questionnaire, answer_file, read_cursor(path))
    return AssessmentSession(path, questionnaire, answer_file, read_cursor(path))
