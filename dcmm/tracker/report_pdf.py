"""The PDF progress report: a publication's briefing with its charts, rendered by ``dcmm.render``.

The tables are those of :func:`dcmm.tracker.briefing.briefing`, so the PDF shows and hides exactly the
cells the XLSX and DOCX show and hide. Charts are drawn from shown cells only: a target's bar needs its
count, and the level chart is left out (with a sentence saying why) when every level is hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from dcmm.files import load_edition
from dcmm.i18n import Language, catalogue, vocabulary
from dcmm.render import charts
from dcmm.render import render_html as render_template
from dcmm.render.briefing import BriefingTable, format_value
from dcmm.tracker.briefing import briefing as make_briefing
from dcmm.tracker.briefing import briefing_table
from dcmm.tracker.progress import LEVELS
from dcmm.tracker.published import Cell, Publication, Table

TEMPLATE = "progress.html.j2"
# Certificate levels are those of the standard; their names come from its edition data.
LEVEL_EDITION = "gbt36073-2018"
# A table this short is kept on one page with its heading and chart rather than split.
KEEP_TOGETHER_ROWS = 16
LEAF_KINDS = ("region", "others")
CHART_ROWS = 36  # the level chart draws at most this many regions, the largest


@dataclass
class Section:
    """One table of the report with what is drawn above it."""

    table: BriefingTable
    cells: list[list[str]]  # the rows' cells as printed
    figures: list[Markup] = field(default_factory=list)
    figure_note: str = ""

    @property
    def keep_together(self) -> bool:
        return len(self.table.rows) <= KEEP_TOGETHER_ROWS


def _labels(language: Language) -> dict[str, str]:
    area = "briefing."
    return {key.removeprefix(area): value for key, value in catalogue(language).items() if key.startswith(area)}


def _shown(cell: Cell | None) -> int | None:
    """A cell's count when it is shown and is a count; None otherwise."""
    if cell is None or cell.hidden or isinstance(cell.value, bool) or not isinstance(cell.value, int | float):
        return None
    return int(cell.value)


def target_charts(table: Table, publication: Publication) -> list[Markup]:
    """One bar per target: count and projection against the target, or only the target when the count is hidden."""
    t = vocabulary(publication.lang)
    drawn = []
    for row in table.rows:
        number = _shown(row.cells.get("target"))
        if number is None:
            continue
        count, projected = _shown(row.cells.get("count")), _shown(row.cells.get("projected"))
        if count is None or projected is None:
            count_label = t("briefing.chart_count_hidden", threshold=publication.threshold)
            count = projected = None
        else:
            count_label = (
                f"{t('briefing.chart_count', count=count)} · {t('briefing.chart_projected', projected=projected)}"
            )
        metric = row.cells.get("metric")
        title = t("briefing.target_chart_title", region=row.label, metric=metric.value if metric else "")
        svg = charts.target_bar_svg(number, count, projected, count_label, t("briefing.chart_target", number=number))
        drawn.append(Markup('<p class="figure-title">{}</p>{}').format(title, svg))
    return drawn


def level_bars(table: Table, threshold: int) -> list[charts.LevelBar]:
    """The regions table's regions (not its subtotals or total) as bars of their shown levels."""
    return [
        charts.LevelBar(
            row.label,
            _shown(row.cells.get("certified_valid")),
            [_shown(row.cells.get(f"level_{level}")) for level in LEVELS],
            threshold,
        )
        for row in table.rows
        if row.kind in LEAF_KINDS
    ]


def level_chart(table: Table, publication: Publication) -> tuple[Markup | None, str]:
    """The level chart of the regions table and a note on it: None and the reason when it is left out."""
    t = vocabulary(publication.lang)
    bars = level_bars(table, publication.threshold)
    if not any(level for bar in bars for level in bar.levels):
        return None, t("briefing.chart_left_out", threshold=publication.threshold)
    note = ""
    if len(bars) > CHART_ROWS:  # a chart taller than a page would be cut; the table lists every region
        bars = sorted(bars, key=lambda bar: -(bar.total or 0))[:CHART_ROWS]
        note = t("briefing.chart_largest", rows=CHART_ROWS)
    edition = load_edition(LEVEL_EDITION)
    legend = [f"L{d.level} {d.name.get(publication.lang)}" for d in edition.meta.levels]
    # rows of 16 px for a few regions, down to 10 px for many, so the chart fits beside the start of the table
    bar = max(7, min(16, 320 // max(1, len(bars)) - 3))
    return charts.level_bars_svg(bars, legend, t("briefing.chart_hidden"), bar=bar, gap=3 if bar < 12 else 5), note


def _section(table: Table, publication: Publication) -> Section:
    shown = briefing_table(table, publication)
    cells = [
        [format_value(value, column.decimals) for value, column in zip(row.cells, shown.columns, strict=True)]
        for row in shown.rows
    ]
    section = Section(shown, cells)
    if table.key == "targets":
        section.figures = target_charts(table, publication)
    elif table.key == "regions":
        chart, reason = level_chart(table, publication)
        section.figures = [chart] if chart is not None else []
        section.figure_note = reason  # why the chart is left out, or that it shows the largest regions only
    return section


def progress_context(publication: Publication) -> dict[str, Any]:
    """What the template shows: the briefing (title, banners, notes) and one section per table."""
    document = make_briefing(publication)
    return {
        "lang": publication.lang,
        "t": _labels(publication.lang),
        "document": document,
        "sections": [_section(table, publication) for table in publication.tables],
    }


def render_html(publication: Publication) -> str:
    """The progress report as one self-contained HTML document."""
    return render_template(TEMPLATE, progress_context(publication))


def write_progress_pdf(publication: Publication, path: Path) -> Path:
    """Write the progress report as a PDF (atomically) through the one rendering call site."""
    from dcmm.render.pdf import render_pdf

    render_pdf(render_html(publication), path)
    return path
