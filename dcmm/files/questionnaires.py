"""Reading questionnaires: an edition folder (edition.yaml and its domain files), bundled or on disk."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Sequence
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from dcmm.core.errors import Problem, UserError
from dcmm.core.questionnaire import Domain, EditionMeta, Questionnaire
from dcmm.files.limits import MAX_DOMAIN_FILES, MAX_EDITION_BYTES
from dcmm.files.problems import problem
from dcmm.files.resources import data_dir
from dcmm.files.yaml_source import Location, field_path, line_of, validate_yaml, validation_problems

_WHAT = "a questionnaire file"


def domain_source(folder: Traversable, name: str, edition_file: str, index: int) -> Traversable | Problem:
    """The domain file ``name`` of edition.yaml's ``domains`` list, or the Problem that refuses it.

    A domain file is a relative path inside the edition folder: no absolute path, no ``..``, and on
    disk no symbolic link that leads out of the folder.
    """
    where = f"domains[{index}]"
    parts = PurePosixPath(str(name).replace("\\", "/")).parts
    if not parts or parts[0] == "/" or ".." in parts or ":" in parts[0]:
        return problem(edition_file, "domain_outside", None, where, name=name)
    source = folder.joinpath(*parts)
    if isinstance(folder, Path) and isinstance(source, Path):
        root = folder.resolve()
        if not source.resolve().is_relative_to(root):
            return problem(edition_file, "domain_outside", None, where, name=name)
    if not source.is_file():
        there = source.is_dir() or (isinstance(source, Path) and source.exists())
        key = "domain_not_a_file" if there else "domain_missing"
        return problem(edition_file, key, None, where, name=name)
    return source


def _domain_sources(
    folder: Traversable, names: Sequence[object], edition_file: str, problems: list[Problem]
) -> list[Traversable]:
    """The domain files edition.yaml lists, each checked; the problems of the others go to ``problems``."""
    if len(names) > MAX_DOMAIN_FILES:
        problems.append(
            problem(edition_file, "too_many_domains", None, "domains", count=len(names), limit=MAX_DOMAIN_FILES)
        )
        return []
    sources: list[Traversable] = []
    listed: set[str] = set()
    total = 0
    for index, name in enumerate(names):
        if not isinstance(name, str):  # the validation of edition.yaml says so already
            continue
        found = domain_source(folder, name, edition_file, index)
        if isinstance(found, Problem):
            problems.append(found)
        elif str(found) in listed:
            problems.append(problem(edition_file, "domain_twice", None, f"domains[{index}]", name=name))
        else:
            listed.add(str(found))
            total += found.stat().st_size if isinstance(found, Path) else 0
            if total > MAX_EDITION_BYTES:
                problems.append(
                    problem(edition_file, "edition_too_big", None, "domains", limit=f"{MAX_EDITION_BYTES >> 20} MiB")
                )
                return []
            sources.append(found)
    return sources


def load_questionnaire_dir(folder: Traversable) -> Questionnaire:
    """Load and validate an edition folder; raises UserError listing every problem found."""
    problems: list[Problem] = []
    edition_file = folder / "edition.yaml"
    meta, raw, _ = validate_yaml(edition_file, EditionMeta, problems, _WHAT)
    # Even when edition.yaml has problems, check the domain files it names: report everything at once.
    names = meta.domains if meta else (raw or {}).get("domains") if isinstance(raw, dict) else None
    if not isinstance(names, list):
        raise UserError(problems)
    domains: list[Domain] = []
    first_seen: dict[str, str] = {}
    for source in _domain_sources(folder, names, str(edition_file), problems):
        domain, _, node = validate_yaml(source, Domain, problems, _WHAT)
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


@cache
def _digest(export: str) -> str:
    return hashlib.sha256(export.encode("utf-8")).hexdigest()


def questionnaire_sha256(questionnaire: Questionnaire) -> str:
    """SHA-256 of the edition as ``dcmm questionnaire export`` prints it, so anyone can recompute it."""
    return _digest(questionnaire.model_dump_json(indent=2) + "\n")


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
