"""Answer files in and out: one read gives the model and the digest of the bytes; a write leaves only valid files."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from dcmm.core.answers import Answer, AnswerFile, Grade
from dcmm.core.questionnaire import Questionnaire
from dcmm.files import UserError, answers_from_bytes, read_answers
from dcmm.files.editions import answer_file_text, write_checked
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "01-00001-gbt36073-2018.json"


def test_the_digest_is_of_the_bytes_that_were_validated() -> None:
    raw = EXAMPLE.read_bytes()
    read = read_answers(EXAMPLE)
    assert read.sha256 == hashlib.sha256(raw).hexdigest()
    assert read.answers == answers_from_bytes(raw, EXAMPLE).answers
    assert (read.path, read.questionnaire.id) == (EXAMPLE, read.answers.edition)


def test_bytes_in_memory_are_checked_and_located_as_a_file_would_be() -> None:
    raw = EXAMPLE.read_bytes().replace(b'"6.1.1.1"', b'"99.9.9.9"', 1)
    with pytest.raises(UserError) as caught:
        answers_from_bytes(raw, "memory.json")
    [problem] = caught.value.problems
    assert (problem.file, problem.field) == ("memory.json", 'answers["99.9.9.9"]')
    assert problem.line is not None and problem.line > 1


def test_write_checked_writes_what_it_validated_and_reports_its_digest(tmp_path: Path, q2018: Questionnaire) -> None:
    answers = read_answers(EXAMPLE).answers
    output = tmp_path / "copy.json"
    written = write_checked(answers, output, q2018)
    assert output.read_text("utf-8") == answer_file_text(answers)
    assert written.sha256 == hashlib.sha256(output.read_bytes()).hexdigest() == read_answers(output).sha256
    assert written.answers == answers


def test_write_checked_leaves_no_file_when_the_answers_do_not_fit(tmp_path: Path, q2018: Questionnaire) -> None:
    answers = read_answers(EXAMPLE).answers
    stray = answers.model_copy(update={"answers": {**answers.answers, "99.9.9.9": Answer(grade=Grade.FULLY_MET)}})
    output = tmp_path / "bad.json"
    with pytest.raises(UserError, match=re.escape("unknown criterion id '99.9.9.9'")):
        write_checked(stray, output, q2018)
    assert list(tmp_path.iterdir()) == []


def test_answer_file_text_leaves_out_unused_optional_keys() -> None:
    text = answer_file_text(AnswerFile.model_validate({"edition": "gbt36073-2018", "organisation": {"name": "x"}}))
    assert '"$schema"' not in text and '"quick_scan"' not in text
