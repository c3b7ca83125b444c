"""Fixtures for the questionnaire: answer files to resume, bad files, and a running app."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dcmm.core.answers import Organisation
from dcmm.loading import load_edition
from dcmm.tui.session import AssessmentSession, NewAssessment

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "answers"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = EXAMPLES / "01-00001-gbt36073-2018.json"


@pytest.fixture
def example_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of an example answer file (416 of 420 answered), in the current folder."""
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "example.json"
    shutil.copyfile(EXAMPLE, target)
    return target


@pytest.fixture
def blank_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new, fully unanswered assessment of a fictitious organisation, in the current folder."""
    monkeypatch.chdir(tmp_path)
    new = NewAssessment(
        tmp_path / "blank.json",
        "gbt36073-2018",
        Organisation(name="示例·测试数据有限公司（虚构）", province="37", city="济南市", fictitious=True),
        3,
    )
    AssessmentSession.create(new, load_edition("gbt36073-2018"), "zh")
    return new.path


def saved_answers(path: Path) -> dict[str, dict[str, object]]:
    answers: dict[str, dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))["answers"]
    return answers
