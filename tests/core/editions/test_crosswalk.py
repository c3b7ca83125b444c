"""The crosswalk model: its lookups, and the checks that need both editions to see."""

from typing import Any

from dcmm.core.editions.crosswalk import Crosswalk, crosswalk_file_name, crosswalk_problems
from dcmm.core.questionnaire import Questionnaire


def test_fixture_crosswalk_maps_items_and_criteria(crosswalk: Crosswalk) -> None:
    assert crosswalk.item_targets == {"1.1": ["1.1"], "1.2": ["1.2"], "2.1": ["3.1", "3.2"], "2.2": []}
    assert crosswalk.criterion_mapping["2.1.1.1"].target == ["3.1.1.1", "3.2.1.1"]
    assert crosswalk.criterion_mapping["1.2.2.1"].note is not None
    assert crosswalk.not_carried_notes["2.2.1.1"].en == "The item was withdrawn"


def test_domain_sources_follow_the_item_map(crosswalk: Crosswalk) -> None:
    assert crosswalk.domain_sources("1") == ["1"]
    assert crosswalk.domain_sources("2") == []  # new domain
    assert crosswalk.domain_sources("3") == ["2"]


def test_the_fixture_crosswalk_fits_both_editions(
    crosswalk: Crosswalk, old_edition: Questionnaire, new_edition: Questionnaire
) -> None:
    assert crosswalk_problems(crosswalk, old_edition, new_edition) == []


def _changed(crosswalk: Crosswalk, **changes: Any) -> Crosswalk:
    return Crosswalk.model_validate(crosswalk.model_dump(by_alias=True) | changes)


def test_problems_are_located_by_field_path(
    crosswalk: Crosswalk, old_edition: Questionnaire, new_edition: Questionnaire
) -> None:
    data = crosswalk.model_dump(by_alias=True)
    items = [*data["items"], {"from": "1.1", "to": ["9.9"]}]
    problems = crosswalk_problems(_changed(crosswalk, items=items), old_edition, new_edition)
    assert problems == [(("items", len(items) - 1, "from"), "item 1.1 has a second entry")]
    items[-1]["from"] = "4.1"
    problems = crosswalk_problems(_changed(crosswalk, items=items), old_edition, new_edition)
    assert (("items", len(items) - 1, "from"), "no item 4.1 in fixture-old") in problems
    assert (("items", len(items) - 1, "to", 0), "no item 9.9 in fixture-new") in problems


def test_editions_that_do_not_match_are_reported_before_any_id(
    crosswalk: Crosswalk, old_edition: Questionnaire, new_edition: Questionnaire
) -> None:
    problems = crosswalk_problems(crosswalk, new_edition, old_edition)
    assert problems == [
        (("from",), "edition 'fixture-old' is not 'fixture-new'"),
        (("to",), "edition 'fixture-new' is not 'fixture-old'"),
    ]


def test_crosswalk_files_are_named_by_the_edition_pair() -> None:
    assert crosswalk_file_name("gbt36073-2018", "gbt36073-2025") == "gbt36073-2018--gbt36073-2025.yaml"
