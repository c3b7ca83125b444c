"""Rules that need no running app: the new-assessment form's checks and cell-exact text fitting."""

from __future__ import annotations

from pathlib import Path

from dcmm.tui.screens.organisation_screen import credit_code_message, default_answer_path

VALID_CREDIT_CODE = "91350100M000100Y43"


def test_credit_code_messages_in_both_languages() -> None:
    assert credit_code_message(VALID_CREDIT_CODE.lower(), "zh") is None
    assert "18" in (credit_code_message("9135", "zh") or "")
    assert "I" in (credit_code_message("91350100M000100YI3", "zh") or "")
    assert "行政区划" in (credit_code_message("9135010AM000100Y43", "zh") or "")
    assert "应为 3" in (credit_code_message(VALID_CREDIT_CODE[:-1] + "X", "zh") or "")
    assert "should be" in (credit_code_message(VALID_CREDIT_CODE[:-1] + "X", "en") or "")


def test_the_default_answer_file_name_is_never_taken(tmp_path: Path) -> None:
    assert default_answer_path(tmp_path).name == "dcmm-assessment.json"
    (tmp_path / "dcmm-assessment.json").write_text("{}")
    (tmp_path / "dcmm-assessment-2.json").write_text("{}")
    assert default_answer_path(tmp_path).name == "dcmm-assessment-3.json"


def test_fit_measures_display_cells_not_characters() -> None:
    from rich.cells import cell_len

    from dcmm.tui.render import fit

    assert cell_len(fit("数据战略规划", 8)) == 8
    assert fit("数据战略规划", 8).startswith("数据战…")
    assert fit("数据", 6) == "数据  "
    assert fit("Data strategy planning", 10) == "Data stra…"
