"""dcmm evidence check: its findings as text and JSON, its exit codes, and --record writing nothing else."""

from __future__ import annotations

import json
from pathlib import Path

from dcmm.files import read_answers
from tests.cli.running import run


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "evidence"
    (root / "制度").mkdir(parents=True)
    (root / "制度" / "战略.pdf").write_bytes(b"strategy")
    answers = tmp_path / "a.json"
    data = {
        "format_version": "1.0",
        "edition": "gbt36073-2018",
        "organisation": {"name": "示例单位"},
        "answers": {"6.1.1.1": {"grade": "fully_met", "evidence": ["制度/战略.pdf"]}},
    }
    answers.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return answers, root


def test_clean_check_writes_nothing(tmp_path: Path) -> None:
    answers, root = _setup(tmp_path)
    before = answers.read_bytes()
    result = run("evidence", "check", str(answers), "--root", str(root))
    assert result.code == 0, result.err
    assert "1 evidence files checked" in result.out and "no problems found" in result.out
    assert answers.read_bytes() == before


def test_record_then_change_then_json(tmp_path: Path) -> None:
    answers, root = _setup(tmp_path)
    assert run("evidence", "check", str(answers), "--root", str(root), "--record").code == 0
    read = read_answers(answers)
    assert (
        json.loads(answers.read_text(encoding="utf-8"))["format_version"] == "1.3"
    )  # recorded against the current content version
    assert read.answers.answers["6.1.1.1"].evidence[0].entry.size == len(b"strategy")  # type: ignore[attr-defined]
    (root / "制度" / "战略.pdf").write_bytes(b"strategy v2")
    (root / "stray.txt").write_text("x")
    result = run("evidence", "check", str(answers), "--root", str(root), "--format", "json")
    assert result.code == 4  # findings, told apart from bad input (1)
    found = json.loads(result.out)
    assert found["changed"] == [{"criterion": "6.1.1.1", "path": "制度/战略.pdf"}]
    assert found["unreferenced"] == ["stray.txt"] and found["recorded"] is False


def test_bad_root_is_an_input_error(tmp_path: Path) -> None:
    answers, _root = _setup(tmp_path)
    result = run("evidence", "check", str(answers), "--root", str(tmp_path / "a.json"))
    assert result.code == 1 and "--root is not a folder" in result.err and result.out == ""
    assert "Traceback" not in result.err


def test_record_into_a_workbook_is_refused(tmp_path: Path) -> None:
    answers, root = _setup(tmp_path)
    workbook = tmp_path / "a.xlsx"
    assert run("convert", str(answers), "-o", str(workbook)).code == 0
    before = workbook.read_bytes()
    result = run("evidence", "check", str(workbook), "--root", str(root), "--record")
    assert result.code == 1 and "not a workbook" in result.err
    assert workbook.read_bytes() == before
