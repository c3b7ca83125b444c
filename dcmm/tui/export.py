"""Export from the questionnaire: the score as JSON, and the gap report as HTML or PDF.

The questionnaire renders no report itself: HTML and PDF come from the report module
(``dcmm.report.build.write_report_files``), imported when first needed so that WeasyPrint is not
loaded before anyone asks for a PDF. Every export passes the one output policy first: it never
replaces the answer file it was made from (nor a link to it); it does replace an earlier export.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from dcmm.assessments import ScoredFile
from dcmm.core.text import Language
from dcmm.files import check_output, write_atomically
from dcmm.score_output import to_json
from dcmm.tui.session import AssessmentSession

ExportKind = Literal["json", "html", "pdf"]
EXPORT_KINDS: tuple[ExportKind, ...] = ("json", "html", "pdf")
Progress = Callable[[int, int], None]  # (steps done, steps in all)
STEPS = 3


def export_assessment(
    session: AssessmentSession, folder: Path, kind: ExportKind, language: Language, progress: Progress
) -> Path:
    """Score, render and write one export; returns the file written. Runs in a worker thread.

    The answers are snapshotted first, so the assessor can keep working while this runs; the
    digest on the export is that of the snapshot as it is saved.
    """
    answers = session.answer_file()
    digest = hashlib.sha256(session.to_json(answers).encode("utf-8")).hexdigest()
    scored = ScoredFile(session.path, answers, session.questionnaire, session.score(answers), digest)
    _ = scored.result.roadmap  # the core computes gaps and roadmap on first use
    progress(1, STEPS)
    if kind == "json":
        target = folder / f"{session.path.stem}.score.json"
        check_output(target, inputs=[session.path], force=True)
        document = to_json([scored], []) + "\n"
        progress(2, STEPS)
        write_atomically(target, document)
    else:
        from dcmm.report.build import SUFFIXES, ReportOptions, stem_for, write_report_files
        from dcmm.report.naming import output_path

        stem = stem_for(scored, language)
        check_output(output_path(folder, stem, SUFFIXES[kind]), inputs=[session.path], force=True)
        progress(2, STEPS)
        written, _context = write_report_files(scored, folder, stem, ReportOptions(language=language, formats=(kind,)))
        target = written[kind]
    progress(3, STEPS)
    return target
