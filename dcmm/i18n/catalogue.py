"""Loading and looking up the zh and en catalogues."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from functools import cache
from importlib.resources import files
from typing import Literal

import yaml

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")
ENVIRONMENT_VARIABLE = "DCMM_LANG"
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class MissingText(KeyError):
    """A key that a catalogue lacks: a fault of dcmm, caught by the catalogue tests."""


@cache
def catalogue(language: Language) -> Mapping[str, str]:
    """Every text of one language, keyed ``<area>.<name>`` (the area is the file's name)."""
    texts: dict[str, str] = {}
    folder = files("dcmm.i18n") / language
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        area = entry.name.removesuffix(".yaml")
        data = yaml.load(entry.read_text(encoding="utf-8"), Loader=_Loader) or {}
        if not isinstance(data, dict):
            raise TypeError(f"{language}/{entry.name}: a catalogue is a mapping of names to texts")
        for name, value in data.items():
            if not isinstance(value, str):
                raise TypeError(f"{language}/{entry.name}: {name}: expected a text, found {type(value).__name__}")
            texts[f"{area}.{name}"] = value
    return texts


def text(key: str, language: Language, /, **values: object) -> str:
    """The text of ``key`` in ``language``, with its placeholders filled from ``values``."""
    try:
        template = catalogue(language)[key]
    except KeyError:
        raise MissingText(f"{key} is missing from the {language} catalogue") from None
    return template.format(**values) if values else template


def vocabulary(language: Language) -> Callable[..., str]:
    """``t = vocabulary("en")`` then ``t("common.error")``: :func:`text` bound to one language."""

    def lookup(key: str, /, **values: object) -> str:
        return text(key, language, **values)

    return lookup


def choose_language(explicit: str | None = None) -> Language:
    """``--lang`` when given, else ``DCMM_LANG`` when it names a language, else Chinese."""
    for candidate in (explicit, os.environ.get(ENVIRONMENT_VARIABLE, "").strip().lower()[:2]):
        if candidate in LANGUAGES:
            return candidate
    return "zh"
