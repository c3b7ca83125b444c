"""The PDF progress report: a publication as a typed context, rendered by ``dcmm.render``.

The context is taken from the :class:`~dcmm.tracker.published.Publication` the JSON and CSV are written
from, so the PDF hides exactly the cells they hide, and carries the same banners on every page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ConfigDict

from dcmm.core.text import Language, StrictModel
from dcmm.files import load_edition
from dcmm.i18n import catalogue
from dcmm.render import charts
from dcmm.render import render_html as render_template
from dcmm.tracker.published import Publication, Row, Table

TEMPLATE = "progress.html.j2"
# Certificate levels are those of the standard; their names come from its edition data.
LEVEL_EDITION = "gbt36073-2018"


class _Record(StrictModel):
    """A part of the progress document; it holds more than the PDF shows."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class LevelLabel(StrictModel):
    level: int
    label: str


class ProgressRow(_Record):
    """One region (or the pooled small groups, or the total); None is a count hidden as a small group."""

    name: str
    certified_valid: int | None
    levels: dict[str, int | None]
    level3_plus: int | None
    ever_certified: int | None
    guanbiao: int | None
    self_assessed: int | None
    expiring: int | None

    @property
    def level_counts(self) -> list[int | None]:
        return [self.levels[str(level)] for level in range(1, 6)]

    @property
    def cells(self) -> list[int | None]:
        """The table's cells after the name, in column order."""
        return [
            self.certified_valid,
            *self.level_counts,
            self.level3_plus,
            self.ever_certified,
            self.guanbiao,
            self.self_assessed,
            self.expiring,
        ]


class ProgressTarget(_Record):
    region_name: str
    metric_name: str
    comparison: str  # in the publication's words
    number: int
    deadline: str
    source_document: str
    counted_on: str
    count: int | None
    percent: float | None
    pace_per_year: int | None
    projected_at_deadline: int | None
    status: str  # in the publication's words
    summary: str = ""
    chart: str = ""


class IndustryRow(StrictModel):
    industry: str
    levels: list[int | None]


class YearRow(StrictModel):
    year: int
    issued: list[int | None]


class ProgressContext(StrictModel):
    """Everything the progress report shows."""

    lang: Language
    t: dict[str, str]
    region_name: str
    as_of: str
    by: str
    includes_synthetic: bool
    banners: list[str]
    small_group_threshold: int
    expiring_within_days: int
    levels: list[LevelLabel]
    targets: list[ProgressTarget]
    rows: list[ProgressRow]
    total: ProgressRow | None
    chart: str
    industries: list[IndustryRow]
    years: list[YearRow]


def _labels(language: Language) -> dict[str, str]:
    """The report catalogue's words (the progress report's own are its ``progress_`` entries)."""
    area = "report."
    return {key.removeprefix(area): value for key, value in catalogue(language).items() if key.startswith(area)}


def _shown(row: Row, column: str) -> Any:
    cell = row.cells[column]
    return None if cell.hidden else cell.value


def _region_row(row: Row) -> ProgressRow:
    return ProgressRow(
        name=row.label,
        levels={str(level): _shown(row, f"level_{level}") for level in range(1, 6)},
        **{c: _shown(row, c) for c in ("certified_valid", "level3_plus", "ever_certified", "guanbiao")},
        self_assessed=_shown(row, "self_assessed"),
        expiring=_shown(row, "expiring"),
    )


def _by_level(row: Row) -> list[int | None]:
    return [_shown(row, f"level_{level}") for level in range(1, 6)]


def _targets(table: Table | None, t: dict[str, str]) -> list[ProgressTarget]:
    if table is None:
        return []
    targets = []
    for row, summary in zip(table.rows, table.notes, strict=False):
        parsed = ProgressTarget(
            region_name=row.label,
            metric_name=str(_shown(row, "metric")),
            comparison=str(_shown(row, "comparison")),
            number=int(_shown(row, "target")),
            deadline=str(_shown(row, "deadline")),
            source_document=str(_shown(row, "source")),
            counted_on=str(_shown(row, "counted_on")),
            count=_shown(row, "count"),
            percent=_shown(row, "percent"),
            pace_per_year=_shown(row, "change_12_months"),
            projected_at_deadline=_shown(row, "projected"),
            status=str(_shown(row, "status")),
            summary=summary,
        )
        chart = charts.target_bar_svg(
            parsed.number,
            parsed.count,
            parsed.projected_at_deadline,
            t["progress_chart_count"].format(count=parsed.count, projected=parsed.projected_at_deadline),
            t["progress_chart_target"].format(number=parsed.number),
        )
        targets.append(parsed.model_copy(update={"chart": str(chart)}))
    return targets


def progress_context(publication: Publication) -> ProgressContext:
    """The publication as a typed context: hidden counts are None, charts drawn, words in its language."""
    language = publication.lang
    t = _labels(language)
    edition = load_edition(LEVEL_EDITION)
    levels = [LevelLabel(level=d.level, label=f"L{d.level} {d.name.get(language)}") for d in edition.meta.levels]
    regions = publication.table("regions")
    region_rows = regions.rows if regions else []
    rows = [_region_row(row) for row in region_rows if row.kind != "total"]
    total = next((_region_row(row) for row in region_rows if row.kind == "total"), None)
    threshold = publication.threshold
    bars = [charts.LevelBar(r.name, r.certified_valid, r.level_counts, threshold) for r in rows]
    industries = publication.table("industries")
    years = publication.table("years")
    return ProgressContext(
        lang=language,
        t=t,
        region_name=publication.region_name,
        as_of=publication.as_of.isoformat(),
        by=publication.by if publication.by in ("province", "city") else "province",
        includes_synthetic=publication.includes_synthetic,
        banners=publication.banners,
        small_group_threshold=threshold,
        expiring_within_days=publication.expiring_days,
        levels=levels,
        targets=_targets(publication.table("targets"), t),
        rows=rows,
        total=total,
        chart=str(charts.level_bars_svg(bars, [level.label for level in levels], t["progress_hidden"])),
        industries=[
            IndustryRow(industry=row.label, levels=_by_level(row)) for row in (industries.rows if industries else [])
        ],
        years=[
            YearRow(year=int(row.key), issued=_by_level(row))
            for row in (years.rows if years else [])
            if row.kind != "total"
        ],
    )


def render_html(publication: Publication) -> str:
    """The progress report as one self-contained HTML document."""
    return render_template(TEMPLATE, progress_context(publication))


def write_progress_pdf(publication: Publication, path: Path) -> Path:
    """Write the progress report as a PDF (atomically) through the one rendering call site."""
    from dcmm.render.pdf import render_pdf

    render_pdf(render_html(publication), path)
    return path
