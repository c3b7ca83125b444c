"""Industry names in the report's language: the sections of GB/T 4754-2017 as ``data/industries.tsv`` lists them.

Lists write an organisation's industry in their own words; the tracker keeps and counts those words. A
report in English shows the section's English name for a name (or listed alias) of a section, and any
other name as the list wrote it.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

from dcmm.i18n import Language

DATA_FILE = "industries.tsv"


@cache
def english_names() -> dict[str, str]:
    """Section names and aliases (NFKC, without spaces) → the section's English name, read on first use."""
    text = resources.files("dcmm.tracker").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    names: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("section\t"):
            continue
        _section, name, english, aliases = line.split("\t")
        for written in (name, *filter(None, aliases.split(";"))):
            names[_key(written)] = english
    return names


def industry_name(industry: str, lang: Language) -> str:
    """``industry`` as a report in ``lang`` shows it."""
    return industry if lang == "zh" else english_names().get(_key(industry), industry)


def _key(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())
