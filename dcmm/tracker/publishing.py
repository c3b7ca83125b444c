"""A progress report as a :class:`~dcmm.tracker.published.Publication`: its tables, every count a tally of
base counts, and the cells disclosure control hides (see :func:`dcmm.tracker.published.publish`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dcmm.i18n import Language, vocabulary
from dcmm.tracker.definitions import definition_label
from dcmm.tracker.disclosure import Tally, is_small, merged, protect
from dcmm.tracker.industries import industry_name
from dcmm.tracker.progress import LEVELS, ProgressReport, RegionRow, level_label, metric_label
from dcmm.tracker.published import Cell, Column, Publication, Row, RowKind, Table
from dcmm.tracker.records import TargetRecord
from dcmm.tracker.regions import region_name
from dcmm.tracker.tally_bases import Bases, Terms

REGION_COLUMNS = (
    "certified_valid",
    *(f"level_{lv}" for lv in LEVELS),
    "level3_plus",
    "ever_certified",
    "guanbiao",
    "self_assessed",
    "self_assessed_level3_plus",
    "change_12_months",
    "expiring",
)
LEVEL_COLUMNS = (*(f"level_{lv}" for lv in LEVELS), "total")
TARGET_COLUMNS = (
    "metric",
    "definition",
    "comparison",
    "target",
    "deadline",
    "counted_on",
    "count",
    "missing",
    "percent",
    "change_12_months",
    "projected",
    "status",
    "source",
)
TEXT_COLUMNS = frozenset({"metric", "definition", "comparison", "deadline", "counted_on", "status", "source"})
_REGION_TITLES = {
    "province": "tracker.provinces_title",
    "city": "tracker.cities_title",
    "county": "tracker.counties_title",
}
SUBDIVIDED = frozenset({"city", "county"})  # rows below the province: each sums into its province's subtotal
_STATUS_KEYS = {
    "met": "tracker.status_met",
    "missed": "tracker.status_missed",
    "on track": "tracker.status_on_track",
    "behind": "tracker.status_behind",
}
_REGION_LABELS = {
    "certified_valid": "tracker.column_certified_valid",
    "level3_plus": "tracker.column_level3_plus",
    "ever_certified": "tracker.column_ever_certified",
    "guanbiao": "tracker.column_guanbiao",
    "self_assessed": "tracker.column_self_assessed",
    "self_assessed_level3_plus": "tracker.column_self_assessed_level3_plus",
    "change_12_months": "tracker.column_change_12_months",
}
_TARGET_LABELS = {
    "metric": "tracker.column_metric",
    "definition": "tracker.column_definition",
    "comparison": "tracker.column_comparison",
    "target": "tracker.column_target",
    "deadline": "tracker.column_deadline",
    "counted_on": "tracker.column_counted_on",
    "count": "tracker.column_count",
    "missing": "tracker.column_missing",
    "percent": "tracker.column_percent",
    "change_12_months": "tracker.column_pace",
    "projected": "tracker.column_projected",
    "status": "tracker.column_status",
    "source": "tracker.column_source",
}


def definition_text(target: TargetRecord, lang: Language) -> str:
    """What a target counts, in words (the targets table's ``definition`` column)."""
    return definition_label(target, lang)


def status_label(status: str, lang: Language) -> str:
    return vocabulary(lang)(_STATUS_KEYS[status])


class _Publisher:
    def __init__(self, report: ProgressReport, lang: Language, exact: bool) -> None:
        self.report = report
        self.exact = exact
        self.lang = lang
        self.t = vocabulary(lang)
        self.bases = Bases(report)
        self.identities: list[Terms] = []  # relations between base counts that no cell states
        self.threshold = report.threshold
        self.region_name = region_name(report.region, lang)

    # cells ---------------------------------------------------------------------------------------------

    @staticmethod
    def count(table: str, row: str, column: str, value: int, terms: Terms, primary: bool | None = None) -> Cell:
        return Cell(value, Tally((table, row, column), value, terms, primary))

    def change(self, table: str, row: str, now: int, before: int, now_terms: Terms, before_terms: Terms) -> Cell:
        """A 12-month change, now − a year before: a small group when either of its parts is one."""
        primary = is_small(now, self.threshold) or is_small(before, self.threshold)
        terms = merged(now_terms, {base: -c for base, c in before_terms.items()})
        return self.count(table, row, "change_12_months", now - before, terms, primary)

    def region_cells(self, key: str, row: RegionRow) -> dict[str, Cell]:
        regions = row.pooled_regions or [row.region]
        bases, count = self.bases, self.count
        in_force = bases.in_force(regions, LEVELS)
        high = bases.in_force(regions, [lv for lv in LEVELS if lv >= 3])
        assessed_high = bases.each("self_assessed", regions, True)
        assessed = merged(assessed_high, bases.each("self_assessed", regions, False))
        cells = {"certified_valid": count("regions", key, "certified_valid", row.certified_valid, in_force)}
        for level in LEVELS:
            column = f"level_{level}"
            cells[column] = count("regions", key, column, row.levels[level], bases.in_force(regions, [level]))
        cells["level3_plus"] = count("regions", key, "level3_plus", row.level3_plus, high)
        cells["ever_certified"] = count("regions", key, "ever_certified", row.ever_certified, bases.ever(regions))
        cells["guanbiao"] = count("regions", key, "guanbiao", row.guanbiao, bases.guanbiao(regions))
        cells["self_assessed"] = count("regions", key, "self_assessed", row.self_assessed, assessed)
        cells["self_assessed_level3_plus"] = count(
            "regions", key, "self_assessed_level3_plus", row.self_assessed_level3_plus, assessed_high
        )
        before = bases.year_ago("certified_valid", regions)
        self.identities += bases.row_identities(key, regions, row)
        cells["change_12_months"] = self.change(
            "regions", key, row.certified_valid, row.certified_valid_year_ago, in_force, before
        )
        cells["expiring"] = count("regions", key, "expiring", row.expiring, bases.each("expiring", regions))
        return cells

    def summed(self, table: str, key: str, rows: Sequence[Row], columns: Sequence[str]) -> dict[str, Cell]:
        """A subtotal or total row: each column the sum of the rows' cells, terms and values alike."""
        cells: dict[str, Cell] = {}
        for column in columns:
            tallies = [t for r in rows if (t := r.cells[column].tally) is not None]
            value = sum(t.value for t in tallies)
            terms = merged(*(t.terms for t in tallies))
            primary = None
            if column == "change_12_months":  # small when either part of the summed change is
                now = sum(int(r.cells["certified_valid"].value or 0) for r in rows)
                primary = is_small(now, self.threshold) or is_small(now - value, self.threshold)
            cells[column] = self.count(table, key, column, value, terms, primary)
        return cells

    # tables --------------------------------------------------------------------------------------------

    def title(self) -> str:
        return self.t("tracker.report_title", region=self.region_name, as_of=self.report.as_of.isoformat())

    def total_row(self, table: str, rows: list[Row], columns: Sequence[str]) -> Row:
        key = self.report.region if table == "regions" else "total"
        label = self.t("tracker.total_row", region=self.region_name)
        return Row("total", key, label, None, self.summed(table, key, rows, columns))

    def row_label(self, row: RegionRow) -> str:
        if len(row.region) == 2 and self.report.by not in SUBDIVIDED:
            return region_name(row.region, self.lang)
        if row.pooled_regions and ":" in row.region:  # a province's small cities: say which province
            return self.t("tracker.others_in", province=region_name(row.region[:2], self.lang))
        return row.name

    def regions_table(self) -> Table:
        report, t = self.report, self.t
        by_city = report.by in SUBDIVIDED
        columns = [Column(c, self.region_label(c)) for c in REGION_COLUMNS]
        detail: list[Row] = []
        for region_row in report.rows:
            key = region_row.region
            if by_city and len(key) == 2:  # a province's certificates whose lists named no city
                key = f"{key}:not_given"
            parent = key[:2] if by_city else None
            detail.append(Row(region_row_kind(region_row), key, self.row_label(region_row), parent,
                              self.region_cells(key, region_row)))  # fmt: skip
        rows: list[Row] = []
        if by_city:
            groups: dict[str, list[Row]] = {}
            for row in detail:
                groups.setdefault(row.parent or "", []).append(row)
            for province, members in groups.items():
                members.sort(key=_subdivision_order)
                if len(members) == 1 or province == report.region:  # a subtotal of one row would repeat it
                    for member in members:
                        member.parent = None
                    rows.extend(members)
                    continue
                rows.extend(members)
                label = t("tracker.subtotal_row", region=region_name(province, self.lang))
                rows.append(
                    Row("subtotal", province, label, None, self.summed("regions", province, members, REGION_COLUMNS))
                )
        else:
            rows = detail
        total = self.total_row("regions", detail, REGION_COLUMNS)
        if len(detail) == 1 and detail[0].key == report.region:  # the region itself: its total is the row
            rows = []
        key = _REGION_TITLES.get(report.by, "tracker.provinces_title")
        notes = self.pooled_note()
        return Table("regions", t(key, title=self.title()), columns, [*rows, total], notes)

    def region_label(self, column: str) -> str:
        if column in _REGION_LABELS:
            return self.t(_REGION_LABELS[column])
        if column == "expiring":
            return self.t("tracker.column_expiring", days=self.report.expiring_days)
        return self.t("tracker.column_level", level=int(column.removeprefix("level_")))

    def pooled_note(self) -> list[str]:
        return [] if self.exact else [self.t("tracker.pooled_note", threshold=self.threshold)]

    def level_columns(self, named: bool) -> list[Column]:
        t = self.t
        levels = [
            Column(f"level_{lv}", level_label(lv, self.lang) if named else t("tracker.column_level", level=lv))
            for lv in LEVELS
        ]
        return [*levels, Column("total", t("tracker.column_total"))]

    def level_cells(
        self, table: str, key: str, levels: Mapping[int, int], terms: Mapping[int, Terms]
    ) -> dict[str, Cell]:
        cells = {f"level_{lv}": self.count(table, key, f"level_{lv}", levels[lv], dict(terms[lv])) for lv in LEVELS}
        cells["total"] = self.count(table, key, "total", sum(levels.values()), merged(*terms.values()))
        return cells

    def industries_table(self) -> Table:
        report = self.report
        rows = []
        for name, levels in report.industries:
            pooled = name == self.t("tracker.others") and report.pooled_industries
            members = report.pooled_industries if pooled else [name]
            key = "others" if pooled else name
            terms = {lv: self.bases.in_force_of_industries(members, lv) for lv in LEVELS}
            rows.append(Row("others" if pooled else "region", key, name if pooled else industry_name(name, self.lang),
                            None, self.level_cells("industries", key, levels, terms)))  # fmt: skip
        rows.append(self.total_row("industries", rows, LEVEL_COLUMNS))
        notes = self.pooled_note()
        return Table("industries", self.t("tracker.industries_title"), self.level_columns(True), rows, notes)

    def years_table(self) -> Table:
        rows = []
        for year, levels in self.report.years:
            terms: dict[int, Terms] = {lv: {("issued", year, lv): 1} for lv in LEVELS}
            rows.append(Row("region", str(year), str(year), None, self.level_cells("years", str(year), levels, terms)))
        rows.append(self.total_row("years", rows, LEVEL_COLUMNS))
        self.identities += self.bases.years_identities(self.report)
        notes = [self.t("tracker.years_note")]
        return Table("years", self.t("tracker.years_title"), self.level_columns(False), rows, notes)

    def targets_table(self) -> Table:
        t = self.t
        rows = []
        for progress in self.report.targets:
            target = progress.target
            key = self.report.target_key(target)
            now_terms, before_terms = self.bases.target_terms(self.report, progress)
            self.identities += self.bases.target_identities(key, progress, now_terms, before_terms)
            self.identities += self.bases.defined_identities(self.report, progress, now_terms)
            count = self.count("targets", key, "count", progress.count, now_terms)
            change = self.change("targets", key, progress.count, progress.count_year_ago, now_terms, before_terms)
            needed = target.number + (1 if target.comparison == "more_than" else 0)
            cells = {
                "metric": Cell(metric_label(target.metric, self.lang)),
                "definition": Cell(definition_text(target, self.lang)),
                "comparison": Cell(t(f"tracker.comparison_{target.comparison}")),
                "target": Cell(target.number),
                "deadline": Cell(target.deadline.isoformat()),
                "counted_on": Cell(progress.counted_on.isoformat()),
                "count": count,
                "missing": Cell(max(0, needed - progress.count)),
                "percent": Cell(progress.percent),
                "change_12_months": change,
                "projected": Cell(progress.projected),
                "status": Cell(status_label(progress.status, self.lang)),
                "source": Cell(target.source_document),
            }
            rows.append(Row("region", key, region_name(target.region, self.lang), None, cells))
        columns = [Column(c, t(_TARGET_LABELS[c]), c not in TEXT_COLUMNS) for c in TARGET_COLUMNS]
        return Table("targets", t("tracker.targets_title", title=self.title()), columns, rows)

    def target_notes(self, table: Table) -> None:
        """One sentence per target, written after disclosure control so that it shows only shown figures."""
        t = self.t
        for progress, row in zip(self.report.targets, table.rows, strict=True):
            target, cells = progress.target, row.cells
            words = {
                "region": row.label,
                "metric": cells["metric"].value,
                "comparison": cells["comparison"].value,
                "number": target.number,
                "deadline": target.deadline.isoformat(),
                "counted_on": progress.counted_on.isoformat(),
                "status": cells["status"].value,
            }
            if cells["count"].hidden:
                table.notes.append(t("tracker.target_summary_hidden", threshold=self.threshold, **words))
                continue
            missing = cells["missing"].value
            shortfall = t("tracker.missing_short", missing=missing) if missing else t("tracker.missing_none")
            change = cells["change_12_months"]
            hidden = t("tracker.hidden_count", threshold=self.threshold)
            table.notes.append(
                t(
                    "tracker.target_summary",
                    count=progress.count,
                    missing=shortfall,
                    change=hidden if change.hidden else f"{progress.count - progress.count_year_ago:+d}",
                    projected=hidden if cells["projected"].hidden else progress.projected,
                    **words,
                )
            )

    def tables(self) -> list[Table]:
        report = self.report
        tables = [self.targets_table()] if report.targets else []
        if report.by in ("industry", "year"):
            main = self.industries_table() if report.by == "industry" else self.years_table()
            return [*tables, main]
        tables.append(self.regions_table())
        if report.industries:
            tables.append(self.industries_table())
        if report.years:
            tables.append(self.years_table())
        return tables


def _subdivision_order(row: Row) -> tuple[int, str]:
    """Within a province: its cities (or counties) by code, then the certificates without one, then others."""
    return (2 if row.kind == "others" else 1 if row.key.endswith(":not_given") else 0, row.key)


def region_row_kind(row: RegionRow) -> RowKind:
    return "others" if row.pooled_regions else "region"


def _hide(tables: Sequence[Table], hidden: frozenset[tuple[str, str, str]]) -> None:
    """Mark the cells disclosure control chose, and the figures that would give them away: a target's
    percent, shortfall and projection follow from its count (the projection from its change too)."""
    for table in tables:
        for row in table.rows:
            for column, cell in row.cells.items():
                cell.hidden = (table.key, row.key, column) in hidden
            if table.key == "targets":
                count_hidden = row.cells["count"].hidden
                for column in ("missing", "percent"):
                    row.cells[column].hidden = count_hidden
                row.cells["projected"].hidden = count_hidden or row.cells["change_12_months"].hidden


def build_publication(report: ProgressReport, lang: Language, exact: bool) -> Publication:
    """See :func:`dcmm.tracker.published.publish`."""
    publisher = _Publisher(report, lang, exact)
    tables = publisher.tables()
    t = vocabulary(lang)
    banners = []
    if exact:
        banners.append(t("tracker.exact_banner", threshold=report.threshold))
    else:
        tallies = [cell.tally for table in tables for row in table.rows for cell in row.cells.values() if cell.tally]
        _hide(tables, protect(tallies, report.threshold, publisher.identities))
    if report.includes_synthetic:
        banners.append(t("tracker.synthetic_note"))
    targets = next((table for table in tables if table.key == "targets"), None)
    if targets is not None:
        publisher.target_notes(targets)
    return Publication(
        title=publisher.title(),
        as_of=report.as_of,
        lang=lang,
        threshold=report.threshold,
        exact=exact,
        banners=banners,
        tables=tables,
        region=report.region,
        region_name=publisher.region_name,
        by=report.by,
        includes_synthetic=report.includes_synthetic,
        expiring_days=report.expiring_days,
    )
