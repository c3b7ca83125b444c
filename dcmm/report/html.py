"""Report contexts as HTML, through the one rendering environment; the charts are drawn here."""

from __future__ import annotations

import base64

from markupsafe import Markup

from dcmm.render import charts, render_html
from dcmm.report.models import ReportContext
from dcmm.report.portfolio import PortfolioContext

REPORT_TEMPLATE = "report.html.j2"
PORTFOLIO_TEMPLATE = "portfolio.html.j2"


def report_charts(context: ReportContext) -> dict[str, Markup]:
    """The SVG charts of an enterprise report, drawn from its context."""
    t = context.t
    domains = context.domains
    axes = [d.name for d in domains]
    radar = charts.radar_svg(
        axes,
        [
            charts.Series(t["target"], [context.target.level] * len(domains), charts.TARGET, dashed=True),
            charts.Series(t["current"], [d.score for d in domains], charts.CURRENT, filled=True),
        ],
        title=t["radar_caption"],
    )
    rows = [(f"{i.id} {i.name}", i.level_scores) for d in domains for i in d.items]
    heatmap = charts.heatmap_svg(
        rows, [f"L{n}" for n in range(1, 6)], title=t["heatmap_title"], marked=context.target.level
    )
    drawn = {"radar": radar, "heatmap": heatmap}
    comparison = context.comparison
    if comparison:
        drawn["comparison_radar"] = charts.radar_svg(
            [d.name for d in comparison.domains],  # across editions, only the domains with a counterpart
            [
                charts.Series(t["previous"], [d.before for d in comparison.domains], charts.PREVIOUS, dashed=True),
                charts.Series(t["current"], [d.after for d in comparison.domains], charts.CURRENT, filled=True),
            ],
            title=t["domain_deltas"],
        )
    return drawn


def brand_logo(context: ReportContext) -> str:
    """The issuing consultancy's logo as a ``data:`` address, so that the HTML stays self-contained; empty without."""
    brand = context.brand
    if brand is None or brand.logo is None:
        return ""
    return f"data:{brand.logo_type};base64,{base64.b64encode(brand.logo).decode('ascii')}"


def render_report_html(context: ReportContext) -> str:
    """The enterprise gap report as one self-contained HTML document (styles, charts and logo inline)."""
    return render_html(REPORT_TEMPLATE, context, charts=report_charts(context), brand_logo=brand_logo(context))


def render_portfolio_html(context: PortfolioContext) -> str:
    """The portfolio summary of a batch as one self-contained HTML document."""
    distribution = charts.bars_svg(
        [f"L{row.level} {row.name}" for row in context.distribution],
        [row.count for row in context.distribution],
        title=context.t["level_distribution"],
    )
    matrices = [
        charts.heatmap_svg(
            [(row.organisation, row.scores) for row in matrix.rows],
            [d.name for d in matrix.domains],
            title=context.t["matrix_title"],
            maximum=5,
            label_width=250,
        )
        for matrix in context.matrices
    ]
    return render_html(PORTFOLIO_TEMPLATE, context, charts={"distribution": distribution, "matrices": matrices})
