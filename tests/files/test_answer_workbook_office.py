"""Answer workbooks through LibreOffice Calc: saved again by it, they read back the same; printed, they are A4
landscape pages with the header row on each."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from dcmm.core.answers import Answer, Grade
from dcmm.files import load_edition, read_answers
from dcmm.files.answer_workbook import WorkbookRequest, write_answer_workbook
from tests.office import convert

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers" / "02-00002-gbt36073-2018.json"
A4_LANDSCAPE = (842, 595)  # points, rounded


def test_a_workbook_saved_again_by_libreoffice_reads_back_the_same_answers(tmp_path: Path) -> None:
    source = read_answers(EXAMPLE)
    extra = {
        "6.1.1.1": Answer(Grade.NOT_APPLICABLE, "=SUM(1)", ["制度.pdf", "-2"], True, "本单位不涉及"),
        "6.1.1.2": Answer(Grade.PARTLY_MET, "多行\n备注", ["http://intranet.example/a?b=1"]),
    }
    answers = source.answers.model_copy(update={"answers": {**source.answers.answers, **extra}})
    written = tmp_path / "filled.xlsx"
    write_answer_workbook(WorkbookRequest(source.questionnaire, "zh", answers=answers), written)
    before = read_answers(written)
    resaved = convert(written, "xlsx", tmp_path / "calc")
    assert resaved.read_bytes() != written.read_bytes()  # Calc wrote a workbook of its own
    after = read_answers(resaved)
    assert after.answers == before.answers
    assert after.answers.answers["6.1.1.1"] == extra["6.1.1.1"]
    assert after.warnings == ()


def test_the_template_prints_as_a4_landscape_with_the_header_on_every_page(tmp_path: Path) -> None:
    q = load_edition("gbt36073-2025")
    template = tmp_path / "template.xlsx"
    write_answer_workbook(WorkbookRequest(q, "zh", domains=["12"], organisation_name="示例单位（虚构）"), template)
    pages = PdfReader(convert(template, "pdf", tmp_path)).pages
    assert len(pages) >= 3  # the cover, then the domain's 45 criteria over more than one page
    for page in pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == A4_LANDSCAPE
    texts = [page.extract_text() for page in pages]
    assert "如何填写" in texts[0] and "示例单位（虚构）" in texts[0]
    assert all("条款编号" in text and "评分" in text for text in texts[1:])  # print_title_rows
    printed = "".join(texts[1:])
    criteria = [c.id for item in q.domain_by_id["12"].items for c in item.criteria]
    assert all(criterion in printed for criterion in criteria)
