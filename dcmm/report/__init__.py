"""Gap reports: result → context (typed models) → HTML (jinja2) → PDF (WeasyPrint), plus rows and batches."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dcmm.assessments import ScoredFile
    from dcmm.i18n import Language

__all__ = ["render_report"]


def render_report(
    scored: ScoredFile,
    folder: Path,
    formats: Collection[str] = ("pdf",),
    language: Language = "zh",
    previous: ScoredFile | None = None,
) -> dict[str, Path]:
    """Write one organisation's gap report into ``folder`` (pdf, html, xlsx, csv); the paths by format.

    The file names come from the organisation, the assessment date, the edition and the language; with
    ``previous`` (an earlier assessment of the same organisation) the report gains a chapter on what changed.
    """
    from dcmm.files.writing import check_output_folder
    from dcmm.report.build import ReportOptions, stem_for, write_report_files

    check_output_folder(folder)
    options = ReportOptions(language=language, formats=tuple(formats))
    written, _context = write_report_files(scored, folder, stem_for(scored, language), options, previous)
    return written
