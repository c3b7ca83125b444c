"""Migrating answer files through a crosswalk: what is carried, what is listed, and that inputs stay untouched."""

import io
import json
from pathlib import Path
from typing import Any

import pytest

from dcmm.cli import Context, main
from dcmm.core.answers import AnswerFile
from dcmm.core.editions.crosswalk import Crosswalk
from dcmm.core.editions.migrate import compare_editions, migrate_answers
from dcmm.core.questionnaire import Questionnaire
from dcmm.core.scoring import score_assessment
from dcmm.files import UserError, read_answer_file


def answer_file(edition: str = "fixture-old", /, **answers: Any) -> AnswerFile:
    return AnswerFile.model_validate(
        {
            "edition": edition,
            "organisation": {"name": "示例单位", "credit_code": "91370100MA3C00001H"},
            "assessors": [{"name": "张三"}],
            "target_level": 2,
            "answers": {key.replace("_", "."): value for key, value in answers.items()},
        }
    )


def everything_fully_met(questionnaire: Questionnaire) -> AnswerFile:
    return answer_file(**{cid.replace(".", "_"): {"grade": "fully_met"} for cid in questionnaire.criteria})


def test_a_one_to_one_answer_is_carried_with_grade_evidence_and_origin(
    old_edition: Questionnaire, new_edition: Questionnaire, crosswalk: Crosswalk
) -> None:
    answers = answer_file(**{"1_1_2_1": {"grade": "mostly_met", "note": "见制度", "evidence": ["制度 v2"]}})
    migration = migrate_answers(answers, old_edition, new_edition, crosswalk)
    carried = migration.answer_file.answers["1.1.2.1"]
    assert carried.grade == "mostly_met"
    assert carried.evidence == ["制度 v2"]
    assert carried.note == "[fixture-old 1.1.2.1] 见制度"
    assert not carried.marked_for_review
    assert migration.carried == {"1.1.2.1": ["1.1.2.1"]}


def test_every_criterion_of_the_new_edition_is_in_the_output_and_the_rest_stays_unanswered(
    old_edition: Questionnaire, new_edition: Questionnaire, crosswalk: Crosswalk
) -> None:
    migration = migrate_answers(everything_fully_met(old_edition), old_edition, new_edition, crosswalk)
    output = migration.answer_file
    assert output.edition == "fixture-new"
    assert list(output.answers) == list(new_edition.criteria)
    assert output.answers["2.1.1.1"].grade is None  # item new in fixture-new
    assert "2.1.1.1" in migration.to_answer
    assert len(migration.to_answer) + len({t for ts in migration.carried.values() for t in ts}) == 50


def test_answers_without_a_mapping_are_listed_with_the_crosswalk_reason(
    old_edition: Questionnaire, new_edition: Questionnaire, crosswalk: Crosswalk
) -> None:
    migration = migrate_answers(everything_fully_met(old_edition), old_edition, new_edition, crosswalk, "en")
    left = {item.criterion_id: item for item in migration.not_carried}
    assert left["2.2.1.1"].reason == "The item was withdrawn"
    assert left["1.2.3.1"].reason == "no criterion of the newer edition asks the same"
    assert len(left) == 40 - 14
    rows = {row.item_id: row for row in migration.items}
    assert (rows["1.1"].answered, rows["1.1"].carried, rows["1.1"].not_carried) == (10, 10, 0)
    assert (rows["2.2"].targets, rows["2.2"].carried, rows["2.2"].not_carried) == ([], 0, 10)


def test_several_older_answers_on_one_criterion_carry_the_lowest_grade_and_ask_for_review(
    old_edition: Questionnaire, new_edition: Questionnaire, crosswalk: Crosswalk
) -> None:
    answers = answer_file(**{"2_1_1_1": {"grade": "fully_met"}, "2_1_1_2": {"grade": "partly_met"}})
    migration = migrate_answers(answers, old_edition, new_edition, crosswalk)
    merged = migration.answer_file.answers["3.1.1.1"]
    assert merged.grade == "partly_met"
    assert merged.marked_for_review
    assert "[fixture-old 2.1.1.1]" in merged.note and "[fixture-old 2.1.1.2]" in merged.note
    # The one-to-many mapping fills the second item too, from the single source.
    assert migration.answer_file.answers["3.2.1.1"].grade == "fully_met"


def test_a_mapping_note_is_added_and_marks_the_answer_for_review(
    old_edition: Questionnaire, new_edition: Questionnaire, crosswalk: Crosswalk
) -> None:
    answers = answer_file(**{"1_2_2_1": {"grade": "fully_met"}})
    carried = migrate_answers(answers, old_edition, new_edition, crosswalk, "zh").answer_file.answers["1.2.2.1"]
    assert carried.note.endswith("对照说明: 新版要求覆盖全部门")
    assert carried.marked_for_review


def test_not_applicable_keeps_its_justification(
    old_edition: Questionnaire, new_edition: Questionnaire, crosswalk: Crosswalk
) -> None:
    answers = answer_file(**{"1_1_5_1": {"grade": "not_applicable", "justification": "无对外业务"}})
    carried = migrate_answers(answers, old_edition, new_edition, crosswalk).answer_file.answers["1.1.5.1"]
    assert carried.grade == "not_applicable"
    assert carried.justification == "[fixture-old 1.1.5.1] 无对外业务"


def test_the_input_model_is_not_changed(
    old_edition: Questionnaire, new_edition: Questionnaire, crosswalk: Crosswalk
) -> None:
    answers = everything_fully_met(old_edition)
    before = answers.model_dump()
    migrate_answers(answers, old_edition, new_edition, crosswalk)
    assert answers.model_dump() == before


def test_a_file_of_another_edition_is_refused(
    old_edition: Questionnaire, new_edition: Questionnaire, crosswalk: Crosswalk
) -> None:
    with pytest.raises(UserError, match="the answer file is for fixture-new"):
        migrate_answers(answer_file("fixture-new"), old_edition, new_edition, crosswalk)


def test_a_quick_scan_moves_item_by_item_taking_the_lowest_level(
    old_edition: Questionnaire, new_edition: Questionnaire, crosswalk: Crosswalk
) -> None:
    quick = AnswerFile.model_validate(
        {
            "edition": "fixture-old",
            "organisation": {"name": "示例单位"},
            "quick_scan": {"1.1": 3, "1.2": None, "2.1": 2, "2.2": 4},
        }
    )
    migration = migrate_answers(quick, old_edition, new_edition, crosswalk)
    assert migration.answer_file.quick_scan == {"1.1": 3, "1.2": None, "2.1": None, "3.1": 2, "3.2": 2}
    assert [left.criterion_id for left in migration.not_carried] == ["2.2"]


def test_the_comparison_sets_each_new_domain_beside_the_old_domains_feeding_it(
    old_edition: Questionnaire, new_edition: Questionnaire, crosswalk: Crosswalk
) -> None:
    answers = everything_fully_met(old_edition)
    migrated = migrate_answers(answers, old_edition, new_edition, crosswalk).answer_file
    old_result = score_assessment(old_edition, answers)
    new_result = score_assessment(new_edition, migrated)
    comparison = compare_editions(old_result, new_result, crosswalk)
    assert comparison.source_overall == (5.0, 5)
    assert comparison.target_overall == (new_result.overall.score, new_result.overall.level)
    rows = {row.domain_id: row for row in comparison.rows}
    assert rows["1"].sources == [("1", 5.0, 5)]
    assert rows["2"].sources == []
    assert rows["3"].sources == [("2", 5.0, 5)]
    # 1.1 is carried whole (5.00); of 1.2 only one criterion of level 1 and one of level 2 (0.50 + 0.50).
    assert rows["1"].score == 3.0


# The command ------------------------------------------------------------------------------------


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Context(out, err))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def old_file(tmp_path: Path, old_edition: Questionnaire) -> Path:
    path = tmp_path / "acme-fixture-old.json"
    path.write_text(everything_fully_met(old_edition).model_dump_json(by_alias=True), encoding="utf-8")
    return path


def test_migrate_writes_a_valid_file_beside_the_input_and_leaves_the_input_alone(
    fixture_editions_bundled: Path, old_file: Path
) -> None:
    before = old_file.read_bytes()
    code, out, err = run("migrate", str(old_file), "--to", "fixture-new", "--lang", "en")
    assert code == 0, err
    assert old_file.read_bytes() == before
    output = old_file.with_name("acme-fixture-new.json")
    answers, _ = read_answer_file(output)
    assert answers.edition == "fixture-new"
    assert "Total" in out and "2.2.1.1" in out and "The item was withdrawn" in out
    assert "the input is unchanged" in err


def test_migrate_refuses_to_overwrite_without_force_and_never_overwrites_the_input(
    fixture_editions_bundled: Path, old_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out.json"
    target.write_text("{}", encoding="utf-8")
    code, _, err = run("migrate", str(old_file), "--to", "fixture-new", "-o", str(target))
    assert (code, target.read_text()) == (1, "{}")
    assert "exists already; pass --force" in err
    assert run("migrate", str(old_file), "--to", "fixture-new", "-o", str(target), "--force")[0] == 0
    before = old_file.read_bytes()
    code, _, err = run("migrate", str(old_file), "--to", "fixture-new", "-o", str(old_file), "--force")
    assert code == 1 and "inputs are never overwritten" in err
    assert old_file.read_bytes() == before


def test_migrate_json_lists_counts_and_unmapped_ids(fixture_editions_bundled: Path, old_file: Path) -> None:
    code, out, _ = run("migrate", str(old_file), "--to", "fixture-new", "--format", "json", "--score")
    assert code == 0
    document = json.loads(out)
    assert (document["answered"], document["carried"], document["not_carried"]) == (40, 14, 26)
    assert (document["unit"], document["target_total"], document["target_filled"]) == ("criteria", 50, 14)
    assert {"criterion_id": "2.2.1.1", "grade": "fully_met", "reason": "该能力项已取消"} in document["not_carried_ids"]
    assert document["comparison"]["source_overall"] == [5.0, 5]


def test_migrate_score_prints_both_editions_side_by_side(fixture_editions_bundled: Path, old_file: Path) -> None:
    code, out, _ = run("migrate", str(old_file), "--to", "fixture-new", "--score", "--lang", "en")
    assert code == 0
    assert "Both editions side by side" in out
    assert "fixture-new" in out and "fixture-old" in out and "(new)" in out


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("fixture-old", "is already for fixture-old"),
        ("no-such-edition", "unknown edition 'no-such-edition'"),
    ],
)
def test_migrate_bad_targets_are_one_clear_line(
    fixture_editions_bundled: Path, old_file: Path, target: str, message: str
) -> None:
    code, _, err = run("migrate", str(old_file), "--to", target)
    assert code == 1
    assert message in err and "Traceback" not in err
    assert err.startswith("error: ")


def test_migrate_without_a_crosswalk_says_which_exist(
    fixture_editions_bundled: Path, tmp_path: Path, new_edition: Questionnaire
) -> None:
    path = tmp_path / "new.json"
    path.write_text(json.dumps({"edition": "fixture-new", "organisation": {"name": "X"}}), encoding="utf-8")
    code, _, err = run("migrate", str(path), "--to", "fixture-old")
    assert code == 1
    assert "no crosswalk from fixture-new to fixture-old (available: fixture-old → fixture-new)" in err
