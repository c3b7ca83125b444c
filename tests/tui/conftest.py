"""Fixtures for the questionnaire: answer files to resume, bad files, and a running app."""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path

import pytest

import dcmm.files.answers
import dcmm.tui.app
import dcmm.tui.screens.edition_screen
import dcmm.tui.screens.organisation_screen
from dcmm.cli.tui import gap_report as cli_gap_report
from dcmm.core.answers import Organisation
from dcmm.core.questionnaire import Questionnaire
from dcmm.files import Problem, UserError, load_edition, load_questionnaire_dir
from dcmm.tui.session import AssessmentSession, NewAssessment, open_session

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "answers"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = EXAMPLES / "01-00001-gbt36073-2018.json"
# A copy of the 2018 questionnaire and of an example file, so that snapshots show what the screens do,
# not the latest wording of the questionnaire (which has tests of its own).
FROZEN = FIXTURES / "frozen"
FROZEN_EDITION = "gbt36073-2018"


@cache
def _frozen_questionnaire() -> Questionnaire:
    return load_questionnaire_dir(FROZEN / FROZEN_EDITION)


def _load_frozen(edition_id: str) -> Questionnaire:
    if edition_id != FROZEN_EDITION:
        raise UserError([Problem("<edition>", f"unknown edition {edition_id!r}: expected {FROZEN_EDITION}")])
    return _frozen_questionnaire()


@pytest.fixture
def frozen_content(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every part of the questionnaire sees only the frozen 2018 edition."""
    for module in (
        dcmm.files.answers,
        dcmm.tui.app,
        dcmm.tui.screens.edition_screen,
        dcmm.tui.screens.organisation_screen,
    ):
        monkeypatch.setattr(module, "load_edition", _load_frozen)
    monkeypatch.setattr(dcmm.tui.screens.edition_screen, "available_editions", lambda: [FROZEN_EDITION])


@pytest.fixture
def frozen_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, frozen_content: None) -> Path:
    """The frozen example answer file, copied into the current folder."""
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "example.json"
    shutil.copyfile(FROZEN / "example.json", target)
    return target


@pytest.fixture
def example_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of an example answer file (all but a few criteria answered), in the current folder."""
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


def open_assessment(path: Path) -> AssessmentSession:
    """``path`` opened as the questionnaire opens it, checked to be a full assessment."""
    session = open_session(path)
    assert isinstance(session, AssessmentSession)
    return session


def saved_answers(path: Path) -> dict[str, dict[str, object]]:
    answers: dict[str, dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))["answers"]
    return answers


# The gap report as the front door hands it to the questionnaire.
gap_report = cli_gap_report


def an_unanswered_criterion(path: Path) -> str:
    """The first criterion of the questionnaire that the answer file at ``path`` leaves without a grade."""
    answers = saved_answers(path)
    questionnaire = open_assessment(path).questionnaire
    return next(cid for cid in questionnaire.criteria if not (answers.get(cid) or {}).get("grade"))
