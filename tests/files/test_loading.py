"""Loading questionnaires and answer files: every problem with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcmm.files import UserError, load_edition, load_questionnaire, parse_answer_file, read_answer_file
from tests.conftest import EXAMPLES, FIXTURES

BAD = FIXTURES / "answers" / "bad"


def problems_of(path: Path) -> list[str]:
    with pytest.raises(UserError) as caught:
        read_answer_file(path)
    return [str(p) for p in caught.value.problems]


def test_bundled_2018_edition_has_the_published_shape() -> None:
    q = load_edition("gbt36073-2018")
    assert [d.id for d in q.domains] == ["6", "7", "8", "9", "10", "11", "12", "13"]
    assert [len(d.items) for d in q.domains] == [3, 3, 4, 3, 3, 4, 4, 4]
    assert q.items[0].id == "6.1" and q.items[-1].id == "13.4"
    for item in q.items:
        assert [lv.level for lv in item.levels] == [1, 2, 3, 4, 5]
        assert all(len(lv.criteria) >= 1 for lv in item.levels)
        assert all(c.evidence and c.text.zh and c.text.en for c in item.criteria)
    # the certified method rates 445 clauses; one requirement per criterion comes to about as many
    assert 420 <= len(q.criteria) <= 470
    assert {g.id: g.value for g in q.meta.scale} == {
        "fully_met": 1.0,
        "mostly_met": 0.7,
        "partly_met": 0.5,
        "not_met": 0.0,
        "not_applicable": None,
    }


def test_criterion_ids_encode_item_level_and_number(q2018) -> None:  # type: ignore[no-untyped-def]
    for item in q2018.items:
        for level in item.levels:
            numbers = []
            for criterion in level.criteria:
                assert criterion.id.startswith(f"{item.id}.{level.level}.")
                numbers.append(int(criterion.id.rsplit(".", 1)[1]))
            assert len(set(numbers)) == len(numbers) and min(numbers) >= 1  # numbers need not be contiguous


def test_broken_questionnaire_reports_every_problem_at_once() -> None:
    folder = FIXTURES / "questionnaires" / "broken"
    with pytest.raises(UserError) as caught:
        load_questionnaire(folder)
    found = {(Path(p.file).name, p.line, p.field, p.message) for p in caught.value.problems}
    assert ("edition.yaml", 6, "colour", "unknown key (not part of the format)") in found
    assert ("06-broken.yaml", 30, None, "key 'id' appears twice") in found
    assert ("06-broken.yaml", 18, "items[0].levels[0].criteria[1].text.en", "required but missing") in found
    assert ("06-broken.yaml", 9, "items[0].owner", "unknown key (not part of the format)") in found
    assert any(f == "items[0].levels[1].criteria[0].evidence" and line == 25 for _n, line, f, _m in found)
    assert any("item 6.3 must have levels 1 to 5" in m for *_rest, m in found)
    assert ("edition.yaml", None, "domains[1]", "domain file 'domains/07-missing.yaml' does not exist") in found


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("broken-json.json", ":15: not valid JSON"),
        ("unknown-key.json", ':13: answers["6.1.1.1"].mark: unknown key'),
        ("unknown-criterion.json", ":17: answers[\"99.9.1.1\"]: unknown criterion id '99.9.1.1'"),
        ("grade-out-of-range.json", ':15: answers["6.1.1.2"].grade: 1.2 is not a grade'),
        ("wrong-edition.json", ":3: edition: unknown edition 'gbt36073-2099'"),
        ("na-without-justification.json", ':14: answers["6.1.1.2"].justification: grade not_applicable requires'),
        ("bad-credit-code.json", ":6: organisation.credit_code: check character is '4' but should be '3'"),
        ("bad-province.json", ":7: organisation.province: '火星' is not a province"),
        ("wrong-format-version.json", ":2: format_version: format version '9.0' is not supported"),
        ("missing-organisation.json", ":1: organisation: required but missing"),
        ("not-an-object.json", ":1: expected a JSON object"),
    ],
)
def test_each_bad_answer_file_gets_one_clear_line(name: str, expected: str) -> None:
    found = problems_of(BAD / name)
    assert len(found) == 1
    assert found[0].startswith(str(BAD / name))
    assert expected in found[0]


def test_missing_file_and_folder_are_input_errors(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope.json") == [f"{tmp_path / 'nope.json'}: file not found"]
    assert "is a folder" in problems_of(tmp_path)[0]


def test_aliases_are_accepted_and_normalised() -> None:
    text = (
        '{"edition": "gbt36073-2018", "organisation": {"name": "x", "province": "山东", "party_type": "data_owner"},'
        ' "answers": {"6.1.1.1": {"grade": "大部分满足"}, "6.1.1.2": {"grade": 0.5}, "6.1.1.3": {"grade": "N/A",'
        ' "justification": "不涉及"}}}'
    )
    answers = parse_answer_file(text, "inline.json")
    assert answers.organisation.province == "37"
    assert answers.organisation.party_type == "甲方"
    assert [a.grade for a in answers.answers.values()] == ["mostly_met", "partly_met", "not_applicable"]
    dumped = answers.model_dump(mode="json", by_alias=True, exclude_none=True)
    assert dumped["answers"]["6.1.1.1"]["grade"] == "mostly_met"


def test_examples_load_and_are_marked_fictitious() -> None:
    paths = sorted(EXAMPLES.glob("*.json"))
    assert len(paths) >= 4
    for path in paths:
        answers, questionnaire = read_answer_file(path)
        assert answers.organisation.fictitious
        assert "虚构" in answers.organisation.name
        assert questionnaire.id == answers.edition
