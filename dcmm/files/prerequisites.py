"""The bundled admission-prerequisite data, and the readiness of an answer file checked against it."""

from __future__ import annotations

from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path

from dcmm.core.errors import Problem, UserError
from dcmm.core.prerequisites import PrerequisiteCatalogue, ReadinessResult, check_readiness
from dcmm.files.answers import read_answers
from dcmm.files.resources import data_dir
from dcmm.files.yaml_source import validate_yaml

PREREQUISITES_FOLDER = "prerequisites"
ADMISSION_FILE = "admission.yaml"


def bundled_prerequisites_file() -> Traversable:
    """The prerequisite data that ships with the tool (``questionnaires/prerequisites/admission.yaml``)."""
    return data_dir("questionnaires") / PREREQUISITES_FOLDER / ADMISSION_FILE


def load_prerequisites(source: Traversable | Path) -> PrerequisiteCatalogue:
    """Read and validate a prerequisite data file; UserError with file, line and field."""
    problems: list[Problem] = []
    catalogue, _, _ = validate_yaml(source, PrerequisiteCatalogue, problems, "a prerequisite data file")
    if problems or catalogue is None:
        raise UserError(problems)
    return catalogue


@cache
def bundled_prerequisites() -> PrerequisiteCatalogue:
    """The bundled prerequisite data, validated once per process."""
    return load_prerequisites(bundled_prerequisites_file())


def readiness_of_file(path: str | Path, target: int | None = None) -> ReadinessResult:
    """The readiness of the answer file ``path`` (JSON or workbook) to apply for a certified assessment:
    the prerequisites of its party type at ``target`` (default: the file's target level), each met, unmet or
    unknown. Raises UserError for a bad file."""
    answers = read_answers(path).answers
    return check_readiness(
        bundled_prerequisites(),
        answers.organisation.party_type,
        target or answers.target_level,
        answers.prerequisites,
    )


__all__ = ["bundled_prerequisites", "bundled_prerequisites_file", "load_prerequisites", "readiness_of_file"]
