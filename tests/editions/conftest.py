"""Shared fixtures: the two small fixture editions and their crosswalk, also installable as the bundled ones."""

from collections.abc import Iterator
from pathlib import Path

import pytest

import dcmm.editions.crosswalk
import dcmm.files.questionnaires
from dcmm.core.questionnaire import Questionnaire
from dcmm.editions.crosswalk import Crosswalk, load_crosswalk
from dcmm.files import load_questionnaire

FIXTURES = Path(__file__).parent / "fixtures"
CROSSWALK = FIXTURES / "crosswalk" / "fixture-old--fixture-new.yaml"


@pytest.fixture(scope="session")
def old_edition() -> Questionnaire:
    return load_questionnaire(FIXTURES / "fixture-old")


@pytest.fixture(scope="session")
def new_edition() -> Questionnaire:
    return load_questionnaire(FIXTURES / "fixture-new")


@pytest.fixture(scope="session")
def crosswalk(old_edition: Questionnaire, new_edition: Questionnaire) -> Crosswalk:
    return load_crosswalk(CROSSWALK, old_edition, new_edition)


@pytest.fixture
def fixture_editions_bundled(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The fixture folder stands in for the bundled questionnaires (editions and crosswalks) during a test."""

    def data_dir(name: str) -> Path:
        return FIXTURES

    monkeypatch.setattr(dcmm.files.questionnaires, "data_dir", data_dir)
    monkeypatch.setattr(dcmm.editions.crosswalk, "data_dir", data_dir)
    dcmm.files.questionnaires.load_edition.cache_clear()
    yield FIXTURES
    dcmm.files.questionnaires.load_edition.cache_clear()
