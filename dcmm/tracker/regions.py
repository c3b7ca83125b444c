"""Regions for the tracker: the whole country, a province, a prefecture-level city or a county-level division,
named or coded as GB/T 2260 has them (the table is in :mod:`dcmm.files.divisions`, read on first use).

A list's city and county cells are read by :func:`dcmm.files.places.parse_place` (re-exported here), resolved within
the row's province (and city, for a county); a name the table cannot place is kept as written, with a warning.
"""

from __future__ import annotations

import re

from dcmm.core.identifiers import PROVINCE_NAMES, province_code
from dcmm.files.divisions import CITY as CITY
from dcmm.files.divisions import COUNTY as COUNTY
from dcmm.files.divisions import PROVINCE as PROVINCE
from dcmm.files.divisions import table
from dcmm.files.places import NATIONAL as NATIONAL
from dcmm.files.places import PROVINCE_PREFIXES, compact, describe, lookup
from dcmm.files.places import Place as Place
from dcmm.files.places import credit_code_division as credit_code_division
from dcmm.files.places import division_of_code as division_of_code
from dcmm.files.places import parse_city as parse_city
from dcmm.files.places import parse_place as parse_place
from dcmm.files.places import region_name as region_name

NATIONAL_LEVEL = "national"
LEVELS = (NATIONAL_LEVEL, PROVINCE, CITY, COUNTY)
BY = (PROVINCE, CITY, COUNTY)  # what a report's rows can be


def region_level(code: str) -> str:
    """national, province, city or county: what a region code (as :func:`parse_region` gives it) is."""
    if code == NATIONAL:
        return NATIONAL_LEVEL
    if len(code) == 2:
        return PROVINCE
    division = table().divisions.get(code)
    if division is None:  # a code stored before the table knew it: its last two digits say
        return CITY if code.endswith("00") else COUNTY
    return division.level


def city_of(code: str) -> str | None:
    """The prefecture-level unit a stored city or county code lies in (itself for a city), None if unknown."""
    division = table().get(code)
    return division.city if division is not None else None


def codes_within(code: str) -> list[str]:
    """Every city or county code that rows of the city or county ``code`` may be stored under."""
    return table().codes_within(code)


def row_key(province: str, city_code: str | None, code: str | None, by: str) -> str:
    """The row of a report by ``by`` (city or county) that stored codes count in.

    ``code`` is the finest code stored (a county's, or a city's when no county is known); ``city_code`` the
    city's when stored apart. Rows with no city count in their province's row (its code, two digits); by
    county, rows with a city but no county count in the city's row (a city without counties is its own).
    """
    finest = code or city_code
    if not finest:
        return province
    division = table().get(finest)
    if division is None:  # a code stored before the table knew it
        return finest if by == COUNTY else city_code or finest[:4] + "00"
    if by == CITY or division.level == CITY:
        return division.city or province
    return division.code


def parse_region(value: str) -> str:
    """A region given on the command line: ``CN``/``全国``, a province, a city or a county, by code or by name
    (full, short or former); raises ValueError naming what it accepts, or the candidates of an ambiguous name."""
    given = value.strip()
    if given.upper() == NATIONAL or given in {"全国", "national", "China", "china"}:
        return NATIONAL
    squeezed = compact(given)
    if re.fullmatch(r"\d{2}|\d{6}", squeezed):
        if squeezed[:2] not in PROVINCE_NAMES:
            raise ValueError(f"{given!r} is not a GB/T 2260 code: no province has the code {squeezed[:2]}")
        division = table().get(squeezed)
        if division is None:
            raise ValueError(f"{given!r} is not in the GB/T 2260 table (no division has the code {squeezed})")
        return division.code
    try:
        return province_code(squeezed)
    except ValueError:
        pass
    province, name = "", squeezed
    for code, prefixes in PROVINCE_PREFIXES.items():  # 山东省济南市, 山东济南
        for prefix in prefixes:
            if name.startswith(prefix) and len(name) > len(prefix):
                province, name = code, name[len(prefix) :]
                break
        if province:
            break
    candidates = lookup(name, (CITY,), province) or lookup(name, (COUNTY,), province)
    if len(candidates) == 1:
        return candidates[0].code
    if candidates:
        shown = ", ".join(describe(d) for d in candidates)
        raise ValueError(f"{given!r} names several divisions: {shown}; give the code, or the city before it")
    raise ValueError(
        f"{given!r} is not a region: expected CN, a province (37, 山东省, 山东), a city (370100, 济南市, 济南) "
        "or a county (370102, 历下区), as GB/T 2260 names them"
    )
