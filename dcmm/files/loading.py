"""Reading questionnaires (YAML) and answer files (JSON) with errors that name file, line and field."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from dcmm.core.answers import NA_WITHOUT_JUSTIFICATION, AnswerFile, answer_problems
from dcmm.core.errors import Problem, UserError
from dcmm.core.questionnaire import GRADE_IDS, Domain, EditionMeta, Questionnaire
from dcmm.files.resources import data_dir

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Location = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


def field_path(loc: Iterable[str | int]) -> str:
    """``('answers', '6.1.1.1', 'grade')`` as ``answers["6.1.1.1"].grade``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.isidentifier() or part == "$schema":
            text += f".{part}" if text else part
        else:
            text += f'["{part}"]'
    return text


def line_of(node: yaml.Node | None, loc: Location) -> int | None:
    """The 1-based line of the deepest node that ``loc`` reaches in a composed YAML/JSON tree."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    child = value
                    line = key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            return line
        node = child
        if not isinstance(node, yaml.ScalarNode):
            line = node.start_mark.line + 1
    return line


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None


def _message(error: Any) -> str:
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if error["loc"] == ("format_version",) and error["type"] == "literal_error":
        return f"format version {error['input']!r} is not supported: this version of dcmm reads format 1.0"
    if error["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
        return "unknown key (not part of the format)"
    if error["type"] == "missing":
        return "required but missing"
    if error["type"] == "enum" and error["loc"][-1:] == ("grade",):
        return (
            f"{error['input']!r} is not a grade: expected one of {', '.join(GRADE_IDS)} "
            "(or 完全满足, 大部分满足, 一般满足, 不满足, 不适用; or 1, 0.7, 0.5, 0)"
        )
    return message


def validation_problems(file: str, node: yaml.Node | None, error: ValidationError) -> list[Problem]:
    problems = []
    for e in error.errors():
        loc = tuple(part for part in e["loc"] if not (isinstance(part, str) and part.startswith("function-")))
        if e["type"] == NA_WITHOUT_JUSTIFICATION:  # one check over all answers: report each criterion
            for criterion_id in e["ctx"]["criteria"]:
                at = (*loc, criterion_id, "justification")
                message = "grade not_applicable requires a justification"
                problems.append(Problem(file, message, line_of(node, at), field_path(at)))
            continue
        problems.append(Problem(file, _message(e), line_of(node, loc), field_path(loc) or None))
    return problems


def duplicate_key_problems(file: str, node: yaml.Node | None) -> list[Problem]:
    """PyYAML keeps the last of two equal keys silently; a questionnaire must not."""
    problems: list[Problem] = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        problems.append(Problem(file, f"key {key.value!r} appears twice", key.start_mark.line + 1))
                    seen.add(key.value)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return problems


def read_yaml(source: Traversable) -> tuple[Any, yaml.Node | None]:
    file = str(source)
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError([Problem(file, "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise UserError([Problem(file, f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise UserError([Problem(file, f"not valid YAML: {exc.problem}", mark.line + 1 if mark else None)]) from None
    finally:
        loader.dispose()
    return data, node


def _validate_yaml(
    source: Traversable, model: type[M], problems: list[Problem]
) -> tuple[M | None, Any, yaml.Node | None]:
    """The validated model (None when invalid), with the raw data and node tree for locating things."""
    try:
        data, node = read_yaml(source)
    except UserError as exc:
        problems.extend(exc.problems)
        return None, None, None
    problems.extend(duplicate_key_problems(str(source), node))
    try:
        return model.model_validate(data), data, node
    except ValidationError as exc:
        problems.extend(validation_problems(str(source), node, exc))
        return None, data, node


def load_questionnaire_dir(folder: Traversable) -> Questionnaire:
    """Load and validate an edition folder; raises UserError listing every problem found."""
    problems: list[Problem] = []
    edition_file = folder / "edition.yaml"
    meta, raw, _ = _validate_yaml(edition_file, EditionMeta, problems)
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
        domain, _, node = _validate_yaml(source, Domain, problems)
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
    """A bundled edition by id (cached: editions are immutable once loaded)."""
    if edition_id not in available_editions():
        known = ", ".join(available_editions())
        raise UserError([Problem("<edition>", f"unknown edition {edition_id!r}: expected one of {known}")])
    return load_questionnaire_dir(data_dir("questionnaires") / edition_id)


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


def parse_answer_file(text: str | bytes, file: str) -> AnswerFile:
    """Validate an answer file's text on its own (no questionnaire needed)."""
    try:
        return AnswerFile.model_validate_json(text)
    except ValidationError as exc:
        raise UserError(_answer_problems_from(text, file, exc)) from None


def _answer_problems_from(text: str | bytes, file: str, exc: ValidationError) -> list[Problem]:
    """The slow path: re-read the file to explain what is wrong and where."""
    decoded = text.decode("utf-8", errors="replace") if isinstance(text, bytes) else text
    try:
        data = json.loads(decoded)
    except json.JSONDecodeError as err:
        return [Problem(file, f"not valid JSON: {err.msg} (column {err.colno})", err.lineno)]
    if not isinstance(data, dict):
        return [Problem(file, f"expected a JSON object (an answer file), found {type(data).__name__}", 1)]
    return validation_problems(file, _compose(decoded), exc)


@dataclass(frozen=True)
class AnswerInput:
    """An answer file as it was read: the validated model and the SHA-256 of the very bytes validated."""

    path: Path
    sha256: str
    answers: AnswerFile
    questionnaire: Questionnaire


def read_answer_file(path: str | Path, questionnaire: Questionnaire | None = None) -> tuple[AnswerFile, Questionnaire]:
    """Read, validate and check an answer file against its edition (see :func:`read_answers`)."""
    read = read_answers(path, questionnaire)
    return read.answers, read.questionnaire


def read_answers(path: str | Path, questionnaire: Questionnaire | None = None) -> AnswerInput:
    """Read an answer file once: bytes, their SHA-256, then the model validated from those bytes.

    With no questionnaire given, the bundled edition named in the file is used. Raises UserError.
    """
    file = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise UserError([Problem(file, "file not found")]) from None
    except IsADirectoryError:
        raise UserError([Problem(file, "is a folder, expected an answer file")]) from None
    except OSError as exc:
        raise UserError([Problem(file, f"cannot be read: {exc.strerror}")]) from None
    answers = parse_answer_file(raw, file)
    if questionnaire is None:
        try:
            questionnaire = load_edition(answers.edition)
        except UserError as exc:
            node = _compose(raw.decode("utf-8", errors="replace"))
            raise UserError([Problem(file, exc.problems[0].message, line_of(node, ("edition",)), "edition")]) from None
    found = answer_problems(answers, questionnaire)
    if found:
        node = _compose(raw.decode("utf-8", errors="replace"))
        raise UserError([Problem(file, message, line_of(node, loc), field_path(loc)) for loc, message in found])
    return AnswerInput(Path(path), hashlib.sha256(raw).hexdigest(), answers, questionnaire)
