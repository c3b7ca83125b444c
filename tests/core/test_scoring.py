"""The scoring core: the published method, its variants, gaps and roadmap, and its invariants."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dcmm.core.answers import Answer, AnswerFile, Grade
from dcmm.core.questionnaire import Questionnaire
from dcmm.core.scoring import SCORING_RULES, AssessmentResult, level_for_score, score_assessment

GRADES = ["not_met", "partly_met", "mostly_met", "fully_met"]
ORDER: list[str | None] = [None, *GRADES]  # unanswered counts as not met
MakeAnswers = Callable[..., AnswerFile]


def with_grades(base: AnswerFile, grades: dict[str, Any]) -> AnswerFile:
    answers = dict(base.answers)
    for cid, grade in grades.items():
        answers[cid] = answers[cid].model_copy(update=grade if isinstance(grade, dict) else {"grade": grade})
    return base.model_copy(update={"answers": answers})


def item(result: AssessmentResult, item_id: str) -> Any:
    return next(i for i in result.items if i.id == item_id)


def half_up(value: float) -> float:
    return float(Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def level_ids(q: Questionnaire, item_id: str, level: int) -> list[str]:
    """The criterion ids of one level (1 to 5) of an item, read from the questionnaire (ids change with content)."""
    return [c.id for c in q.item_by_id[item_id].levels[level - 1].criteria]


def item_with(q: Questionnaire, level: int, at_least: int, prefer: str) -> str:
    """The preferred item if its level has at least that many criteria, else the first item that has."""
    ids = [prefer, *(i.id for i in q.items)]
    return next(i for i in ids if len(level_ids(q, i, level)) >= at_least)


def test_all_fully_met_is_five_and_none_met_is_zero(q2018: Questionnaire, make_answers: MakeAnswers) -> None:
    top = score_assessment(q2018, make_answers("fully_met"))
    assert (top.overall.score, top.overall.level) == (5.0, 5)
    assert {d.score for d in top.domains} == {5.0}
    bottom = score_assessment(q2018, make_answers("not_met"))
    assert (bottom.overall.score, bottom.overall.level) == (0.0, 1)
    blank = score_assessment(q2018, make_answers(None))
    assert blank.overall.score == 0.0
    assert blank.completeness.unanswered == len(q2018.criteria) == len(blank.completeness.unanswered_ids)


def test_level_score_is_the_mean_of_its_grades_rounded_half_up(q2018: Questionnaire, make_answers: MakeAnswers) -> None:
    item_id = item_with(q2018, 1, 3, "6.1")
    ids = level_ids(q2018, item_id, 1)
    n = len(ids)
    answers = with_grades(make_answers("fully_met"), {ids[1]: "mostly_met", ids[2]: "partly_met"})
    result = item(score_assessment(q2018, answers), item_id)
    expected = half_up((n - 2 + 0.7 + 0.5) / n)  # with 3 criteria (1 + 0.7 + 0.5) / 3 = 0.7333
    assert result.level_scores == [expected, 1.0, 1.0, 1.0, 1.0]
    assert result.score == half_up(4 + expected)
    answers = with_grades(make_answers("fully_met"), {ids[1]: "not_met", ids[2]: "partly_met"})
    assert item(score_assessment(q2018, answers), item_id).level_scores[0] == half_up((n - 2 + 0.5) / n)


def test_domain_and_overall_are_plain_means(q2018: Questionnaire, make_answers: MakeAnswers) -> None:
    # Level 5 of every item of domain 6 not met: each of its three items scores 4.00.
    grades = {c.id: "not_met" for i in q2018.domain_by_id["6"].items for c in i.levels[4].criteria}
    result = score_assessment(q2018, with_grades(make_answers("fully_met"), grades))
    domain6 = next(d for d in result.domains if d.id == "6")
    assert (domain6.score, domain6.level) == (4.0, 4)
    assert result.overall.score == 4.88  # (4 + 7 * 5) / 8 = 4.875, half up


def test_not_applicable_leaves_the_denominator(q2018: Questionnaire, make_answers: MakeAnswers) -> None:
    na = {"grade": "not_applicable", "justification": "不涉及"}
    item_id = item_with(q2018, 1, 2, "6.1")
    first, *rest = level_ids(q2018, item_id, 1)
    answers = with_grades(make_answers("not_met"), {first: "fully_met", **dict.fromkeys(rest, na)})
    result = score_assessment(q2018, answers)
    assert item(result, item_id).level_scores[0] == 1.0
    assert result.completeness.not_applicable_ids == rest


def test_an_item_entirely_not_applicable_leaves_its_domain(q2018: Questionnaire, make_answers: MakeAnswers) -> None:
    na = {"grade": "not_applicable", "justification": "不对外开放数据"}
    answers = with_grades(make_answers("fully_met"), {c.id: na for c in q2018.item_by_id["9.2"].criteria})
    answers = with_grades(answers, {c.id: "not_met" for c in q2018.item_by_id["9.1"].criteria})
    result = score_assessment(q2018, answers)
    assert not item(result, "9.2").applicable
    assert next(d for d in result.domains if d.id == "9").score == 2.5  # (0 + 5) / 2, 9.2 left out


def test_unanswered_counts_as_not_met_and_is_flagged(q2018: Questionnaire, make_answers: MakeAnswers) -> None:
    answers = make_answers("fully_met")
    item_id = item_with(q2018, 3, 3, "7.2")
    ids = level_ids(q2018, item_id, 3)
    del_ids = ids[:2]
    answers = answers.model_copy(update={"answers": {k: v for k, v in answers.answers.items() if k not in del_ids}})
    result = score_assessment(q2018, answers)
    assert item(result, item_id).level_scores[2] == half_up((len(ids) - 2) / len(ids))
    assert result.completeness.unanswered_ids == del_ids
    total = len(q2018.criteria)
    assert result.completeness.percent == round(100 * (total - 2) / total, 1)


@pytest.mark.parametrize(("hundredths", "level"), [(0, 1), (199, 1), (200, 2), (299, 2), (300, 3), (499, 4), (500, 5)])
def test_level_n_when_score_at_least_n(hundredths: int, level: int) -> None:
    assert level_for_score(hundredths) == level


def test_gated_rule_stops_counting_above_a_weak_level(q2018: Questionnaire, make_answers: MakeAnswers) -> None:
    item_id = item_with(q2018, 2, 2, "6.1")
    ids = level_ids(q2018, item_id, 2)
    answers = with_grades(make_answers("fully_met"), dict.fromkeys(ids[:-1], "not_met"))
    level2 = half_up(1 / len(ids))  # one criterion of the level met
    published = item(score_assessment(q2018, answers), item_id)
    gated = item(score_assessment(q2018, answers, SCORING_RULES["gated"]), item_id)
    assert published.score == half_up(4 + level2)
    assert gated.score == half_up(1 + level2)  # level 2 scores below 0.8: levels 3 to 5 do not count
    assert [lv.counted for lv in gated.levels] == [True, True, False, False, False]
    loose = SCORING_RULES["gated"].model_copy(update={"gate_threshold": level2 / 2})
    assert item(score_assessment(q2018, answers, loose), item_id).score == half_up(4 + level2)


def test_blockers_explain_the_next_level(q2018: Questionnaire, make_answers: MakeAnswers) -> None:
    grades = {c.id: "not_met" for c in q2018.item_by_id["8.1"].criteria if c.id.split(".")[2] in "345"}
    level2 = level_ids(q2018, "8.1", 2)
    n = len(level2)
    grades[level2[-1]] = "partly_met"
    result = item(score_assessment(q2018, with_grades(make_answers("fully_met"), grades)), "8.1")
    score = half_up(1 + (n - 0.5) / n)  # with 3 criteria 1.83
    assert (result.score, result.level, result.next_level) == (score, 1, 2)
    assert result.points_to_next == round(2 - score, 2)  # gains are differences of the rounded scores
    assert [b.criterion_id for b in result.blockers] == [level2[-1]]
    assert result.blockers[0].gain_item == round(2 - score, 2)


def test_gaps_roadmap_and_shortest_path_reach_the_target(q2018: Questionnaire, make_answers: MakeAnswers) -> None:
    answers = make_answers("partly_met")
    result = score_assessment(q2018, answers, target_level=3)
    assert result.overall.score == 2.5
    assert all(g.level <= 3 for g in result.gaps)
    assert len(result.gaps) == sum(len(lv.criteria) for i in q2018.items for lv in i.levels[:3])
    assert [p.level for p in result.roadmap.phases] == [1, 2, 3]
    assert result.roadmap.phases[-1].overall_after >= 3
    assert result.roadmap.points_to_target == 0.5 and not result.roadmap.target_met
    # Doing exactly the shortest path reaches the target, and one step fewer does not.
    path = result.roadmap.shortest_path
    done = score_assessment(q2018, with_grades(answers, dict.fromkeys(path, "fully_met")))
    assert done.overall.score >= 3
    short = score_assessment(q2018, with_grades(answers, dict.fromkeys(path[:-1], "fully_met")))
    assert short.overall.score < 3


def test_gaps_are_ordered_by_gain(q2018: Questionnaire, make_answers: MakeAnswers) -> None:
    # A not-met criterion gains more than a partly met one of the same level.
    item_id = item_with(q2018, 2, 2, "12.1")
    ids = level_ids(q2018, item_id, 2)
    answers = with_grades(make_answers("fully_met"), {ids[1]: "partly_met", ids[0]: "not_met"})
    gaps = score_assessment(q2018, answers).gaps
    assert [g.criterion_id for g in gaps] == [ids[0], ids[1]]
    n = len(ids)
    before = half_up(5 - 1.5 / n)  # gains are differences of the rounded item scores
    assert gaps[0].gain_item == round(half_up(5 - 0.5 / n) - before, 2)
    assert gaps[1].gain_item == round(half_up(5 - 1 / n) - before, 2)


# Properties ------------------------------------------------------------------------------------

GRADE = st.sampled_from(["fully_met", "mostly_met", "partly_met", "not_met", "not_applicable", None])
RULES = st.sampled_from([SCORING_RULES["published"], SCORING_RULES["gated"]])


@st.composite
def assessments(draw: st.DrawFn, questionnaire: Questionnaire) -> AnswerFile:
    ids = list(questionnaire.criteria)
    # Most examples cluster grades by item so that whole levels and items vary, not only single criteria.
    per_item = draw(st.lists(GRADE, min_size=len(questionnaire.items), max_size=len(questionnaire.items)))
    answers: dict[str, Any] = {}
    for item_, base in zip(questionnaire.items, per_item, strict=True):
        for c in item_.criteria:
            grade = draw(st.one_of(st.just(base), GRADE)) if draw(st.booleans()) else base
            if grade is not None:
                answers[c.id] = {"grade": grade, "justification": "n/a" if grade == "not_applicable" else None}
    assert set(answers) <= set(ids)
    return AnswerFile.model_validate({"edition": questionnaire.id, "organisation": {"name": "x"}, "answers": answers})


def scores(result: AssessmentResult) -> list[float]:
    return [
        result.overall.score,
        *(d.score for d in result.domains),
        *(i.score for i in result.items),
        *(s for i in result.items for s in i.level_scores),
    ]


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(data=st.data(), rules=RULES)
def test_scores_stay_in_range(q2018: Questionnaire, data: st.DataObject, rules: Any) -> None:
    result = score_assessment(q2018, data.draw(assessments(q2018)), rules)
    assert 0 <= result.overall.score <= 5 and 1 <= result.overall.level <= 5
    for i in result.items:
        assert 0 <= i.score <= 5
        assert all(0 <= s <= 1 for s in i.level_scores)
    assert all(0 <= d.score <= 5 for d in result.domains)
    assert all(g.gain_item >= 0 and g.gain_overall >= 0 for g in result.gaps)


@SETTINGS
@given(data=st.data(), rules=RULES)
def test_raising_one_grade_never_lowers_any_score(q2018: Questionnaire, data: st.DataObject, rules: Any) -> None:
    answers = data.draw(assessments(q2018))
    candidates = [cid for cid in q2018.criteria if (answers.grade_of(cid) or None) in ORDER[:-1]]
    if not candidates:
        return
    cid = data.draw(st.sampled_from(candidates))
    current = ORDER.index(answers.grade_of(cid))
    raised_to = data.draw(st.sampled_from(GRADES[current:]))  # the grades above ORDER[current]
    raised = answers.model_copy(update={"answers": {**answers.answers, cid: Answer(grade=Grade(raised_to))}})
    before, after = scores(score_assessment(q2018, answers, rules)), scores(score_assessment(q2018, raised, rules))
    assert all(b <= a for b, a in zip(before, after, strict=True))


@SETTINGS
@given(data=st.data())
def test_same_input_same_output(q2018: Questionnaire, data: st.DataObject) -> None:
    answers = data.draw(assessments(q2018))
    shuffled = answers.model_copy(update={"answers": dict(reversed(list(answers.answers.items())))})
    first = score_assessment(q2018, answers).model_dump()
    assert score_assessment(q2018, answers).model_dump() == first
    assert score_assessment(q2018, shuffled).model_dump() == first
