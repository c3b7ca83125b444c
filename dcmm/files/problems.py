"""Problems whose messages come from the ``errors`` catalogue, so the command line can show them in zh or en."""

from __future__ import annotations

from collections.abc import Callable

from dcmm.core.errors import Problem, UserError
from dcmm.i18n import Language, text

# Where warnings go: input that was read, with something the user should hear about (the command line prints them).
WARNING_SINKS: list[Callable[[Problem], object]] = []


def problem(file: str, key: str, line: int | None = None, where: str | None = None, /, **values: object) -> Problem:
    """A Problem with the English text of ``errors.<key>`` as its message, keeping the key to translate it.
    A key with a dot names its own area (``evidence.evidence_shape``)."""
    name = key if "." in key else f"errors.{key}"
    return Problem(file, text(name, "en", **values), line, where, name, tuple(values.items()))


def refusal(file: str, key: str, line: int | None = None, where: str | None = None, /, **values: object) -> UserError:
    """A UserError of one such problem."""
    return UserError([problem(file, key, line, where, **values)])


def problem_text(found: Problem, language: Language) -> str:
    """The problem's line in ``language``: its catalogue text where it has a key, else its message."""
    if found.key is None:
        return str(found)
    return found.located(text(found.key, language, **dict(found.values)))


def on_warning(sink: Callable[[Problem], object]) -> None:
    """Have ``sink`` hear every warning from now on (the command line prints them on stderr)."""
    WARNING_SINKS.append(sink)


def warn(found: Problem) -> None:
    """A warning about input that was still read: told to every sink (none outside the command line)."""
    for sink in WARNING_SINKS:
        sink(found)
