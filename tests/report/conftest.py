"""Fixtures for report tests: scored example files and answer files with hostile notes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dcmm.assessments import ScoredFile, score_file
from tests.conftest import EXAMPLES

HOSTILE_NOTE = '<img src="file:///etc/passwd"><script>alert(1)</script><img src="https://example.com/x.png">'
HOSTILE_NAME = '../../<b>恶意</b>/..\\CON:*?"单位'


def example_path(number: int) -> Path:
    (path,) = EXAMPLES.glob(f"{number:02d}-*.json")
    return path


@pytest.fixture(scope="session")
def scored_examples() -> list[ScoredFile]:
    return [score_file(example_path(n)) for n in (1, 2, 3, 4)]


def example_data(number: int) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(example_path(number).read_text(encoding="utf-8"))
    return data


def write_hostile(folder: Path) -> Path:
    """Example 1 with a hostile organisation name and a note that tries to fetch a file and a URL."""
    data = example_data(1)
    data["organisation"]["name"] = HOSTILE_NAME
    first = next(iter(data["answers"]))
    data["answers"][first] = {"grade": "not_met", "note": HOSTILE_NOTE}
    path = folder / "hostile.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    return write_hostile(tmp_path)
