"""Crosswalk files: read from YAML, checked against both editions, and errors with file, line and field."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from dcmm.core.questionnaire import Questionnaire
from dcmm.files import UserError, load_questionnaire
from dcmm.files.crosswalk import find_crosswalk, load_crosswalk
from tests.core.editions.conftest import FIXTURES, fixture_editions_as_bundled

BAD = Path(__file__).parent / "fixtures" / "crosswalk-bad"


@pytest.fixture(scope="module")
def old_edition() -> Questionnaire:
    return load_questionnaire(FIXTURES / "fixture-old")


@pytest.fixture(scope="module")
def new_edition() -> Questionnaire:
    return load_questionnaire(FIXTURES / "fixture-new")


@pytest.fixture
def fixture_editions_bundled(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield from fixture_editions_as_bundled(monkeypatch)


@pytest.mark.parametrize(
    ("name", "line", "field", "message"),
    [
        ("unknown-key.yaml", 11, "criteria[0].weight", "unknown key"),
        ("unknown-source-item.yaml", 10, "items[4].from", "no item 4.1 in fixture-old"),
        ("unknown-target-criterion.yaml", 11, "criteria[0].to[0]", "no criterion 1.1.1.9 in fixture-new"),
        ("missing-item.yaml", 6, "items", "missing: 2.2"),
        ("target-outside-item-map.yaml", 11, "criteria[0].to[0]", "the item map sends 1.1 to 1.1"),
        ("criterion-twice.yaml", 13, "not_carried[0].from", "criterion 1.1.1.1 has a second entry"),
        ("wrong-edition.yaml", 1, "from", "edition 'fixture-new' is not 'fixture-old'"),
        ("empty-target.yaml", 11, "criteria[0].to", "at least 1 item"),
    ],
)
def test_each_bad_file_names_line_field_and_cause(
    old_edition: Questionnaire, new_edition: Questionnaire, name: str, line: int, field: str, message: str
) -> None:
    with pytest.raises(UserError) as caught:
        load_crosswalk(BAD / name, old_edition, new_edition)
    matching = [p for p in caught.value.problems if p.field == field]
    assert matching, caught.value.problems
    assert matching[0].line == line
    assert message in matching[0].message
    assert matching[0].file.endswith(name)


def test_a_duplicate_yaml_key_is_an_error_not_a_silent_overwrite(
    old_edition: Questionnaire, new_edition: Questionnaire
) -> None:
    with pytest.raises(UserError) as caught:
        load_crosswalk(BAD / "duplicate-key.yaml", old_edition, new_edition)
    assert any("'to' appears twice" in p.message and p.line == 13 for p in caught.value.problems)


def test_an_unknown_edition_is_reported_at_its_line(fixture_editions_bundled: Path) -> None:
    with pytest.raises(UserError) as caught:
        load_crosswalk(BAD / "unknown-edition.yaml")
    (problem,) = caught.value.problems
    assert (problem.field, problem.line) == ("to", 2)
    assert "unknown edition 'no-such-edition'" in problem.message


def test_bundled_crosswalks_are_found_by_edition_pair(fixture_editions_bundled: Path) -> None:
    assert find_crosswalk("fixture-old", "fixture-new").name == "fixture-old--fixture-new.yaml"
    with pytest.raises(UserError) as caught:
        find_crosswalk("fixture-new", "fixture-old")
    assert "no crosswalk from fixture-new to fixture-old (available: fixture-old → fixture-new)" in str(caught.value)
    assert load_crosswalk(find_crosswalk("fixture-old", "fixture-new")).target_edition == "fixture-new"
