"""The gap report as an editable DOCX: its context as a plain dict, with the charts as pictures and the brand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dcmm.core.text import Language
from dcmm.files.brand import BrandInput
from dcmm.i18n import catalogue
from dcmm.render.raster import svg_size, svg_to_png
from dcmm.render.word_report import write_report_docx
from dcmm.report.html import report_charts
from dcmm.report.models import ReportContext

AREA = "docx."


def docx_words(language: Language) -> dict[str, str]:
    """The wording only the DOCX report has, keyed by its name within its catalogue."""
    return {key.removeprefix(AREA): value for key, value in catalogue(language).items() if key.startswith(AREA)}


def brand_context(found: BrandInput | None) -> dict[str, Any] | None:
    """The brand as the document reads it: texts, colours without ``#``, the logo's bytes."""
    if found is None:
        return None
    brand = found.brand
    signature = brand.signature
    return {
        "name": brand.name,
        "logo": found.logo,
        "primary": brand.primary,
        "accent": brand.accent,
        "contact": list(brand.contact),
        "signature": None
        if signature is None
        else {
            "signatory": signature.signatory,
            "title": signature.title,
            "date": signature.date.isoformat() if signature.date else "",
        },
    }


def docx_context(context: ReportContext, brand: BrandInput | None = None) -> dict[str, Any]:
    """The report's context as a plain dict, and what a word processor needs besides: pictures, wording, brand."""
    data = context.model_dump()
    data["words"] = docx_words(context.lang)
    data["charts"] = {
        name: {"png": svg_to_png(str(svg)), "size": svg_size(str(svg))} for name, svg in report_charts(context).items()
    }
    data["brand"] = brand_context(brand)
    return data


def write_docx(context: ReportContext, path: Path, brand: BrandInput | None = None) -> None:
    """Write the DOCX report of ``context`` to ``path`` atomically."""
    write_report_docx(docx_context(context, brand), path)
