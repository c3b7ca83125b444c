"""The gap report as an editable DOCX: its context as a plain dict, with the charts as pictures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dcmm.core.text import Language
from dcmm.i18n import catalogue
from dcmm.render.raster import svg_size, svg_to_png
from dcmm.render.word_report import write_report_docx
from dcmm.report.html import report_charts
from dcmm.report.models import ReportContext

AREA = "docx."


def docx_words(language: Language) -> dict[str, str]:
    """The wording only the DOCX report has, keyed by its name within its catalogue."""
    return {key.removeprefix(AREA): value for key, value in catalogue(language).items() if key.startswith(AREA)}


def docx_context(context: ReportContext) -> dict[str, Any]:
    """The report's context as a plain dict (the brand's logo as bytes), and what a word processor needs besides:
    the charts as pictures and the DOCX's own wording."""
    data = context.model_dump()
    data["words"] = docx_words(context.lang)
    data["charts"] = {
        name: {"png": svg_to_png(str(svg)), "size": svg_size(str(svg))} for name, svg in report_charts(context).items()
    }
    return data


def write_docx(context: ReportContext, path: Path) -> None:
    """Write the DOCX report of ``context`` to ``path`` atomically."""
    write_report_docx(docx_context(context), path)
