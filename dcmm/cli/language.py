"""The language of one run: help and tables follow ``--lang``/``DCMM_LANG``; messages stay English unless chosen."""

from __future__ import annotations

import os

from dcmm.i18n import LANGUAGES, Language, choose_language, text

ENVIRONMENT_VARIABLE = "DCMM_LANG"

_chosen: list[Language] = []  # the --lang given on this run, if any (a list so that no global statement is needed)


def forget_choice() -> None:
    """Start a run with no --lang seen (main() runs many times in one test process)."""
    _chosen.clear()


def record_choice(language: Language) -> None:
    _chosen[:] = [language]


def _from_environment() -> Language | None:
    value = os.environ.get(ENVIRONMENT_VARIABLE, "").strip().lower()[:2]
    return value if value in LANGUAGES else None


def table_language(explicit: str | None = None) -> Language:
    """Tables, sheets and help: ``--lang``, else ``DCMM_LANG``, else Chinese."""
    return choose_language(explicit or (_chosen[0] if _chosen else None))


def message_language() -> Language:
    """Status and error lines: ``--lang``, else ``DCMM_LANG``, else English.

    Scripts read these lines; without a language chosen they keep the wording they have always had.
    """
    if _chosen:
        return _chosen[0]
    return _from_environment() or "en"


def tr(key: str, /, **values: object) -> str:
    """A CLI message (``cli.<name>``) in the message language."""
    return text(key, message_language(), **values)


def help_text(key: str | None) -> str | None:
    """A help text (``cli.<name>``) in the help language; None stays None."""
    return None if key is None else text(key, table_language())
