"""``dcmm template --format xlsx`` and ``dcmm convert``, run in-process as a user would call them."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from dcmm.files import load_edition, read_answers
from tests.cli.running import run
from tests.conftest import EXAMPLES

EXAMPLE = next(EXAMPLES.glob("01-*.json"))


def test_a_template_for_two_domains_filled_in_is_scored(tmp_path: Path) -> None:
    target = tmp_path / "安全部.xlsx"
    done = run("template", "--edition", "gbt36073-2025", "--domain", "12", "--domain", "6",
               "--respondent", "信息安全部", "--name", "示例单位（虚构）", "-o", str(target))  # fmt: skip
    assert done.code == 0, done.err
    q = load_edition("gbt36073-2025")
    chosen = sum(len(item.criteria) for domain in ("6", "12") for item in q.domain_by_id[domain].items)
    assert f"wrote {target}: {chosen} criteria of gbt36073-2025" in done.err
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["封面", "数据战略", "数据安全", "_dcmm"]
    book["数据安全"]["G2"] = "完全满足"
    book.save(target)
    scored = run("score", "--format", "csv", str(target))
    assert scored.code == 0, scored.err
    assert "示例单位（虚构）" in scored.out
    assert run("template", "--format", "xlsx", "-o", str(target)).code == 1  # never replaced without --force
    assert run("template", "--format", "xlsx", "-o", str(target), "--force").code == 0
    assert openpyxl.load_workbook(target)["数据安全"]["G2"].value is None


def test_the_language_and_the_format_follow_the_options(tmp_path: Path) -> None:
    assert run("template", "--lang", "en", "-o", str(tmp_path / "q.xlsx")).code == 0  # .xlsx: a workbook
    assert openpyxl.load_workbook(tmp_path / "q.xlsx").sheetnames[:2] == ["Cover", "Data strategy"]
    assert run("template", "--respondent", "x", "-o", str(tmp_path / "q.json")).code == 2  # a workbook option


def test_convert_goes_from_an_answer_file_to_a_workbook_and_back_without_loss(tmp_path: Path) -> None:
    workbook, back = tmp_path / "review.xlsx", tmp_path / "back.json"
    done = run("convert", str(EXAMPLE), "-o", str(workbook))
    assert done.code == 0, done.err
    example = read_answers(EXAMPLE)
    graded = sum(answer.grade is not None for answer in example.answers.answers.values())
    assert f"{graded} of {len(example.questionnaire.criteria)} criteria graded" in done.err
    assert run("convert", str(workbook), "-o", str(back)).code == 0
    original, converted = read_answers(EXAMPLE).answers, read_answers(back).answers
    assert converted.model_dump(exclude={"answers"}) == original.model_dump(exclude={"answers"})
    assert {k: a for k, a in original.answers.items() if a.grade or a.note or a.evidence} == converted.answers
    assert run("convert", str(workbook), "-o", str(back)).code == 1  # never replaced without --force
    assert run("convert", str(workbook), "-o", str(back), "--force").code == 0


def test_a_deleted_row_is_read_as_unanswered_with_a_warning(tmp_path: Path) -> None:
    target = tmp_path / "q.xlsx"
    run("template", "--edition", "gbt36073-2025", "--domain", "12", "--name", "示例", "-o", str(target))
    book = openpyxl.load_workbook(target)
    book["数据安全"].delete_rows(2)
    book.save(target)
    done = run("score", "--format", "csv", str(target))
    assert done.code == 0
    assert f"warning: {target}:数据安全: 1 criteria of domain 12 are not in this sheet (12.1.1.1)" in done.err
