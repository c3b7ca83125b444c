"""Safe YAML (and JSON) reading: one composed node tree to find lines, duplicate keys, and located problems."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from dcmm.core.answers import NA_WITHOUT_JUSTIFICATION
from dcmm.core.errors import Problem, UserError
from dcmm.core.evidence import EVIDENCE_ERRORS
from dcmm.core.questionnaire import GRADE_IDS
from dcmm.files.limits import MAX_LOCATED_BYTES, MAX_PROBLEMS_PER_FILE, MAX_YAML_BYTES, MAX_YAML_DEPTH
from dcmm.files.problems import problem, refusal
from dcmm.files.reading import decode_text, read_bytes

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Location = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


def capped(file: str, items: Sequence[T]) -> tuple[Sequence[T], list[Problem]]:
    """The first ``MAX_PROBLEMS_PER_FILE`` of ``items``, and a Problem counting the rest (if there are more)."""
    if len(items) <= MAX_PROBLEMS_PER_FILE:
        return items, []
    return items[:MAX_PROBLEMS_PER_FILE], [problem(file, "more_problems", count=len(items) - MAX_PROBLEMS_PER_FILE)]


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
    """The node tree of a YAML (or JSON) text, None when it does not parse: only used to find lines.

    Texts over ``MAX_LOCATED_BYTES`` are not composed (it takes about 1.5 s a MiB): their problems name
    the field but not the line.
    """
    if len(text) > MAX_LOCATED_BYTES:
        return None
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None


def _message_key(error: Any) -> tuple[str | None, dict[str, object]]:
    """The catalogue key (and values) of the validation errors dcmm words itself; None for pydantic's own."""
    if error["loc"] == ("format_version",) and error["type"] == "literal_error":
        return "format_version", {"found": _brief(error["input"])}
    if error["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
        return "unknown_key", {}
    if error["type"] in EVIDENCE_ERRORS:
        return f"evidence.{error['type']}", dict(error.get("ctx") or {})
    if error["type"] == "missing":
        return "missing", {}
    if error["type"] == "enum" and error["loc"][-1:] == ("grade",):
        return "not_a_grade", {"found": _brief(error["input"]), "grades": ", ".join(GRADE_IDS)}
    return None, {}


def _brief(value: object) -> object:
    """A value as a message may show it: long texts and numbers cut short (a huge int has no repr at all)."""
    if isinstance(value, str) and len(value) > 60:
        return value[:60] + "…"
    if isinstance(value, int) and not -(10**30) < value < 10**30:
        return "a number of over 30 digits"
    return value


def _message(error: Any) -> str:
    """Pydantic's message for the errors dcmm does not word itself, without its prefixes."""
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message


def validation_problems(file: str, node: yaml.Node | None, error: ValidationError) -> list[Problem]:
    """Every error of a pydantic validation as a Problem with its line (from ``node``) and field."""
    problems: list[Problem] = []
    errors, more = capped(file, error.errors())
    for e in errors:
        loc = tuple(part for part in e["loc"] if not (isinstance(part, str) and part.startswith("function-")))
        if e["type"] == NA_WITHOUT_JUSTIFICATION:  # one check over all answers: report each criterion
            for criterion_id in e["ctx"]["criteria"]:
                at = (*loc, criterion_id, "justification")
                problems.append(problem(file, "na_needs_justification", line_of(node, at), field_path(at)))
            continue
        key, values = _message_key(e)
        line, where = line_of(node, loc), field_path(loc) or None
        problems.append(problem(file, key, line, where, **values) if key else Problem(file, _message(e), line, where))
    shown, rest = capped(file, problems)
    return [*shown, *(rest or more)]


def duplicate_key_problems(file: str, node: yaml.Node | None) -> list[Problem]:
    """PyYAML keeps the last of two equal keys silently; a questionnaire must not."""
    problems: list[Problem] = []
    stack = [node] if node is not None else []
    walked: set[int] = set()  # a node reached again through an alias is not walked again
    while stack:
        current = stack.pop()
        if id(current) in walked:
            continue
        walked.add(id(current))
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
    shown, more = capped(file, problems)
    return [*shown, *more]


def _source_bytes(source: Traversable, what: str) -> bytes:
    """The bytes of a file on disk (bounded, regular files only) or of a bundled resource."""
    if isinstance(source, Path):
        return read_bytes(source, what, MAX_YAML_BYTES)
    try:
        return source.read_bytes()
    except FileNotFoundError:
        raise refusal(str(source), "file_not_found") from None
    except OSError as exc:
        raise refusal(str(source), "cannot_read", reason=exc.strerror) from None


def _alias_line(text: str) -> int | None:
    """The line of the first alias (``*name``) in a YAML text."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            return event.start_mark.line + 1
    return None


def check_tree(file: str, text: str, node: yaml.Node) -> None:
    """Refuse aliases (each use would be walked again: a few lines can stand for billions of nodes) and
    nesting deeper than ``MAX_YAML_DEPTH``, before anything is built from the tree."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        if id(current) in seen:
            raise refusal(file, "yaml_alias", _alias_line(text))
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode):
            continue
        if depth > MAX_YAML_DEPTH:
            raise refusal(file, "too_deep", current.start_mark.line + 1, limit=MAX_YAML_DEPTH)
        children = (
            [part for pair in current.value for part in pair]
            if isinstance(current, yaml.MappingNode)
            else current.value
        )
        stack.extend((child, depth + 1) for child in children)


def _unbuildable(file: str, node: yaml.Node, error: Exception) -> UserError:
    """The scalar whose value cannot be built (a date that does not exist, a number too long), located."""
    constructor = yaml.SafeLoader("")
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            try:
                constructor.construct_object(current)
            except (ValueError, OverflowError) as exc:
                line = current.start_mark.line + 1
                if current.tag.endswith(":timestamp"):
                    return refusal(file, "not_a_date", line, value=current.value, reason=str(exc))
                return refusal(file, "bad_value", line, value=current.value[:40], digits=len(current.value))
        elif isinstance(current, yaml.MappingNode):
            stack.extend(part for pair in current.value for part in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return refusal(file, "not_yaml", None, reason=str(error))


def read_yaml(source: Traversable, what: str = "a YAML file") -> tuple[Any, yaml.Node | None]:
    """The data of a YAML file (safe loading only) and its node tree; UserError when unreadable.

    Aliases, deep nesting, values that cannot exist and files over ``MAX_YAML_BYTES`` are refused.
    """
    file = str(source)
    text = decode_text(_source_bytes(source, what), file)
    loader = _Loader(text)
    node = None
    try:
        node = loader.get_single_node()
        if node is not None:
            check_tree(file, text, node)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise refusal(file, "not_yaml", mark.line + 1 if mark else None, reason=exc.problem) from None
    except yaml.reader.ReaderError as exc:
        # libyaml counts the position in bytes of UTF-8, the pure-Python reader in characters
        if _Loader is yaml.SafeLoader:
            line = text.count("\n", 0, exc.position) + 1
        else:
            line = text.encode("utf-8").count(b"\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise refusal(file, "not_yaml", line, reason=f"character {code:#06x} is not allowed") from None
    except yaml.YAMLError as exc:
        raise refusal(file, "not_yaml", None, reason=str(exc)) from None
    except (ValueError, OverflowError) as exc:
        raise (
            _unbuildable(file, node, exc) if node is not None else refusal(file, "not_yaml", None, reason=str(exc))
        ) from None
    finally:
        loader.dispose()
    return data, node


def validate_yaml(
    source: Traversable, model: type[M], problems: list[Problem], what: str = "a YAML file"
) -> tuple[M | None, Any, yaml.Node | None]:
    """The validated model (None when invalid), with the raw data and node tree for locating things.

    Every problem found (unreadable file, duplicate keys, invalid content) is added to ``problems``.
    """
    try:
        data, node = read_yaml(source, what)
    except UserError as exc:
        problems.extend(exc.problems)
        return None, None, None
    if node is None:
        problems.append(problem(str(source), "empty", what=what))
        return None, None, None
    problems.extend(duplicate_key_problems(str(source), node))
    try:
        return model.model_validate(data), data, node
    except ValidationError as exc:
        problems.extend(validation_problems(str(source), node, exc))
        return None, data, node
