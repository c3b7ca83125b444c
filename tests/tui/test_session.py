"""The session model: every change reaches the answer file at once, atomically, in the usual format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dcmm.core.answers import Organisation
from dcmm.core.scoring import score_assessment
from dcmm.files import UserError, load_edition, read_answer_file
from dcmm.tui import session as session_module
from dcmm.tui.session import (
    AssessmentSession,
    NewAssessment,
    QuickScanSession,
    cursor_path,
    open_session,
    read_cursor,
)
from tests.tui.conftest import FIXTURES, an_unanswered_criterion, open_assessment, saved_answers


def test_a_new_assessment_is_a_normal_answer_file_with_every_criterion(blank_file: Path) -> None:
    answers, questionnaire = read_answer_file(blank_file)
    assert answers.organisation.name == "示例·测试数据有限公司（虚构）"
    assert answers.organisation.province == "37"
    assert answers.target_level == 3
    assert list(answers.answers) == list(questionnaire.criteria)
    assert all(a.grade is None for a in answers.answers.values())


def test_create_refuses_an_existing_file(example_file: Path) -> None:
    before = example_file.read_bytes()
    new = NewAssessment(example_file, "gbt36073-2018", Organisation(name="x"), 3)
    with pytest.raises(UserError, match="exists already"):
        AssessmentSession.create(new, load_edition("gbt36073-2018"), "zh")
    assert example_file.read_bytes() == before


def test_each_change_is_on_disk_when_the_method_returns(blank_file: Path) -> None:
    session = open_assessment(blank_file)
    first, second = session.order[:2]
    session.set_grade(first, "mostly_met")
    assert saved_answers(blank_file)[first]["grade"] == "mostly_met"
    session.set_grade(second, "not_applicable", "本组织无此类项目（示例）")
    saved = saved_answers(blank_file)[second]
    assert (saved["grade"], saved["justification"]) == ("not_applicable", "本组织无此类项目（示例）")
    session.set_note(first, " 待补充会议纪要 ", ["EV-1", "  ", "EV-2 "])
    saved = saved_answers(blank_file)[first]
    assert (saved["note"], saved["evidence"], saved["grade"]) == ("待补充会议纪要", ["EV-1", "EV-2"], "mostly_met")
    assert session.toggle_review(first) is True
    assert saved_answers(blank_file)[first]["marked_for_review"] is True
    session.set_grade(first, None)
    assert saved_answers(blank_file)[first]["grade"] is None
    read_answer_file(blank_file)  # still a valid answer file after all of it


def test_not_applicable_without_a_justification_is_refused(blank_file: Path) -> None:
    session = open_assessment(blank_file)
    first = session.order[0]
    with pytest.raises(ValueError, match="justification"):
        session.set_grade(first, "not_applicable", "  ")
    assert saved_answers(blank_file)[first]["grade"] is None


def test_the_score_is_the_cores_score_of_the_saved_file(example_file: Path) -> None:
    session = open_assessment(example_file)
    target = an_unanswered_criterion(example_file)
    session.set_grade(target, "fully_met")
    answers, questionnaire = read_answer_file(example_file)
    expected = score_assessment(questionnaire, answers)
    assert session.score().overall == expected.overall
    assert [d.score for d in session.score().domains] == [d.score for d in expected.domains]


def test_resuming_a_sparse_file_keeps_its_answers_and_order(example_file: Path) -> None:
    before = json.loads(example_file.read_text(encoding="utf-8"))
    session = open_assessment(example_file)
    target = an_unanswered_criterion(example_file)
    session.set_grade(target, "partly_met")
    after = json.loads(example_file.read_text(encoding="utf-8"))
    assert after["organisation"] == before["organisation"] | {"fictitious": True}
    for criterion_id, answer in before["answers"].items():
        assert after["answers"][criterion_id]["grade"] == answer["grade"]
    assert after["answers"][target]["grade"] == "partly_met"
    order = list(session.questionnaire.criteria)
    assert list(after["answers"]) == sorted(after["answers"], key=order.index)


def test_the_cursor_lives_beside_the_file_and_is_not_json(blank_file: Path) -> None:
    session = open_assessment(blank_file)
    somewhere = session.questionnaire.item_by_id["7.2"].levels[2].criteria[0].id
    session.move_to(somewhere)
    session.set_language("en")
    assert not cursor_path(blank_file).name.endswith(".json")
    cursor = read_cursor(blank_file)
    assert (cursor.criterion_id, cursor.language) == (somewhere, "en")
    resumed = open_assessment(blank_file)
    assert (resumed.criterion_id, resumed.language) == (somewhere, "en")


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"criterion": "99.9.9.9", "language": "fr"}'])
def test_a_bad_cursor_only_means_starting_at_the_first_unanswered(example_file: Path, content: str) -> None:
    cursor_path(example_file).write_text(content, encoding="utf-8")
    session = open_assessment(example_file)
    assert session.criterion_id == session.next_unanswered(None)
    assert session.language == "zh"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated.json", "not valid JSON"),
        ("foreign.json", "unknown key"),
        ("invalid.json", "justification"),
    ],
)
def test_a_corrupt_or_foreign_file_is_refused_and_left_alone(tmp_path: Path, name: str, message: str) -> None:
    target = tmp_path / name
    shutil.copyfile(FIXTURES / name, target)
    before = target.read_bytes()
    with pytest.raises(UserError) as caught:
        open_session(target)
    assert any(message in problem.message for problem in caught.value.problems)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_quick_scan_file_never_opens_as_a_full_assessment(tmp_path: Path) -> None:
    target = tmp_path / "quick.json"
    data = {"format_version": "1.0", "edition": "gbt36073-2018", "organisation": {"name": "x"}, "quick_scan": {}}
    target.write_text(json.dumps(data), encoding="utf-8")
    before = target.read_bytes()
    session = open_session(target)
    assert isinstance(session, QuickScanSession) and not isinstance(session, AssessmentSession)
    assert target.read_bytes() == before


def test_a_failed_save_undoes_the_change_in_memory(blank_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = open_assessment(blank_file)
    first = session.order[0]

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(session_module, "write_atomically", disk_full)
    with pytest.raises(OSError):
        session.set_grade(first, "fully_met")
    assert session.answer(first).grade is None


def test_navigation_helpers(blank_file: Path) -> None:
    session = open_assessment(blank_file)
    first, second = session.order[:2]
    assert session.next_criterion(first) == second
    assert session.next_criterion(first, -1) is None
    assert session.next_criterion(session.order[-1]) is None
    session.set_grade(second, "fully_met")
    assert session.next_unanswered(first) == session.order[2]
    assert session.next_unanswered(session.order[-1]) == first  # wraps round


def test_search_matches_ids_texts_and_hints_in_both_languages(blank_file: Path) -> None:
    session = open_assessment(blank_file)
    alone = next(c for c in session.order if sum(c in other for other in session.order) == 1)
    assert session.search(alone, "zh") == [alone]
    some = session.questionnaire.item_by_id["9.1"].levels[1].criteria[0].id
    criterion = session.criterion(some)
    assert some in session.search(criterion.text.en[:30].upper(), "zh")
    assert some in session.search(criterion.evidence[0].zh, "en")
    assert session.search("   ", "zh") == []
