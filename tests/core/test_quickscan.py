"""The quick scan's questions and its estimate rule."""

import pytest
from pydantic import ValidationError

from dcmm.core.answers import AnswerFile, answer_problems
from dcmm.core.quickscan import blank_quick_scan_file, estimate_quick_scan, quick_scan_questions
from dcmm.files import load_edition


def quick(levels: dict[str, int | None]) -> AnswerFile:
    return AnswerFile.model_validate(
        {"edition": "gbt36073-2018", "organisation": {"name": "示例单位"}, "quick_scan": levels}
    )


def test_one_question_per_item_with_the_level_summaries_as_statements() -> None:
    q = load_edition("gbt36073-2018")
    questions = quick_scan_questions(q)
    assert [x.item_id for x in questions] == [item.id for item in q.items]
    assert questions[0].statements == [level.summary for level in q.items[0].levels]
    assert len(questions[0].statements) == 5


def test_item_estimate_is_the_chosen_level_and_means_round_half_up() -> None:
    q = load_edition("gbt36073-2018")
    estimate = estimate_quick_scan(q, quick({"6.1": 2, "6.2": 3, "6.3": 3, "7.1": 1, "8.1": None}))
    domains = {d.id: d for d in estimate.domains}
    assert domains["6"].score == 2.67  # (2 + 3 + 3) / 3 = 2.666…
    assert (domains["6"].level, domains["6"].chosen, domains["6"].items) == (2, 3, 3)
    assert (domains["7"].score, domains["7"].level) == (1.0, 1)
    assert (domains["8"].score, domains["8"].level, domains["8"].chosen) == (None, None, 0)
    assert estimate.overall_score == 1.84  # (2.67 + 1.00) / 2 = 1.835, half up
    assert estimate.overall_level == 1
    assert (estimate.chosen, estimate.total, estimate.kind) == (4, 28, "estimate")


def test_nothing_chosen_gives_no_estimate() -> None:
    estimate = estimate_quick_scan(load_edition("gbt36073-2018"), quick({}))
    assert (estimate.overall_score, estimate.overall_level, estimate.chosen) == (None, None, 0)


@pytest.mark.parametrize("level", [0, 6, 2.5, "high"])
def test_a_chosen_level_must_be_1_to_5(level: object) -> None:
    with pytest.raises(ValidationError):
        AnswerFile.model_validate(
            {"edition": "gbt36073-2018", "organisation": {"name": "X"}, "quick_scan": {"6.1": level}}
        )


def test_unknown_items_and_graded_answers_are_problems_of_a_quick_scan_file() -> None:
    q = load_edition("gbt36073-2018")
    answers = AnswerFile.model_validate(
        {
            "edition": "gbt36073-2018",
            "organisation": {"name": "X"},
            "quick_scan": {"6.1": 2, "99.1": 3},
            "answers": {"6.1.1.1": {"grade": "fully_met"}},
        }
    )
    assert answer_problems(answers, q) == [
        (("quick_scan", "99.1"), "unknown item id '99.1' for gbt36073-2018"),
        (("answers",), "a quick-scan file carries no criterion grades: keep answers empty"),
    ]


def test_the_blank_quick_scan_file_lists_every_item_and_validates_once_named() -> None:
    q = load_edition("gbt36073-2018")
    blank = blank_quick_scan_file(q, "示例单位")
    answers = AnswerFile.model_validate(blank)
    assert answers.quick_scan == {item.id: None for item in q.items}
    assert answer_problems(answers, q) == []


def test_files_without_a_quick_scan_still_load_as_format_1_0() -> None:
    answers = AnswerFile.model_validate(
        {"format_version": "1.0", "edition": "gbt36073-2018", "organisation": {"name": "X"}, "answers": {}}
    )
    assert answers.quick_scan is None
