"""The PDF progress report: report → plain context → HTML (jinja2) → PDF (WeasyPrint), charts drawn as SVG here."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from dcmm.tracker.output import STATUS_ZH, SYNTHETIC_NOTE, report_record
from dcmm.tracker.progress import LEVELS, ProgressReport, level_label

TEMPLATE = "progress.html.j2"
LEVEL_COLOURS = {1: "#c6dbef", 2: "#9ecae1", 3: "#4292c6", 4: "#2171b5", 5: "#08306b"}


def level_bars_svg(rows: list[dict[str, Any]], width: int = 640, bar: int = 16) -> str:
    """Horizontal bars of organisations holding valid certificates per region, split by level.

    Rows whose count is hidden (a small group) are drawn as an empty outline, never with their size.
    """
    label_width, gap = 130, 6
    top = max((r["certified_valid"] or 0 for r in rows), default=0) or 1
    scale = (width - label_width - 50) / top
    height = len(rows) * (bar + gap) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-size="10">']
    for index, row in enumerate(rows):
        y = index * (bar + gap)
        parts.append(f'<text x="{label_width - 6}" y="{y + bar - 4}" text-anchor="end">{escape(row["name"])}</text>')
        if row["certified_valid"] is None:
            parts.append(f'<rect x="{label_width}" y="{y}" width="20" height="{bar}" fill="none" stroke="#999"/>')
            parts.append(f'<text x="{label_width + 26}" y="{y + bar - 4}">&lt;{row["threshold"]}</text>')
            continue
        x = float(label_width)
        known = sum(c for c in row["levels"].values() if c)
        for level in LEVELS:
            count = row["levels"][str(level)]
            if count:
                colour = LEVEL_COLOURS[level]
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{count * scale:.1f}" height="{bar}" fill="{colour}"/>')
                x += count * scale
        hidden = row["certified_valid"] - known
        if hidden > 0:  # levels hidden as small groups: one grey segment, their split unknown
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{hidden * scale:.1f}" height="{bar}" fill="#bbb"/>')
            x += hidden * scale
        parts.append(f'<text x="{x + 4:.1f}" y="{y + bar - 4}">{row["certified_valid"]}</text>')
    y = len(rows) * (bar + gap) + 12
    x = label_width
    legend = [(LEVEL_COLOURS[level], level_label(level)) for level in LEVELS]
    for colour, label in [*legend, ("#bbb", "小组隐藏 hidden")]:
        parts.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 13}" y="{y}">{escape(label)}</text>')
        x += 82
    parts.append("</svg>")
    return "".join(parts)


def target_bar_svg(target: dict[str, Any], width: int = 640) -> str:
    """Count, projection and target on one axis."""
    number = target["number"]
    count = target["count"]
    projected = target["projected_at_deadline"]
    top = max(number, count or 0, projected or 0) * 1.1 or 1
    scale = (width - 20) / top
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="46" font-size="10">']
    if count is not None and projected is not None:
        parts.append(f'<rect x="10" y="8" width="{projected * scale:.1f}" height="16" fill="#c7e9c0"/>')
        parts.append(f'<rect x="10" y="8" width="{count * scale:.1f}" height="16" fill="#238b45"/>')
        parts.append(f'<text x="12" y="40">当前 {count} · 预计 {projected}</text>')
    x = 10 + number * scale
    parts.append(f'<line x1="{x:.1f}" y1="2" x2="{x:.1f}" y2="30" stroke="#cb181d" stroke-width="2"/>')
    parts.append(f'<text x="{x - 4:.1f}" y="40" text-anchor="end" fill="#cb181d">目标 {number}</text>')
    parts.append("</svg>")
    return "".join(parts)


def progress_context(report: ProgressReport) -> dict[str, Any]:
    """Everything the template shows, as plain values."""
    record = report_record(report)
    for row in [*record["rows"], record["total"]]:
        row["threshold"] = report.threshold
        row["cells"] = [
            row["certified_valid"],
            *(row["levels"][str(lv)] for lv in LEVELS),
            row["level3_plus"],
            row["ever_certified"],
            row["guanbiao"],
            row["self_assessed"],
            row["expiring"],
        ]
    for target in record["targets"]:
        target["chart"] = target_bar_svg(target)
        target["status_zh"] = STATUS_ZH[target["status"]]
    record["levels"] = [{"level": lv, "label": level_label(lv)} for lv in LEVELS]
    record["chart"] = level_bars_svg(record["rows"])
    record["synthetic_note"] = SYNTHETIC_NOTE if report.includes_synthetic else None
    return record


def render_html(report: ProgressReport) -> str:
    from jinja2 import Environment, StrictUndefined, select_autoescape

    from dcmm.files import data_dir

    source = (data_dir("templates") / "tracker" / TEMPLATE).read_text(encoding="utf-8")
    environment = Environment(autoescape=select_autoescape(default=True), undefined=StrictUndefined)
    return environment.from_string(source).render(**progress_context(report))


def _refuse(url: str, *args: Any, **kwargs: Any) -> Any:
    # The report is self-contained: nothing may be fetched, least of all from the network.
    raise ValueError(f"the progress report fetches nothing ({url})")


def write_progress_pdf(report: ProgressReport, path: Path) -> Path:
    from weasyprint import HTML

    HTML(string=render_html(report), url_fetcher=_refuse).write_pdf(path)
    return path
