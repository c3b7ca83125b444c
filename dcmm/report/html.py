"""Report contexts as HTML: one jinja2 environment with autoescaping and strict undefined names."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, FunctionLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from dcmm.files import data_dir
from dcmm.report import charts

REPORT_TEMPLATE = "report.html.j2"
PORTFOLIO_TEMPLATE = "portfolio.html.j2"


def _load_template(name: str) -> tuple[str, None, Any]:
    source = (data_dir("templates") / name).read_text(encoding="utf-8")
    return source, None, lambda: True


def _score(value: float) -> str:
    return f"{value:.2f}"


def _signed(value: float) -> str:
    return f"{value:+.2f}" if value else "0.00"


def _gain(value: float) -> str:
    """Overall gains are often below a hundredth; three decimals keep them apart."""
    return f"{value:.3f}"


@cache
def environment() -> Environment:
    """The one environment every report renders with."""
    env = Environment(
        loader=FunctionLoader(_load_template),
        # Every template is HTML, whatever its extension: escape all of them.
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["score"] = _score
    env.filters["signed"] = _signed
    env.filters["gain"] = _gain
    return env


def report_charts(context: dict[str, Any]) -> dict[str, Markup]:
    """The SVG charts of an enterprise report, drawn from its context."""
    t = context["t"]
    domains = context["domains"]
    axes = [d["name"] for d in domains]
    radar = charts.radar_svg(
        axes,
        [
            charts.Series(t["target"], [context["target"]["level"]] * len(domains), charts.TARGET, dashed=True),
            charts.Series(t["current"], [d["score"] for d in domains], charts.CURRENT, filled=True),
        ],
        title=t["radar_caption"],
    )
    rows = [(f"{i['id']} {i['name']}", i["level_scores"]) for d in domains for i in d["items"]]
    heatmap = charts.heatmap_svg(rows, [f"L{n}" for n in range(1, 6)], title=t["heatmap_title"])
    drawn = {"radar": radar, "heatmap": heatmap}
    comparison = context.get("comparison")
    if comparison:
        drawn["comparison_radar"] = charts.radar_svg(
            axes,
            [
                charts.Series(
                    t["previous"], [d["before"] for d in comparison["domains"]], charts.PREVIOUS, dashed=True
                ),
                charts.Series(t["current"], [d["after"] for d in comparison["domains"]], charts.CURRENT, filled=True),
            ],
            title=t["domain_deltas"],
        )
    return drawn


def _language_globals(context: dict[str, Any]) -> dict[str, Any]:
    return {"colon": "：" if context["lang"] == "zh" else ": "}


def render_report_html(context: dict[str, Any]) -> str:
    """The enterprise gap report as one self-contained HTML document (styles and charts inline)."""
    template = environment().get_template(REPORT_TEMPLATE)
    return template.render(**context, charts=report_charts(context), **_language_globals(context))


def render_portfolio_html(context: dict[str, Any]) -> str:
    """The portfolio summary of a batch as one self-contained HTML document."""
    t = context["t"]
    distribution = charts.bars_svg(
        [f"L{row['level']} {row['name']}" for row in context["distribution"]],
        [row["count"] for row in context["distribution"]],
        title=t["level_distribution"],
    )
    template = environment().get_template(PORTFOLIO_TEMPLATE)
    return template.render(**context, charts={"distribution": distribution}, **_language_globals(context))
