"""Progress as terminal tables, JSON and CSV: the words come from the catalogues, in either language."""

from __future__ import annotations

import datetime as dt
import io
import json

from rich.console import Console

from dcmm.tracker.output import print_report, to_csv, to_json
from dcmm.tracker.progress import ProgressReport, RegionRow


def _report() -> ProgressReport:
    shandong = RegionRow("37", "山东省", certified_valid=30, guanbiao=40)
    shandong.levels.update({2: 20, 3: 10})
    total = RegionRow("CN", "全国", certified_valid=30, guanbiao=40)
    total.levels.update({2: 20, 3: 10})
    return ProgressReport(
        as_of=dt.date(2025, 6, 30), region="CN", region_name="全国", by="province", threshold=5,
        expiring_days=90, rows=[shandong], total=total, targets=[], includes_synthetic=True,
    )  # fmt: skip


def _printed(lang: str) -> str:
    out = io.StringIO()
    print_report(_report(), Console(file=out, width=160), lang)  # type: ignore[arg-type]
    return out.getvalue()


def test_tables_in_chinese_keep_their_bilingual_headings() -> None:
    printed = _printed("zh")
    assert "省份 · DCMM 贯标与评估进展 · 全国 · 截至 2025-06-30" in printed
    assert "90天内到期" in printed and "Groups under 5 organisations are pooled or hidden." in printed


def test_tables_in_english() -> None:
    printed = _printed("en")
    assert "Provinces · DCMM adoption and assessment progress · 全国 · as of 2025-06-30" in printed
    assert "有效证书" not in printed and "Ever certified" in printed


def test_documents_name_synthetic_data_in_the_language_asked_for() -> None:
    assert (
        json.loads(to_json(_report(), "en"))["note"] == "includes synthetic (made-up) organisations: not real figures"
    )
    document = json.loads(to_json(_report()))
    assert document["note"].startswith("合成数据")
    assert document["metrics"]["guanbiao"]["zh"] == "贯标单位"
    assert to_csv(_report(), "en").splitlines()[0] == "# includes synthetic (made-up) organisations: not real figures"
