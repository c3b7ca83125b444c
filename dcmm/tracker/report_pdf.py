"""The PDF progress report: the progress document as a typed context, rendered by ``dcmm.render``.

The context is taken from the documented progress document (``report_record``), so the PDF hides
exactly the small groups the JSON and CSV hide.
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
from dcmm.tracker.output import report_record
from dcmm.tracker.progress import ProgressReport, definition_label

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
    definition_label: str = ""  # what the target counts, in the report's language
    comparison: str
    number: int
    deadline: str
    source_document: str
    counted_on: str
    count: int | None
    percent: float | None
    pace_per_year: int | None
    projected_at_deadline: int | None
    status: str
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
    small_group_threshold: int
    expiring_within_days: int
    levels: list[LevelLabel]
    targets: list[ProgressTarget]
    rows: list[ProgressRow]
    total: ProgressRow
    chart: str
    industries: list[IndustryRow]
    years: list[YearRow]


def _labels(language: Language) -> dict[str, str]:
    """The report catalogue's words (the progress report's own are its ``progress_`` entries)."""
    area = "report."
    return {key.removeprefix(area): value for key, value in catalogue(language).items() if key.startswith(area)}


def _by_level(counts: dict[str, Any]) -> list[int | None]:
    return [counts[str(level)] for level in range(1, 6)]


def progress_context(report: ProgressReport, language: Language = "zh") -> ProgressContext:
    """The progress report as a typed context: hidden counts are None, charts drawn, words in ``language``."""
    record = report_record(report)
    t = _labels(language)
    edition = load_edition(LEVEL_EDITION)
    levels = [LevelLabel(level=d.level, label=f"L{d.level} {d.name.get(language)}") for d in edition.meta.levels]
    rows = [ProgressRow.model_validate(row) for row in record["rows"]]
    bars = [charts.LevelBar(r.name, r.certified_valid, r.level_counts, report.threshold) for r in rows]
    targets = []
    for target, progress in zip(record["targets"], report.targets, strict=True):
        parsed = ProgressTarget.model_validate(
            {**target, "definition_label": definition_label(progress.target, language)}
        )
        chart = charts.target_bar_svg(
            parsed.number,
            parsed.count,
            parsed.projected_at_deadline,
            t["progress_chart_count"].format(count=parsed.count, projected=parsed.projected_at_deadline),
            t["progress_chart_target"].format(number=parsed.number),
        )
        targets.append(parsed.model_copy(update={"chart": str(chart)}))
    return ProgressContext(
        lang=language,
        t=t,
        region_name=record["region_name"],
        as_of=record["as_of"],
        by=record["by"],
        includes_synthetic=record["includes_synthetic"],
        small_group_threshold=record["small_group_threshold"],
        expiring_within_days=record["expiring_within_days"],
        levels=levels,
        targets=targets,
        rows=rows,
        total=ProgressRow.model_validate(record["total"]),
        chart=str(charts.level_bars_svg(bars, [level.label for level in levels], t["progress_hidden"])),
        industries=[IndustryRow(industry=i["industry"], levels=_by_level(i["levels"])) for i in record["industries"]],
        years=[YearRow(year=y["year"], issued=_by_level(y["issued"])) for y in record["years"]],
    )


def render_html(report: ProgressReport, language: Language = "zh") -> str:
    """The progress report as one self-contained HTML document."""
    return render_template(TEMPLATE, progress_context(report, language))


def write_progress_pdf(report: ProgressReport, path: Path, language: Language = "zh") -> Path:
    """Write the progress report as a PDF (atomically) through the one rendering call site."""
    from dcmm.render.pdf import render_pdf

    render_pdf(render_html(report, language), path)
    return path
