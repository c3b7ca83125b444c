"""Reading JSON inputs: the bytes of a file once, and validation errors located by line and field."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from dcmm.core.errors import Problem
from dcmm.files.problems import problem, refusal
from dcmm.files.yaml_source import compose, validation_problems


def read_bytes(path: str | Path, what: str) -> bytes:
    """The bytes of ``path``; a UserError naming ``what`` was expected (``"an answer file"``) otherwise."""
    file = str(path)
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise refusal(file, "file_not_found") from None
    except IsADirectoryError:
        raise refusal(file, "is_a_folder", what=what) from None
    except OSError as exc:
        raise refusal(file, "cannot_read", reason=exc.strerror) from None


def json_problems(text: str | bytes, file: str, exc: ValidationError, what: str) -> list[Problem]:
    """The slow path after a failed validation: parse the text again to explain what is wrong and where."""
    decoded = text.decode("utf-8", errors="replace") if isinstance(text, bytes) else text
    try:
        data = json.loads(decoded)
    except json.JSONDecodeError as err:
        return [problem(file, "not_json", err.lineno, reason=err.msg, column=err.colno)]
    if not isinstance(data, dict):
        return [problem(file, "not_a_json_object", 1, what=what, found=type(data).__name__)]
    return validation_problems(file, compose(decoded), exc)
