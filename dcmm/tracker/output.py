"""Progress reports as plain data (JSON), CSV rows and terminal tables; small groups stay hidden in all three."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rich.console import Console
from rich.table import Table

from dcmm.tracker.fields import LEVEL_NAMES
from dcmm.tracker.progress import LEVELS, ProgressReport, RegionRow, TargetProgress, metric_label, suppressed_levels
from dcmm.tracker.records import COMPARISONS, METRICS

JSON_FORMAT = "dcmm-tracker-progress/1"
SYNTHETIC_NOTE = (
    "合成数据：包含虚构单位，数字不是真实统计 — includes synthetic (made-up) organisations: not real figures"
)
STATUS_ZH = {"met": "已达成", "missed": "未达成", "on track": "按期可达", "behind": "进度落后"}


def _row_record(report: ProgressReport, row: RegionRow) -> dict[str, Any]:
    shown = report.shown
    return {
        "region": row.region,
        "name": row.name,
        "pooled_regions": row.pooled_regions,
        "certified_valid": shown(row.certified_valid),
        "levels": {str(lv): c for lv, c in suppressed_levels(row.levels, report.threshold).items()},
        "level3_plus": shown(row.level3_plus),
        "ever_certified": shown(row.ever_certified),
        "guanbiao": shown(row.guanbiao),
        "self_assessed": shown(row.self_assessed),
        "self_assessed_level3_plus": shown(row.self_assessed_level3_plus),
        "certified_valid_change_12_months": (
            row.certified_valid - row.certified_valid_year_ago
            if shown(row.certified_valid) is not None and shown(row.certified_valid_year_ago) is not None
            else None
        ),
        "expiring": shown(row.expiring),
    }


def _target_record(report: ProgressReport, t: TargetProgress) -> dict[str, Any]:
    hidden = report.shown(t.count) is None
    return {
        "id": t.target.id,
        "region": t.target.region,
        "region_name": t.region_name,
        "metric": t.target.metric,
        "metric_name": metric_label(t.target.metric),
        "comparison": t.target.comparison,
        "number": t.target.number,
        "deadline": t.target.deadline.isoformat(),
        "source_document": t.target.source_document,
        "counted_on": t.counted_on.isoformat(),
        "count": None if hidden else t.count,
        "percent": None if hidden else t.percent,
        "pace_per_year": None if hidden else t.pace_per_year,
        "projected_at_deadline": None if hidden else t.projected,
        "status": t.status,
    }


def report_record(report: ProgressReport) -> dict[str, Any]:
    """The report as the documented JSON document (docs/tracker.md)."""
    return {
        "format": JSON_FORMAT,
        "as_of": report.as_of.isoformat(),
        "region": report.region,
        "region_name": report.region_name,
        "by": report.by,
        "small_group_threshold": report.threshold,
        "expiring_within_days": report.expiring_days,
        "includes_synthetic": report.includes_synthetic,
        "note": SYNTHETIC_NOTE if report.includes_synthetic else None,
        "metrics": {name: {"zh": zh, "en": en} for name, (zh, en) in METRICS.items()},
        "targets": [_target_record(report, t) for t in report.targets],
        "rows": [_row_record(report, r) for r in report.rows],
        "total": _row_record(report, report.total),
        "industries": [
            {"industry": name, "levels": {str(lv): c for lv, c in suppressed_levels(levels, report.threshold).items()}}
            for name, levels in report.industries
        ],
        "years": [
            {"year": year, "issued": {str(lv): report.shown(c) for lv, c in levels.items()}}
            for year, levels in report.years
        ],
    }


def to_json(report: ProgressReport) -> str:
    return json.dumps(report_record(report), ensure_ascii=False, indent=2)


_CSV_COLUMNS = (
    "region",
    "name",
    "certified_valid",
    *(f"level_{lv}" for lv in LEVELS),
    "level3_plus",
    "ever_certified",
    "guanbiao",
    "self_assessed",
    "self_assessed_level3_plus",
    "certified_valid_change_12_months",
    "expiring",
    "target_metric",
    "target",
    "deadline",
    "percent",
    "projected_at_deadline",
    "status",
)


def to_csv(report: ProgressReport) -> str:
    """One row per region (pooled row and total included); hidden small groups are empty cells."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if report.includes_synthetic:
        writer.writerow([f"# {SYNTHETIC_NOTE}"])
    writer.writerow(_CSV_COLUMNS)
    targets = {t.target.region: t for t in report.targets}
    for row in [*report.rows, report.total]:
        record = _row_record(report, row)
        target = targets.get(row.region)
        target_record = _target_record(report, target) if target else {}
        levels = record.pop("levels")
        record.pop("pooled_regions")
        values = {**record, **{f"level_{lv}": levels[str(lv)] for lv in LEVELS}}
        values.update(
            {
                "target_metric": target_record.get("metric"),
                "target": target_record.get("number"),
                "deadline": target_record.get("deadline"),
                "percent": target_record.get("percent"),
                "projected_at_deadline": target_record.get("projected_at_deadline"),
                "status": target_record.get("status"),
            }
        )
        writer.writerow(["" if values[c] is None else values[c] for c in _CSV_COLUMNS])
    return out.getvalue()


def _cell(value: int | float | None, threshold: int) -> str:
    return f"<{threshold}" if value is None else str(value)


def print_report(report: ProgressReport, console: Console) -> None:
    """Targets, then the regions table, then the breakdowns."""
    t = report.threshold
    title = f"DCMM 贯标与评估进展 · {report.region_name} · 截至 {report.as_of.isoformat()}"
    if report.includes_synthetic:
        console.print(f"[bold red]SYNTHETIC[/] {SYNTHETIC_NOTE}")
    if report.targets:
        table = Table(title=f"目标 targets · {title}", title_justify="left")
        for column in ("地区", "指标", "目标", "截止", "当前", "完成%", "近12月增量", "预计", "状态"):
            table.add_column(column, justify="right" if column not in ("地区", "指标", "状态") else "left")
        for tp in report.targets:
            record = _target_record(report, tp)
            table.add_row(
                tp.region_name,
                metric_label(tp.target.metric),
                f"{COMPARISONS[tp.target.comparison]}{tp.target.number}",
                tp.target.deadline.isoformat(),
                _cell(record["count"], t),
                _cell(record["percent"], t),
                _cell(record["pace_per_year"], t),
                _cell(record["projected_at_deadline"], t),
                f"{STATUS_ZH[tp.status]} {tp.status}",
            )
        console.print(table)
    regions = Table(title=f"{'省份' if report.by == 'province' else '城市'} · {title}", title_justify="left")
    regions.add_column("地区", justify="left")
    for column in ("有效证书", *(f"L{lv}" for lv in LEVELS), "L3+", "累计获证", "贯标", "自评", "自评L3+", "12月变化"):
        regions.add_column(column, justify="right")
    regions.add_column(f"{report.expiring_days}天内到期", justify="right")
    for row in [*report.rows, report.total]:
        r = _row_record(report, row)
        cells = [
            r["name"],
            _cell(r["certified_valid"], t),
            *(_cell(r["levels"][str(lv)], t) for lv in LEVELS),
            _cell(r["level3_plus"], t),
            _cell(r["ever_certified"], t),
            _cell(r["guanbiao"], t),
            _cell(r["self_assessed"], t),
            _cell(r["self_assessed_level3_plus"], t),
            _cell(r["certified_valid_change_12_months"], t),
            _cell(r["expiring"], t),
        ]
        regions.add_row(*cells, style="bold" if row is report.total else None)
    console.print(regions)
    if report.industries:
        table = Table(title="按行业（有效证书）by industry, valid certificates", title_justify="left")
        table.add_column("行业")
        for lv in LEVELS:
            table.add_column(f"L{lv} {LEVEL_NAMES[lv][0]}", justify="right")
        for name, levels in report.industries:
            shown = suppressed_levels(levels, t)
            table.add_row(name, *(_cell(shown[lv], t) for lv in LEVELS))
        console.print(table)
    if report.years:
        table = Table(title="按年份（发证数）certificates issued by year", title_justify="left")
        table.add_column("年份")
        for lv in LEVELS:
            table.add_column(f"L{lv}", justify="right")
        table.add_column("合计", justify="right")
        for year, levels in report.years:
            total = _cell(report.shown(sum(levels.values())), t)
            table.add_row(str(year), *(_cell(report.shown(levels[lv]), t) for lv in LEVELS), total)
        console.print(table)
    console.print(f"小于 {t} 家的组已合并或隐藏（显示为 <{t}）。Groups under {t} organisations are pooled or hidden.")
