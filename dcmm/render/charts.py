"""Charts drawn as SVG text by the project: no browser, no plotting library, no network.

Every text placed in a chart goes through ``escape``; the result is ``Markup`` so templates can
embed it while autoescaping everything else.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

FONT = "DCMM Sans, Noto Sans CJK SC, Noto Sans, sans-serif"
INK = "#1f2d3d"
GRID = "#c9d1db"
CURRENT = "#1f5fa8"
TARGET = "#c0392b"
PREVIOUS = "#8a94a3"
# Light to dark blue for level scores 0 to 1 (a sequential scale that prints well in grey too).
HEAT = ("#f4f6f9", "#dbe7f3", "#b4cde6", "#84acd3", "#4f84bb", "#1f5fa8")


@dataclass(frozen=True)
class Series:
    """One polygon of a radar chart: values on the 0 to ``maximum`` scale, one per axis."""

    name: str
    values: Sequence[float]
    colour: str
    filled: bool = False
    dashed: bool = False


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text(
    x: float, y: float, content: str, size: float = 11, anchor: str = "middle", fill: str = INK, **extra: str
) -> str:
    attributes = "".join(f' {key.replace("_", "-")}="{escape(value)}"' for key, value in extra.items())
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" font-size="{_num(size)}" text-anchor="{anchor}" '
        f'font-family="{FONT}" fill="{escape(fill)}"{attributes}>{escape(content)}</text>'
    )


def _text_width(text: str, size: float) -> float:
    """About how wide ``text`` is set at ``size``: CJK characters are square, others about half as wide."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.55 for ch in text)


def radar_svg(axes: Sequence[str], series: Sequence[Series], maximum: int = 5, title: str = "") -> Markup:
    """A radar chart with rings at each whole level and one labelled spoke per axis."""
    width, height = 520, 400
    cx, cy, radius = width / 2, height / 2 + 6, 140
    count = len(axes)

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        r = radius * max(0.0, min(value, maximum)) / maximum
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="chart radar">']
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    for ring in range(1, maximum + 1):
        ring_points = " ".join(f"{_num(x)},{_num(y)}" for x, y in (point(i, ring) for i in range(count)))
        parts.append(f'<polygon points="{ring_points}" fill="none" stroke="{GRID}" stroke-width="0.8"/>')
        x, y = point(0, ring)
        parts.append(_text(x + 4, y + 3, str(ring), size=9, anchor="start", fill_opacity="0.7"))
    for index, label in enumerate(axes):
        x, y = point(index, maximum)
        parts.append(f'<line x1="{_num(cx)}" y1="{_num(cy)}" x2="{_num(x)}" y2="{_num(y)}" stroke="{GRID}"/>')
        lx, ly = point(index, maximum * 1.13)
        anchor = "middle" if abs(lx - cx) < 20 else ("start" if lx > cx else "end")
        parts.append(_text(lx, ly + 4, label, size=12, anchor=anchor))
    for one in series:
        shape = " ".join(f"{_num(x)},{_num(y)}" for x, y in (point(i, v) for i, v in enumerate(one.values)))
        fill = f'fill="{one.colour}" fill-opacity="0.18"' if one.filled else 'fill="none"'
        dash = ' stroke-dasharray="6 4"' if one.dashed else ""
        parts.append(f'<polygon points="{shape}" {fill} stroke="{one.colour}" stroke-width="2"{dash}/>')
        if one.filled:
            for i, v in enumerate(one.values):
                x, y = point(i, v)
                parts.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="3" fill="{one.colour}"/>')
    for index, one in enumerate(series):  # legend, top left
        y = 16 + 18 * index
        dash = ' stroke-dasharray="6 4"' if one.dashed else ""
        parts.append(f'<line x1="8" y1="{y}" x2="34" y2="{y}" stroke="{one.colour}" stroke-width="2"{dash}/>')
        parts.append(_text(40, y + 4, one.name, size=11, anchor="start"))
    parts.append("</svg>")
    return Markup("".join(parts))


def heat_colour(score: float, maximum: float = 1.0) -> str:
    """The fill for a score from 0 to ``maximum`` (a level score's maximum is 1, a domain score's 5)."""
    share = max(0.0, min(score / maximum, 1.0))
    return HEAT[min(len(HEAT) - 1, round(share * (len(HEAT) - 1)))]


def _fitted(label: str, size: float, width: float) -> str:
    """``label``, shortened with an ellipsis when it would be wider than ``width``."""
    if _text_width(label, size) <= width:
        return label
    while label and _text_width(label + "…", size) > width:
        label = label[:-1]
    return label + "…"


def heatmap_svg(
    rows: Sequence[tuple[str, Sequence[float | None]]],
    columns: Sequence[str],
    title: str = "",
    maximum: float = 1.0,
    label_width: int = 210,
    marked: int = 0,
) -> Markup:
    """Rows down (items, or organisations), columns across (levels, or domains); each cell is coloured and
    labelled with its score from 0 to ``maximum``, a cell without a score left grey with a dash. Column
    labels too wide for their cell are set at a slant. The first ``marked`` columns (the levels up to the
    target) are framed, their headings bold."""
    cell_w, cell_h, size = 62, 19, 10.5
    slanted = any(_text_width(column, size) > cell_w - 4 for column in columns)
    head = 26 if not slanted else 16 + round(0.72 * max(_text_width(column, size) for column in columns))
    width = label_width + cell_w * len(columns) + (4 if not slanted else 70)
    height = head + cell_h * len(rows) + 4
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="chart heatmap">']
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    for c, column in enumerate(columns):
        x = label_width + cell_w * c + cell_w / 2
        bold = {"font_weight": "700"} if c < marked else {}
        if slanted:
            turn = f"rotate(-45 {_num(x)} {_num(head - 6)})"
            parts.append(_text(x, head - 6, column, size=size, anchor="start", transform=turn, **bold))
        else:
            parts.append(_text(x, head - 9, column, size=size, **bold))
    for r, (label, scores) in enumerate(rows):
        y = head + cell_h * r
        parts.append(_text(label_width - 8, y + cell_h / 2 + 4, _fitted(label, size, label_width - 12), size=size,
                           anchor="end"))  # fmt: skip
        for c, score in enumerate(scores):
            x = label_width + cell_w * c
            fill = GRID if score is None else heat_colour(score, maximum)
            ink = "#ffffff" if score is not None and score >= 0.6 * maximum else INK
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}" stroke="#ffffff"/>'
            )
            shown = "–" if score is None else f"{score:.2f}"
            parts.append(_text(x + (cell_w - 2) / 2, y + cell_h / 2 + 3, shown, size=9.5, fill=ink))
    if marked:
        frame_w, frame_h = cell_w * min(marked, len(columns)), cell_h * len(rows) + head - 4
        parts.append(
            f'<rect class="target" x="{label_width - 1}" y="3" width="{frame_w}" height="{frame_h}" '
            f'fill="none" stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 3"/>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def bars_svg(labels: Sequence[str], counts: Sequence[int], title: str = "") -> Markup:
    """Vertical bars with the count above each bar (the level distribution of a portfolio)."""
    width, height, base, top = 520, 230, 190, 24
    slot = (width - 40) / max(1, len(labels))
    tallest = max([*counts, 1])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="chart bars">']
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    parts.append(f'<line x1="20" y1="{base}" x2="{width - 20}" y2="{base}" stroke="{GRID}"/>')
    for index, (label, count) in enumerate(zip(labels, counts, strict=True)):
        bar_h = (base - top) * count / tallest
        x = 20 + slot * index + slot * 0.2
        parts.append(
            f'<rect x="{_num(x)}" y="{_num(base - bar_h)}" width="{_num(slot * 0.6)}" '
            f'height="{_num(bar_h)}" fill="{CURRENT}"/>'
        )
        parts.append(_text(x + slot * 0.3, base - bar_h - 6, str(count), size=12))
        parts.append(_text(x + slot * 0.3, base + 18, label, size=11))
    parts.append("</svg>")
    return Markup("".join(parts))


# Light to dark blue for certificate levels 1 to 5; the grey stands for levels hidden as small groups.
LEVEL_COLOURS = ("#c6dbef", "#9ecae1", "#4292c6", "#2171b5", "#08306b")
HIDDEN = "#bbb"


@dataclass(frozen=True)
class LevelBar:
    """One region's organisations by level; ``total`` None hides the bar's size, a level None hides that level."""

    name: str
    total: int | None
    levels: Sequence[int | None]
    threshold: int


def _legend(
    legend: Sequence[str], hidden_label: str, left: float, top: int, width: int
) -> list[tuple[float, int, str, str]]:
    """Where each legend entry goes: left to right, wrapping to a new line at the chart's edge."""
    placed = []
    x, y = left, top
    for colour, label in [*zip(LEVEL_COLOURS, legend, strict=True), (HIDDEN, hidden_label)]:
        step = 13 + _text_width(label, 10) + 12
        if x + step - 12 > width and x > left:
            x, y = left, y + 14
        placed.append((x, y, colour, label))
        x += step
    return placed


def level_bars_svg(
    rows: Sequence[LevelBar],
    legend: Sequence[str],
    hidden_label: str,
    width: int = 640,
    bar: int = 16,
    gap: int = 6,
) -> Markup:
    """Horizontal bars of organisations per region, split by level (``legend`` names the levels in order).

    Rows whose count is hidden (a small group) are drawn as an empty outline, never with their size.
    """
    label_width = 130
    size = min(10, bar + gap - 2)  # the region names fit their row
    top = max((r.total or 0 for r in rows), default=0) or 1
    scale = (width - label_width - 50) / top
    legend_rows = 1 + max(y for _x, y, _c, _l in _legend(legend, hidden_label, label_width, 0, width)) // 14
    height = len(rows) * (bar + gap) + 16 + 14 * legend_rows
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-size="{size}">']
    for index, row in enumerate(rows):
        y = index * (bar + gap)
        baseline = y + (bar + size) / 2 - 1
        parts.append(f'<text x="{label_width - 6}" y="{baseline:.1f}" text-anchor="end">{escape(row.name)}</text>')
        if row.total is None:
            parts.append(f'<rect x="{label_width}" y="{y}" width="20" height="{bar}" fill="none" stroke="#999"/>')
            parts.append(f'<text x="{label_width + 26}" y="{baseline:.1f}">&lt;{row.threshold}</text>')
            continue
        x = float(label_width)
        known = sum(c for c in row.levels if c)
        for colour, count in zip(LEVEL_COLOURS, row.levels, strict=True):
            if count:
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{count * scale:.1f}" height="{bar}" fill="{colour}"/>')
                x += count * scale
        hidden = row.total - known
        if hidden > 0:  # levels hidden as small groups: one grey segment, their split unknown
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{hidden * scale:.1f}" height="{bar}" fill="{HIDDEN}"/>')
            x += hidden * scale
        parts.append(f'<text x="{x + 4:.1f}" y="{baseline:.1f}">{row.total}</text>')
    for x, y, colour, label in _legend(legend, hidden_label, label_width, len(rows) * (bar + gap) + 12, width):
        parts.append(f'<rect x="{_num(x)}" y="{y - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{_num(x + 13)}" y="{y}">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _label_at(x: float, label: str, size: float, width: float, margin: float = 2) -> tuple[float, str]:
    """Where a label meant to sit centred on ``x`` goes so that it stays inside ``0..width``: (x, anchor)."""
    half = _text_width(label, size) / 2
    if x - half < margin:
        return max(x, margin), "start"
    if x + half > width - margin:
        return min(x, width - margin), "end"
    return x, "middle"


def target_bar_svg(
    number: int, count: int | None, projected: int | None, count_label: str, target_label: str, width: int = 640
) -> Markup:
    """Count, projection and target on one axis; the labels are already worded (count and projection, target).

    The target's label sits above the bar and the count's below it, so they never meet, whatever the
    ratio (a target of 300 against a count of 8903 puts the target's mark near the left end); each
    label is kept inside the chart.
    """
    size, left, bar_top, bar_height = 10, 10, 16, 14
    height = bar_top + bar_height + 18
    top = max(number, count or 0, projected or 0) * 1.05 or 1
    scale = (width - 2 * left) / top
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-size="{size}">']
    parts.append(f'<rect x="{left}" y="{bar_top}" width="{width - 2 * left}" height="{bar_height}" fill="#f0f0f0"/>')
    if count is not None and projected is not None:
        parts.append(
            f'<rect x="{left}" y="{bar_top}" width="{max(projected, 0) * scale:.1f}" height="{bar_height}" '
            'fill="#c7e9c0"/>'
        )
        parts.append(
            f'<rect x="{left}" y="{bar_top}" width="{count * scale:.1f}" height="{bar_height}" fill="#238b45"/>'
        )
    parts.append(_text(left, height - 4, count_label, size=size, anchor="start"))
    x = left + number * scale
    parts.append(
        f'<line x1="{x:.1f}" y1="{bar_top - 3}" x2="{x:.1f}" y2="{bar_top + bar_height + 3}" '
        f'stroke="{TARGET}" stroke-width="2"/>'
    )
    label_x, anchor = _label_at(x, target_label, size, width)
    parts.append(_text(label_x, bar_top - 5, target_label, size=size, anchor=anchor, fill=TARGET))
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class ProjectionPoint:
    """A day on the projection chart's time axis, as a fraction of the axis (0 to 1), with its label."""

    at: float
    count: int
    label: str


def projection_svg(
    history: Sequence[ProjectionPoint],
    projected: ProjectionPoint | None,
    number: int,
    target_label: str,
    width: int = 640,
) -> Markup:
    """Counts over time as a solid line, the projection to the deadline (if still ahead) dashed, the target a
    red line."""
    height, left, right, top, bottom, size = 200, 44, 16, 18, 30, 10
    plot_w, plot_h = width - left - right, height - top - bottom
    ahead = [projected] if projected is not None else []
    peak = max([number, *(p.count for p in [*history, *ahead])]) * 1.1 or 1

    def xy(point: ProjectionPoint) -> tuple[float, float]:
        return left + point.at * plot_w, top + plot_h * (1 - max(point.count, 0) / peak)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="chart projection">']
    for step in range(5):
        value = peak * step / 4
        y = top + plot_h * (1 - step / 4)
        parts.append(f'<line x1="{left}" y1="{_num(y)}" x2="{width - right}" y2="{_num(y)}" stroke="{GRID}"/>')
        parts.append(_text(left - 4, y + 3, str(round(value)), size=size - 1, anchor="end"))
    target_y = top + plot_h * (1 - number / peak)
    parts.append(
        f'<line x1="{left}" y1="{_num(target_y)}" x2="{width - right}" y2="{_num(target_y)}" '
        f'stroke="{TARGET}" stroke-width="1.5"/>'
    )
    parts.append(_text(width - right, target_y - 4, target_label, size=size, anchor="end", fill=TARGET))
    solid = " ".join(f"{_num(x)},{_num(y)}" for x, y in map(xy, history))
    parts.append(f'<polyline points="{solid}" fill="none" stroke="{CURRENT}" stroke-width="2.5"/>')
    if history and projected is not None:
        (x1, y1), (x2, y2) = xy(history[-1]), xy(projected)
        parts.append(
            f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" stroke="{CURRENT}" '
            'stroke-width="2" stroke-dasharray="6 4"/>'
        )
    for point in [*history, *ahead]:
        x, y = xy(point)
        parts.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="3.5" fill="{CURRENT}"/>')
        parts.append(_text(x, y - 7, str(point.count), size=size))
        label_x, anchor = _label_at(x, point.label, size, width)
        parts.append(_text(label_x, height - 10, point.label, size=size, anchor=anchor))
    parts.append("</svg>")
    return Markup("".join(parts))
