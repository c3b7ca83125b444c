"""Progress reports as plain data (JSON), CSV rows and terminal tables; small groups stay hidden in all three."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rich.console import Console
from rich.table import Table

from dcmm.files.cells import spreadsheet_row
from dcmm.i18n import LANGUAGES, Language, text, vocabulary
from dcmm.tracker.progress import (
    LEVELS,
    ProgressReport,
    RegionRow,
    TargetProgress,
    definition_label,
    level_label,
    metric_label,
    suppressed_levels,
)
from dcmm.tracker.records import COMPARISONS, METRICS

JSON_FORMAT = "dcmm-tracker-progress/1"
SYNTHETIC_NOTE = text("tracker.synthetic_note", "zh")
_STATUS_KEYS = {
    "met": "tracker.status_met",
    "missed": "tracker.status_missed",
    "on track": "tracker.status_on_track",
    "behind": "tracker.status_behind",
}
_STATUS_CELL_KEYS = {
    "met": "tracker.status_cell_met",
    "missed": "tracker.status_cell_missed",
    "on track": "tracker.status_cell_on_track",
    "behind": "tracker.status_cell_behind",
}
STATUS_ZH = {status: text(key, "zh") for status, key in _STATUS_KEYS.items()}


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


def _target_record(report: ProgressReport, t: TargetProgress, lang: Language = "zh") -> dict[str, Any]:
    hidden = report.shown(t.count) is None
    definition = t.target.definition
    return {
        "id": t.target.id,
        "region": t.target.region,
        "region_name": t.region_name,
        "metric": t.target.metric,
        "metric_name": metric_label(t.target.metric, lang),
        "definition": {
            "counts": list(definition.counts),
            "basis": definition.basis,
            "min_level": definition.min_level,
            "industry": definition.industry,
            "label": definition_label(definition, lang),
        },
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


def report_record(report: ProgressReport, lang: Language = "zh") -> dict[str, Any]:
    """The report as the documented JSON document (docs/tracker.md); ``lang`` chooses the note's language."""
    return {
        "format": JSON_FORMAT,
        "as_of": report.as_of.isoformat(),
        "region": report.region,
        "region_name": report.region_name,
        "by": report.by,
        "small_group_threshold": report.threshold,
        "expiring_within_days": report.expiring_days,
        "includes_synthetic": report.includes_synthetic,
        "note": text("tracker.synthetic_note", lang) if report.includes_synthetic else None,
        "metrics": {name: {language: metric_label(name, language) for language in LANGUAGES} for name in METRICS},
        "targets": [_target_record(report, t, lang) for t in report.targets],
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


def to_json(report: ProgressReport, lang: Language = "zh") -> str:
    return json.dumps(report_record(report, lang), ensure_ascii=False, indent=2)


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


def to_csv(report: ProgressReport, lang: Language = "zh") -> str:
    """One row per region (pooled row and total included); hidden small groups are empty cells.

    The column names are the JSON document's keys, the same in every language."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if report.includes_synthetic:
        writer.writerow([f"# {text('tracker.synthetic_note', lang)}"])
    writer.writerow(_CSV_COLUMNS)
    targets = {t.target.region: t for t in report.targets}
    for row in [*report.rows, report.total]:
        record = _row_record(report, row)
        target = targets.get(row.region)
        target_record = _target_record(report, target, lang) if target else {}
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
        writer.writerow(spreadsheet_row(values[c] for c in _CSV_COLUMNS))
    return out.getvalue()


def _cell(value: int | float | None, threshold: int, lang: Language) -> str:
    return text("tracker.hidden_count", lang, threshold=threshold) if value is None else str(value)


def _targets_table(report: ProgressReport, title: str, lang: Language) -> Table:
    t = vocabulary(lang)
    table = Table(title=t("tracker.targets_title", title=title), title_justify="left")
    for key in ("tracker.column_region", "tracker.column_metric"):
        table.add_column(t(key), justify="left")
    table.add_column(t("targets.column_definition"), justify="left", overflow="fold")
    for key in (
        "tracker.column_target",
        "tracker.column_deadline",
        "tracker.column_count",
        "tracker.column_percent",
        "tracker.column_pace",
        "tracker.column_projected",
    ):
        table.add_column(t(key), justify="right")
    table.add_column(t("tracker.column_status"), justify="left")
    threshold = report.threshold
    for tp in report.targets:
        record = _target_record(report, tp, lang)
        table.add_row(
            tp.region_name,
            metric_label(tp.target.metric, lang),
            definition_label(tp.target, lang),
            f"{COMPARISONS[tp.target.comparison]}{tp.target.number}",
            tp.target.deadline.isoformat(),
            *(
                _cell(record[k], threshold, lang)
                for k in ("count", "percent", "pace_per_year", "projected_at_deadline")
            ),
            t(_STATUS_CELL_KEYS[tp.status]),
        )
    return table


_REGION_COLUMNS = (
    "certified_valid",
    *(f"level_{lv}" for lv in LEVELS),
    "level3_plus",
    "ever_certified",
    "guanbiao",
    "self_assessed",
    "self_assessed_level3_plus",
    "certified_valid_change_12_months",
    "expiring",
)


def _regions_table(report: ProgressReport, title: str, lang: Language) -> Table:
    t = vocabulary(lang)
    key = "tracker.provinces_title" if report.by == "province" else "tracker.cities_title"
    table = Table(title=t(key, title=title), title_justify="left")
    table.add_column(t("tracker.column_region"), justify="left")
    headings = [
        t("tracker.column_certified_valid"),
        *(t("tracker.column_level", level=lv) for lv in LEVELS),
        t("tracker.column_level3_plus"),
        t("tracker.column_ever_certified"),
        t("tracker.column_guanbiao"),
        t("tracker.column_self_assessed"),
        t("tracker.column_self_assessed_level3_plus"),
        t("tracker.column_change_12_months"),
        t("tracker.column_expiring", days=report.expiring_days),
    ]
    for heading in headings:
        table.add_column(heading, justify="right")
    for row in [*report.rows, report.total]:
        record = _row_record(report, row)
        record.update({f"level_{lv}": record["levels"][str(lv)] for lv in LEVELS})
        cells = [_cell(record[column], report.threshold, lang) for column in _REGION_COLUMNS]
        table.add_row(record["name"], *cells, style="bold" if row is report.total else None)
    return table


def _industries_table(report: ProgressReport, lang: Language) -> Table:
    t = vocabulary(lang)
    table = Table(title=t("tracker.industries_title"), title_justify="left")
    table.add_column(t("tracker.column_industry"))
    for lv in LEVELS:
        table.add_column(level_label(lv, lang), justify="right")
    for name, levels in report.industries:
        shown = suppressed_levels(levels, report.threshold)
        table.add_row(name, *(_cell(shown[lv], report.threshold, lang) for lv in LEVELS))
    return table


def _years_table(report: ProgressReport, lang: Language) -> Table:
    t = vocabulary(lang)
    table = Table(title=t("tracker.years_title"), title_justify="left")
    table.add_column(t("tracker.column_year"))
    for lv in LEVELS:
        table.add_column(t("tracker.column_level", level=lv), justify="right")
    table.add_column(t("tracker.column_total"), justify="right")
    for year, levels in report.years:
        counts = [report.shown(levels[lv]) for lv in LEVELS] + [report.shown(sum(levels.values()))]
        table.add_row(str(year), *(_cell(count, report.threshold, lang) for count in counts))
    return table


def print_report(report: ProgressReport, console: Console, lang: Language = "zh") -> None:
    """Targets, then the regions table, then the breakdowns."""
    t = vocabulary(lang)
    title = t("tracker.report_title", region=report.region_name, as_of=report.as_of.isoformat())
    if report.includes_synthetic:
        console.print(f"[bold red]{t('tracker.synthetic_label')}[/] {t('tracker.synthetic_note')}")
    if report.targets:
        console.print(_targets_table(report, title, lang))
    console.print(_regions_table(report, title, lang))
    if report.industries:
        console.print(_industries_table(report, lang))
    if report.years:
        console.print(_years_table(report, lang))
    console.print(t("tracker.pooled_note", threshold=report.threshold))
