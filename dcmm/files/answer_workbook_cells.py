"""Cells of an answer workbook as values: text as typed (or normalised to compare), numbers, levels, places."""

from __future__ import annotations

import datetime as dt
import unicodedata
import zipfile
from pathlib import Path

from dcmm.core.answers import Answer
from dcmm.files.answer_workbook import METADATA_SHEET, uninert

_WORKBOOK_PART = "xl/workbook.xml"
_MOST_WORKBOOK_PART = 1 << 20  # the list of sheets; a real one is a few KiB


def normalised(value: object) -> str:
    """A cell as text: NFKC (full-width letters, digits and spaces become plain ones), surrounding spaces dropped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def cell_text(value: object, *, unquote: bool = True) -> str:
    """A cell's text as the user wrote it, only an integer number shown without ``.0``; with ``unquote``, the
    apostrophe that kept a text from being run as a formula is taken off (see dcmm.files.answer_workbook.inert)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if value is None:
        return ""
    return uninert(str(value).rstrip()) if unquote else str(value).rstrip()


def answered_by(answers: dict[str, Answer], respondent: str | None, recorded: dict[str, str]) -> dict[str, Answer]:
    """Each answer with who gave it: the workbook's respondent (the department it was sent to) when it names one,
    else the respondent an answer had when the workbook was written (a review workbook of merged answers)."""
    stamped = {}
    for criterion, answer in answers.items():
        who = respondent or recorded.get(criterion)
        stamped[criterion] = (
            answer if not who or answer.respondent == who else answer.model_copy(update={"respondent": who})
        )
    return stamped


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


def is_answer_workbook(path: Path) -> bool:
    """Whether ``path`` is a workbook that lists the metadata sheet of an answer workbook (a cheap look, for folders:
    ``dcmm score clients/`` reads the answer workbooks among the other spreadsheets, which it leaves alone)."""
    try:
        if not path.is_file():
            return False
        with zipfile.ZipFile(path) as archive:
            part = archive.getinfo(_WORKBOOK_PART)
            if part.file_size > _MOST_WORKBOOK_PART:
                return False
            return f'name="{METADATA_SHEET}"'.encode() in archive.read(part)
    except (OSError, KeyError, zipfile.BadZipFile, NotImplementedError, ValueError, EOFError):
        return False
