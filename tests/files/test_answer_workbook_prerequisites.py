"""The admission-prerequisites sheet of an answer workbook: written pre-filled, read back, bad cells named."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from dcmm.core.errors import UserError
from dcmm.files import load_edition, read_answers
from dcmm.files.answer_workbook import WorkbookRequest, write_answer_workbook
from dcmm.files.prerequisites import readiness_of_file

REPOSITORY = Path(__file__).resolve().parents[2]
EXAMPLE = REPOSITORY / "examples" / "answers" / "03-00003-gbt36073-2018.json"
Q2025 = load_edition("gbt36073-2025")


def rows(sheet: object) -> dict[str, int]:
    """Each label of column A by its row."""
    return {str(row[0].value): int(row[0].row) for row in sheet.iter_rows(min_col=1, max_col=1) if row[0].value}  # type: ignore[attr-defined]


def blank(path: Path, language: str = "zh") -> Path:
    write_answer_workbook(WorkbookRequest(Q2025, language, organisation_name="示例单位（虚构）"), path)  # type: ignore[arg-type]
    return path


def fill(path: Path, values: dict[str, object], sheet_name: str = "申报条件") -> Path:
    book = openpyxl.load_workbook(path)
    sheet = book[sheet_name]
    found = rows(sheet)
    for label, value in values.items():
        sheet.cell(found[label], 2, value)
    book["封面" if sheet_name == "申报条件" else "Cover"]["B8"] = "甲方"
    book.save(path)
    return path


def test_an_answer_file_with_prerequisites_reads_back_the_same_through_the_sheet(tmp_path: Path) -> None:
    source = read_answers(EXAMPLE)
    assert source.answers.prerequisites is not None
    path = tmp_path / "a.xlsx"
    write_answer_workbook(WorkbookRequest(source.questionnaire, "zh", answers=source.answers), path)
    sheet = openpyxl.load_workbook(path)["申报条件"]
    found = rows(sheet)
    assert sheet.cell(found["专职数据管理人员（人）"], 2).value == 6
    assert sheet.cell(found["已正式发布数据管理制度：6 数据战略"], 2).value == "是"
    assert sheet.cell(found["已正式发布数据管理制度：9 数据应用"], 2).value == "否"
    assert read_answers(path).answers.prerequisites == source.answers.prerequisites


def test_what_the_sheet_says_is_read_in_any_spelling_and_checked_by_readiness(tmp_path: Path) -> None:
    path = fill(
        blank(tmp_path / "q.xlsx"),
        {
            "专职数据管理人员（人）": "３",  # full width
            "数据管理工具（个，自有著作权或采购合同）": 2.0,
            "已作出数据量声明": "是",
            "声明的数据量（TB）": "12.5",
            "上一年度营业收入（元）": "12,000,000",
            "已正式发布数据管理制度：7 数据治理": "是",
            "已正式发布数据管理制度：10 数据标准": "是",
            "已正式发布数据管理制度：11 数据质量": "yes",
            "已正式发布数据管理制度：12 数据安全": "是",
            "已正式发布数据管理制度：13 数据生存周期": "否",
        },
    )
    stated = read_answers(path).answers.prerequisites
    assert stated is not None
    assert (stated.data_staff, stated.tools, stated.data_volume_declared) == (3, 2, True)
    assert (stated.data_volume_tb, stated.annual_revenue_yuan, stated.headcount) == (12.5, 12_000_000, None)
    assert stated.policy_domains == ["7", "10", "11", "12"]
    checks = {check.id: check.status for check in readiness_of_file(path).checks}
    assert checks["data_staff"] == checks["issued_policies"] == checks["tools"] == "met"
    assert checks["headcount"] == "unknown"  # left empty: not stated


def test_an_empty_sheet_states_nothing_and_a_cleared_cell_drops_what_the_file_had(tmp_path: Path) -> None:
    assert read_answers(blank(tmp_path / "q.xlsx")).answers.prerequisites is None
    source = read_answers(EXAMPLE)
    path = tmp_path / "a.xlsx"
    write_answer_workbook(WorkbookRequest(source.questionnaire, "zh", answers=source.answers), path)
    book = openpyxl.load_workbook(path)
    sheet = book["申报条件"]
    sheet.cell(rows(sheet)["员工人数（人）"], 2).value = None
    book.save(path)
    stated = read_answers(path).answers.prerequisites
    assert stated is not None and stated.headcount is None and stated.data_staff == 6


def test_a_department_workbook_has_no_sheet_and_carries_the_section_unchanged(tmp_path: Path) -> None:
    source = read_answers(EXAMPLE)
    path = tmp_path / "d.xlsx"
    write_answer_workbook(WorkbookRequest(source.questionnaire, "zh", domains=["10"], answers=source.answers), path)
    assert "申报条件" not in openpyxl.load_workbook(path).sheetnames
    assert read_answers(path).answers.prerequisites == source.answers.prerequisites


def test_english_workbooks_label_the_sheet_in_english(tmp_path: Path) -> None:
    path = fill(blank(tmp_path / "q.xlsx", "en"), {"Full-time data-management staff (people)": 4,
                "Data-management policies formally issued: 12 Data security": "Yes"}, "Admission")  # fmt: skip
    stated = read_answers(path).answers.prerequisites
    assert stated is not None and (stated.data_staff, stated.policy_domains) == (4, ["12"])


@pytest.mark.parametrize(
    ("label", "value", "expected"),
    [
        ("专职数据管理人员（人）", "两个", "不小于 0 的整数"),
        ("员工人数（人）", 12.5, "不小于 0 的整数"),
        ("经营年限（年，自注册之日起）", -1, "不小于 0 的数"),
        ("已作出数据量声明", "也许", "是 或 否"),
        ("已正式发布数据管理制度：8 数据架构", "部分", "是 或 否"),
    ],
)
def test_a_cell_that_is_not_what_its_row_takes_is_named_with_what_it_takes(
    tmp_path: Path, label: str, value: object, expected: str
) -> None:
    path = fill(blank(tmp_path / "q.xlsx"), {label: value})
    row = rows(openpyxl.load_workbook(path)["申报条件"])[label]
    with pytest.raises(UserError) as caught:
        read_answers(path)
    (found,) = caught.value.problems
    assert found.file == f"{path}:申报条件!B{row}"
    assert label in found.message and expected in found.message
