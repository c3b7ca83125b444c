"""Reading questionnaires: an edition folder (edition.yaml and its domain files), bundled or on disk."""

from __future__ import annotations

import gc
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path

from pydantic import ValidationError

from dcmm.core.errors import Problem, UserError
from dcmm.core.questionnaire import Domain, EditionMeta, Questionnaire
from dcmm.files.resources import data_dir
from dcmm.files.yaml_source import Location, field_path, line_of, validate_yaml, validation_problems


def load_questionnaire_dir(folder: Traversable) -> Questionnaire:
    """Load and validate an edition folder; raises UserError listing every problem found."""
    problems: list[Problem] = []
    edition_file = folder / "edition.yaml"
    meta, raw, _ = validate_yaml(edition_file, EditionMeta, problems)
    # Even when edition.yaml has problems, check the domain files it names: report everything at once.
    names = meta.domains if meta else (raw or {}).get("domains") if isinstance(raw, dict) else None
    if not isinstance(names, list):
        raise UserError(problems)
    domains: list[Domain] = []
    first_seen: dict[str, str] = {}
    for index, name in enumerate(names):
        source = folder / str(name)
        if not source.is_file():
            missing = f"domain file {name!r} does not exist"
            problems.append(Problem(str(edition_file), missing, None, f"domains[{index}]"))
            continue
        domain, _, node = validate_yaml(source, Domain, problems)
        if domain is None:
            continue
        domains.append(domain)
        for i, item in enumerate(domain.items):
            for level_index, level in enumerate(item.levels):
                for c_index, criterion in enumerate(level.criteria):
                    loc: Location = ("items", i, "levels", level_index, "criteria", c_index, "id")
                    line = line_of(node, loc)
                    if criterion.id in first_seen:
                        message = f"criterion id {criterion.id} is used twice (first at {first_seen[criterion.id]})"
                        problems.append(Problem(str(source), message, line, field_path(loc)))
                    first_seen.setdefault(criterion.id, f"{source}:{line}")
    if not problems and meta is not None:
        try:
            return Questionnaire(meta=meta, domains=domains)
        except ValidationError as exc:
            problems.extend(validation_problems(str(edition_file), None, exc))
    raise UserError(sorted(problems, key=lambda p: (p.file, p.line or 0)))


def available_editions() -> list[str]:
    """Ids of the editions that ship with the tool, oldest first."""
    root = data_dir("questionnaires")
    return sorted(entry.name for entry in root.iterdir() if (entry / "edition.yaml").is_file())


@cache
def load_edition(edition_id: str) -> Questionnaire:
    """A bundled edition by id (cached: editions are immutable once loaded).

    A loaded edition lives as long as the process, so it is moved out of the cyclic garbage collector's
    reach: otherwise every full collection while a batch is scored walks its tens of thousands of objects
    again (about a fifth of the time of validating and scoring an answer file).
    """
    if edition_id not in available_editions():
        known = ", ".join(available_editions())
        raise UserError([Problem("<edition>", f"unknown edition {edition_id!r}: expected one of {known}")])
    edition = load_questionnaire_dir(data_dir("questionnaires") / edition_id)
    gc.collect()  # what is garbage now must not be frozen with the edition
    gc.freeze()
    return edition


def load_questionnaire(path: str | Path | None = None) -> Questionnaire:
    """Load an edition by id, by folder, or by the path of its edition.yaml."""
    if path is None:
        return load_edition(available_editions()[0])
    candidate = Path(path)
    if candidate.name == "edition.yaml":
        candidate = candidate.parent
    if candidate.is_dir():
        return load_questionnaire_dir(candidate)
    if str(path) in available_editions():
        return load_edition(str(path))
    raise UserError([Problem(str(path), "neither an edition id nor a folder holding edition.yaml")])
