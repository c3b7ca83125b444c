"""The one check of an answer file's organisation, made wherever one is read (score, report, tracker ingest).

The model has validated each field alone (the credit code's form and check character, the province); this checks
them together against the GB/T 2260 division table: the city lies in the province (济南市 is refused in 河南省),
the credit code's division code (characters 3-8) is a division of the table and lies in the province, and no
text is longer than the tracker keeps. A contradiction refuses the file; what the table cannot settle (a city it
does not have, a name of two divisions, a credit code registered elsewhere) is a warning, the file still read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from dcmm.core.errors import Problem
from dcmm.files.divisions import CITY, COUNTY, PROVINCE
from dcmm.files.places import credit_code_division, describe, division_of_code, lookup, parse_place, region_name
from dcmm.i18n import text

# As long as the tracker's database columns: PostgreSQL refuses longer, and no real name comes near.
NAME_CHARACTERS, INDUSTRY_CHARACTERS, CITY_CHARACTERS = 200, 100, 60
_LONGEST = {"name": NAME_CHARACTERS, "city": CITY_CHARACTERS, "industry": INDUSTRY_CHARACTERS}
# Organisations registered by the State Administration for Market Regulation itself carry this division code.
NATIONAL_REGISTRATION = "100000"


@dataclass(frozen=True)
class Finding:
    """One thing the check found: the organisation field, the catalogue key and its values, and its weight."""

    field: str
    key: str
    values: tuple[tuple[str, object], ...]
    refused: bool

    def problem(self, file: str, at: str = "", line_of: Callable[[str], int | None] | None = None) -> Problem:
        """The finding as a Problem of ``file``, its field under ``at`` (``results[0].``), on its line if known."""
        name = f"organisation.{self.key}"
        where = f"{at}organisation.{self.field}"
        line = line_of(self.field) if line_of is not None else None
        return Problem(file, text(name, "en", **dict(self.values)), line, where, name, self.values)


def _found(field: str, key: str, refused: bool, **values: object) -> Finding:
    return Finding(field, key, tuple(values.items()), refused)


def _unplaced(city: str, province: str, key: str, values: Mapping[str, str]) -> Finding:
    """A warning of the place lookup in the words of an answer file: the city is kept as written."""
    if key == "regions.ambiguous":
        return _found("city", "city_ambiguous", False, name=city, candidates=values["candidates"])
    return _found("city", "city_unknown", False, name=city, province=region_name(province))


def _contradiction(city: str, province: str, reason: str) -> Finding:
    """A city of another province, named with the province it does lie in when the table says which."""
    if re.fullmatch(r"\d{6}", city):
        division = division_of_code(city)
        provinces = {division.province} if division is not None else set()
    else:
        provinces = {d.province for d in lookup(city, (CITY, COUNTY), "") if d.province != province}
    if len(provinces) != 1:
        return _found("city", "city_contradicts", True, reason=reason)
    elsewhere = region_name(provinces.pop())
    return _found("city", "city_elsewhere", True, city=city, elsewhere=elsewhere, province=region_name(province))


def organisation_findings(organisation: Mapping[str, Any]) -> list[Finding]:
    """What is wrong with an organisation block (the model's fields, validated one by one), refusals first."""
    found: list[Finding] = []
    for field, limit in _LONGEST.items():
        value = organisation.get(field)
        if value is not None and len(str(value)) > limit:
            found.append(_found(field, "too_long", True, length=f"{len(str(value)):,}", limit=limit))
    province = organisation.get("province")
    city = organisation.get("city")
    if province and city and len(str(city)) <= CITY_CHARACTERS:
        try:
            place = parse_place(str(city), "", str(province))
        except ValueError as exc:
            found.append(_contradiction(str(city), str(province), str(exc)))
        else:
            found.extend(_unplaced(str(city), str(province), key, values) for _field, key, values in place.warnings)
    credit_code = organisation.get("credit_code")
    if credit_code:
        found.extend(_credit_code_findings(str(credit_code), str(province) if province else None))
    return sorted(found, key=lambda finding: not finding.refused)


def _credit_code_findings(credit_code: str, province: str | None) -> list[Finding]:
    code = credit_code[2:8]
    if code == NATIONAL_REGISTRATION:
        return []
    division = credit_code_division(credit_code)
    if division is None:
        return [_found("credit_code", "division_unknown", False, code=code)]
    if province and division.province != province:
        where = region_name(division.province) if division.level == PROVINCE else describe(division)
        return [
            _found(
                "credit_code", "division_elsewhere", False, code=code, division=where, province=region_name(province)
            )
        ]
    return []


def organisation_problems(
    organisation: Mapping[str, Any], file: str, at: str = "", line_of: Callable[[str], int | None] | None = None
) -> tuple[list[Problem], list[Problem]]:
    """(refusals, warnings) of an organisation block of ``file``, as located problems (see :class:`Finding`)."""
    findings = organisation_findings(organisation)
    refusals = [f.problem(file, at, line_of) for f in findings if f.refused]
    warnings = [f.problem(file, at, line_of) for f in findings if not f.refused]
    return refusals, warnings
