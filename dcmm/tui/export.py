"""Export from the questionnaire: the score as JSON, and HTML/PDF reports through the report module.

The questionnaire renders no report itself. HTML and PDF come from ``dcmm.report``; when this build's
report module does not offer a renderer, ``report_renderer`` says so and the interface tells the user.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from dcmm.batch import ScoredFile
from dcmm.core.text import Language
from dcmm.score_output import to_json
from dcmm.tui.session import AssessmentSession, write_atomically

ExportKind = Literal["json", "html", "pdf"]
Progress = Callable[[int, int], None]  # (steps done, steps in all)
EXPORT_SUFFIX: dict[ExportKind, str] = {"json": ".score.json", "html": ".html", "pdf": ".pdf"}

# Where the report module keeps each step; looked up when exporting so this module imports nothing heavy.
_CONTEXT = ("dcmm.report.context", "build_context")
_RENDERERS: dict[ExportKind, tuple[str, str]] = {
    "html": ("dcmm.report.html", "render_report_html"),
    "pdf": ("dcmm.report.pdf", "render_report_pdf"),
}


def _find(module_name: str, function_name: str) -> Callable[..., object] | None:
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and module_name.startswith(exc.name):
            return None  # the report module (or this part of it) is not in this build
        raise
    function = getattr(module, function_name, None)
    return function if callable(function) else None


def report_renderer(kind: ExportKind) -> tuple[Callable[..., object], Callable[..., object]] | None:
    """The report module's (build_context, render) pair for ``kind``, or None when this build has none."""
    if kind == "json":
        return None
    context = _find(*_CONTEXT)
    render = _find(*_RENDERERS[kind])
    return (context, render) if context is not None and render is not None else None


def can_export(kind: ExportKind) -> bool:
    return kind == "json" or report_renderer(kind) is not None


def export_path(session: AssessmentSession, folder: Path, kind: ExportKind) -> Path:
    return folder / (session.path.stem + EXPORT_SUFFIX[kind])


def export_assessment(
    session: AssessmentSession, folder: Path, kind: ExportKind, language: Language, progress: Progress
) -> Path:
    """Score, render and write one export; returns the file written. Runs in a worker thread.

    The answers are snapshotted first, so the assessor can keep working while this runs.
    """
    steps = 3
    answers = session.answer_file()
    result = session.score(answers)
    scored = ScoredFile(session.path, answers, session.questionnaire, result)
    progress(1, steps)
    target = export_path(session, folder, kind)
    if kind == "json":
        content: str | bytes = to_json([scored], []) + "\n"
    else:
        found = report_renderer(kind)
        if found is None:
            raise LookupError(f"this build's report module cannot render {kind.upper()}")
        build_context, render = found
        rendered = render(build_context(scored, language))
        if not isinstance(rendered, str | bytes):
            raise TypeError(f"the {kind} renderer returned {type(rendered).__name__}, expected text or bytes")
        content = rendered
    progress(2, steps)
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(content)
        temporary.replace(target)
    else:
        write_atomically(target, content)
    progress(3, steps)
    return target
