"""Places in China as GB/T 2260 names them: a city and county cell read within a province, a credit code's division.

A city and county are read by :func:`parse_place`: a code, a full name (咸阳市), a short name (咸阳) or a former one
(莱芜市, 襄樊市), resolved within the province (and city, for a county); the table is in :mod:`dcmm.files.divisions`,
read on first use. A name that the table does not have, or that names several divisions of the province (鼓楼区 in
南京 and 徐州), is kept as written without a code, with a warning saying so (and naming the candidates): it is never
guessed. A contradiction (a city of another province, a county outside the city) raises ValueError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dcmm.core.identifiers import PROVINCE_NAMES, PROVINCE_NAMES_EN, PROVINCES
from dcmm.files.divisions import CITY, COUNTY, MUNICIPALITIES, PROVINCE, Division, english_names, short_name, table
from dcmm.i18n import Language, text

NATIONAL = "CN"


def region_name(code: str, lang: Language = "zh") -> str:
    """The name of the whole country, a province (2 digits), a city or a county (6 digits)."""
    if code == NATIONAL:
        return text("tracker.national", lang)
    if len(code) == 2:
        return (PROVINCE_NAMES if lang == "zh" else PROVINCE_NAMES_EN).get(code, code)
    division = table().divisions.get(code)
    if division is None:
        return code
    return division.name if lang == "zh" else english_names().get(code, division.name)


@dataclass(frozen=True, slots=True)
class Place:
    """Where a row says an organisation is, below its province: codes as GB/T 2260 has them, names as written."""

    city_code: str | None = None
    city: str | None = None
    county_code: str | None = None
    county: str | None = None
    warnings: tuple[tuple[str, str, dict[str, str]], ...] = ()  # (field, catalogue key, values) each
    inferred: bool = False  # some of it (or the row's province) came from the credit code


def compact(value: str) -> str:
    return re.sub(r"\s+", "", value)


def describe(division: Division) -> str:
    """A division as a candidate is shown: 南京市鼓楼区 (320106)."""
    city = table().divisions.get(division.city or "")
    prefix = city.name if city is not None and city.code != division.code else ""
    return f"{prefix}{division.name} ({division.code})"


def lookup(name: str, levels: tuple[str, ...], within: str) -> list[Division]:
    """The divisions of ``levels`` in ``within`` (a province or city code) called ``name``: full names first,
    then short names, then former names (the first of these that finds any)."""
    found = table()
    fits = [
        [d for d in found.by_name.get(name, ()) if d.level in levels],
        [d for d in found.by_short_name.get(name, ()) if d.level in levels],
        [d for _former, d in found.by_former_name.get(name, ()) if d.level in levels],
    ]
    for candidates in fits:
        inside = [d for d in candidates if _inside(d, within)]
        unique = list(dict.fromkeys(inside))
        if unique:
            return unique
    return []


def _inside(division: Division, within: str) -> bool:
    """Whether a division lies in ``within``: a province, a city, or "" (anywhere)."""
    if len(within) <= 2:
        return division.province.startswith(within)
    return within in (division.city, division.code)


def _elsewhere(name: str, province: str) -> Division | None:
    """A prefecture-level city of another province with this full or short name, when there is just one."""
    found = table()
    matches = [
        d
        for d in (*found.by_name.get(name, ()), *found.by_short_name.get(name, ()))
        if d.level == CITY and d.province != province
    ]
    return matches[0] if len({d.code for d in matches}) == 1 else None


def _by_code(code: str, province: str, what: str) -> Division | None:
    if code[:2] != province:
        raise ValueError(f"{what} code {code} is not in province {province} ({region_name(province)})")
    division = table().get(code)
    return None if division is None or division.level == PROVINCE else division


@lru_cache(maxsize=8192)
def parse_place(city_text: str, county_text: str, province: str) -> Place:
    """The city and county a row names in ``province``; raises ValueError on a contradiction (a code or city of
    another province, a county code outside the row's city). What the table cannot place is a warning."""
    city_text, county_text = compact(city_text), compact(county_text)
    if city_text in PROVINCE_PREFIXES.get(province, ()) and province not in MUNICIPALITIES:
        city_text = ""  # the province written again in the city column (山东省): no city given
    warnings: list[tuple[str, str, dict[str, str]]] = []
    city: Division | None = None
    county: Division | None = None
    if city_text:
        city, county, warning = _city_cell(city_text, province)
        if warning:
            warnings.append(("city", *warning))
    if county_text:
        named, warning = _county_cell(county_text, province, city)
        if warning == ("", {}):
            county_text = ""
        elif warning:
            warnings.append(("county", *warning))
        if named is not None:
            county = named
            if city is None:
                city = table().divisions.get(named.city or "")
    return Place(
        city.code if city is not None else None,
        (city.name if city is not None else city_text) or None,
        county.code if county is not None else None,
        (county.name if county is not None else county_text) or None,
        tuple(warnings),
    )


_Warning = tuple[str, dict[str, str]] | None


def _city_cell(text_: str, province: str) -> tuple[Division | None, Division | None, _Warning]:
    """(city, county, warning) of a city cell: a city, or a county (which gives its city too)."""
    found = table()
    if re.fullmatch(r"\d{6}", text_):
        division = _by_code(text_, province, "city")
        if division is None:
            return None, None, ("regions.unknown_code", {"code": text_})
        city = found.divisions.get(division.city or "")
        return city, division if division.level == COUNTY else None, None
    name = _without_province(text_, province)
    candidates = lookup(name, (CITY,), province) or lookup(name, (COUNTY,), province)
    if not candidates:
        split = _city_and_county(name, province)
        if split is not None:
            return *split, None
        other = _elsewhere(name, province)
        if other is not None:
            raise ValueError(f"city {text_} is in {region_name(other.province)}, not in {region_name(province)}")
        return None, None, ("regions.unknown_city", {"name": text_, "province": region_name(province)})
    if len(candidates) > 1:
        return None, None, _ambiguous(text_, candidates)
    division = candidates[0]
    if division.level == CITY:
        return division, None, None
    return found.divisions.get(division.city or ""), division, None


def _county_cell(text_: str, province: str, city: Division | None) -> tuple[Division | None, _Warning]:
    """(county, warning) of a county cell, looked up within the row's city when it has one."""
    within = city.code if city is not None else province
    if re.fullmatch(r"\d{6}", text_):
        division = _by_code(text_, province, "county")
        if division is None:
            return None, ("regions.unknown_code", {"code": text_})
        if city is not None and division.city != city.code:
            raise ValueError(f"county code {text_} ({division.name}) is not in {city.name}")
        return division, None
    name = _without_province(text_, province)
    candidates = lookup(name, (COUNTY,), within)
    if not candidates and city is not None and name in (city.name, short_name(city.name)):
        return None, ("", {})  # a city without counties (东莞) written again as its county
    if not candidates:
        where = city.name if city is not None else region_name(province)
        return None, ("regions.unknown_county", {"name": text_, "within": where})
    if len(candidates) > 1:
        return None, _ambiguous(text_, candidates)
    return candidates[0], None


def _ambiguous(name: str, candidates: list[Division]) -> tuple[str, dict[str, str]]:
    return "regions.ambiguous", {"name": name, "candidates": ", ".join(describe(d) for d in candidates)}


PROVINCE_PREFIXES = {code: (full, short) for code, full, short, _english in PROVINCES}


def _without_province(name: str, province: str) -> str:
    """A name with the province written before it (山东省济南市) without it; a municipality's name stays."""
    full = PROVINCE_NAMES.get(province, "")
    for prefix in PROVINCE_PREFIXES.get(province, ()):
        if prefix and name.startswith(prefix) and len(name) > len(prefix) and name != full:
            rest = name[len(prefix) :]
            if full.endswith("市") and rest in ("市", "市辖区"):
                return full
            return rest
    return name


def _city_and_county(name: str, province: str) -> tuple[Division, Division] | None:
    """济南市历下区 written in one cell: the city and the county in it, when both are found."""
    for city in table().cities():
        if city.province != province:
            continue
        for prefix in (city.name, short_name(city.name)):
            if prefix and name.startswith(prefix) and len(name) > len(prefix):
                counties = lookup(name[len(prefix) :], (COUNTY,), city.code)
                if len(counties) == 1:
                    return city, counties[0]
    return None


def parse_city(value: str, province: str) -> tuple[str | None, str]:
    """(GB/T 2260 city code or None, name) of a city cell in ``province``: see :func:`parse_place`."""
    place = parse_place(value, "", province)
    return place.city_code, place.city or compact(value)


def credit_code_division(credit_code: str) -> Division | None:
    """The current division of a credit code's characters 3–8 (the registering authority's division code)."""
    return division_of_code(credit_code[2:8])


@lru_cache(maxsize=4096)
def division_of_code(code: str) -> Division | None:
    """The current division of a six-digit code (current or former), None when the table has none."""
    return table().get(code) if code.isdigit() else None
