"""The PDF progress report from a publication: its charts (labels inside and apart, none of hidden bars
only), its HTML (golden file, hidden cells, no developer document cited) and the PDF's pages (banners on
every page, no page left mostly empty)."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from dcmm.i18n import LANGUAGES, Language
from dcmm.render.charts import LevelBar, _text_width, level_bars_svg, target_bar_svg
from dcmm.tracker.progress import ProgressReport, RegionRow, TargetProgress
from dcmm.tracker.published import publish
from dcmm.tracker.records import TargetRecord
from dcmm.tracker.report_pdf import progress_context, render_html, write_progress_pdf
from tests.tracker.publications import EXACT, SYNTHETIC, national_publication, sample_publication

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("DCMM_UPDATE_GOLDEN") == "1"
TEXT = re.compile(r'<text x="([\d.-]+)" y="([\d.-]+)"[^>]*?text-anchor="(\w+)"[^>]*>([^<]*)</text>')


def _label_boxes(svg: str, size: float = 10) -> list[tuple[float, float, float, str]]:
    """Each label of a chart as (left, right, baseline, text), its width estimated as the chart does."""
    boxes = []
    for x, y, anchor, text in TEXT.findall(svg):
        width = _text_width(text, size)
        left = float(x) - {"start": 0, "middle": width / 2, "end": width}[anchor]
        boxes.append((left, left + width, float(y), text))
    return boxes


@pytest.mark.parametrize(
    ("number", "count", "projected"), [(300, 8903, 9400), (8000, 120, 400), (500, 480, 530), (300, None, None)]
)
def test_target_labels_stay_inside_the_chart_and_apart(number: int, count: int | None, projected: int | None) -> None:
    """A target of 300 against a count of 8903 put the target's label over the count's and past the edge."""
    width = 640
    svg = target_bar_svg(number, count, projected, f"当前 {count} · 预计 {projected}", f"目标 {number}", width)
    boxes = _label_boxes(svg)
    assert len(boxes) == 2
    assert all(left >= 0 and right <= width for left, right, _, _ in boxes), boxes
    (a_left, a_right, a_y, _), (b_left, b_right, b_y, _) = boxes
    assert abs(a_y - b_y) >= 12 or a_right <= b_left or b_right <= a_left, boxes  # other lines, or side by side
    height = float(re.search(r'height="(\d+)"', svg).group(1))  # type: ignore[union-attr]
    assert all(0 < y <= height for _, _, y, _ in boxes)


def test_hidden_groups_are_drawn_without_their_size() -> None:
    rows = [LevelBar("甲省", 40, [0, 30, None, None, 0], 5), LevelBar("其他", None, [None] * 5, 5)]
    svg = level_bars_svg(rows, [f"L{level}" for level in range(1, 6)], "hidden")
    assert ">40<" in svg and "&lt;5" in svg
    assert 'fill="#bbb"' in svg  # the 10 certificates at hidden levels, as one grey segment


def test_a_chart_of_hidden_bars_only_is_left_out_and_the_page_says_why() -> None:
    html = render_html(sample_publication(hide_everything=True))
    regions = html[html.index("各城市持有效证书单位") :]
    assert "未绘制等级分布图" in regions and "<svg" not in regions.split("<table")[0]
    assert '<td class="c-label">拉萨市</td>' in html
    drawn = render_html(sample_publication())
    assert "未绘制等级分布图" not in drawn and "济南市</text>" in drawn


def test_many_regions_chart_the_largest_and_say_so() -> None:
    html = render_html(national_publication(60))
    chart = html[html.index("各省持有效证书单位") : html.index("<table", html.index("各省持有效证书单位"))]
    assert chart.count("</text>") < 60 * 2 and "第60省</text>" in chart and "第1省</text>" not in chart
    assert "只画出持有效证书单位最多的 36 个地区" in chart


def test_html_prints_hidden_cells_as_the_threshold_bold_totals_and_banners() -> None:
    html = render_html(sample_publication(exact=True))
    qingdao = re.search(r"<tr><td class=\"c-label\">=HYPERLINK.*?</tr>", html, re.S)
    assert qingdao is not None and qingdao.group(0).count("&lt;5") == 2
    assert (
        '<tr class="total"><td class="c-label">合计（全国）</td>' in html
        and '<tr class="subtotal"><td class="c-label">山东省 合计</td>' in html
    )
    assert f'<div class="running-banner">{SYNTHETIC}  {EXACT}</div>' in html
    assert html.count('class="banner"') == 2


def test_no_developer_document_is_cited() -> None:
    for lang in LANGUAGES:
        html = render_html(sample_publication(lang=lang))
        assert "docs/" not in html and "tracker.md" not in html and "GB/T 36073" in html


def test_progress_html_matches_golden_file() -> None:
    html = render_html(sample_publication())
    golden = GOLDEN / "progress-zh.html"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8"), (
        "the progress report's HTML changed; when intended, regenerate with DCMM_UPDATE_GOLDEN=1 and review the diff"
    )


def test_words_follow_the_publication_language() -> None:
    context = progress_context(sample_publication(lang="en"))
    assert context["t"]["chart_target"] == "target {number}"
    html = render_html(sample_publication(lang="en"))
    assert '<html lang="en">' in html and "Figures as of 2026-11-30" in html and "target 300" in html
    assert "L1 Initial" in html and "数据截至" not in html


def _report() -> ProgressReport:
    def row(region: str, name: str, levels: dict[int, int], guanbiao: int, ago: int) -> RegionRow:
        made = RegionRow(region, name, certified_valid=sum(levels.values()), guanbiao=guanbiao)
        made.certified_valid_year_ago = ago
        made.levels.update(levels)
        made.ever_certified = made.certified_valid
        made.level3_plus = sum(count for level, count in levels.items() if level >= 3)
        return made

    target = TargetRecord("CN", "certified_valid", 50, dt.date(2026, 12, 31), "示例文件〔2025〕1号", "more_than")
    progress = TargetProgress(target, "全国", dt.date(2025, 6, 30), 33, 20, 66.0, 13, 52, "on track")
    return ProgressReport(
        as_of=dt.date(2025, 6, 30), region="CN", region_name="全国", by="province", threshold=5, expiring_days=90,
        rows=[row("37", "山东省", {2: 20, 3: 9, 5: 1}, 40, 18), row("others", "其他", {2: 3}, 3, 2)],
        total=row("CN", "全国", {2: 23, 3: 9, 5: 1}, 43, 20), targets=[progress], includes_synthetic=True,
        industries=[("制造业", {1: 0, 2: 12, 3: 6, 4: 0, 5: 1}), ("金融业", {1: 0, 2: 11, 3: 3, 4: 0, 5: 0})],
        years=[(2024, {1: 0, 2: 9, 3: 2, 4: 0, 5: 0}), (2025, {1: 0, 2: 14, 3: 7, 4: 0, 5: 1})],
    )  # fmt: skip


def test_a_progress_report_becomes_a_publication_hiding_what_the_other_outputs_hide() -> None:
    publication = publish(replace(_report(), industries=[]), "zh", exact=False)
    assert [table.key for table in publication.tables] == ["targets", "regions", "years"]
    regions = publication.tables[1]
    others = next(row for row in regions.rows if row.key == "others")
    assert others.cells["certified_valid"].hidden and others.cells["level_2"].hidden
    assert regions.rows[-1].kind == "total" and regions.rows[-1].label == "合计（全国）"
    lone = next(row for row in regions.rows if row.key == "37")
    # the lone level 5 is hidden, and another count of the row with it, so the 1 cannot be worked out
    assert lone.cells["level_5"].hidden
    assert sum(cell.hidden for key, cell in lone.cells.items() if key != "level_5") >= 1
    assert publication.banners and "合成数据" in publication.banners[0]
    html = render_html(publication)
    assert "&gt;50" not in html and "目标 50" in html


def _page_fill(page: object) -> float:
    """How far down the page its body text reaches, as a share of the body's height (A4, 20 mm top and
    16 mm bottom margins); the running header and the page number are not counted."""
    height = float(page.mediabox.height)  # type: ignore[attr-defined]
    top, bottom = height - 20 / 25.4 * 72, 16 / 25.4 * 72
    lowest = [top]

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]  # the text's baseline on the page, in points from the bottom
        if text.strip() and bottom < y < top:
            lowest.append(y)

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return (top - min(lowest)) / (top - bottom)


@pytest.fixture(scope="module")
def national_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_progress_pdf(national_publication(), tmp_path_factory.mktemp("progress") / "progress.pdf")


def test_every_page_carries_the_banners_and_none_is_left_mostly_empty(national_pdf: Path) -> None:
    reader = PdfReader(national_pdf)
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 2
    assert all(SYNTHETIC in page and "数据截至 2026-11-30" in page for page in pages)
    assert all(f"第 {n} 页 / 共 {len(pages)} 页" in page for n, page in enumerate(pages, start=1))
    fills = [_page_fill(page) for page in reader.pages]
    assert all(fill > 0.7 for fill in fills[:-1]), fills  # the old layout left pages at 0.58 and 0.63
    assert not list(national_pdf.parent.glob(".*.tmp"))  # written through a temporary file, renamed in place


def test_the_pdf_holds_the_figures(national_pdf: Path) -> None:
    text = "\n".join(page.extract_text() for page in PdfReader(national_pdf).pages)
    assert "DCMM 贯标与评估进展 · 全国" in text and "目标 300" in text and "当前 8903" in text
    assert "合计（全国）" in text and "第31省" in text and "<5" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nothing_is_laid_out_past_the_page_content_edge(lang: Language) -> None:
    """The regions table has fourteen columns: with English headings they once ran past the right edge."""
    from weasyprint.formatting_structure.boxes import MarginBox

    from dcmm.render.pdf import render_document

    publication = national_publication()
    publication.lang = lang
    for page in render_document(render_html(publication)).pages:
        frame = page._page_box
        right = frame.margin_left + frame.width
        body = [box for child in frame.children if not isinstance(child, MarginBox) for box in child.descendants()]
        assert max(box.position_x + box.margin_width() for box in body) <= right + 0.01
