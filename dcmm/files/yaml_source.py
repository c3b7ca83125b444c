"""Safe YAML (and JSON) reading: one composed node tree to find lines, duplicate keys, and located problems."""

from __future__ import annotations

from collections.abc import Iterable
from importlib.resources.abc import Traversable
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from dcmm.core.answers import NA_WITHOUT_JUSTIFICATION
from dcmm.core.errors import Problem, UserError
from dcmm.core.questionnaire import GRADE_IDS
from dcmm.files.problems import problem, refusal

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


def compose(text: str) -> yaml.Node | None:
    """The node tree of a YAML (or JSON) text, None when it does not parse: only used to find lines."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None


def _message_key(error: Any) -> tuple[str | None, dict[str, object]]:
    """The catalogue key (and values) of the validation errors dcmm words itself; None for pydantic's own."""
    if error["loc"] == ("format_version",) and error["type"] == "literal_error":
        return "format_version", {"found": error["input"]}
    if error["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
        return "unknown_key", {}
    if error["type"] == "missing":
        return "missing", {}
    if error["type"] == "enum" and error["loc"][-1:] == ("grade",):
        return "not_a_grade", {"found": error["input"], "grades": ", ".join(GRADE_IDS)}
    return None, {}


def _message(error: Any) -> str:
    """Pydantic's message for the errors dcmm does not word itself, without its prefixes."""
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message


def validation_problems(file: str, node: yaml.Node | None, error: ValidationError) -> list[Problem]:
    """Every error of a pydantic validation as a Problem with its line (from ``node``) and field."""
    problems = []
    for e in error.errors():
        loc = tuple(part for part in e["loc"] if not (isinstance(part, str) and part.startswith("function-")))
        if e["type"] == NA_WITHOUT_JUSTIFICATION:  # one check over all answers: report each criterion
            for criterion_id in e["ctx"]["criteria"]:
                at = (*loc, criterion_id, "justification")
                problems.append(problem(file, "na_needs_justification", line_of(node, at), field_path(at)))
            continue
        key, values = _message_key(e)
        line, where = line_of(node, loc), field_path(loc) or None
        problems.append(problem(file, key, line, where, **values) if key else Problem(file, _message(e), line, where))
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
                        problems.append(problem(file, "key_twice", key.start_mark.line + 1, key=key.value))
                    seen.add(key.value)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return problems


def read_yaml(source: Traversable) -> tuple[Any, yaml.Node | None]:
    """The data of a YAML file (safe loading only) and its node tree; UserError when unreadable."""
    file = str(source)
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise refusal(file, "file_not_found") from None
    except UnicodeDecodeError as exc:
        raise refusal(file, "not_utf8", reason=exc.reason, byte=exc.start) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise refusal(file, "not_yaml", mark.line + 1 if mark else None, reason=exc.problem) from None
    finally:
        loader.dispose()
    return data, node


def validate_yaml(
    source: Traversable, model: type[M], problems: list[Problem]
) -> tuple[M | None, Any, yaml.Node | None]:
    """The validated model (None when invalid), with the raw data and node tree for locating things.

    Every problem found (unreadable file, duplicate keys, invalid content) is added to ``problems``.
    """
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
