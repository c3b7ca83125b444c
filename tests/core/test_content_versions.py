"""Carrying answers of an older content version forward through id maps."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from dcmm.core.answers import Answer, AnswerFile, Grade
from dcmm.core.content_versions import IdMap, carry_forward


def answer_file(answers: dict[str, Answer], version: str | None = None) -> AnswerFile:
    return AnswerFile.model_validate(
        {"edition": "e", "organisation": {"name": "x"}, "answers": answers, "content_version": version}
    )


WHY = {"zh": "拆分。", "en": "Split."}
ONE = IdMap.model_validate(
    {
        "edition": "e",
        "from": "1.0.0",
        "to": "2.0.0",
        "changes": [
            {"id": "6.1.1.1", "status": "kept"},
            {"id": "6.1.1.2", "status": "removed", "why": WHY},
            {"id": "6.1.3.2", "status": "changed", "to": ["6.1.3.4", "6.1.3.5"], "why": WHY},
        ],
    }
)


def test_kept_answers_are_carried_changed_ones_marked_and_removed_ones_dropped() -> None:
    old = answer_file(
        {
            "6.1.1.1": Answer(grade=Grade.FULLY_MET),
            "6.1.1.2": Answer(grade=Grade.PARTLY_MET),
            "6.1.3.2": Answer(grade=Grade.MOSTLY_MET, note="见制度汇编"),
        }
    )
    moved, carried = carry_forward(old, [ONE], "2.0.0")
    assert carried is not None and carried.from_version == "1.0.0"
    assert set(moved.answers) == {"6.1.1.1", "6.1.3.4", "6.1.3.5"}
    assert moved.answers["6.1.1.1"] == old.answers["6.1.1.1"]
    for new in ("6.1.3.4", "6.1.3.5"):
        assert moved.answers[new].grade == "mostly_met" and moved.answers[new].marked_for_review
        assert moved.answers[new].note.startswith("见制度汇编\n[6.1.3.2 → " + new)
    assert carried.review == {"6.1.3.2": ["6.1.3.4", "6.1.3.5"]} and carried.removed == ["6.1.1.2"]
    assert moved.content_version == "2.0.0" and moved.format_version == "1.3"


def test_an_answer_already_given_to_the_new_id_wins() -> None:
    old = answer_file({"6.1.3.2": Answer(grade=Grade.NOT_MET), "6.1.3.4": Answer(grade=Grade.FULLY_MET)})
    moved, _carried = carry_forward(old, [ONE], "2.0.0")
    assert moved.answers["6.1.3.4"].grade == "fully_met" and not moved.answers["6.1.3.4"].marked_for_review
    assert moved.answers["6.1.3.5"].grade == "not_met"


def test_maps_chain_and_a_current_file_is_left_alone() -> None:
    two = IdMap.model_validate(
        {
            "edition": "e",
            "from": "2.0.0",
            "to": "2.1.0",
            "changes": [{"id": "6.1.3.5", "status": "removed", "why": WHY}],
        }
    )
    moved, carried = carry_forward(
        answer_file({"6.1.3.2": Answer(grade=Grade.FULLY_MET)}, "1.0.0"), [ONE, two], "2.1.0"
    )
    assert set(moved.answers) == {"6.1.3.4"} and carried is not None and carried.to_version == "2.1.0"
    current = answer_file({"6.1.3.4": Answer(grade=Grade.FULLY_MET)}, "2.1.0")
    assert carry_forward(current, [ONE, two], "2.1.0") == (current, None)


def test_a_version_no_map_leads_from_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"no id map leads from content version 0\.9\.0"):
        carry_forward(answer_file({}, "0.9.0"), [ONE], "2.0.0")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": "1.1.1.1", "status": "changed", "why": WHY}, "names no new id"),
        ({"id": "1.1.1.1", "status": "removed"}, "needs a reason"),
        ({"id": "1.1.1.1", "status": "kept", "to": ["1.1.1.4"]}, "takes no new ids"),
    ],
)
def test_an_id_map_entry_that_does_not_add_up(change: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        IdMap.model_validate({"edition": "e", "from": "1.0.0", "to": "2.0.0", "changes": [change]})
