"""Export from the questionnaire: the score as JSON, and the gap report as HTML or PDF.

The questionnaire renders no report itself: HTML and PDF come from a ``ReportWriter`` that the front
door hands to the app (the report module's, imported there), so the questionnaire and the reports do
not import each other. Every export passes the one output policy: it never replaces the answer file
it was made from (nor a link to it), it does replace an earlier export, and it is written whole.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from dcmm.assessments import ScoredFile
from dcmm.core.errors import InternalError
from dcmm.core.text import Language
from dcmm.files import check_output, write_atomically, write_atomically_with
from dcmm.files.writing import check_output_folder
from dcmm.score_output import to_json
from dcmm.tui.session import AssessmentSession

ExportKind = Literal["json", "html", "pdf"]
ReportKind = Literal["html", "pdf"]
EXPORT_KINDS: tuple[ExportKind, ...] = ("json", "html", "pdf")
Progress = Callable[[int, int], None]  # (steps done, steps in all)
# Writes the gap report of a scored file as HTML or PDF into a folder, in a language; returns the file.
ReportWriter = Callable[[ScoredFile, Path, ReportKind, Language], Path]
STEPS = 3


def export_assessment(
    session: AssessmentSession,
    folder: Path,
    kind: ExportKind,
    language: Language,
    progress: Progress,
    report_writer: ReportWriter | None = None,
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
        if report_writer is None:
            raise InternalError(f"{kind.upper()} export needs a report writer, and the app was given none")
        progress(2, STEPS)
        target = _write_report(report_writer, scored, folder, kind, language)
    progress(3, STEPS)
    return target


def _write_report(
    report_writer: ReportWriter, scored: ScoredFile, folder: Path, kind: ReportKind, language: Language
) -> Path:
    """The report is drafted in a hidden folder beside its target, then put in place whole."""
    check_output_folder(folder)
    with tempfile.TemporaryDirectory(prefix=".export-", dir=folder) as drafts:
        draft = report_writer(scored, Path(drafts), kind, language)
        target = folder / draft.name
        check_output(target, inputs=[scored.path], force=True)
        with draft.open("rb") as source:
            write_atomically_with(target, lambda handle: shutil.copyfileobj(source, handle))
    return target
