"""Reading the values of certificate lists as people write them: levels, dates, editions, statuses."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache, lru_cache, wraps
from typing import TypeVar

from dcmm.i18n import Language

_T = TypeVar("_T")
_REMEMBERED_CHARACTERS = 64  # longer cells are no value a rule knows: read each time, never kept


def remembered(maxsize: int) -> Callable[[Callable[[str], _T]], Callable[[str], _T]]:
    """``lru_cache`` for a rule that also remembers the cells it refuses: a list of a million rows that all
    repeat one bad value costs one check, not a million. Cells longer than a value can be are not kept."""

    def wrap(rule: Callable[[str], _T]) -> Callable[[str], _T]:
        @lru_cache(maxsize=maxsize)
        def outcome(value: str) -> tuple[bool, _T | str]:
            try:
                return True, rule(value)
            except ValueError as exc:
                return False, str(exc)

        @wraps(rule)
        def checked(value: str) -> _T:
            if len(value) > _REMEMBERED_CHARACTERS:
                return rule(value)
            good, result = outcome(value)
            if not good:
                raise ValueError(result)
            return result  # type: ignore[return-value]

        return checked

    return wrap


LEVELS = (1, 2, 3, 4, 5)
# The edition whose level names certificate lists use (both editions name the five levels alike).
LEVEL_NAMES_EDITION = "gbt36073-2018"
_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5}
# Older spellings lists still use, beside the edition's names.
_LEVEL_SPELLINGS = {"defined": 3, "quantitative": 4, "optimising": 5}


@cache
def level_names(lang: Language = "zh") -> dict[int, str]:
    """The five level names as the edition data gives them."""
    from dcmm.files import load_edition  # the questionnaire models load only when a level is named

    edition = load_edition(LEVEL_NAMES_EDITION)
    return {level: edition.level_definition(level).name.get(lang) for level in LEVELS}


@cache
def _level_by_name() -> dict[str, int]:
    by_name = dict(_LEVEL_SPELLINGS)
    for level, name in level_names("zh").items():
        by_name[name] = by_name[name.removesuffix("级")] = level
    for level, name in level_names("en").items():
        by_name[name.lower()] = level
    return by_name


_LEVEL_NUMBER = re.compile(r"^(?:dcmm)?(?:l|level|等级|第)?([1-5一二三四五壹贰叁肆伍])(?:级|level)?$")

# The standard came into force on 2018-10-01: no certificate can be older.
EARLIEST_ISSUE = dt.date(2018, 10, 1)
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _squash(text: str) -> str:
    """Lower case without spaces, with full-width brackets and punctuation made plain."""
    table = str.maketrans({"（": "(", "）": ")", "：": ":", "　": " ", "【": "(", "】": ")"})
    return re.sub(r"\s+", "", text.translate(table)).lower()


@remembered(maxsize=256)
def parse_level(value: str) -> int:
    """A level written as ``3``, ``三级``, ``稳健级``, ``3级（稳健级）``, ``L3`` or ``Robust``.

    Raises ValueError when the text is no level, or when number and name disagree.
    """
    text = _squash(value)
    if text.endswith(".0"):  # spreadsheets turn 3 into 3.0
        text = text[:-2]
    number: int | None = None
    name_level: int | None = None
    match = re.match(r"^([^()]*)\(([^()]*)\)$", text)
    parts = [match.group(1), match.group(2)] if match else [text]
    by_name = _level_by_name()
    for part in parts:
        if part in by_name:
            name_level = by_name[part]
            continue
        found = _LEVEL_NUMBER.match(part)
        if found:
            digit = found.group(1)
            number = int(digit) if digit.isdigit() else _CHINESE_DIGITS[digit]
            continue
        raise ValueError(f"{value!r} is not a level: expected 1 to 5, 三级, 稳健级 or 3级（稳健级）")
    if number is not None and name_level is not None and number != name_level:
        raise ValueError(
            f"{value!r} contradicts itself: level {number} is {level_names()[number]}, not {level_names()[name_level]}"
        )
    level = number if number is not None else name_level
    assert level is not None
    return level


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
# A date followed by a time of day, as Excel, WPS and pandas write date cells to CSV: "2026-11-28 00:00:00",
# "2026/11/28 0:00", "2026-11-28T00:00:00", with seconds' fractions or a UTC offset.
_TIME_OF_DAY = re.compile(
    r"^(?P<date>.*?\d日?)(?:\s*[Tt]\s*|\s+)(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d{1,9})?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2})?$"
)


@remembered(maxsize=8192)
def parse_date(value: str) -> dt.date:
    """A date written as ``2023-05-12``, ``2023/5/12``, ``2023.5.12``, ``2023年5月12日``, ``20230512``
    or an Excel day number; raises ValueError otherwise.

    A date may carry a time of day at midnight (``2023-05-12 00:00:00``, ``2023/5/12 0:00``,
    ``2023-05-12T00:00:00``): that is how Excel, WPS and pandas write a date cell to CSV, and it is the date.
    Any other time of day is refused, because it leaves the day in doubt: ``2023-05-11 16:00:00`` is
    often midnight of 12 May in Beijing written in UTC, and a certificate is issued on a day, not at an hour.
    """
    timed = _TIME_OF_DAY.match(value.strip())
    if timed:
        if any(int(timed.group(part) or 0) for part in ("hour", "minute", "second")):
            raise ValueError(f"{value!r} has a time of day: write the date alone, e.g. 2023-05-12")
        value = timed.group("date")
    text = _squash(value)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError as exc:
                raise ValueError(f"{value!r} is not a date: {exc}") from None
    if re.fullmatch(r"\d{5}(?:\.0+)?", text):
        return excel_serial_date(float(text))
    raise ValueError(f"{value!r} is not a date: expected e.g. 2023-05-12, 2023/5/12 or 2023年5月12日")


def excel_serial_date(serial: float) -> dt.date:
    """The date of an Excel day number (1900 date system)."""
    if not 20000 < serial < 80000:
        raise ValueError(f"{serial:g} is not a plausible Excel date")
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


@remembered(maxsize=64)
def parse_edition(value: str) -> str:
    """``2018`` or ``2025`` from ``GB/T 36073-2018``, ``2018版``, ``DCMM 2.0`` …"""
    text = _squash(value)
    if "2025" in text or text in {"2.0", "dcmm2.0", "v2", "2"}:
        return "2025"
    if "2018" in text or text in {"1.0", "dcmm1.0", "v1", "1"}:
        return "2018"
    raise ValueError(f"{value!r} is not an edition: expected 2018 or 2025 (GB/T 36073-2018 / -2025)")


_STATUS_ALIASES = {
    "": "valid",
    "有效": "valid",
    "valid": "valid",
    "正常": "valid",
    "已发证": "valid",
    "通过": "valid",
    # Expiry is computed from the dates; a list's own word for it is accepted and not trusted.
    "过期": "valid",
    "已过期": "valid",
    "失效": "valid",
    "expired": "valid",
    "撤销": "revoked",
    "已撤销": "revoked",
    "注销": "revoked",
    "revoked": "revoked",
    "试点": "pilot",
    "贯标试点": "pilot",
    "pilot": "pilot",
}


@remembered(maxsize=64)
def parse_status(value: str) -> str:
    """``valid``, ``revoked`` or ``pilot`` (a 贯标 pilot without a certificate)."""
    status = _STATUS_ALIASES.get(_squash(value))
    if status is None:
        raise ValueError(f"{value!r} is not a status: expected 有效/valid, 撤销/revoked or 试点/pilot")
    return status


_PARTY_ALIASES = {
    "甲方": "甲方",
    "数据拥有方": "甲方",
    "dataowner": "甲方",
    "data_owner": "甲方",
    "乙方": "乙方",
    "数据解决方案提供方": "乙方",
    "solutionprovider": "乙方",
    "solution_provider": "乙方",
}


@remembered(maxsize=64)
def parse_party_type(value: str) -> str | None:
    """甲方 (data owner) or 乙方 (solution provider); an empty cell is unknown."""
    text = _squash(value)
    if not text:
        return None
    party = _PARTY_ALIASES.get(text)
    if party is None:
        raise ValueError(f"{value!r} is not a party type: expected 甲方 (data owner) or 乙方 (solution provider)")
    return party


@lru_cache(maxsize=64)
def parse_flag(value: str) -> bool:
    """Yes/no cells: 是, y, yes, true, 1 are yes."""
    return _squash(value) in {"是", "y", "yes", "true", "1", "√", "synthetic", "虚构"}


def normalise_text(value: str) -> str:
    """Collapse runs of whitespace (including full-width spaces) into one space and strip."""
    return " ".join(value.split())
