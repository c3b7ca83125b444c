"""Query parameters of the dashboard's pages, checked: anything but a known region, grouping, day or language
is refused with 400 and a message saying what was expected, before the tracker is asked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from starlette.datastructures import QueryParams

from dcmm.i18n import LANGUAGES, Language
from dcmm.tracker.regions import NATIONAL, parse_region

BY_CHOICES = ("province", "city", "county", "industry", "year")
MAX_PARAM = 100  # characters of one parameter: a region name or a day is far shorter
MAX_EXPIRING_DAYS = 3660


class BadQuery(ValueError):
    """A query parameter that is not what the page accepts: answered with 400 and this message."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name


@dataclass(frozen=True, slots=True)
class ProgressQuery:
    region: str = NATIONAL
    by: str = "province"
    as_of: dt.date | None = None


def _one(params: QueryParams, name: str) -> str | None:
    value = params.get(name)
    if value is None or value.strip() == "":
        return None
    if len(value) > MAX_PARAM:
        raise BadQuery(name, f"at most {MAX_PARAM} characters")
    return value.strip()


def region_param(params: QueryParams) -> str:
    value = _one(params, "region")
    if value is None:
        return NATIONAL
    try:
        return parse_region(value)
    except ValueError as exc:
        raise BadQuery("region", str(exc)) from None


def date_param(params: QueryParams, name: str = "as_of") -> dt.date | None:
    value = _one(params, name)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else _bad_date(name, value)
    except ValueError:
        return _bad_date(name, value)


def _bad_date(name: str, value: str) -> dt.date:
    raise BadQuery(name, f"{value!r} is not a day: expected YYYY-MM-DD")


def progress_query(params: QueryParams) -> ProgressQuery:
    """The region, grouping and day of a progress page; raises BadQuery."""
    by = _one(params, "by") or "province"
    if by not in BY_CHOICES:
        raise BadQuery("by", f"{by!r} is not a grouping: expected one of {', '.join(BY_CHOICES)}")
    return ProgressQuery(region_param(params), by, date_param(params))


def days_param(params: QueryParams, default: int) -> int:
    value = _one(params, "days")
    if value is None:
        return default
    if not value.isdigit() or not 1 <= int(value) <= MAX_EXPIRING_DAYS:
        raise BadQuery("days", f"{value!r} is not a number of days from 1 to {MAX_EXPIRING_DAYS}")
    return int(value)


def language_param(value: str | None) -> Language | None:
    """A language of the switch, None for anything else (the page keeps its language)."""
    return next((language for language in LANGUAGES if language == value), None)
