"""dcmm: data-management capability maturity (GB/T 36073) self-assessment, as a library.

The names below are the supported Python API (docs/api.md). They load on first use, so importing
``dcmm`` stays cheap for the command line.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from dcmm.assessments import ScoredFile, score_file
    from dcmm.core.errors import Problem, UserError
    from dcmm.core.scoring import AssessmentResult, ScoringRules, score_assessment
    from dcmm.files import AnswerInput, available_editions, load_edition, read_answer_file, read_answers
    from dcmm.report import render_report
    from dcmm.tracker.service import TrackerService

# name → the module that defines it
_API: dict[str, str] = {
    "AnswerInput": "dcmm.files",
    "AssessmentResult": "dcmm.core.scoring",
    "Problem": "dcmm.core.errors",
    "ScoredFile": "dcmm.assessments",
    "ScoringRules": "dcmm.core.scoring",
    "TrackerService": "dcmm.tracker.service",
    "UserError": "dcmm.core.errors",
    "available_editions": "dcmm.files",
    "load_edition": "dcmm.files",
    "read_answer_file": "dcmm.files",
    "read_answers": "dcmm.files",
    "render_report": "dcmm.report",
    "score_assessment": "dcmm.core.scoring",
    "score_file": "dcmm.assessments",
}

__all__ = [
    "AnswerInput",
    "AssessmentResult",
    "Problem",
    "ScoredFile",
    "ScoringRules",
    "TrackerService",
    "UserError",
    "available_editions",
    "load_edition",
    "read_answer_file",
    "read_answers",
    "render_report",
    "score_assessment",
    "score_file",
]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'dcmm' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return [*__all__, "__version__"]
