"""The shipped JSON Schemas agree with the tool: what dcmm reads, they accept, and they are never stale."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from pydantic import ValidationError

from dcmm.core.answers import ANSWER_FILE_SCHEMA_ID, AnswerFile, blank_answer_file
from dcmm.core.questionnaire import Questionnaire
from dcmm.core.quickscan import blank_quick_scan_file
from dcmm.files import UserError, data_dir, parse_answer_file
from dcmm.files.schemas import (
    SCHEMA_NAMES,
    schema_for,
    schema_id,
    schema_text,
    shipped_schema,
    shipped_schemas,
    write_schemas,
)
from dcmm.files.score_document import ScoreDocument
from tests.conftest import EXAMPLES, FIXTURES, ROOT

TESTS = ROOT / "tests"
EDITION_FIXTURES = TESTS / "editions" / "fixtures"


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(shipped_schema(name))


def errors(name: str, instance: object) -> list[str]:
    return [error.message for error in validator(name).iter_errors(instance)]


def as_editor_reads(path: Path) -> Any:
    """A YAML file's data as a YAML 1.2 editor sees it: dates stay text (PyYAML makes them date objects)."""
    data = yaml.safe_load(path.read_text("utf-8"))
    return json.loads(
        json.dumps(data, default=lambda value: value.isoformat() if isinstance(value, dt.date) else value)
    )


def edition_folders() -> list[Path]:
    bundled = Path(str(data_dir("questionnaires")))
    return [p.parent for p in (*bundled.glob("*/edition.yaml"), *EDITION_FIXTURES.glob("*/edition.yaml"))]


# committed, shipped, current -----------------------------------------------------------------------


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_shipped_schema_is_current(name: str) -> None:
    shipped = (shipped_schemas() / schema_id(name)).read_text(encoding="utf-8")
    assert shipped == schema_text(name), "run `make schema` and commit dcmm/files/schemas/"
    assert shipped_schema(name) == schema_for(name)


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_schema_is_valid_json_schema_with_its_file_name_as_id(name: str) -> None:
    schema = shipped_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert (schema["$schema"], schema["$id"]) == ("https://json-schema.org/draft/2020-12/schema", f"{name}.schema.json")


def test_the_package_ships_exactly_the_schemas_it_generates() -> None:
    folder = Path(str(shipped_schemas()))
    assert folder.parent == ROOT / "dcmm" / "files"  # inside the package, so the wheel carries it
    assert sorted(p.name for p in folder.iterdir()) == sorted(schema_id(name) for name in SCHEMA_NAMES)


def test_write_schemas_writes_every_schema_into_a_new_folder(tmp_path: Path) -> None:
    written = write_schemas(tmp_path / "out")
    assert [p.name for p in written] == [schema_id(name) for name in SCHEMA_NAMES]
    assert all(p.read_text("utf-8") == schema_text(p.name.removesuffix(".schema.json")) for p in written)


def test_an_unknown_schema_name_is_a_user_error() -> None:
    with pytest.raises(UserError, match="unknown schema 'answers'"):
        schema_for("answers")


def dcmm(*args: str, ok: tuple[int, ...] = (0,)) -> str:
    """Run the command as a user would, and return what it printed."""
    run = subprocess.run([sys.executable, "-m", "dcmm", *args], capture_output=True, text=True, check=False)
    assert run.returncode in ok, run.stderr
    return run.stdout


def test_dcmm_schema_prints_the_shipped_answer_file_schema() -> None:
    assert json.loads(dcmm("schema")) == shipped_schema("answer-file")


# answer files --------------------------------------------------------------------------------------


def answer_files_the_tool_accepts() -> Iterator[Path]:
    """Every answer file among the examples and test fixtures that the model validates."""
    for path in sorted([*EXAMPLES.glob("*.json"), *TESTS.rglob("*.json")]):
        if "bad" in path.parts or "__snapshots__" in path.parts:
            continue
        try:
            parse_answer_file(path.read_bytes(), str(path))
        except UserError:
            continue
        yield path


def test_examples_and_good_fixtures_are_found() -> None:
    found = list(answer_files_the_tool_accepts())
    assert set(EXAMPLES.glob("*.json")) <= set(found)
    assert TESTS / "tui" / "fixtures" / "frozen" / "example.json" in found


@pytest.mark.parametrize("path", list(answer_files_the_tool_accepts()), ids=lambda p: p.name)
def test_every_answer_file_the_tool_reads_is_valid_under_the_schema(path: Path) -> None:
    assert errors("answer-file", json.loads(path.read_bytes())) == []


@pytest.mark.parametrize(
    "name",
    [
        "unknown-key.json",
        "grade-out-of-range.json",
        "wrong-format-version.json",
        "missing-organisation.json",
        "not-an-object.json",
        "na-without-justification.json",
    ],
)
def test_bad_answer_files_the_format_rules_out_are_rejected_by_the_schema_too(name: str) -> None:
    assert errors("answer-file", json.loads((FIXTURES / "answers" / "bad" / name).read_bytes()))


def one_answer(answer: dict[str, object], **organisation: object) -> dict[str, object]:
    return {
        "edition": "gbt36073-2018",
        "organisation": {"name": "x", **organisation},
        "answers": {"6.1.1.1": answer},
    }


def model_accepts(data: dict[str, object]) -> bool:
    try:
        AnswerFile.model_validate_json(json.dumps(data, ensure_ascii=False))
    except ValidationError:
        return False
    return True


GRADES_THE_TOOL_READS: list[object] = [
    "fully_met",
    "mostly_met",
    "partly_met",
    "not_met",
    "完全满足",
    "大部分满足",
    "一般满足",
    " 不满足 ",
    1,
    1.0,
    0.7,
    0.5,
    0,
    0.0,
    None,
]
GRADES_THE_TOOL_REFUSES: list[object] = [1.2, 0.3, -1, True, "fully met", "FULLY_MET", " fully_met", "完全", ""]
NOT_APPLICABLE_SPELLINGS = ["not_applicable", "不适用", "n/a", "N/A", "NA", " na "]


@pytest.mark.parametrize("grade", GRADES_THE_TOOL_READS, ids=repr)
def test_grade_names_and_numbers_the_tool_reads_are_valid_under_the_schema(grade: object) -> None:
    data = one_answer({"grade": grade})
    assert model_accepts(data)
    assert errors("answer-file", data) == []


@pytest.mark.parametrize("grade", GRADES_THE_TOOL_REFUSES, ids=repr)
def test_grades_the_tool_refuses_the_schema_refuses(grade: object) -> None:
    data = one_answer({"grade": grade})
    assert not model_accepts(data)
    assert errors("answer-file", data)


@pytest.mark.parametrize("grade", NOT_APPLICABLE_SPELLINGS)
@pytest.mark.parametrize(("justification", "valid"), [("不涉及该业务", True), (None, False), ("  ", False)])
def test_not_applicable_needs_a_justification_however_it_is_spelled(
    grade: str, justification: str | None, valid: bool
) -> None:
    answer: dict[str, object] = {"grade": grade}
    if justification is not None:
        answer["justification"] = justification
    data = one_answer(answer)
    assert model_accepts(data) is valid
    assert (errors("answer-file", data) == []) is valid


@pytest.mark.parametrize(
    ("party_type", "valid"),
    [("甲方", True), ("乙方", True), ("data_owner", True), (" solution_provider ", True), ("Data_Owner", False)],
)
def test_party_types_agree(party_type: str, valid: bool) -> None:
    data = one_answer({}, party_type=party_type)
    assert model_accepts(data) is valid
    assert (errors("answer-file", data) == []) is valid


@pytest.mark.parametrize("blank", [blank_answer_file, blank_quick_scan_file], ids=["full", "quick scan"])
def test_template_files_point_at_the_schema_and_are_valid(blank: Any, q2018: Questionnaire) -> None:
    data = blank(q2018, "新单位")
    assert errors("answer-file", data) == []
    assert parse_answer_file(json.dumps(data, ensure_ascii=False), "template.json").edition == q2018.id
    if blank is blank_answer_file:
        assert data["$schema"] == ANSWER_FILE_SCHEMA_ID == shipped_schema("answer-file")["$id"]


def test_the_schema_key_of_a_template_resolves_to_the_schema_placed_beside_it(tmp_path: Path) -> None:
    template = tmp_path / "new.json"
    dcmm("template", "--name", "新单位", "--output", str(template))
    write_schemas(tmp_path)
    reference = json.loads(template.read_text("utf-8"))["$schema"]
    target = template.parent / reference  # a relative reference resolves against the file that holds it
    schema = json.loads(target.read_text("utf-8"))
    assert schema["$id"] == reference
    jsonschema.validate(json.loads(template.read_text("utf-8")), schema)


# questionnaires and crosswalks ---------------------------------------------------------------------


@pytest.mark.parametrize("folder", edition_folders(), ids=lambda p: p.name)
def test_every_questionnaire_file_is_valid_under_its_schema(folder: Path) -> None:
    edition = as_editor_reads(folder / "edition.yaml")
    assert errors("questionnaire-edition", edition) == []
    for name in edition["domains"]:
        assert errors("questionnaire-domain", as_editor_reads(folder / name)) == [], name


def test_a_questionnaire_with_an_unknown_key_is_rejected() -> None:
    edition = as_editor_reads(FIXTURES / "questionnaires" / "broken" / "edition.yaml")
    assert any("colour" in message for message in errors("questionnaire-edition", edition))


CROSSWALKS = [
    *Path(str(data_dir("questionnaires"))).glob("crosswalk/*.yaml"),
    *EDITION_FIXTURES.glob("crosswalk/*.yaml"),
]


@pytest.mark.parametrize("path", CROSSWALKS, ids=lambda p: p.name)
def test_every_crosswalk_is_valid_under_its_schema(path: Path) -> None:
    assert errors("crosswalk", as_editor_reads(path)) == []


def test_a_crosswalk_may_name_one_target_without_a_list() -> None:
    crosswalk = as_editor_reads(CROSSWALKS[-1])
    crosswalk["items"][0]["to"] = "2.1"
    assert errors("crosswalk", crosswalk) == []
    crosswalk["colour"] = "red"
    assert errors("crosswalk", crosswalk)


# the score document --------------------------------------------------------------------------------


def score_json(*inputs: Path) -> str:
    return dcmm("score", *map(str, inputs), "--format", "json", ok=(0, 1))


def quick_scan_file(folder: Path, q2018: Questionnaire) -> Path:
    data = blank_quick_scan_file(q2018, "示例·快速自评有限公司（虚构）")
    data["quick_scan"] = {item: (index % 5) + 1 for index, item in enumerate(data["quick_scan"])}
    path = folder / "quick.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def test_the_score_document_is_valid_under_its_schema_and_reads_back_unchanged(
    tmp_path: Path, q2018: Questionnaire
) -> None:
    bad = FIXTURES / "answers" / "bad" / "unknown-key.json"
    text = score_json(*sorted(EXAMPLES.glob("*.json")), quick_scan_file(tmp_path, q2018), bad)
    document = json.loads(text)
    assert len(document["results"]) == 4 and document["estimates"] and document["errors"]
    assert errors("score-document", document) == []
    assert ScoreDocument.model_validate_json(text).model_dump(mode="json", exclude_unset=True) == document


def test_a_score_document_without_estimates_is_valid_too() -> None:
    document = json.loads(score_json(EXAMPLES / "01-00001-gbt36073-2018.json"))
    assert "estimates" not in document
    assert errors("score-document", document) == []
    document["results"][0]["overall"]["level"] = 6
    assert errors("score-document", document)
