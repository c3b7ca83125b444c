"""The PDF report's charts and HTML: small groups stay hidden in pictures too."""

from __future__ import annotations

import datetime as dt
import re

from dcmm.tracker.progress import ProgressReport, RegionRow
from dcmm.tracker.report_pdf import level_bars_svg, render_html


def _row(region: str, name: str, levels: dict[int, int], guanbiao: int) -> RegionRow:
    row = RegionRow(region, name, certified_valid=sum(levels.values()), guanbiao=guanbiao)
    row.levels.update(levels)
    return row


def test_hidden_groups_are_drawn_without_their_size() -> None:
    rows = [
        {"name": "甲省", "certified_valid": 40, "levels": {"1": 0, "2": 30, "3": None, "4": None, "5": 0}},
        {"name": "其他", "certified_valid": None, "levels": dict.fromkeys("12345"), "threshold": 5},
    ]
    svg = level_bars_svg(rows)
    assert ">40<" in svg and "&lt;5" in svg
    assert 'fill="#bbb"' in svg  # the 10 certificates at hidden levels, as one grey segment


def test_html_names_the_target_and_marks_synthetic_data() -> None:
    shandong = _row("37", "山东省", {2: 20, 3: 9, 5: 1}, 40)
    small = _row("others", "其他", {2: 3}, 3)
    total = _row("CN", "全国", {2: 23, 3: 9, 5: 1}, 43)
    report = ProgressReport(
        as_of=dt.date(2025, 6, 30), region="CN", region_name="全国", by="province", threshold=5,
        expiring_days=90, rows=[shandong, small], total=total, targets=[], includes_synthetic=True,
    )  # fmt: skip
    html = render_html(report)
    assert "SYNTHETIC" in html and "山东省" in html
    pooled = re.search(r"<tr><td>其他</td>(.*?)</tr>", html, re.S)
    assert pooled is not None
    assert set(re.findall(r"<td>(.*?)</td>", pooled.group(1))) == {"&lt;5", "0"}  # 3 organisations: hidden
