"""Cells of an answer workbook as values: text as typed (or normalised to compare), numbers, levels, places."""

from __future__ import annotations

import datetime as dt
import unicodedata

from dcmm.core.answers import Assessor
from dcmm.files.answer_workbook import uninert


def normalised(value: object) -> str:
    """A cell as text: NFKC (full-width letters, digits and spaces become plain ones), surrounding spaces dropped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def cell_text(value: object) -> str:
    """A cell's text as the user wrote it, only an integer number shown without ``.0``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return uninert(str(value).rstrip()) if value is not None else ""


def column_letters(index: int) -> str:
    """``A`` for 0, ``AA`` for 26."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def respondent_into_assessors(assessors: list[Assessor], respondent: str | None) -> list[Assessor]:
    """The hook for the workbook's respondent: answer files of format 1.0 have no respondent of their own, so the
    respondent becomes the first assessor (``dcmm merge`` labels each file by it) unless already among them."""
    if not respondent or any(a.name == respondent for a in assessors):
        return assessors
    return [Assessor(name=respondent, role="respondent"), *assessors]


def version_label(edition: str, data_version: str, digest: str) -> str:
    return f"{edition} data {data_version} (SHA-256 {digest[:12]}…)"


def hundredths(spelled: str) -> int | None:
    """A grade typed as a number (``0.7``, ``1``), in hundredths; None when it is no number."""
    try:
        return round(float(spelled) * 100)
    except (ValueError, OverflowError):
        return None


def whole(value: object) -> object:
    """A level typed as ``3``, ``3.0`` or ``"3"`` as the whole number it is; anything else as it is (to be refused)."""
    spelled = normalised(value)
    try:
        number = float(spelled)
    except ValueError:
        return spelled
    return int(number) if number.is_integer() else number
