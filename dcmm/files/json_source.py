"""Reading JSON inputs: the bytes of a file once, and validation errors located by line and field.

The fast path is pydantic's own JSON parser; a file that passes it is parsed once more, at C speed, for
keys given twice (which pydantic, like ``json.loads``, lets the last one win). Only a file that fails
is looked at closely: its encoding, its depth, its syntax, then every field that is wrong and its line.
"""

from __future__ import annotations

import json
import re

import jiter
from pydantic import ValidationError

from dcmm.core.errors import Problem, UserError
from dcmm.files.limits import MAX_JSON_DEPTH
from dcmm.files.problems import problem
from dcmm.files.reading import UTF8_BOM, read_bytes, text_problem
from dcmm.files.yaml_source import compose, duplicate_key_problems, validation_problems

__all__ = ["check_duplicate_keys", "json_bytes", "json_problems", "read_bytes"]

# A JSON string (escapes included) or one bracket: what the depth count looks at.
_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_OPENING = frozenset(b"[{")
_PLACE = re.compile(r"^(?P<reason>.*?) at line (?P<line>\d+) column (?P<column>\d+)$", re.DOTALL)


def json_bytes(text: str | bytes) -> bytes:
    """The bytes a JSON input is parsed from: UTF-8, a leading BOM (as some Windows editors write) dropped."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return raw[len(UTF8_BOM) :] if raw.startswith(UTF8_BOM) else raw


def depth_problem(raw: bytes, file: str) -> Problem | None:
    """A Problem at the line where objects and arrays first nest deeper than ``MAX_JSON_DEPTH``."""
    depth = 0
    for token in _TOKEN.finditer(raw):
        first = token.group()[0]
        if first in _OPENING:
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return problem(file, "too_deep", raw.count(b"\n", 0, token.start()) + 1, limit=MAX_JSON_DEPTH)
        elif first != 0x22:  # a closing bracket, not a string
            depth -= 1
    return None


def _place(error: ValueError) -> tuple[str, int, int]:
    """The parser's reason, line and column, from its message ``reason at line L column C``."""
    place = _PLACE.match(str(error))
    return (place["reason"], int(place["line"]), int(place["column"])) if place else (str(error), 1, 1)


def _duplicates(raw: bytes, file: str, error: ValueError) -> list[Problem] | None:
    """Every key given twice, by line, when ``error`` is the parser's word for one; None for other errors."""
    reason, line, _ = _place(error)
    if not reason.startswith("Detected duplicate key"):
        return None
    found = duplicate_key_problems(file, compose(raw.decode("utf-8", errors="replace")))
    return found or [problem(file, "key_twice", line, key=reason.split('"')[1] if '"' in reason else reason)]


def check_duplicate_keys(raw: bytes, file: str) -> None:
    """UserError naming every key given twice in one object (and its line); nothing when there is none."""
    try:
        jiter.from_json(raw, catch_duplicate_keys=True, cache_mode="keys")
    except ValueError as exc:
        reason, line, column = _place(exc)
        raise UserError(
            _duplicates(raw, file, exc) or [problem(file, "not_json", line, reason=reason, column=column)]
        ) from None


def json_problems(text: str | bytes, file: str, exc: ValidationError, what: str) -> list[Problem]:
    """The slow path after a failed validation: look at the text again to explain what is wrong and where."""
    raw = json_bytes(text)
    if not raw.strip():
        return [problem(file, "empty", what=what)]
    found = text_problem(raw, file) or depth_problem(raw, file)
    if found is not None:
        return [found]
    duplicates: list[Problem] = []
    try:
        data = jiter.from_json(raw, catch_duplicate_keys=True)
    except ValueError as err:
        duplicates = _duplicates(raw, file, err) or []
        if not duplicates:
            return [_syntax_problem(raw, file, err)]
        data = jiter.from_json(raw)
    if not isinstance(data, dict):
        return [problem(file, "not_a_json_object", 1, what=what, found=type(data).__name__)]
    return duplicates + validation_problems(file, compose(raw.decode("utf-8")), exc)


def _syntax_problem(raw: bytes, file: str, error: ValueError) -> Problem:
    """A syntax error in the words of ``json`` (which says where an unclosed string began), else the parser's."""
    try:
        json.loads(raw)
    except json.JSONDecodeError as err:
        return problem(file, "not_json", err.lineno, reason=err.msg, column=err.colno)
    except ValueError:  # a number too long for Python: the parser's message says so
        pass
    reason, line, column = _place(error)
    return problem(file, "not_json", line, reason=reason, column=column)
