"""Quick-scan files through the commands: the template, the sheet of statements, and the labelled estimate."""

import io
import json
from pathlib import Path

import pytest

from dcmm.cli import Context, main

EXAMPLE = Path(__file__).parents[2] / "examples" / "answers" / "01-00001-gbt36073-2018.json"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Context(out, err))
    return code, out.getvalue(), err.getvalue()


def filled_quick_scan(tmp_path: Path) -> Path:
    path = tmp_path / "quick.json"
    code, _, _ = run("template", "--edition", "gbt36073-2018", "--quick-scan", "--name", "示例单位", "-o", str(path))
    assert code == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    data["quick_scan"] = dict.fromkeys(data["quick_scan"], 2) | {"6.1": 4, "13.4": None}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_template_writes_one_entry_per_item_and_no_criteria(tmp_path: Path) -> None:
    path = tmp_path / "quick.json"
    code, _, err = run("template", "--edition", "gbt36073-2018", "--quick-scan", "-o", str(path))
    assert code == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(data["quick_scan"]) == 28 and data["answers"] == {}
    assert "28 items (quick scan)" in err


def test_score_labels_a_quick_scan_as_an_estimate_in_both_languages(tmp_path: Path) -> None:
    path = filled_quick_scan(tmp_path)
    code, out, _ = run("score", str(path), "--lang", "en")
    assert code == 0
    assert "ESTIMATE: quick-scan estimates" in out and "≈2.08" in out and "27/28" in out
    code, out, _ = run("score", str(path))
    assert "估算：快速自评的估算结果" in out and "不是评估结果" in out


def test_score_keeps_estimates_apart_from_results_in_json(tmp_path: Path) -> None:
    path = filled_quick_scan(tmp_path)
    code, out, _ = run("score", str(path), str(EXAMPLE), "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert [r["file"] for r in document["results"]] == [str(EXAMPLE)]
    (estimate,) = document["estimates"]
    assert estimate["kind"] == "estimate" and "ESTIMATE" in estimate["label"]
    assert estimate["overall_score"] == 2.08  # (2.67 + 2 * 6 + 2.00 [13: 3 of 4 items at 2]) / 8, see the rule


def test_a_quick_scan_with_an_unknown_item_is_rejected_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        '{\n  "edition": "gbt36073-2018",\n  "organisation": {"name": "X"},\n  "quick_scan": {\n    "6.9": 2\n  }\n}\n',
        encoding="utf-8",
    )
    code, _, err = run("score", str(path), str(EXAMPLE))
    assert code == 1
    assert f'error: {path}:5: quick_scan["6.9"]: unknown item id' in err


def test_csv_has_no_estimate_form(tmp_path: Path) -> None:
    code, _, err = run("score", str(filled_quick_scan(tmp_path)), "--format", "csv")
    assert code == 1 and "has no CSV form" in err


def test_the_sheet_shows_five_statements_per_item() -> None:
    code, out, _ = run("quick-scan", "show", "gbt36073-2018", "--lang", "en")
    assert code == 0
    assert "6.1 Data strategy planning" in out
    assert "  5. " in out and "13.4" in out


def test_ask_writes_the_chosen_levels_and_shows_the_estimate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 6.1 → 3; 6.2 → skipped; 6.3 → a wrong reply, then 2; then stop and save.
    monkeypatch.setattr("sys.stdin", io.StringIO("3\n\n9\n2\nq\n"))
    path = tmp_path / "quick.json"
    code, out, err = run("quick-scan", "ask", "gbt36073-2025", "--name", "示例单位", "-o", str(path), "--lang", "en")
    assert code == 0, err
    levels = json.loads(path.read_text(encoding="utf-8"))["quick_scan"]
    assert (levels["6.1"], levels["6.2"], levels["6.3"], levels["7.1"]) == (3, None, 2, None)
    assert len(levels) == 33
    assert "1-5, Enter or q" in out and "ESTIMATE" in out and "≈2.50" in out


def test_ask_asks_for_the_name_and_refuses_to_overwrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "quick.json"
    monkeypatch.setattr("sys.stdin", io.StringIO("示例单位\n"))  # input ends after the name: nothing chosen
    assert run("quick-scan", "ask", "-o", str(path))[0] == 0
    assert json.loads(path.read_text(encoding="utf-8"))["organisation"]["name"] == "示例单位"
    code, _, err = run("quick-scan", "ask", "--name", "X", "-o", str(path))
    assert code == 1 and "exists already" in err


def test_a_quick_scan_is_never_scored_as_a_full_assessment(tmp_path: Path) -> None:
    from dcmm.assessments import score_file
    from dcmm.files import UserError

    with pytest.raises(UserError, match="is a quick scan: it gives an estimate"):
        score_file(filled_quick_scan(tmp_path))
