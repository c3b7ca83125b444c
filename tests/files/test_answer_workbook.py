"""Answer workbooks: what the template holds, and filled workbooks read back into the answer-file model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from dcmm.core.answers import Answer, AnswerFile, Grade
from dcmm.core.errors import UserError
from dcmm.files import load_edition, read_answers
from dcmm.files.answer_workbook import COLUMNS, METADATA_SHEET, WorkbookRequest, write_answer_workbook
from dcmm.files.questionnaires import questionnaire_sha256

REPOSITORY = Path(__file__).resolve().parents[2]
EXAMPLE = REPOSITORY / "examples" / "answers" / "01-00001-gbt36073-2018.json"
Q2025 = load_edition("gbt36073-2025")
GRADE, NOTE, EVIDENCE, JUSTIFICATION, REVIEW = (COLUMNS.index(k) + 1 for k in COLUMNS[6:])
RUBRIC = COLUMNS.index("rubric") + 1
ID = COLUMNS.index("criterion") + 1


def template(path: Path, language: str = "zh", **kwargs: object) -> Path:
    request = WorkbookRequest(Q2025, language, respondent="信息安全部", organisation_name="示例单位（虚构）", **kwargs)  # type: ignore[arg-type]
    write_answer_workbook(request, path)
    return path


def edit(path: Path, change: Callable[[Workbook], object]) -> Path:
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(UserError) as caught:
        read_answers(path)
    return [str(p) for p in caught.value.problems]


def row_of(sheet: object, criterion: str) -> int:
    for row in sheet.iter_rows(min_col=ID, max_col=ID):  # type: ignore[attr-defined]
        if row[0].value == criterion:
            return int(row[0].row)
    raise AssertionError(criterion)


def test_the_template_is_a_cover_a_sheet_per_domain_and_a_very_hidden_metadata_sheet(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(template(tmp_path / "t.xlsx"))
    assert book.sheetnames == ["封面", *(d.name.zh for d in Q2025.domains), "申报条件", METADATA_SHEET]
    assert book[METADATA_SHEET].sheet_state == "veryHidden"
    meta = {row[0]: row[1:] for row in book[METADATA_SHEET].iter_rows(values_only=True)}
    assert meta["edition"][0] == "gbt36073-2025" and meta["language"][0] == "zh"
    assert meta["questionnaire_sha256"][0] == questionnaire_sha256(Q2025)
    assert meta["respondent"][0] == "信息安全部"
    domains = [row[1:] for row in book[METADATA_SHEET].iter_rows(values_only=True) if row[0] == "domain"]
    assert domains == [(d.id, d.name.zh) for d in Q2025.domains]
    rows = sum(book[d.name.zh].max_row - 1 for d in Q2025.domains)
    assert rows == len(Q2025.criteria)
    cover = book["封面"]
    assert cover["B3"].value == "示例单位（虚构）" and not cover["B3"].protection.locked and cover.protection.sheet


def test_a_domain_sheet_offers_grades_from_a_list_locks_the_criteria_and_prints_on_a4_landscape(
    tmp_path: Path,
) -> None:
    sheet = openpyxl.load_workbook(template(tmp_path / "t.xlsx"))["数据安全"]
    assert [c.value for c in sheet[1]][:7] == ["能力项", "等级", "条款编号", "评价条款", "典型证据", "评分细则", "评分"]
    lists = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    grades = lists[f"G2:G{sheet.max_row}"]
    assert grades.type == "list" and grades.showErrorMessage
    assert grades.formula1 == '"完全满足,大部分满足,一般满足,不满足,不适用"'
    assert sheet.freeze_panes == "D2" and sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.protection.sheet and not sheet.protection.sort and not sheet.protection.autoFilter
    first = sheet[2]
    assert all(first[i].protection.locked for i in range(6))  # item, level, id, text, hints, rubric
    standards = openpyxl.load_workbook(template(tmp_path / "s.xlsx", domains=["10"]))["数据标准"][2]
    criterion = Q2025.criteria[standards[ID - 1].value]
    assert criterion.rubric is not None
    rubric = standards[RUBRIC - 1].value.split("\n")
    assert rubric[1:] == [
        f"{name}：{looks.zh}"
        for name, looks in zip(
            ("完全满足", "大部分满足", "一般满足"),
            (criterion.rubric.fully_met, criterion.rubric.mostly_met, criterion.rubric.partly_met),
            strict=True,
        )
    ]
    assert not any(first[i - 1].protection.locked for i in (GRADE, NOTE, EVIDENCE, JUSTIFICATION, REVIEW))
    assert first[3].alignment.wrap_text and sheet.column_dimensions["D"].width > 40


def test_english_workbooks_list_the_english_grades(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(template(tmp_path / "t.xlsx", "en"))["Data security"]
    lists = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert '"Fully met,Mostly met,Partly met,Not met,Not applicable"' in lists


def test_only_the_domains_asked_for_are_written(tmp_path: Path) -> None:
    path = template(tmp_path / "t.xlsx", domains=["12", "6"])
    assert openpyxl.load_workbook(path).sheetnames == ["封面", "数据战略", "数据安全", METADATA_SHEET]
    read = read_answers(path)
    assert read.answers.answers == {} and read.warnings == ()
    edit(path, lambda book: book["数据安全"].cell(row=2, column=GRADE, value="完全满足"))
    (answer,) = read_answers(path).answers.answers.values()
    assert answer.respondent == "信息安全部"  # the cover's respondent gave every answer of the workbook


@pytest.mark.parametrize("language", ["zh", "en"])
def test_an_answer_file_written_as_a_workbook_reads_back_the_same(tmp_path: Path, language: str) -> None:
    source = read_answers(EXAMPLE)
    first, second = list(source.questionnaire.criteria)[:2]
    hostile = {
        first: Answer(Grade.NOT_MET, "=HYPERLINK(1)", ["'=quoted", "+1", "计划.docx"], True),
        second: Answer(Grade.NOT_APPLICABLE, "", [], False, "@SUM 不涉及"),
    }
    answers = source.answers.model_copy(update={"answers": {**source.answers.answers, **hostile}})
    path = tmp_path / "a.xlsx"
    write_answer_workbook(WorkbookRequest(source.questionnaire, language, answers=answers), path)  # type: ignore[arg-type]
    cell = openpyxl.load_workbook(path)["数据战略" if language == "zh" else "Data strategy"].cell(2, NOTE)
    assert cell.value == "'=HYPERLINK(1)" and cell.data_type == "s"  # shown, never run
    back = read_answers(path)
    assert back.answers == _answered(answers)
    assert back.questionnaire is source.questionnaire


def _answered(answers: AnswerFile) -> AnswerFile:
    return answers.model_copy(update={"answers": {k: a for k, a in answers.answers.items() if a != Answer()}})


def _grade(sheet_name: str, cells: dict[str, object], column: int = GRADE) -> Callable[[Workbook], None]:
    def change(book: Workbook) -> None:
        sheet = book[sheet_name]
        for criterion, value in cells.items():
            sheet.cell(row_of(sheet, criterion), column, value)

    return change


def test_grades_may_be_typed_in_either_language_as_keys_or_numbers_full_width_or_padded(tmp_path: Path) -> None:
    typed = {
        "12.1.1.1": " 完全满足\u3000",
        "12.1.1.2": "Mostly met",
        "12.1.2.1": "partly_met",
        "12.1.2.2": 0,
        "12.1.3.1": "０．７",
        "12.1.3.2": 1.0,
        "12.1.4.1": "0.5",
    }
    path = edit(template(tmp_path / "t.xlsx"), _grade("数据安全", typed))
    grades = {cid: a.grade for cid, a in read_answers(path).answers.answers.items()}
    assert grades == {
        "12.1.1.1": "fully_met",
        "12.1.1.2": "mostly_met",
        "12.1.2.1": "partly_met",
        "12.1.2.2": "not_met",
        "12.1.3.1": "mostly_met",
        "12.1.3.2": "fully_met",
        "12.1.4.1": "partly_met",
    }


def test_a_word_that_is_no_grade_is_named_by_its_sheet_and_cell(tmp_path: Path) -> None:
    path = edit(template(tmp_path / "s.xlsx"), _grade("数据安全", {"12.1.1.1": "完全", "12.1.2.1": 0.69}))
    found = problems(path)
    assert found[0] == (
        f'{path}:数据安全!G2: "完全" is not a grade: expected one of 完全满足, 大部分满足, 一般满足, 不满足, 不适用 '
        "(or fully_met, mostly_met, partly_met, not_met, not_applicable; 1, 0.7, 0.5, 0)"
    )
    assert found[1].startswith(f'{path}:数据安全!G5: "0.69" is not a grade')  # 12.1.1 has three criteria


def test_not_applicable_needs_a_justification_in_its_row(tmp_path: Path) -> None:
    path = edit(template(tmp_path / "t.xlsx"), _grade("数据安全", {"12.1.1.1": "不适用"}))
    assert problems(path) == [f"{path}:数据安全!J2: 不适用 needs a justification in this column (不适用理由)"]
    edit(path, _grade("数据安全", {"12.1.1.1": "本单位不处理个人信息"}, JUSTIFICATION))
    assert read_answers(path).answers.answers["12.1.1.1"].justification == "本单位不处理个人信息"


def test_rows_sorted_hidden_or_deleted_are_found_by_their_criterion_id(tmp_path: Path) -> None:
    def shuffle(book: Workbook) -> None:
        sheet = book["数据安全"]
        _grade("数据安全", {"12.1.1.1": "完全满足", "12.3.5.3": "不满足"})(book)
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
        for number, values in enumerate(reversed(rows), start=2):  # sorted the other way round
            for column, value in enumerate(values, start=1):
                sheet.cell(number, column, value)
        sheet.row_dimensions[3].hidden = True
        sheet.delete_rows(row_of(sheet, "12.2.1.1"))
        sheet.insert_rows(2)
        sheet.cell(2, 1, "以下为本部门意见")  # a line of the user's own, no criterion id
        sheet.insert_cols(4)
        sheet.cell(1, 4, "部门内编号")  # a column of the user's own

    path = edit(template(tmp_path / "t.xlsx"), shuffle)
    read = read_answers(path)
    assert {cid: a.grade for cid, a in read.answers.answers.items()} == {"12.1.1.1": "fully_met", "12.3.5.3": "not_met"}
    assert [str(w) for w in read.warnings] == [
        f"{path}:数据安全: 1 criteria of domain 12 are not in this sheet (12.2.1.1): they stay unanswered"
    ]


def test_an_unknown_criterion_id_and_an_id_given_twice_are_refused(tmp_path: Path) -> None:
    def change(book: Workbook) -> None:
        sheet = book["数据安全"]
        sheet.cell(sheet.max_row + 1, ID, "12.9.1.1")
        sheet.cell(sheet.max_row + 1, ID, "12.1.1.1")

    path = edit(template(tmp_path / "t.xlsx"), change)
    assert problems(path) == [
        f"{path}:数据安全!C47: unknown criterion id '12.9.1.1' for gbt36073-2025",
        f"{path}:数据安全!C48: criterion 12.1.1.1 appears twice (first at 数据安全!C2)",
    ]


def test_a_workbook_without_its_metadata_sheet_or_with_it_altered_is_refused(tmp_path: Path) -> None:
    gone = edit(template(tmp_path / "gone.xlsx"), lambda book: book.remove(book[METADATA_SHEET]))
    assert "no hidden _dcmm sheet" in problems(gone)[0]
    altered = edit(template(tmp_path / "altered.xlsx"), lambda book: book[METADATA_SHEET].cell(1, 2, "something"))
    assert "the hidden _dcmm sheet was changed (format is 'something'" in problems(altered)[0]


def test_a_workbook_of_another_questionnaire_version_is_refused_naming_both(tmp_path: Path) -> None:
    def older(book: Workbook) -> None:
        sheet = book[METADATA_SHEET]
        sheet.cell(4, 2, "0.0.9")
        sheet.cell(5, 2, "0" * 64)

    found = problems(edit(template(tmp_path / "t.xlsx"), older))[0]
    here = f"gbt36073-2025 data {Q2025.meta.data_version} (SHA-256 {questionnaire_sha256(Q2025)[:12]}…)"
    assert f"made for gbt36073-2025 data 0.0.9 (SHA-256 000000000000…), but this dcmm holds {here}" in found


def test_a_file_that_is_no_workbook_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.xlsx").write_text("单位名称,评分\n", encoding="utf-8")
    assert problems(tmp_path / "a.xlsx") == [
        f"{tmp_path / 'a.xlsx'}: not a readable workbook: it does not begin as a workbook does"
    ]
