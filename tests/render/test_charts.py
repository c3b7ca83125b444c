"""Charts are SVG the project draws itself: well-formed, escaped, and true to the numbers."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from dcmm.render.charts import GRID, HEAT, Series, bars_svg, heat_colour, heatmap_svg, radar_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_radar_is_wellformed_and_escapes_labels() -> None:
    svg = radar_svg(["<script>", "B & C", "甲"], [Series("当前", [1, 2, 3], "#000", filled=True)])
    root = ET.fromstring(str(svg))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "<script>" in texts and "B & C" in texts
    assert "<script>" not in str(svg)


def test_radar_polygon_has_one_point_per_axis_and_scales_to_the_maximum() -> None:
    root = ET.fromstring(str(radar_svg(list("abcd"), [Series("x", [5, 5, 5, 5], "#123456")])))
    (shape,) = [p for p in root.iter(f"{SVG}polygon") if p.get("stroke") == "#123456"]
    points = [tuple(map(float, p.split(","))) for p in shape.get("points", "").split()]
    assert len(points) == 4
    rings = [p for p in root.iter(f"{SVG}polygon") if p.get("fill") == "none" and p.get("stroke") != "#123456"]
    assert shape.get("points") == rings[-1].get("points")  # a full score sits on the outer ring


def test_heatmap_has_a_cell_per_item_and_level() -> None:
    root = ET.fromstring(
        str(heatmap_svg([("6.1 规划", [1, 0.5, 0, 0, 0]), ("6.2 实施", [1, 1, 1, 0.7, 0])], ["L1"] * 5))
    )
    assert len(list(root.iter(f"{SVG}rect"))) == 10
    assert heat_colour(0) == HEAT[0] and heat_colour(1) == HEAT[-1]
    assert [HEAT.index(heat_colour(v / 10)) for v in range(11)] == sorted(
        HEAT.index(heat_colour(v / 10)) for v in range(11)
    )


def test_bars_label_every_count() -> None:
    root = ET.fromstring(str(bars_svg(["L1", "L2"], [3, 0])))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "3" in texts and "0" in texts and "L1" in texts


def test_heatmap_of_domain_scores_shades_by_the_maximum_and_leaves_missing_cells_grey() -> None:
    long_name = "示例·一个名字很长很长很长很长很长很长很长的单位（虚构）"
    svg = str(heatmap_svg([(long_name, [5.0, None, 0.0])], ["Data strategy", "Data governance", "数据安全"], maximum=5))
    root = ET.fromstring(svg)
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect")]
    assert fills == [HEAT[-1], GRID, HEAT[0]]
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert "–" in texts and "5.00" in texts
    assert any(t.endswith("…") and long_name.startswith(t[:-1]) for t in texts)  # shortened to fit
    assert svg.count("rotate(-45") == 3  # column labels too wide for a cell are slanted
