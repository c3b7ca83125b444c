"""Reading crosswalk files: YAML to a validated crosswalk, with every problem located by file, line and field."""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path

import yaml
from pydantic import ValidationError

from dcmm.core.editions.crosswalk import Crosswalk, crosswalk_file_name, crosswalk_problems
from dcmm.core.errors import Problem, UserError
from dcmm.core.questionnaire import Questionnaire
from dcmm.files.problems import refusal
from dcmm.files.questionnaires import load_edition
from dcmm.files.resources import data_dir
from dcmm.files.yaml_source import capped, duplicate_key_problems, field_path, line_of, read_yaml, validation_problems

CROSSWALK_FOLDER = "crosswalk"


def load_crosswalk(
    path: str | Path | Traversable, source: Questionnaire | None = None, target: Questionnaire | None = None
) -> Crosswalk:
    """Read and validate a crosswalk file against both editions; raises UserError with file, line and field.

    Without questionnaires, the bundled editions named in the file are used.
    """
    file = Path(path) if isinstance(path, str) else path
    data, node = read_yaml(file, "a crosswalk file")
    if node is None:
        raise refusal(str(file), "empty", what="a crosswalk file")
    problems = duplicate_key_problems(str(file), node)
    try:
        crosswalk = Crosswalk.model_validate(data)
    except ValidationError as exc:
        raise UserError(problems + validation_problems(str(file), node, exc)) from None
    source = source or _bundled_edition(crosswalk.source_edition, file, node, "from")
    target = target or _bundled_edition(crosswalk.target_edition, file, node, "to")
    found = crosswalk_problems(crosswalk, source, target)
    if found or problems:
        shown, more = capped(str(file), found)
        problems.extend(Problem(str(file), message, line_of(node, loc), field_path(loc)) for loc, message in shown)
        raise UserError(problems + more)
    return crosswalk


def _bundled_edition(edition_id: str, file: Path | Traversable, node: yaml.Node | None, field: str) -> Questionnaire:
    try:
        return load_edition(edition_id)
    except UserError as exc:
        raise UserError([Problem(str(file), exc.problems[0].message, line_of(node, (field,)), field)]) from None


def bundled_crosswalks() -> list[Traversable]:
    """The crosswalk files that ship with the tool."""
    folder = data_dir("questionnaires") / CROSSWALK_FOLDER
    if not folder.is_dir():
        return []
    return sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


def find_crosswalk(source_edition: str, target_edition: str) -> Traversable:
    """The bundled crosswalk from one edition to another; UserError naming the ones there are."""
    wanted = crosswalk_file_name(source_edition, target_edition)
    files = bundled_crosswalks()
    for candidate in files:
        if candidate.name == wanted:
            return candidate
    known = ", ".join(f.name.removesuffix(".yaml").replace("--", " → ") for f in files) or "none"
    raise UserError(
        [Problem("<crosswalk>", f"no crosswalk from {source_edition} to {target_edition} (available: {known})")]
    )
