"""The dcmm command line, run in-process as a user would call it."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from dcmm.cli import Context, main
from dcmm.cli.score import answer_file_schema
from dcmm.files import load_edition
from tests.conftest import EXAMPLES, FIXTURES, ROOT

BAD = FIXTURES / "answers" / "bad"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Context(out, err))
    return code, out.getvalue(), err.getvalue()


def test_score_examples_as_table() -> None:
    code, out, err = run("score", str(EXAMPLES))
    assert code == 0, err
    assert "示例·齐鲁精工机械有限公司（虚构）" in out and "受管理级" in out


def test_score_json_has_the_documented_fields() -> None:
    code, out, _ = run("score", str(EXAMPLES / "02-00002-gbt36073-2018.json"), "--format", "json", "--target", "3")
    assert code == 0
    doc = json.loads(out)
    assert doc["format"] == "dcmm-score/1" and doc["errors"] == []
    (result,) = doc["results"]
    assert set(result["overall"]) == {"score", "level"}
    assert {"id", "score", "level"} <= set(result["domains"][0])
    assert {"id", "score", "level", "level_scores", "blockers"} <= set(result["items"][0])
    assert len(result["items"][0]["level_scores"]) == 5
    assert {"total", "answered", "unanswered", "not_applicable", "percent"} <= set(result["completeness"])
    assert result["gaps"] and {"criterion_id", "level", "gain_overall"} <= set(result["gaps"][0])
    assert result["roadmap"]["target_level"] == 3 and result["roadmap"]["phases"]
    assert result["organisation"]["fictitious"] is True


def test_bad_files_are_reported_and_the_rest_still_scored(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(EXAMPLES / "01-00001-gbt36073-2018.json", folder / "good.json")
    for bad in ("broken-json.json", "unknown-criterion.json", "grade-out-of-range.json", "wrong-edition.json"):
        shutil.copy(BAD / bad, folder / bad)
    code, out, err = run("score", str(folder), "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert [Path(r["file"]).name for r in doc["results"]] == ["good.json"]
    assert sorted(Path(e["file"]).name for e in doc["errors"]) == [
        "broken-json.json",
        "grade-out-of-range.json",
        "unknown-criterion.json",
        "wrong-edition.json",
    ]
    assert all(e["line"] for e in doc["errors"])
    lines = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(lines) == 4 and "Traceback" not in err
    assert "1 scored, 4 problem(s)" in err


def test_csv_has_one_row_per_organisation() -> None:
    code, out, _ = run("score", str(EXAMPLES), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(list(EXAMPLES.glob("*.json")))
    levels = {int(r["overall_level"]) for r in rows}
    assert len(levels) >= 3  # the examples sit at clearly different levels
    assert all(r["domain_6"] for r in rows)


def test_gated_rules_never_score_higher() -> None:
    published = json.loads(run("score", str(EXAMPLES), "--format", "json")[1])["results"]
    gated = json.loads(run("score", str(EXAMPLES), "--format", "json", "--rules", "gated")[1])["results"]
    for p, g in zip(published, gated, strict=True):
        assert g["overall"]["score"] <= p["overall"]["score"]
        assert g["rules"]["gated"] is True


def test_usage_errors_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DCMM_LANG", "en")  # the wording below is the English one
    assert run("score")[0] == 2
    assert run("score", "x.json", "--target", "7")[0] == 2
    code, _, err = run("frobnicate")
    assert code == 2
    assert "invalid choice" in err


def test_missing_input_is_an_input_error() -> None:
    code, _, err = run("score", "does-not-exist.json")
    assert code == 1 and "does-not-exist.json: file not found" in err


def test_template_then_score(tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    code, _, _ = run("template", "--edition", "gbt36073-2018", "--name", "新单位", "--output", str(target))
    assert code == 0
    blank = json.loads(target.read_text("utf-8"))
    assert (
        len(blank["answers"]) == len(load_edition("gbt36073-2018").criteria)
        and blank["organisation"]["name"] == "新单位"
    )
    assert run("template", "--output", str(target))[0] == 1  # never overwrites without --force
    blank["answers"]["6.1.1.1"]["grade"] = "fully_met"
    target.write_text(json.dumps(blank, ensure_ascii=False), "utf-8")
    code, out, _ = run("score", str(target), "--format", "json")
    assert code == 0
    assert json.loads(out)["results"][0]["completeness"]["answered"] == 1


def test_committed_schema_is_current() -> None:
    committed = json.loads((ROOT / "dcmm" / "files" / "schemas" / "answer-file.schema.json").read_text("utf-8"))
    assert committed == answer_file_schema(), "run `make schema` and commit dcmm/files/schemas/answer-file.schema.json"


def test_examples_validate_against_the_schema() -> None:
    schema = answer_file_schema()
    for path in EXAMPLES.glob("*.json"):
        jsonschema.validate(json.loads(path.read_text("utf-8")), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(json.loads((BAD / "unknown-key.json").read_text("utf-8")), schema)


def test_questionnaire_commands() -> None:
    code, out, _ = run("questionnaire", "list")
    assert code == 0 and "gbt36073-2018" in out and "28 items" in out
    code, out, _ = run("questionnaire", "show", "gbt36073-2018", "--item", "11.2", "--lang", "en")
    assert (
        code == 0
        and load_edition("gbt36073-2018").item_by_id["11.2"].levels[2].criteria[0].id in out
        and "Data quality checking" in out
    )
    assert run("questionnaire", "show", "gbt36073-2018", "--item", "99.1")[0] == 1
    code, out, _ = run("questionnaire", "validate")
    assert code == 0 and "ok: gbt36073-2018" in out
    code, _, err = run("questionnaire", "validate", str(FIXTURES / "questionnaires" / "broken"))
    assert code == 1 and err.count("error: ") >= 6
    code, out, _ = run("questionnaire", "export", "gbt36073-2018", "--format", "json")
    assert code == 0 and len(json.loads(out)["domains"]) == 8
