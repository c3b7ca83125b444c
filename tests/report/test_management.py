"""The report's management pages: evidence list and readiness against the evidence folder, empty sections left
out, the brand and the target level in the HTML, and the DOCX's action plan."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from dcmm.assessments import ScoredFile, score_file
from dcmm.files.brand import read_brand
from dcmm.files.evidence_check import check_evidence
from dcmm.report.build import ReportOptions, stem_for, write_report_files
from dcmm.report.context import build_context
from dcmm.report.html import render_report_html
from tests.conftest import EXAMPLES
from tests.report.test_docx import BRAND_NAME, write_brand

EVIDENCE_ANSWERS = EXAMPLES.parent / "evidence-answers.json"
EVIDENCE_ROOT = EXAMPLES.parent / "evidence"


@pytest.fixture(scope="module")
def evidence_example() -> ScoredFile:
    return score_file(EVIDENCE_ANSWERS)


def test_the_example_evidence_is_all_there_as_recorded(evidence_example: ScoredFile) -> None:
    check = check_evidence(evidence_example.answers, EVIDENCE_ROOT)
    assert check.checked == 3 and check.missing == [] and check.changed == [] and check.unreferenced == []
    context = build_context(evidence_example, "zh", evidence=check)
    files = [e for e in context.evidence if e.kind == "path"]
    assert [e.status for e in files] == ["ok"] * 3 and all(len(e.sha256) == 64 for e in files)
    strategy = next(e for e in files if e.criterion_id == "6.1.2.2")
    assert (strategy.owner, strategy.date) == ("数据管理部", "2026-06-20")
    assert {e.kind for e in context.evidence} == {"path", "url", "document", "text"}
    assert context.readiness.checked and context.readiness.missing == context.readiness.changed == []


def test_missing_and_changed_files_are_flagged(evidence_example: ScoredFile, tmp_path: Path) -> None:
    root = tmp_path / "evidence"
    shutil.copytree(EVIDENCE_ROOT, root)
    (root / "制度" / "数据管理办法.md").write_text("改过的办法\n", encoding="utf-8")
    (root / "记录" / "数据质量检查记录-2026Q3.txt").unlink()
    context = build_context(evidence_example, "en", evidence=check_evidence(evidence_example.answers, root))
    readiness = context.readiness
    assert [e.reference for e in readiness.changed] == ["制度/数据管理办法.md"]
    assert [e.reference for e in readiness.missing] == ["记录/数据质量检查记录-2026Q3.txt"]
    html = render_report_html(context)
    assert "Evidence files missing" in html and "Evidence files changed since recorded" in html
    assert html.count('class="status status-missing"') == 1 and html.count('class="status status-changed"') == 1
    assert "2 evidence files" not in html and "1 evidence files missing, 1 changed" in html


def test_without_the_folder_nothing_is_flagged_and_the_report_says_so(evidence_example: ScoredFile) -> None:
    context = build_context(evidence_example, "zh")
    assert not context.readiness.checked and {e.status for e in context.evidence} == {""}
    html = render_report_html(context)
    assert "本报告未核对佐证材料文件夹" in html and 'id="evidence"' in html and "佐证材料清单" in html


def test_empty_sections_are_left_out(scored_examples: list[ScoredFile]) -> None:
    for language, none in (("zh", "<p>无。</p>"), ("en", "<p>None.</p>")):
        context = build_context(scored_examples[0], language)  # type: ignore[arg-type]
        html = render_report_html(context)
        assert none not in html
        claimed = sum(1 for d in context.domains if d.claimed_without_evidence)
        assert html.count(f"<h2>{context.t['no_evidence']}</h2>") == claimed + bool(
            context.readiness.claimed_without_evidence
        )


def test_the_heat_map_frames_the_levels_up_to_the_target(scored_examples: list[ScoredFile]) -> None:
    context = build_context(scored_examples[0], "zh")
    html = render_report_html(context)
    assert context.target.level == 3
    assert 'class="target" x="209" y="3" width="186"' in html  # three columns of 62
    assert "粗框内为目标等级及以下各等级（目标 L3）" in html


def test_brand_in_the_html(evidence_example: ScoredFile, tmp_path: Path) -> None:
    context = build_context(evidence_example, "zh", brand=read_brand(write_brand(tmp_path)))
    html = render_report_html(context)
    assert f'<span class="issuer-name">{BRAND_NAME}</span>' in html
    assert 'src="data:image/png;base64,' in html
    assert "color: #2E7D32" in html and "border-color: #F57C00" in html
    footer = html[html.index('<div class="page-footer">') : html.index('<section class="cover">')]
    assert BRAND_NAME in footer and "电话 0531-00000000" in footer
    signature = html[html.index('<section class="chapter" id="signature">') :]
    assert "王示例" in signature and "首席咨询顾问" in signature and "2026-12-01" in signature
    plain = render_report_html(build_context(evidence_example, "zh"))
    assert 'id="signature"' not in plain and "issuer-name" not in plain and "data:image" not in plain


def test_docx_action_plan_readiness_and_evidence_list(evidence_example: ScoredFile, tmp_path: Path) -> None:
    options = ReportOptions("zh", ("docx",), read_brand(write_brand(tmp_path)), EVIDENCE_ROOT)
    written, context = write_report_files(evidence_example, tmp_path, stem_for(evidence_example, "zh"), options)
    document = Document(str(written["docx"]))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    for title in ("行动计划", "认证准备", "佐证材料清单", "优先事项", "各能力域距目标等级", "签字与盖章"):
        assert title in headings
    assert "第 1 阶段：补齐L1 初始级条款（第 1–3 个月）" in headings
    plans = [
        t for t in document.tables if [c.text for c in t.rows[0].cells] == ["工作包", "条款", "负责人", "完成时间"]
    ]
    assert len(plans) == len(context.roadmap.phases)
    first = plans[0].rows[1].cells
    assert first[0].text.startswith(context.roadmap.phases[0].by_item[0].id)
    assert context.roadmap.phases[0].by_item[0].criteria[0].text in first[1].text
    assert first[2].text == first[3].text == ""  # owner and due: for the organisation to fill in
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert cells.count("一致") == 3 and "规划/数据战略规划-2026-2028.pdf" in "\n".join(cells)


def test_the_admission_prerequisites_are_a_section_of_the_report(scored_examples: list[ScoredFile]) -> None:
    stated = build_context(scored_examples[2], "zh")  # example 3 states its prerequisites (dcmm readiness)
    lines = stated.readiness.admission
    assert lines and any("专职" in line for line in lines)
    html = render_report_html(stated)
    assert "申报条件" in html and lines[0][:8] in html
    unstated = build_context(scored_examples[0], "en")
    assert unstated.readiness.admission and not unstated.readiness.admission_ready
