"""The bundled prerequisite data loads, a bad data file is located, and a workbook carries the section through."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcmm.core.errors import UserError
from dcmm.files import read_answers
from dcmm.files.answer_workbook import WorkbookRequest, write_answer_workbook
from dcmm.files.prerequisites import bundled_prerequisites, bundled_prerequisites_file, load_prerequisites
from dcmm.files.questionnaires import available_editions
from tests.conftest import EXAMPLES

WITH_PREREQUISITES = EXAMPLES / "03-00003-gbt36073-2018.json"


def test_the_bundled_data_is_dated_sourced_and_not_an_edition() -> None:
    data = bundled_prerequisites()
    assert data.data_version and data.compiled_on.year >= 2026
    assert all(source.read_on for source in data.sources)
    assert "prerequisites" not in available_editions()


def test_a_bad_data_file_is_refused_with_its_line(tmp_path: Path) -> None:
    text = Path(str(bundled_prerequisites_file())).read_text("utf-8")
    bad = tmp_path / "admission.yaml"
    bad.write_text(text.replace("all_levels: 2\n", "all_levels: two\n", 1), "utf-8")
    with pytest.raises(UserError) as caught:
        load_prerequisites(bad)
    found = caught.value.problems
    assert {(p.file, p.field) for p in found} == {(str(bad), "prerequisites[0].all_levels")}
    assert all(p.line is not None for p in found)


def test_a_workbook_carries_the_prerequisites_through(tmp_path: Path) -> None:
    source = read_answers(WITH_PREREQUISITES)
    assert source.answers.prerequisites is not None
    path = tmp_path / "a.xlsx"
    write_answer_workbook(WorkbookRequest(source.questionnaire, "zh", answers=source.answers), path)
    assert read_answers(path).answers.prerequisites == source.answers.prerequisites
