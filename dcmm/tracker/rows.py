"""One data row of a certificate list as a validated model: each cell read by its field's rule, every bad cell named.

The model validates the row's cells (texts, already stripped) in field order, so a row's problems
come in the order of its columns as the tracker reads them. Checks that need another cell (a level
is optional for a pilot, a city must lie in the row's province, an expiry follows the issue day)
read the cells validated before them; a cell that failed is left out of those checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from operator import itemgetter
from typing import Annotated, TypedDict

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    PlainValidator,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import ErrorDetails

from dcmm.core.identifiers import credit_code_problem, normalize_credit_code, province_code
from dcmm.files import Problem
from dcmm.files.organisation import CITY_CHARACTERS, INDUSTRY_CHARACTERS, NAME_CHARACTERS
from dcmm.tracker.fields import (
    EARLIEST_ISSUE,
    normalise_text,
    parse_date,
    parse_edition,
    parse_flag,
    parse_level,
    parse_party_type,
    parse_status,
    remembered,
)
from dcmm.tracker.headers import Header
from dcmm.tracker.records import CertificateRecord
from dcmm.tracker.regions import Place, credit_code_division, division_of_code, parse_place, region_name

REQUIRED_BUT_EMPTY = "required but empty"
# The longest text each free-text column may hold: as long as the tracker's database columns, so that no
# database (PostgreSQL refuses a longer value) ever sees one longer.
BODY_CHARACTERS, BATCH_CHARACTERS, NUMBER_CHARACTERS = 100, 60, 64
_MESSAGE_CHARACTERS = 300


def _credit_code(text: str) -> str | None:
    """The code, or None for a row without one (a notice list's): its organisation is then matched by name."""
    if credit_code_problem(text) is None:  # most lists write codes in canonical form: one check, no clean-up
        return text
    if not text:
        return None
    return normalize_credit_code(text)  # cleans the code up, or says why it is no credit code


@remembered(maxsize=512)
def _written_province(text: str) -> str:
    return province_code(text)


def _province(text: str, info: ValidationInfo) -> tuple[str, bool]:
    """The row's province and whether it came from the credit code (the cell being empty)."""
    if text:
        return _written_province(text), False
    credit_code: str | None = info.data.get("credit_code")
    if credit_code is None:  # the credit code failed: that is reported already
        raise ValueError(REQUIRED_BUT_EMPTY)
    division = credit_code_division(credit_code)
    if division is None:
        raise ValueError(
            f"{REQUIRED_BUT_EMPTY}, and the credit code's division code {credit_code[2:8]} (characters 3-8) "
            "is not in the GB/T 2260 table, so it cannot say the province"
        )
    return division.province, True


@lru_cache(maxsize=4096)
def _repeated_text(value: str) -> str | None:
    """An optional text column whose values repeat down a list (industry, body, batch), normalised once each."""
    return normalise_text(value) or None


def _optional_date(text: str) -> dt.date | None:
    return parse_date(text) if text else None


def _name(text: str) -> str:
    name = normalise_text(text)
    if not name:
        raise ValueError(REQUIRED_BUT_EMPTY)
    return name


def _edition(text: str) -> str | None:
    return parse_edition(text) if text else None


def _certificate_number(text: str) -> str | None:
    return text.replace(" ", "") or None


class RowContext(TypedDict):
    """What validating a row needs besides its cells."""

    today: dt.date  # no certificate is issued after it
    province: str | None  # --province: the province of rows that name none
    notice_date: dt.date | None  # --notice-date: the notice date of rows that give none


def _within(value: str | None, limit: int) -> str | None:
    if value is not None and len(value) > limit:
        raise ValueError(f"{len(value):,} characters, more than the {limit} the tracker keeps")
    return value


def _at_most(limit: int) -> AfterValidator:
    return AfterValidator(lambda value: _within(value, limit))


OptionalDate = Annotated[dt.date | None, PlainValidator(_optional_date)]
RepeatedText = Annotated[str | None, PlainValidator(_repeated_text)]


class CertificateRow(BaseModel):
    """The cells of one row of a certificate list, each turned into the value it means."""

    model_config = ConfigDict(frozen=True)

    name: Annotated[str, PlainValidator(_name), _at_most(NAME_CHARACTERS)]
    credit_code: Annotated[str | None, PlainValidator(_credit_code)]
    province: tuple[str, bool]  # code, and whether inferred from the credit code
    status: Annotated[str, PlainValidator(parse_status)]
    level: int | None
    written_issue_date: OptionalDate  # as the list writes it; see issue_date
    notice_date: dt.date | None
    expiry_date: OptionalDate
    issue_date: dt.date | None  # the day that counts: without one written, the notice's
    issued_on_notice: bool  # holds whether issue_date is the notice date
    expiry_after_issue: None  # holds nothing: the check that the expiry follows the issue day
    county: Annotated[str, PlainValidator(str)]  # the county cell as written: the city's validator reads it
    city: Place  # GB/T 2260 codes (None when unknown) and names of the city and county
    party_type: Annotated[str | None, PlainValidator(parse_party_type)]
    edition: Annotated[str | None, PlainValidator(_edition)]
    industry: Annotated[RepeatedText, _at_most(INDUSTRY_CHARACTERS)]
    body: Annotated[RepeatedText, _at_most(BODY_CHARACTERS)]
    batch: Annotated[RepeatedText, _at_most(BATCH_CHARACTERS)]
    certificate_number: Annotated[str | None, PlainValidator(_certificate_number), _at_most(NUMBER_CHARACTERS)]
    synthetic: Annotated[bool, PlainValidator(parse_flag)]

    @field_validator("province", mode="plain")
    @classmethod
    def _province_of_row(cls, text: str, info: ValidationInfo) -> tuple[str, bool]:
        """The row's province and whether it was inferred: as written, else the one --province gives, else the
        credit code's division (characters 3-8); a row naming another province than --province is wrong."""
        context: RowContext | None = info.context
        given = context.get("province") if context else None
        if text:
            code = _written_province(text)
            if given is not None and code != given:
                raise ValueError(f"{text!r} is not the province --province gives ({given})")
            return code, False
        if given is not None:
            return given, False
        return _province(text, info)

    @field_validator("notice_date", mode="plain")
    @classmethod
    def _notice_date(cls, text: str, info: ValidationInfo) -> dt.date | None:
        """The row's notice date, else the one --notice-date gives (a notice's date is on its page)."""
        if text:
            return parse_date(text)
        context: RowContext | None = info.context
        return context.get("notice_date") if context else None

    @field_validator("level", mode="plain")
    @classmethod
    def _level(cls, text: str, info: ValidationInfo) -> int | None:
        if text:
            return parse_level(text)
        if info.data.get("status") == "pilot":
            return None
        raise ValueError(REQUIRED_BUT_EMPTY)

    @staticmethod
    def _issued(info: ValidationInfo) -> dt.date | None:
        """The issue day as written, or without one the day of its notice (a pilot's day, a notice list's
        certificate until a list gives its issue date: see issued_on_notice)."""
        issued: dt.date | None = info.data.get("written_issue_date")
        if issued is None:
            issued = info.data.get("notice_date")
        return issued

    @field_validator("issue_date", mode="plain")
    @classmethod
    def _issue_date(cls, text: str, info: ValidationInfo) -> dt.date | None:
        issued = cls._issued(info)
        if issued is None:
            if text:  # written, but not as a date: that is reported already
                return None
            if info.data.get("status") == "pilot":
                raise ValueError("a pilot needs the day it began")
            raise ValueError(f"{REQUIRED_BUT_EMPTY} (and no notice date to stand for it)")
        if issued < EARLIEST_ISSUE:
            raise ValueError(f"{issued} is before GB/T 36073-2018 came into force (2018-10-01)")
        context: RowContext | None = info.context
        if issued > (context["today"] if context else dt.date.today()):
            raise ValueError(f"{issued} is in the future")
        return issued

    @field_validator("issued_on_notice", mode="plain")
    @classmethod
    def _issued_on_notice(cls, _text: str, info: ValidationInfo) -> bool:
        return info.data.get("written_issue_date") is None and info.data.get("issue_date") is not None

    @field_validator("expiry_after_issue", mode="plain")
    @classmethod
    def _expiry_after_issue(cls, _text: str, info: ValidationInfo) -> None:
        expiry: dt.date | None = info.data.get("expiry_date")
        if expiry is None:
            return
        # An issue day that failed its own checks still orders the expiry, as the list wrote it.
        issued: dt.date | None = info.data.get("issue_date") or cls._issued(info)
        if issued is not None and expiry <= issued:
            raise ValueError(f"expiry {expiry} is not after the issue date {issued}")

    @field_validator("city", mode="plain")
    @classmethod
    def _city(cls, text: str, info: ValidationInfo) -> Place:
        written: tuple[str, bool] | None = info.data.get("province")
        if written is None:  # the province failed: that is reported already
            return _NOWHERE
        province, inferred = written
        credit_code: str | None = info.data.get("credit_code")
        return _place(text, info.data.get("county", ""), province, inferred, credit_code[2:8] if credit_code else "")

    def record(self, row: int) -> CertificateRecord:
        """The row as the record the rules and storage take."""
        assert self.issue_date is not None
        place = self.city
        city_code, city = place.city_code, place.city
        return CertificateRecord(  # positional, in the record's field order: this runs for every row
            row,
            self.credit_code,
            self.name,
            self.province[0],
            self.status,
            self.issue_date,
            self.level,
            city_code,
            city,
            self.industry,
            self.party_type,
            self.synthetic,
            self.edition,
            self.body,
            self.batch,
            self.notice_date,
            self.certificate_number,
            self.expiry_date,
            place.county_code,
            place.inferred,
            place.warnings,
            self.issued_on_notice and self.status != "pilot",
        )


_NOWHERE = Place()


@lru_cache(maxsize=65536)
def _place(city: str, county: str, province: str, inferred: bool, division_code: str) -> Place:
    """A row's place: what its cells say, completed from its credit code's division code. It depends on these
    values only, which repeat down a list: each combination is worked out once."""
    place = parse_place(city, county, province) if city or county else _NOWHERE
    _within(place.city, CITY_CHARACTERS)
    _within(place.county, CITY_CHARACTERS)
    place = _from_credit_code(place, province, division_code, bool(city), bool(county))
    return replace(place, inferred=True) if inferred and not place.inferred else place


def _from_credit_code(place: Place, province: str, code: str, city_written: bool, county_written: bool) -> Place:
    """The place with the city and county the row leaves out taken from the credit code's division code
    (characters 3-8), when that lies in the row's province and city; marked as inferred when anything was."""
    if not code or (city_written and place.city_code is None):  # a city the table cannot place: not guessed
        return place
    division = division_of_code(code)
    if division is None:
        if city_written or county_written:
            return place
        return replace(place, warnings=(("city", "regions.credit_code_division_unknown", {"code": code}),))
    if division.province != province or division.city is None:
        return place
    if place.city_code is None:
        county = division.county
        name = region_name(county) if county else None
        return Place(division.city, region_name(division.city), county, name, place.warnings, inferred=True)
    if place.county_code is None and not county_written and division.county and division.city == place.city_code:
        return replace(place, county_code=division.county, county=region_name(division.county), inferred=True)
    return place


# The field of the list whose cell each model field reads; the others read the cell of their own name.
_CELL_OF = {"written_issue_date": "issue_date", "expiry_after_issue": "expiry_date", "issued_on_notice": "issue_date"}
_MODEL_FIELDS = tuple(CertificateRow.model_fields)
_CELLS = tuple(_CELL_OF.get(name, name) for name in _MODEL_FIELDS)


class RowReader:
    """Turns the cells of one data row into a CertificateRecord or the problems that stop it."""

    def __init__(
        self,
        file: str,
        header: Header,
        today: dt.date,
        cell: Callable[[int, int], str] | None = None,
        province: str | None = None,
        notice_date: dt.date | None = None,
    ) -> None:
        self.file = file
        self.header = header
        self.cell = cell  # a workbook's name of a cell by row and column index: its problems name the cell
        self.context = RowContext(today=today, province=province, notice_date=notice_date)
        columns = header.columns
        # Fields without a column read the empty cell appended to every row.
        self.cells_of_fields = itemgetter(*(columns.get(name, -1) for name in _CELLS))
        self.width = max(columns.values()) + 1
        self.validate = CertificateRow.__pydantic_validator__.validate_python

    def column(self, name: str) -> str:
        """The header of a field's column as the list writes it, or the field's name when it has none."""
        index = self.header.columns.get(name)
        return name if index is None else self.header.cells[index].strip()

    def _values(self, cells: list[str]) -> dict[str, str]:
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        cells.append("")
        return dict(zip(_MODEL_FIELDS, map(str.strip, self.cells_of_fields(cells)), strict=False))

    def read(self, number: int, cells: list[str]) -> CertificateRecord | list[Problem]:
        try:
            row: CertificateRow = self.validate(self._values(cells), context=self.context)
        except ValidationError as exc:
            return [self.problem(number, error) for error in exc.errors(include_url=False)]
        return row.record(number)

    def count_problems(self, number: int, cells: list[str]) -> CertificateRecord | int:
        """The record, or how many problems the row has without saying them (cheaper, for rows past those shown)."""
        try:
            row: CertificateRow = self.validate(self._values(cells), context=self.context)
        except ValidationError as exc:
            return exc.error_count()
        return row.record(number)

    def problem(self, number: int, error: ErrorDetails) -> Problem:
        """The rule's own words (the ValueError it raised), at the column of the cell it read."""
        name = str(error["loc"][0])
        cause = error.get("ctx", {}).get("error")
        message = str(cause) if cause is not None else error["msg"]
        if len(message) > _MESSAGE_CHARACTERS:  # a rule quotes the cell, which may be 32,767 characters long
            message = message[: _MESSAGE_CHARACTERS - 1] + "…"
        column = _CELL_OF.get(name, name)
        where = self.column(column)
        index = self.header.columns.get(column)
        if self.cell is not None and index is not None:
            where = f"{where} ({self.cell(number, index)})"
        return Problem(self.file, message, number, where)
