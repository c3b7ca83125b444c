"""Reading the tracker for reports: tallies by day, self-assessments, breakdowns, expiring certificates, histories."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, case, func, or_, select, true, union, union_all
from sqlalchemy.engine import Connection, RowMapping

from dcmm.tracker.definitions import TargetDefinition
from dcmm.tracker.records import (
    ExpiringCertificate,
    OrganisationHistory,
    RecordedCertificate,
    RecordedOrganisation,
    RecordedSelfAssessment,
    SelfAssessedOrganisation,
)
from dcmm.tracker.regions import PROVINCE, row_key
from dcmm.tracker.storage.sql import CERT, ORG, SELF, TALLY, chunks, region_filter, room_to_group


def _expiring(as_of: dt.date, days: int) -> list[ColumnElement[bool]]:
    """In force on ``as_of`` and expiring within ``days``, as seen that day (a later renewal does not hide it)."""
    return [
        CERT.c.expiry_date > as_of,
        CERT.c.expiry_date <= as_of + dt.timedelta(days=days),
        CERT.c.issue_date <= as_of,
        or_(CERT.c.superseded_on.is_(None), CERT.c.superseded_on > as_of),
        CERT.c.revoked.is_(False),
    ]


def tallies(
    connection: Connection, series: str, days: Sequence[dt.date], by: str, region: str
) -> dict[tuple[str, int], list[int]]:
    """Counts of ``series`` on each of ``days`` by (region key, level); ``by`` is province, city or county.

    The query groups by the finest division code stored (a few thousand groups at most); the codes are then
    folded into their city or county by the division table (see :func:`dcmm.tracker.regions.row_key`)."""
    sums = [func.sum(case((TALLY.c.day <= day, TALLY.c.delta), else_=0)) for day in days]
    groups = [TALLY.c.province] if by == PROVINCE else [TALLY.c.province, TALLY.c.city_code]
    statement = (
        select(*groups, TALLY.c.level, *sums)
        .where(TALLY.c.series == series, TALLY.c.day <= max(days), region_filter(TALLY, region))
        .group_by(*groups, TALLY.c.level)
    )
    found: dict[tuple[str, int], list[int]] = {}
    width = len(groups)
    for row in connection.execute(statement):
        key = row[0] if by == PROVINCE else row_key(row[0], row[1] or None, None, by)
        counts = [int(value or 0) for value in row[width + 1 : width + 1 + len(days)]]
        held = found.get((key, row[width]))
        found[(key, row[width])] = counts if held is None else [a + b for a, b in zip(held, counts, strict=True)]
    return found


def self_assessed(connection: Connection, as_of: dt.date, region: str) -> list[SelfAssessedOrganisation]:
    """Each organisation's latest self-assessment up to ``as_of``, with its certified level on that day."""
    statement = (
        select(ORG.c.id, ORG.c.province, ORG.c.city_code, ORG.c.county_code, ORG.c.industry, SELF.c.level)
        .join(SELF, SELF.c.organisation_id == ORG.c.id)
        .where(SELF.c.assessed_on <= as_of, region_filter(ORG, region))
        .order_by(ORG.c.id, SELF.c.assessed_on)
    )
    latest: dict[int, tuple[str, str | None, str | None, str | None, int]] = {}
    for org_id, province, city_code, county_code, industry, level in connection.execute(statement):
        latest[org_id] = (province, city_code, county_code, industry, level)
    certified: dict[int, int] = {}
    for chunk in chunks(list(latest)):
        in_force = select(CERT.c.organisation_id, CERT.c.level).where(
            CERT.c.organisation_id.in_(chunk), CERT.c.issue_date <= as_of, CERT.c.ends_on > as_of
        )
        certified.update((org_id, level) for org_id, level in connection.execute(in_force))
    return [SelfAssessedOrganisation(*values, certified.get(org_id)) for org_id, values in latest.items()]


def in_force_by_industry(
    connection: Connection, as_of: dt.date, region: str, by: str = PROVINCE
) -> dict[tuple[str, str | None, int], int]:
    """Certificates in force on ``as_of`` by (region key, industry, level); the region keys are those of
    :func:`tallies` for the same ``by``. The certificate's copy of the industry keeps this a scan of one index."""
    places = [CERT.c.province] if by == PROVINCE else [CERT.c.province, CERT.c.city_code, CERT.c.county_code]
    statement = (
        select(*places, CERT.c.industry, CERT.c.level, func.count())
        .where(CERT.c.ends_on > as_of, CERT.c.issue_date <= as_of, region_filter(CERT, region))
        .group_by(*places, CERT.c.industry, CERT.c.level)
    )
    found: dict[tuple[str, str | None, int], int] = {}
    width = len(places)
    room_to_group(connection)
    for row in connection.execute(statement):
        key = row[0] if by == PROVINCE else row_key(row[0], row[1] or None, row[2] or row[1] or None, by)
        cell = (key, row[width], row[width + 1])
        found[cell] = found.get(cell, 0) + row[width + 2]
    return found


def issued_by_year(connection: Connection, as_of: dt.date, region: str) -> dict[tuple[int, int], int]:
    """Certificates issued (revoked ones excluded) by year and level, up to ``as_of``: the ``issued`` tallies.

    Summed by day in SQL and by year here: a year of each tally row would be computed row by row."""
    statement = (
        select(TALLY.c.day, TALLY.c.level, func.sum(TALLY.c.delta))
        .where(TALLY.c.series == "issued", TALLY.c.day <= as_of, region_filter(TALLY, region))
        .group_by(TALLY.c.day, TALLY.c.level)
    )
    years: Counter[tuple[int, int]] = Counter()
    for day, level, count in connection.execute(statement):
        years[(day.year, level)] += int(count)
    return {key: count for key, count in years.items() if count}


def expiring(connection: Connection, as_of: dt.date, days: int, region: str) -> list[ExpiringCertificate]:
    """Certificates in force on ``as_of`` that expire within ``days`` days, soonest first."""
    statement = (
        select(
            ORG.c.credit_code,
            ORG.c.name,
            ORG.c.province,
            ORG.c.city_code,
            ORG.c.city,
            CERT.c.level,
            CERT.c.certificate_number,
            CERT.c.issue_date,
            CERT.c.expiry_date,
        )
        .join(ORG, ORG.c.id == CERT.c.organisation_id)
        .where(*_expiring(as_of, days), region_filter(CERT, region))
        .order_by(CERT.c.expiry_date, ORG.c.credit_code)
    )
    return [ExpiringCertificate(*row) for row in connection.execute(statement)]


def expiring_counts(connection: Connection, as_of: dt.date, days: int, by: str, region: str) -> dict[str, int]:
    """How many certificates in force on ``as_of`` expire within ``days``, by province, city or county."""
    province_, city_, county_ = CERT.c.province, CERT.c.city_code, CERT.c.county_code
    statement = select(province_, city_, county_, func.count()).where(
        *_expiring(as_of, days), region_filter(CERT, region)
    )
    found: dict[str, int] = {}
    for province, city_code, county_code, count in connection.execute(statement.group_by(province_, city_, county_)):
        key = province if by == PROVINCE else row_key(province, city_code, county_code, by)
        found[key] = found.get(key, 0) + count
    return found


def organisation_history(connection: Connection, credit_code: str) -> OrganisationHistory | None:
    """Everything recorded about one organisation, or None when it is unknown."""
    org = connection.execute(select(ORG).where(ORG.c.credit_code == credit_code)).mappings().first()
    return None if org is None else _history(connection, org)


def organisations_named(connection: Connection, key: str) -> list[OrganisationHistory]:
    """Everything recorded about each organisation whose name reduces to ``key`` (dcmm.tracker.names.name_key),
    by province and credit code: a name from a public notice list may be all a reader has."""
    statement = select(ORG).where(ORG.c.name_key == key).order_by(ORG.c.province, ORG.c.credit_code, ORG.c.id)
    return [_history(connection, org) for org in connection.execute(statement).mappings().all()]


def _history(connection: Connection, org: RowMapping) -> OrganisationHistory:
    certificates = connection.execute(
        select(CERT).where(CERT.c.organisation_id == org["id"]).order_by(CERT.c.issue_date, CERT.c.level)
    ).mappings()
    assessments = connection.execute(
        select(SELF).where(SELF.c.organisation_id == org["id"]).order_by(SELF.c.assessed_on)
    ).mappings()
    return OrganisationHistory(
        RecordedOrganisation(**_fields_of(RecordedOrganisation, org)),
        [RecordedCertificate(**_fields_of(RecordedCertificate, c)) for c in certificates],
        [RecordedSelfAssessment(**_fields_of(RecordedSelfAssessment, a)) for a in assessments],
    )


def _fields_of(record: type[Any], row: RowMapping) -> dict[str, Any]:
    """The columns of ``row`` that ``record`` (a dataclass) has fields for."""
    return {f.name: row[f.name] for f in fields(record)}


def has_synthetic_organisations(connection: Connection) -> bool:
    """Whether any organisation comes from synthetic (made-up) data: every report must then say so."""
    statement = select(ORG.c.id).where(ORG.c.synthetic.is_(True)).limit(1)
    return connection.execute(statement).first() is not None


def city_names(connection: Connection) -> dict[str, str]:
    """City names as the lists wrote them, by GB/T 2260 code, for every city that has a 贯标 unit.

    Those are the cities a progress report can show; their codes come from the ``guanbiao`` tallies
    and each name from one look-up in ix_organisation_city, not from a pass over every organisation.
    """
    codes = (
        select(TALLY.c.city_code.label("code"))
        .where(TALLY.c.series == "guanbiao", TALLY.c.city_code != "")
        .distinct()
        .subquery()
    )
    first_name = select(func.min(ORG.c.city)).where(ORG.c.city_code == codes.c.code).scalar_subquery()
    statement = select(codes.c.code, first_name)
    return {code: name for code, name in connection.execute(statement) if name is not None}


def _of_industry(table: Table, industry: str | None) -> ColumnElement[bool]:
    """Rows of organisations of ``industry`` (every row when None); a certificate has its organisation's copy."""
    return true() if industry is None else table.c.industry == industry


def defined_counts(
    connection: Connection, definition: TargetDefinition, days: Sequence[dt.date], region: str
) -> list[int]:
    """How many organisations of ``region`` ``definition`` counts on each of ``days`` (dcmm.tracker.definitions).

    Read from the certificates, organisations and self-assessments themselves: the daily tallies serve
    the definitions they hold a series for (see dcmm.tracker.progress), this serves every one."""
    room_to_group(connection)
    found = [connection.execute(statement).one() for statement in defined_count_statements(definition, days, region)]
    return [int(value or 0) for row in found for value in row]


def defined_count_statements(definition: TargetDefinition, days: Sequence[dt.date], region: str) -> list[Select[Any]]:
    """The statements :func:`defined_counts` sends: their single rows, in order, hold the counts of ``days``."""
    if definition.cumulative:
        return [_cumulative_counts(definition, days, region)]
    return [_valid_count(definition, day, region) for day in days]


def _cumulative_counts(definition: TargetDefinition, days: Sequence[dt.date], region: str) -> Select[Any]:
    """Each organisation counts from the first day one of its records qualifies."""
    level, industry, last = definition.min_level, definition.industry, max(days)
    parts: list[Select[tuple[int, dt.date]]] = [
        select(CERT.c.organisation_id.label("org"), CERT.c.issue_date.label("day")).where(
            CERT.c.revoked.is_(False),
            CERT.c.level >= level,
            CERT.c.issue_date <= last,
            region_filter(CERT, region),
            _of_industry(CERT, industry),
        )
    ]
    if "pilots" in definition.counts:
        parts.append(
            select(ORG.c.id, ORG.c.pilot_since).where(
                ORG.c.pilot_since <= last, region_filter(ORG, region), _of_industry(ORG, industry)
            )
        )
    if "self_assessed" in definition.counts:
        parts.append(
            select(SELF.c.organisation_id, SELF.c.assessed_on)
            .join(ORG, ORG.c.id == SELF.c.organisation_id)
            .where(
                SELF.c.level >= level,
                SELF.c.assessed_on <= last,
                region_filter(ORG, region),
                _of_industry(ORG, industry),
            )
        )
    records = union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
    first = select(records.c.org, func.min(records.c.day).label("first")).group_by(records.c.org).subquery()
    return select(*(func.sum(case((first.c.first <= day, 1), else_=0)) for day in days))


def _valid_count(definition: TargetDefinition, day: dt.date, region: str) -> Select[Any]:
    """Organisations with a qualifying record on ``day``: a certificate in force, a pilot, a latest self-assessment."""
    level, industry = definition.min_level, definition.industry
    parts: list[Select[tuple[int]]] = [
        select(CERT.c.organisation_id.label("org")).where(
            CERT.c.issue_date <= day,
            CERT.c.ends_on > day,
            CERT.c.level >= level,
            region_filter(CERT, region),
            _of_industry(CERT, industry),
        )
    ]
    if "pilots" in definition.counts:
        parts.append(
            select(ORG.c.id).where(ORG.c.pilot_since <= day, region_filter(ORG, region), _of_industry(ORG, industry))
        )
    if "self_assessed" in definition.counts:
        later = SELF.alias("later")
        newer = (
            select(later.c.id)
            .where(
                later.c.organisation_id == SELF.c.organisation_id,
                later.c.assessed_on <= day,
                later.c.assessed_on > SELF.c.assessed_on,
            )
            .exists()
        )
        parts.append(
            select(SELF.c.organisation_id)
            .join(ORG, ORG.c.id == SELF.c.organisation_id)
            .where(
                SELF.c.level >= level,
                SELF.c.assessed_on <= day,
                ~newer,
                region_filter(ORG, region),
                _of_industry(ORG, industry),
            )
        )
    # UNION (not UNION ALL) keeps each organisation once; a lone certificate query counts distinct holders.
    if len(parts) == 1:
        return parts[0].with_only_columns(func.count(func.distinct(CERT.c.organisation_id)))
    return select(func.count()).select_from(union(*parts).subquery())
