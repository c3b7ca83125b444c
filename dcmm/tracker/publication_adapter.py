"""A :class:`~dcmm.tracker.published.Publication` made from a progress report by the report's own hiding
rules (``ProgressReport.shown``, ``suppressed_levels``), for the briefings (PDF, XLSX, DOCX) to render.

It carries no tallies, so it does no disclosure control of its own: it hides exactly what the terminal
table, CSV and JSON hide. ``published.publish`` supersedes it; then the briefings take its Publication.
"""

from __future__ import annotations

from dcmm.i18n import Language, text, vocabulary
from dcmm.tracker.progress import LEVELS, OTHERS, ProgressReport, RegionRow, metric_label, suppressed_levels
from dcmm.tracker.published import Cell, Column, Publication, Row, RowKind, Table, TableKey
from dcmm.tracker.records import COMPARISONS

_STATUS = {
    "met": "tracker.status_cell_met",
    "missed": "tracker.status_cell_missed",
    "on track": "tracker.status_cell_on_track",
    "behind": "tracker.status_cell_behind",
}


def publication_from_report(report: ProgressReport, lang: Language = "zh") -> Publication:
    t = vocabulary(lang)
    tables = [_regions(report, lang)]
    if report.targets:
        tables.insert(0, _targets(report, lang))
    if report.industries:
        tables.append(_levels_table(report, "industries", t("tracker.industries_title"), report.industries, lang))
    if report.years:
        years = [(str(year), levels) for year, levels in report.years]
        tables.append(_levels_table(report, "years", t("tracker.years_title"), years, lang))
    return Publication(
        title=f"{t('briefing.title')} · {report.region_name}",
        as_of=report.as_of,
        lang=lang,
        threshold=report.threshold,
        exact=False,
        banners=[f"{t('tracker.synthetic_label')} {t('tracker.synthetic_note')}"] if report.includes_synthetic else [],
        tables=tables,
    )


def _count(report: ProgressReport, value: int) -> Cell:
    return Cell(value, hidden=report.shown(value) is None)


def _targets(report: ProgressReport, lang: Language) -> Table:
    t = vocabulary(lang)
    columns = [
        Column("metric", t("tracker.column_metric"), numeric=False),
        Column("target", t("tracker.column_target")),
        Column("deadline", t("tracker.column_deadline"), numeric=False),
        Column("count", t("tracker.column_count")),
        Column("percent", t("tracker.column_percent")),
        Column("pace", t("tracker.column_pace")),
        Column("projected", t("tracker.column_projected")),
        Column("status", t("tracker.column_status"), numeric=False),
        Column("source", t("briefing.column_source"), numeric=False),
    ]
    rows = []
    for progress in report.targets:
        target = progress.target
        hidden = report.shown(progress.count) is None
        comparison = COMPARISONS[target.comparison]
        cells = {
            "metric": Cell(f"{metric_label(target.metric, lang)} {comparison}"),
            "target": Cell(target.number),
            "deadline": Cell(target.deadline.isoformat()),
            "count": Cell(progress.count, hidden=hidden),
            "percent": Cell(progress.percent, hidden=hidden),
            "pace": Cell(progress.pace_per_year, hidden=hidden),
            "projected": Cell(progress.projected, hidden=hidden),
            "status": Cell(t(_STATUS[progress.status])),
            "source": Cell(target.source_document),
        }
        rows.append(Row("region", str(target.id or target.region), progress.region_name, cells=cells))
    return Table("targets", t("tracker.targets_title", title=report.region_name), columns, rows)


def _regions(report: ProgressReport, lang: Language) -> Table:
    t = vocabulary(lang)
    keys = [
        ("certified_valid", t("tracker.column_certified_valid")),
        *((f"level_{lv}", t("tracker.column_level", level=lv)) for lv in LEVELS),
        ("level3_plus", t("tracker.column_level3_plus")),
        ("ever_certified", t("tracker.column_ever_certified")),
        ("guanbiao", t("tracker.column_guanbiao")),
        ("self_assessed", t("tracker.column_self_assessed")),
        ("self_assessed_level3_plus", t("tracker.column_self_assessed_level3_plus")),
        ("change_12_months", t("tracker.column_change_12_months")),
        ("expiring", t("tracker.column_expiring", days=report.expiring_days)),
    ]
    columns = [Column(key, label) for key, label in keys]

    def row(region: RegionRow, kind: RowKind) -> Row:
        levels = suppressed_levels(region.levels, report.threshold)
        year_ago = report.shown(region.certified_valid_year_ago) is None
        cells = {
            "certified_valid": _count(report, region.certified_valid),
            **{f"level_{lv}": Cell(region.levels[lv], hidden=levels[lv] is None) for lv in LEVELS},
            "level3_plus": _count(report, region.level3_plus),
            "ever_certified": _count(report, region.ever_certified),
            "guanbiao": _count(report, region.guanbiao),
            "self_assessed": _count(report, region.self_assessed),
            "self_assessed_level3_plus": _count(report, region.self_assessed_level3_plus),
            "change_12_months": Cell(
                region.certified_valid - region.certified_valid_year_ago,
                hidden=year_ago or report.shown(region.certified_valid) is None,
            ),
            "expiring": _count(report, region.expiring),
        }
        if kind == "total":
            return Row("total", "total", f"{t('tracker.column_total')}（{region.name}）", cells=cells)
        return Row("others" if region.region == OTHERS else "region", region.region, region.name, cells=cells)

    key = "tracker.provinces_title" if report.by == "province" else "tracker.cities_title"
    rows = [row(r, "region") for r in report.rows] + [row(report.total, "total")]
    return Table("regions", t(key, title=report.region_name), columns, rows)


def _levels_table(
    report: ProgressReport, key: TableKey, title: str, groups: list[tuple[str, dict[int, int]]], lang: Language
) -> Table:
    """Industries or years by level, with a total column and a total row; hidden as the other outputs hide."""
    t = vocabulary(lang)
    columns = [Column(f"level_{lv}", t("tracker.column_level", level=lv)) for lv in LEVELS]
    columns.append(Column("total", t("tracker.column_total")))
    # industries hide a second level when one alone would be hidden; years hide each small count
    pairs = key == "industries"
    rows = []
    for name, levels in groups:
        shown = (
            suppressed_levels(levels, report.threshold) if pairs else {lv: report.shown(levels[lv]) for lv in LEVELS}
        )
        cells = {f"level_{lv}": Cell(levels[lv], hidden=shown[lv] is None) for lv in LEVELS}
        cells["total"] = _count(report, sum(levels.values()))
        kind: RowKind = "others" if name == text("tracker.others", lang) else "region"
        rows.append(Row(kind, name, name, cells=cells))
    sums = {lv: sum(levels[lv] for _, levels in groups) for lv in LEVELS}
    total = {f"level_{lv}": _count(report, sums[lv]) for lv in LEVELS}
    total["total"] = _count(report, sum(sums.values()))
    rows.append(Row("total", "total", t("tracker.column_total"), cells=total))
    return Table(key, title, columns, rows)
