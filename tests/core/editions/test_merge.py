"""Merging several respondents' answer files: the rules, the conflicts, and what is kept from everyone."""

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dcmm.cli import Context, main
from dcmm.core.answers import AnswerFile
from dcmm.core.editions.merge import MergeRule, Respondent, apply_rule, merge_answers
from dcmm.core.questionnaire import Questionnaire
from dcmm.files import UserError, read_answer_file

VALUES = {"fully_met": 100, "mostly_met": 70, "partly_met": 50, "not_met": 0}
GRADES = list(VALUES)


def respondent(
    label: str,
    answers: dict[str, Any],
    *,
    edition: str = "fixture-old",
    organisation: dict[str, Any] | None = None,
    **extra: Any,
) -> Respondent:
    data = {
        "edition": edition,
        "organisation": organisation or {"name": "示例单位", "credit_code": "91370100MA3C00001H"},
        "assessors": [{"name": label, "role": "数据管理部"}],
        "answers": answers,
        **extra,
    }
    return Respondent(label, f"{label}.json", AnswerFile.model_validate(data))


@pytest.mark.parametrize(
    ("rule", "grades", "expected"),
    [
        ("min", ["fully_met", "partly_met"], "partly_met"),
        ("mean", ["fully_met", "partly_met"], "mostly_met"),  # 0.75 snaps down to 0.7
        ("mean", ["fully_met", "not_met"], "partly_met"),  # 0.5 exactly is partly met
        ("mean", ["mostly_met", "not_met"], "not_met"),  # 0.35 snaps down to 0
        ("median", ["fully_met", "mostly_met", "not_met"], "mostly_met"),
        ("median", ["fully_met", "fully_met", "partly_met", "not_met"], "mostly_met"),  # (1.0 + 0.5) / 2
        ("median", ["fully_met", "mostly_met"], "mostly_met"),  # 0.85
    ],
)
def test_rules_snap_down_to_a_grade(rule: MergeRule, grades: list[str], expected: str) -> None:
    assert apply_rule(rule, grades, VALUES) == expected


@given(st.sampled_from(["min", "mean", "median"]), st.lists(st.sampled_from(GRADES), min_size=1, max_size=6))
def test_a_merged_grade_lies_between_the_lowest_and_the_highest(rule: MergeRule, grades: list[str]) -> None:
    merged = VALUES[apply_rule(rule, grades, VALUES)]
    assert min(VALUES[g] for g in grades) <= merged <= max(VALUES[g] for g in grades)


@given(
    st.sampled_from(["min", "mean", "median"]),
    st.lists(st.sampled_from(GRADES), min_size=1, max_size=6),
    st.data(),
)
def test_raising_one_respondent_never_lowers_the_merged_grade(
    rule: MergeRule, grades: list[str], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(grades) - 1))
    higher = data.draw(st.sampled_from([g for g in GRADES if VALUES[g] >= VALUES[grades[index]]]))
    raised = [*grades[:index], higher, *grades[index + 1 :]]
    assert VALUES[apply_rule(rule, raised, VALUES)] >= VALUES[apply_rule(rule, grades, VALUES)]


def test_merge_keeps_notes_and_evidence_of_everyone_and_flags_conflicts(old_edition: Questionnaire) -> None:
    a = respondent("财务部", {"1.1.1.1": {"grade": "fully_met", "note": "有制度", "evidence": ["制度A"]}})
    b = respondent("信息部", {"1.1.1.1": {"grade": "partly_met", "evidence": ["系统截图"]}})
    outcome = merge_answers([a, b], old_edition, "mean")
    merged = outcome.answer_file.answers["1.1.1.1"]
    assert merged.grade == "mostly_met"
    assert merged.evidence == ["[财务部] 制度A", "[信息部] 系统截图"]
    assert merged.note.startswith(
        "[财务部] 有制度\n[merge mean] respondents differ: 财务部: fully_met, 信息部: partly_met"
    )
    assert merged.marked_for_review
    (conflict,) = outcome.conflicts
    assert (conflict.id, conflict.kind, conflict.steps, conflict.merged) == ("1.1.1.1", "spread", 2, "mostly_met")


def test_one_grade_step_apart_is_not_a_conflict(old_edition: Questionnaire) -> None:
    a = respondent("甲", {"1.1.1.1": {"grade": "fully_met"}})
    b = respondent("乙", {"1.1.1.1": {"grade": "mostly_met"}})
    outcome = merge_answers([a, b], old_edition, "min")
    assert outcome.conflicts == []
    assert outcome.answer_file.answers["1.1.1.1"].grade == "mostly_met"
    assert not outcome.answer_file.answers["1.1.1.1"].marked_for_review


def test_not_applicable_only_when_all_say_so_and_unanswered_is_ignored(old_edition: Questionnaire) -> None:
    na = {"grade": "not_applicable", "justification": "无此业务"}
    a = respondent("甲", {"1.1.1.1": na, "1.1.1.2": na, "1.1.2.1": {"grade": "not_met"}})
    b = respondent("乙", {"1.1.1.1": na, "1.1.1.2": {"grade": "fully_met"}, "1.1.2.1": {"grade": None}})
    outcome = merge_answers([a, b], old_edition, "min")
    answers = outcome.answer_file.answers
    assert answers["1.1.1.1"].grade == "not_applicable"
    assert answers["1.1.1.1"].justification == "[甲] 无此业务\n[乙] 无此业务"
    assert answers["1.1.1.2"].grade == "fully_met"
    assert answers["1.1.2.1"].grade == "not_met"
    assert answers["1.1.2.2"].grade is None
    kinds = {c.id: c.kind for c in outcome.conflicts}
    assert kinds == {"1.1.1.2": "not_applicable"}


def test_the_merged_file_takes_every_assessor_the_latest_date_and_the_highest_target(
    old_edition: Questionnaire,
) -> None:
    a = respondent("甲", {}, assessed_on="2026-09-01", target_level=2)
    b = respondent("乙", {}, assessed_on="2026-10-01", target_level=4)
    merged = merge_answers([a, b], old_edition, "median").answer_file
    assert [x.name for x in merged.assessors] == ["甲", "乙"]
    assert str(merged.assessed_on) == "2026-10-01"
    assert merged.target_level == 4


def test_the_merged_file_keeps_the_prerequisites_each_field_from_the_first_file_stating_it(
    old_edition: Questionnaire,
) -> None:
    lead = respondent("数据管理部", {}, prerequisites={"data_staff": 4, "policy_domains": ["1"], "note": "以发文为准"})
    it = respondent("信息部", {}, prerequisites={"data_staff": 9, "tools": 3})
    silent = respondent("财务部", {})
    merged = merge_answers([silent, lead, it], old_edition, "median").answer_file
    assert merged.prerequisites is not None
    assert merged.prerequisites.model_dump(exclude_defaults=True) == {
        "data_staff": 4,
        "policy_domains": ["1"],
        "tools": 3,
        "note": "以发文为准",
    }
    assert merge_answers([silent, silent], old_edition, "median").answer_file.prerequisites is None


def test_two_respondents_with_the_same_name_are_told_apart_by_file(old_edition: Questionnaire) -> None:
    a = respondent("张三", {"1.1.1.1": {"grade": "fully_met", "note": "甲"}})
    b = Respondent("张三", "other.json", respondent("张三", {"1.1.1.1": {"grade": "fully_met", "note": "乙"}}).answers)
    outcome = merge_answers([a, b], old_edition, "min")
    assert outcome.respondents == ["张三 (张三.json)", "张三 (other.json)"]


@pytest.mark.parametrize(
    ("other", "message"),
    [
        (
            respondent("乙", {}, organisation={"name": "另一单位", "credit_code": "91110000100000000R"}),
            "is not 示例单位",
        ),
        (respondent("乙", {}, organisation={"name": "另一单位"}), "organisation 另一单位 (no credit code)"),
        (respondent("乙", {}, edition="fixture-new"), "edition fixture-new differs from fixture-old in 甲.json"),
        (respondent("乙", {}, quick_scan={"1.1": 2}), "a quick scan and a full assessment cannot be merged"),
    ],
)
def test_files_that_do_not_belong_together_are_refused_naming_the_file(
    old_edition: Questionnaire, other: Respondent, message: str
) -> None:
    with pytest.raises(UserError) as caught:
        merge_answers([respondent("甲", {}), other], old_edition, "min")
    assert any(p.file == "乙.json" and message in p.message for p in caught.value.problems), caught.value.problems


def test_same_name_counts_as_same_organisation_when_a_credit_code_is_missing(old_edition: Questionnaire) -> None:
    a = respondent("甲", {})
    b = respondent("乙", {}, organisation={"name": "示例单位", "province": "山东省"})
    merged = merge_answers([a, b], old_edition, "min").answer_file
    assert merged.organisation.credit_code == "91370100MA3C00001H"
    assert merged.organisation.province == "37"


def test_quick_scans_merge_item_by_item(old_edition: Questionnaire) -> None:
    a = respondent("甲", {}, quick_scan={"1.1": 4, "1.2": 2, "2.1": None})
    b = respondent("乙", {}, quick_scan={"1.1": 1, "1.2": 3, "2.1": None})
    outcome = merge_answers([a, b], old_edition, "mean")
    assert outcome.answer_file.quick_scan == {"1.1": 2, "1.2": 2, "2.1": None, "2.2": None}
    assert [(c.id, c.steps) for c in outcome.conflicts] == [("1.1", 3)]


# The command ------------------------------------------------------------------------------------


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Context(out, err))
    return code, out.getvalue(), err.getvalue()


def write(path: Path, r: Respondent) -> Path:
    path.write_text(r.answers.model_dump_json(by_alias=True), encoding="utf-8")
    return path


@pytest.fixture
def two_files(tmp_path: Path) -> list[Path]:
    return [
        write(tmp_path / "a.json", respondent("财务部", {"1.1.1.1": {"grade": "fully_met"}})),
        write(tmp_path / "b.json", respondent("信息部", {"1.1.1.1": {"grade": "not_met"}})),
    ]


def test_merge_command_writes_a_valid_file_and_a_conflict_table(
    fixture_editions_bundled: Path, two_files: list[Path], tmp_path: Path
) -> None:
    output = tmp_path / "merged.json"
    code, out, err = run("merge", *map(str, two_files), "--rule", "median", "-o", str(output), "--lang", "en")
    assert code == 0, err
    answers, _ = read_answer_file(output)
    assert answers.answers["1.1.1.1"].grade == "partly_met"
    assert "Conflicts: 1" in out and "财务部" in out and "信息部" in out
    code, out, _ = run("merge", *map(str, two_files), "-o", str(output), "--force", "--format", "json")
    report = json.loads(out)
    assert report["rule"] == "min"
    assert report["conflicts"][0]["grades"] == {"财务部": "fully_met", "信息部": "not_met"}


def test_merge_command_refuses_overwrite_and_mismatched_files(
    fixture_editions_bundled: Path, two_files: list[Path], tmp_path: Path
) -> None:
    output = tmp_path / "merged.json"
    output.write_text("{}", encoding="utf-8")
    code, _, err = run("merge", *map(str, two_files), "-o", str(output))
    assert code == 1 and "exists already" in err
    other = write(tmp_path / "c.json", respondent("乙", {}, organisation={"name": "别家"}))
    code, _, err = run("merge", str(two_files[0]), str(other), "-o", str(tmp_path / "m2.json"))
    assert code == 1
    assert f"error: {other}: organisation: organisation 别家" in err
    assert not (tmp_path / "m2.json").exists()
