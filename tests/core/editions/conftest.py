"""Shared fixtures: the two small fixture editions and their crosswalk, also installable as the bundled ones."""

from collections.abc import Iterator
from pathlib import Path

import pytest

import dcmm.files.crosswalk
import dcmm.files.questionnaires
from dcmm.core.editions.crosswalk import Crosswalk
from dcmm.core.questionnaire import Questionnaire
from dcmm.files import load_questionnaire
from dcmm.files.crosswalk import load_crosswalk

FIXTURES = Path(__file__).parent / "fixtures"
CROSSWALK = FIXTURES / "crosswalk" / "fixture-old--fixture-new.yaml"


def fixture_editions_as_bundled(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The fixture folder stands in for the bundled questionnaires (editions and crosswalks) until resumed."""

    def data_dir(name: str) -> Path:
        return FIXTURES

    monkeypatch.setattr(dcmm.files.questionnaires, "data_dir", data_dir)
    monkeypatch.setattr(dcmm.files.crosswalk, "data_dir", data_dir)
    dcmm.files.questionnaires.load_edition.cache_clear()
    yield FIXTURES
    dcmm.files.questionnaires.load_edition.cache_clear()


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
    yield from fixture_editions_as_bundled(monkeypatch)
