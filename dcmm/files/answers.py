"""Reading answer files: the bytes once, their SHA-256, the model validated straight from those bytes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from dcmm.core.answers import AnswerFile, answer_problems
from dcmm.core.errors import Problem, UserError
from dcmm.core.questionnaire import Questionnaire
from dcmm.files.content_versions import carried_forward
from dcmm.files.json_source import check_duplicate_keys, json_bytes, json_problems, read_bytes
from dcmm.files.organisation import organisation_problems
from dcmm.files.problems import warn
from dcmm.files.questionnaires import load_edition
from dcmm.files.yaml_source import capped, compose, field_path, line_of

_WHAT = "an answer file"
WORKBOOK_SUFFIX = ".xlsx"


@dataclass(frozen=True)
class AnswerInput:
    """An answer file as it was read: the validated model and the SHA-256 of the very bytes validated."""

    path: Path
    sha256: str
    answers: AnswerFile
    questionnaire: Questionnaire
    warnings: tuple[Problem, ...] = ()  # what was read but is worth a word (a workbook's missing rows)


def parse_answer_file(text: str | bytes, file: str) -> AnswerFile:
    """Validate an answer file's text on its own (no questionnaire needed); a key given twice is refused."""
    raw = json_bytes(text)
    try:
        answers = AnswerFile.model_validate_json(raw)
    except ValidationError as exc:
        raise UserError(json_problems(raw, file, exc, _WHAT)) from None
    check_duplicate_keys(raw, file)
    return answers


def answers_from_bytes(raw: bytes, path: str | Path, questionnaire: Questionnaire | None = None) -> AnswerInput:
    """Validate bytes already in memory as the answer file ``path`` (see :func:`read_answers`)."""
    file = str(path)
    answers = parse_answer_file(raw, file)
    if questionnaire is None:
        try:
            questionnaire = load_edition(answers.edition)
        except UserError as exc:
            node = compose(raw.decode("utf-8", errors="replace"))
            raise UserError([Problem(file, exc.problems[0].message, line_of(node, ("edition",)), "edition")]) from None
    answers, _carried = carried_forward(answers, questionnaire, file)
    found = answer_problems(answers, questionnaire)
    refused, warnings = organisation_problems(answers.organisation.model_dump(), file, line_of=_organisation_lines(raw))
    if found or refused:
        node = compose(raw.decode("utf-8", errors="replace"))
        located = [Problem(file, message, line_of(node, loc), field_path(loc)) for loc, message in found]
        shown, more = capped(file, [*refused, *located])
        raise UserError([*shown, *more])
    for warning in warnings:
        warn(warning)
    return AnswerInput(Path(path), hashlib.sha256(raw).hexdigest(), answers, questionnaire, tuple(warnings))


def _organisation_lines(raw: bytes) -> Callable[[str], int | None]:
    """The line of an organisation field in the file, found only when a problem asks for it."""

    def line(field: str) -> int | None:
        return line_of(compose(raw.decode("utf-8", errors="replace")), ("organisation", field))

    return line


def read_answers(path: str | Path, questionnaire: Questionnaire | None = None) -> AnswerInput:
    """Read an answer file once: bytes, their SHA-256, then the model validated from those bytes.

    With no questionnaire given, the bundled edition named in the file is used. A workbook (``.xlsx``, written by
    ``dcmm template --format xlsx``) is read by :mod:`dcmm.files.answer_workbook_reading` into the same model.
    Raises UserError.
    """
    if Path(path).suffix.lower() == WORKBOOK_SUFFIX:
        from dcmm.files.answer_workbook_reading import read_answer_workbook

        return read_answer_workbook(path, questionnaire)
    return answers_from_bytes(read_bytes(path, _WHAT), path, questionnaire)


def read_answer_file(path: str | Path, questionnaire: Questionnaire | None = None) -> tuple[AnswerFile, Questionnaire]:
    """Read, validate and check an answer file against its edition (see :func:`read_answers`)."""
    read = read_answers(path, questionnaire)
    return read.answers, read.questionnaire
