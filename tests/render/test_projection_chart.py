"""The projection chart: the count a year ago and now, a dashed projection to the deadline, the target line."""

from __future__ import annotations

from dcmm.render.charts import ProjectionPoint, projection_svg


def test_the_projection_is_dashed_and_labels_are_escaped() -> None:
    history = [ProjectionPoint(0.0, 240, "2025-12-03"), ProjectionPoint(0.5, 297, "<b>now</b>")]
    svg = projection_svg(history, ProjectionPoint(1.0, 326, "2027-12-31"), 300, "target 300")
    assert svg.count("<circle") == 3 and 'stroke-dasharray="6 4"' in svg
    assert "&lt;b&gt;now&lt;/b&gt;" in svg and "<b>" not in svg
    assert ">326</text>" in svg and ">target 300</text>" in svg


def test_a_passed_deadline_draws_no_projection() -> None:
    history = [ProjectionPoint(0.0, 240, "2024-12-31"), ProjectionPoint(1.0, 274, "2025-12-31")]
    svg = projection_svg(history, None, 300, "target 300")
    assert svg.count("<circle") == 2 and "stroke-dasharray" not in svg
