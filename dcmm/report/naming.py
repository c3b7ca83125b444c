"""Report file names that are safe on any file system and cannot leave the output folder."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

# Characters that Windows, macOS or Linux refuse or treat specially in a file name.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_SPACES = re.compile(r"\s+")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
# Most file systems allow 255 bytes per name. The organisation part is cut first, so that the date,
# edition and language always survive; the whole stem leaves room for "-2" and "-findings.xlsx".
MAX_ORGANISATION_BYTES = 120
MAX_STEM_BYTES = 200


class UnsafeOutputPath(ValueError):
    """A computed output path would land outside the output folder (a bug, never user input)."""


def safe_component(text: str, fallback: str = "report", max_bytes: int = MAX_STEM_BYTES) -> str:
    """One file-name component: NFC, no separators or reserved characters, no leading dots."""
    text = unicodedata.normalize("NFKC", text)
    # Categories C* (controls, format, unassigned, private use, surrogates) have no business in a name.
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("C"))
    text = _UNSAFE.sub("_", text)
    text = _SPACES.sub(" ", text).strip(" ._-")
    if text.split(".")[0].upper() in _RESERVED:
        text = f"_{text}"
    encoded = text.encode("utf-8")[:max_bytes]
    text = encoded.decode("utf-8", errors="ignore").rstrip(" .")
    return text or fallback


def report_stem(organisation: str, assessed_on: str, edition: str, language: str) -> str:
    """``<organisation>_<date>_<edition>_<language>``, every part made safe."""
    parts = [safe_component(organisation, "organisation", MAX_ORGANISATION_BYTES)]
    if assessed_on:
        parts.append(safe_component(assessed_on))
    parts += [safe_component(edition), safe_component(language)]
    return "_".join(parts)


def unique_stem(stem: str, taken: set[str]) -> str:
    """``stem``, or ``stem-2``, ``stem-3``…: the first not in ``taken`` (compared case-insensitively)."""
    candidate, number = stem, 2
    while candidate.casefold() in taken:
        candidate = f"{stem}-{number}"
        number += 1
    taken.add(candidate.casefold())
    return candidate


def output_path(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/<stem><suffix>`` with the stem made safe, checked to be directly inside ``folder``."""
    name = f"{safe_component(stem)}{suffix}"
    root = folder.resolve()
    path = (root / name).resolve()
    if path.parent != root:
        raise UnsafeOutputPath(f"{name!r} would be written outside {root}")
    return path
