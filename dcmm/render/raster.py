"""The project's SVG charts as PNG pictures (CairoSVG), for documents that cannot hold SVG: DOCX reports."""

from __future__ import annotations

import re

import cairosvg

from dcmm.render.word_parts import CJK_FONT

DOTS_PER_INCH = 200  # sharp in print, small enough to mail: a radar chart is about 150 KB
_CSS_PIXELS_PER_INCH = 96
_FONT_FAMILY = re.compile(r'font-family="[^"]*"')


def svg_to_png(svg: str, dpi: int = DOTS_PER_INCH) -> bytes:
    """The chart drawn at ``dpi`` dots per inch of its own size (SVG user units are CSS pixels).

    CairoSVG sets text in the first family named, without falling back glyph by glyph: every text is set
    in the CJK face, which has the Latin letters and figures too (the PDF's embedded face is not installed).
    """
    text = _FONT_FAMILY.sub(f'font-family="{CJK_FONT}"', svg)
    png: bytes = cairosvg.svg2png(bytestring=text.encode("utf-8"), scale=dpi / _CSS_PIXELS_PER_INCH)
    return png


def svg_size(svg: str) -> tuple[float, float]:
    """The width and height of a chart's ``viewBox``, in CSS pixels."""
    found = re.search(r'viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"', svg)
    if found is None:
        raise ValueError("a chart without a viewBox")
    return float(found.group(1)), float(found.group(2))
