"""The PDF progress report: its charts and HTML hide small groups, a golden HTML file, and the PDF's text."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from dcmm.i18n import Language
from dcmm.render.charts import LevelBar, level_bars_svg
from dcmm.tracker.progress import ProgressReport, RegionRow, TargetProgress
from dcmm.tracker.published import Publication, publish
from dcmm.tracker.records import TargetRecord
from dcmm.tracker.report_pdf import progress_context, render_html, write_progress_pdf

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("DCMM_UPDATE_GOLDEN") == "1"


def _row(region: str, name: str, levels: dict[int, int], guanbiao: int) -> RegionRow:
    row = RegionRow(region, name, certified_valid=sum(levels.values()), guanbiao=guanbiao)
    row.levels.update(levels)
    return row


def _report(**changes: object) -> ProgressReport:
    shandong = _row("37", "山东省", {2: 20, 3: 9, 5: 1}, 40)
    small = _row("others", "其他", {2: 3}, 3)
    total = _row("CN", "全国", {2: 23, 3: 9, 5: 1}, 43)
    fields: dict[str, object] = dict(
        as_of=dt.date(2025, 6, 30), region="CN", region_name="全国", by="province", threshold=5,
        expiring_days=90, rows=[shandong, small], total=total, targets=[], includes_synthetic=True,
    )  # fmt: skip
    fields.update(changes)
    return ProgressReport(**fields)  # type: ignore[arg-type]


def _full_report(language: Language = "zh") -> Publication:
    """Every part of the report: a target, industries and years, small groups among them."""
    target = TargetRecord("CN", "certified_valid", 50, dt.date(2026, 12, 31), "示例文件〔2025〕1号", "more_than")
    progress = TargetProgress(target, "全国", dt.date(2025, 6, 30), 33, 20, 66.0, 13, 52, "on track")
    industries = [("制造业", {1: 0, 2: 12, 3: 6, 4: 0, 5: 1}), ("金融业", {1: 0, 2: 8, 3: 3, 4: 0, 5: 0})]
    years = [(2024, {1: 0, 2: 9, 3: 2, 4: 0, 5: 0}), (2025, {1: 0, 2: 14, 3: 7, 4: 0, 5: 1})]
    return publish(_report(targets=[progress], industries=industries, years=years), language)


def test_hidden_groups_are_drawn_without_their_size() -> None:
    rows = [
        LevelBar("甲省", 40, [0, 30, None, None, 0], 5),
        LevelBar("其他", None, [None] * 5, 5),
    ]
    svg = level_bars_svg(rows, [f"L{level}" for level in range(1, 6)], "hidden")
    assert ">40<" in svg and "&lt;5" in svg
    assert 'fill="#bbb"' in svg  # the 10 certificates at hidden levels, as one grey segment


def test_html_names_the_target_and_marks_synthetic_data() -> None:
    html = render_html(publish(_report()))
    assert "SYNTHETIC" in html and "山东省" in html
    pooled = re.search(r"<tr><td>其他</td>(.*?)</tr>", html, re.S)
    assert pooled is not None
    assert set(re.findall(r"<td>(.*?)</td>", pooled.group(1))) == {"&lt;5", "0"}  # 3 organisations: hidden


def test_progress_html_matches_golden_file() -> None:
    html = render_html(_full_report())
    golden = GOLDEN / "progress-zh.html"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8"), (
        "the progress report's HTML changed; when intended, regenerate with DCMM_UPDATE_GOLDEN=1 and review the diff"
    )


def test_level_names_come_from_the_edition_and_words_follow_the_language() -> None:
    zh, en = progress_context(_full_report("zh")), progress_context(_full_report("en"))
    assert [level.label for level in zh.levels] == [
        "L1 初始级",
        "L2 受管理级",
        "L3 稳健级",
        "L4 量化管理级",
        "L5 优化级",
    ]
    assert en.levels[0].label == "L1 Initial"
    html = render_html(_full_report("en"))
    assert "Targets" in html and "目标" not in html and "Expiring within 90 days" in html
    assert '<html lang="en">' in html


def test_small_groups_stay_hidden_in_breakdowns() -> None:
    context = progress_context(_full_report())
    assert context.industries[1].levels[2] is None  # 3 organisations at L3: a small group
    assert context.total is not None and context.total.cells[0] == 33


def test_the_exact_view_says_so_on_every_page(tmp_path: Path) -> None:
    path = write_progress_pdf(publish(_report(), "zh", exact=True), tmp_path / "exact.pdf")
    pages = [page.extract_text() for page in PdfReader(path).pages]
    assert all("内部资料：含小于 5 家的精确数" in page for page in pages)


@pytest.fixture(scope="module")
def progress_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_progress_pdf(_full_report(), tmp_path_factory.mktemp("progress") / "progress.pdf")


def test_progress_pdf_text(progress_pdf: Path) -> None:
    reader = PdfReader(progress_pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "DCMM 贯标与评估进展" in text and "山东省" in text and "SYNTHETIC" in text
    assert f"第 1 页 / 共 {len(reader.pages)} 页" in text
    assert "截至 2025-06-30" in reader.pages[0].extract_text()  # the running header
    assert not list(progress_pdf.parent.glob(".*.tmp"))  # written through a temporary file, renamed in place
