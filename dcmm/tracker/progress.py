"""Progress against adoption targets: counts by region, level distributions, projections, with small groups pooled.

A target counts what its definition says (dcmm.tracker.definitions): which records (certificates
always; 贯标 pilots and self-assessments only when named), cumulative or valid on the day, from which
level, in which industry, in the target's region. The four metric names of earlier versions are
presets of a definition:

- ``certified_valid``: holds a certificate in force on D (issued on or before D, not yet expired, not
  superseded by the organisation's later certificate, not revoked);
- ``level3_plus``: as ``certified_valid`` with the certificate at level 3 (稳健级) or above;
- ``ever_certified`` and ``guanbiao`` (贯标 by default): received any (not revoked) certificate on or before D.

The regions table's 贯标 column counts by the default definition; self-assessments are shown beside
it, never added to it.

Projection: the count on D plus the change over the 12 months before D, scaled to the days left
until the deadline (a straight line through the last year's pace).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dcmm.i18n import Language, text
from dcmm.tracker.definitions import DEFAULT_DEFINITION, TargetDefinition
from dcmm.tracker.definitions import definition_label as definition_label  # re-exported beside metric_label
from dcmm.tracker.fields import LEVELS as LEVELS  # re-exported: the progress report counts by these
from dcmm.tracker.fields import level_names
from dcmm.tracker.records import TARGET_NAMES, SelfAssessedOrganisation, TargetRecord
from dcmm.tracker.regions import (
    CITY,
    COUNTY,
    NATIONAL,
    NATIONAL_LEVEL,
    PROVINCE,
    region_level,
    region_name,
    row_key,
)

if TYPE_CHECKING:
    from dcmm.tracker.repository import TrackerRepository

DEFAULT_THRESHOLD = 5
PACE_DAYS = 365
OTHERS = "others"
# The daily tally series of an organisation's first qualifying record, by the records a cumulative
# definition from level 1 counts (dcmm.tracker.storage.tallies).
_FIRST_RECORD_SERIES = {
    ("certified",): "certified",
    ("certified", "pilots"): "cert_pilot",
    ("certified", "pilots", "self_assessed"): "guanbiao",
}


@dataclass
class RegionRow:
    """One province or city (or the pooled small groups, or the total)."""

    region: str
    name: str
    certified_valid: int = 0
    levels: dict[int, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))
    level3_plus: int = 0
    ever_certified: int = 0
    guanbiao: int = 0  # by the default definition of 贯标 (ever certified): self-assessments are not added
    known: int = 0  # organisations with any record: certificate, 贯标 pilot or self-assessment
    self_assessed: int = 0
    self_assessed_level3_plus: int = 0
    certified_valid_year_ago: int = 0
    expiring: int = 0
    pooled_regions: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Organisations the row is about: every one with a record (certified, pilot or self-assessed)."""
        return self.known

    def add(self, other: RegionRow) -> None:
        for name in (
            "certified_valid",
            "level3_plus",
            "ever_certified",
            "guanbiao",
            "known",
            "self_assessed",
            "self_assessed_level3_plus",
            "certified_valid_year_ago",
            "expiring",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for level in LEVELS:
            self.levels[level] += other.levels[level]


@dataclass
class TargetProgress:
    target: TargetRecord
    region_name: str
    counted_on: dt.date
    count: int
    count_year_ago: int
    percent: float
    pace_per_year: int
    projected: int
    status: str  # met | missed | on track | behind


@dataclass
class ProgressReport:
    as_of: dt.date
    region: str
    region_name: str
    by: str  # province | city | county: what the rows are (never coarser than the region itself)
    threshold: int
    expiring_days: int
    rows: list[RegionRow]
    total: RegionRow
    targets: list[TargetProgress]
    industries: list[tuple[str, dict[int, int]]] = field(default_factory=list)
    years: list[tuple[int, dict[int, int]]] = field(default_factory=list)
    includes_synthetic: bool = False
    # Certificates in force by (row region, industry as shown, level): what both the regions table's level
    # cells and the industries table's cells sum, so disclosure control sees the two tables share totals.
    in_force_cells: dict[tuple[str, str, int], int] = field(default_factory=dict)
    pooled_industries: list[str] = field(default_factory=list)  # the industries the 'others' row stands for

    def target_key(self, target: TargetRecord) -> str:
        """``region:metric:deadline``, with ``#id`` after it when another target of the report shares those (two
        definitions of one metric): a published row's key, and the base of a count no regions-table cell holds."""
        parts = (target.region, target.metric, target.deadline)
        same = [p for p in self.targets if (p.target.region, p.target.metric, p.target.deadline) == parts]
        key = f"{target.region}:{target.metric}:{target.deadline.isoformat()}"
        return f"{key}#{target.id}" if len(same) > 1 else key


def tally_series(definition: TargetDefinition) -> tuple[str, int] | None:
    """The daily tally series that holds a definition's counts and the lowest level to sum; None: none does."""
    if definition.industry is not None:
        return None
    if not definition.cumulative:
        return ("in_force", definition.min_level) if definition.counts == ("certified",) else None
    series = _FIRST_RECORD_SERIES.get(definition.counts)
    return (series, 0) if series and definition.min_level == 1 else None


def defined_counts(
    repository: TrackerRepository, definition: TargetDefinition, days: list[dt.date], region: str
) -> list[int]:
    """How many organisations of ``region`` the definition counts on each of ``days``.

    From the daily tallies where a series holds the answer (a few thousand rows), else from the
    records themselves (one query over the certificates, pilots and self-assessments of the region)."""
    served = tally_series(definition)
    if served is None:
        return repository.defined_counts(definition, days, region)
    series, lowest = served
    tallies = repository.tallies(series, days, region=region)
    return [sum(counts[i] for (_, level), counts in tallies.items() if level >= lowest) for i in range(len(days))]


def target_progress(repository: TrackerRepository, target: TargetRecord, as_of: dt.date) -> TargetProgress:
    """Where one target stands on ``as_of`` (or on its deadline, once that has passed)."""
    counted_on = min(as_of, target.deadline)
    year_ago = counted_on - dt.timedelta(days=PACE_DAYS)
    count, before = defined_counts(repository, target.definition, [counted_on, year_ago], target.region)
    pace = count - before
    days_left = (target.deadline - counted_on).days
    projected = count + int(pace * days_left / PACE_DAYS) if days_left > 0 else count
    if as_of >= target.deadline:
        status = "met" if target.met_by(count) else "missed"
    else:
        status = "on track" if target.met_by(projected) else "behind"
    return TargetProgress(
        target=target,
        region_name=region_name(target.region),
        counted_on=counted_on,
        count=count,
        count_year_ago=before,
        percent=round(100 * count / target.number, 1) if target.number else 100.0,
        pace_per_year=pace,
        projected=projected,
        status=status,
    )


def _pool(rows: list[RegionRow], threshold: int, lang: Language = "zh", by_city: bool = False) -> list[RegionRow]:
    """Rows of fewer organisations than ``threshold`` merged into one 'others' row, placed last.

    By city, each province pools its own small cities (row ``<province>:others``, after its cities), so
    every row still sums into its province.
    """
    if by_city:
        provinces: dict[str, list[RegionRow]] = {}
        for row in rows:
            provinces.setdefault(row.region[:2], []).append(row)
        return [
            pooled
            for province, members in sorted(provinces.items())
            for pooled in _pool_group(members, threshold, lang, f"{province}:{OTHERS}")
        ]
    return _pool_group(rows, threshold, lang, OTHERS)


def _pool_group(rows: list[RegionRow], threshold: int, lang: Language, key: str) -> list[RegionRow]:
    kept = [r for r in rows if r.size >= threshold]
    small = [r for r in rows if r.size < threshold and r.size > 0]
    if small:
        others = RegionRow(key, text("tracker.others", lang))
        for row in small:
            others.add(row)
            others.pooled_regions.append(row.region)
        kept.append(others)
    return kept


class _RegionRows:
    """The rows of a report, made on first mention of a province, city or county."""

    def __init__(self, by: str, lang: Language) -> None:
        self.rows: dict[str, RegionRow] = {}
        self.by = by
        self.lang = lang

    def __getitem__(self, key: str) -> RegionRow:
        if key not in self.rows:
            name = region_name(key, self.lang)
            if self.by != PROVINCE and len(key) == 2:  # certificates whose list named no city
                name = text("tracker.city_not_given", self.lang, province=region_name(key, self.lang))
            elif self.by == COUNTY and region_level(key) == CITY and self._has_counties(key):
                name = text("regions.county_not_given", self.lang, city=name)
            self.rows[key] = RegionRow(key, name)
        return self.rows[key]

    @staticmethod
    def _has_counties(city: str) -> bool:
        from dcmm.tracker.regions import codes_within

        return len(codes_within(city)) > 1

    def add_certificates(self, counts: dict[tuple[str, int], list[int]]) -> None:
        for (key, level), (now, before) in counts.items():
            row = self[key]
            row.certified_valid += now
            row.levels[level] += now
            row.certified_valid_year_ago += before
            if level >= 3:
                row.level3_plus += now

    def add_self_assessed(self, assessed: list[SelfAssessedOrganisation]) -> None:
        for organisation in assessed:
            province, city, county = organisation.province, organisation.city_code, organisation.county_code
            row = self[province if self.by == PROVINCE else row_key(province, city, county, self.by)]
            row.self_assessed += 1
            row.self_assessed_level3_plus += organisation.level >= 3


_GRAIN = (NATIONAL_LEVEL, PROVINCE, CITY, COUNTY)


BREAKDOWN_VIEWS = ("industry", "year")


def rows_by(region: str, by: str) -> str:
    """What a report's rows are: ``by``, or the region's own level when that is finer (a city's report by
    province has the city as its one row, not its province)."""
    level = region_level(region)
    return by if _GRAIN.index(by) >= _GRAIN.index(level) else level


def _region_rows(
    repository: TrackerRepository, as_of: dt.date, region: str, by: str, expiring_days: int, lang: Language
) -> list[RegionRow]:
    """One row per province, city or county with every count on ``as_of``, ordered by code."""
    days = [as_of, as_of - dt.timedelta(days=PACE_DAYS)]
    rows = _RegionRows(by, lang)
    rows.add_certificates(repository.tallies("in_force", days, by, region))
    certified = repository.tallies("certified", days, by, region)
    for (key, _), (now, _before) in certified.items():
        rows[key].ever_certified += now
    default = tally_series(DEFAULT_DEFINITION)  # 贯标 as the default definition reads it
    assert default is not None and default[1] == 0
    for (key, _), (now, _before) in (
        certified if default[0] == "certified" else repository.tallies(default[0], days, by, region)
    ).items():
        rows[key].guanbiao += now
    for (key, _), (now, _before) in repository.tallies("guanbiao", days, by, region).items():
        rows[key].known += now
    rows.add_self_assessed(repository.self_assessed(as_of, region))
    for key, count in repository.expiring_counts(as_of, expiring_days, by, region).items():
        rows[key].expiring += count
    return sorted(rows.rows.values(), key=lambda r: r.region)


def compute_progress(
    repository: TrackerRepository,
    as_of: dt.date,
    region: str = NATIONAL,
    by: str = PROVINCE,
    threshold: int = DEFAULT_THRESHOLD,
    expiring_days: int = 90,
    breakdowns: bool = True,
    lang: Language = "zh",
    pool: bool = True,
) -> ProgressReport:
    """The progress report for ``region`` (any level) on ``as_of``, one row per province, city or county.

    ``by`` industry or year is a report whose main table is that breakdown (its region rows by province);
    ``pool`` merges regions and industries with fewer organisations than ``threshold`` into 'others' rows;
    the internal exact view turns it off.
    """
    view = by if by in BREAKDOWN_VIEWS else None
    breakdowns = breakdowns or view is not None
    by = rows_by(region, PROVINCE if view else by)
    by_city = by != PROVINCE
    pool_below = threshold if pool else 1
    ordered = _region_rows(repository, as_of, region, by, expiring_days, lang)
    total = RegionRow(region, region_name(region, lang))
    for row in ordered:
        total.add(row)
    report = ProgressReport(
        as_of=as_of,
        region=region,
        region_name=region_name(region, lang),
        by=by,
        threshold=threshold,
        expiring_days=expiring_days,
        rows=_pool([r for r in ordered if r.size or r.certified_valid], pool_below, lang, by_city),
        total=total,
        targets=[target_progress(repository, t, as_of) for t in repository.targets(region)],
        includes_synthetic=repository.has_synthetic_organisations(),
    )
    if view:
        report.by = view
    if breakdowns:
        not_given = text("tracker.industry_not_given", lang)
        for (key, industry, level), count in repository.in_force_by_industry(as_of, region, by).items():
            cell = (key, industry or not_given, level)
            report.in_force_cells[cell] = report.in_force_cells.get(cell, 0) + count
        report.industries, report.pooled_industries = _industries(report.in_force_cells, pool_below, lang)
        report.years = sorted(_by_first(repository.issued_by_year(as_of, region)).items())
    return report


def _by_first(counts: dict[tuple[int, int], int]) -> dict[int, dict[int, int]]:
    grouped: dict[int, dict[int, int]] = {}
    for (key, level), count in counts.items():
        grouped.setdefault(key, dict.fromkeys(LEVELS, 0))[level] += count
    return grouped


def _industries(
    counts: dict[tuple[str, str, int], int], threshold: int, lang: Language
) -> tuple[list[tuple[str, dict[int, int]]], list[str]]:
    """Certificates in force by industry as the lists name it, and the industries under the threshold pooled."""
    grouped: dict[str, Counter[int]] = {}
    for (_, industry, level), count in counts.items():
        grouped.setdefault(industry, Counter())[level] += count
    kept = sorted(
        ((name, {lv: c[lv] for lv in LEVELS}) for name, c in grouped.items() if c.total() >= threshold),
        key=lambda item: (-sum(item[1].values()), item[0]),
    )
    small = sorted(name for name, c in grouped.items() if 0 < c.total() < threshold)
    if small:
        pooled: Counter[int] = sum((grouped[name] for name in small), Counter())
        kept.append((text("tracker.others", lang), {lv: pooled[lv] for lv in LEVELS}))
    return kept, small


def level_label(level: int, lang: Language = "zh") -> str:
    return text("tracker.column_level_named", lang, level=level, name=level_names(lang)[level])


def metric_label(metric: str, lang: Language = "zh") -> str:
    """A target's name: its preset's (贯标单位, 持有效证书单位 …) or 自定义口径 / target as defined."""
    assert metric in TARGET_NAMES, metric
    return text(f"targets.metric_{metric}", lang)
