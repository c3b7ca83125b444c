"""Shared fixtures: the bundled 2018 edition and answer files built from it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dcmm.core.answers import AnswerFile
from dcmm.core.questionnaire import Questionnaire
from dcmm.files import load_edition

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "answers"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID_CREDIT_CODE = "91350100M000100Y43"  # the worked example of GB 32100


@pytest.fixture(scope="session")
def q2018() -> Questionnaire:
    return load_edition("gbt36073-2018")


def answer_data(questionnaire: Questionnaire, grade: str | None = "fully_met", **overrides: Any) -> dict[str, Any]:
    """An answer file as a dict with every criterion at one grade."""
    data: dict[str, Any] = {
        "format_version": "1.0",
        "edition": questionnaire.id,
        "organisation": {"name": "测试单位", "credit_code": VALID_CREDIT_CODE, "province": "37"},
        "target_level": 3,
        "answers": {cid: {"grade": grade} for cid in questionnaire.criteria} if grade else {},
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_answers(q2018: Questionnaire) -> Callable[..., AnswerFile]:
    def build(grade: str | None = "fully_met", **overrides: Any) -> AnswerFile:
        return AnswerFile.model_validate(answer_data(q2018, grade, **overrides))

    return build


@pytest.fixture
def write_json(tmp_path: Path) -> Callable[[str, Any], Path]:
    def write(name: str, data: Any) -> Path:
        path = tmp_path / name
        path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
        return path

    return write
