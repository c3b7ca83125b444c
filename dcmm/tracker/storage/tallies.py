"""Daily tallies: the +1/-1 changes per day behind every count a progress report shows, and their storage.

A certificate adds one to ``in_force`` on its issue day and takes it back on its ``ends_on``, and
unless it is revoked adds one to ``issued`` on its issue day (the table of certificates by year); an
organisation adds one to ``certified`` on its first certification, to ``cert_pilot`` on its first
certification or pilot registration, and to ``guanbiao`` on its first record of any kind (certificate,
pilot or self-assessment). Changing a row takes back its old changes and adds its new ones.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection

from dcmm.tracker.planning import ImportPlan, OrganisationValues
from dcmm.tracker.rules import CertificateValues, earliest
from dcmm.tracker.storage.sql import CERT, ORG, TALLY, DateCells, placeholders

# series, province, division code, level, day. The division code is the finest the row gave: its county's
# code when known, else its city's, else "" (see docs/tracker.md, "Cities and counties").
TallyKey = tuple[str, str, str, int, dt.date]
Tally = Counter[TallyKey]
_COLUMNS = ("series", "province", "city_code", "level", "day", "delta")


def count_certificate(
    tally: Tally,
    province: str,
    city_code: str | None,
    level: int,
    issued: dt.date,
    ends: dt.date | None,
    revoked: bool,
    sign: int,
) -> None:
    where = (province, city_code or "", level)
    if not revoked:
        tally[("issued", *where, issued)] += sign
    if ends is None or ends <= issued:  # a certificate that never counted (revoked) is in force on no day
        return
    tally[("in_force", *where, issued)] += sign
    tally[("in_force", *where, ends)] -= sign


def count_organisation(
    tally: Tally,
    province: str,
    city_code: str | None,
    first_certified: dt.date | None,
    pilot_since: dt.date | None,
    guanbiao: dt.date | None,
    sign: int,
) -> None:
    if first_certified:
        tally[("certified", province, city_code or "", 0, first_certified)] += sign
    certificate_or_pilot = earliest(first_certified, pilot_since)
    if certificate_or_pilot:
        tally[("cert_pilot", province, city_code or "", 0, certificate_or_pilot)] += sign
    if guanbiao:
        tally[("guanbiao", province, city_code or "", 0, guanbiao)] += sign


def _certificate(tally: Tally, values: CertificateValues, sign: int) -> None:
    where = values.county_code or values.city_code
    count_certificate(
        tally, values.province, where, values.level, values.issue_date, values.ends_on, values.revoked, sign
    )


def _organisation(tally: Tally, values: OrganisationValues, sign: int) -> None:
    where = values.county_code or values.city_code
    count_organisation(
        tally, values.province, where, values.first_certified_on, values.pilot_since, values.guanbiao_since, sign
    )


def plan_tally(plan: ImportPlan) -> Tally:
    """The changes of the daily counts that writing ``plan`` makes."""
    tally: Tally = Counter()
    for values in plan.new_organisations.values():  # most of a first import: counted inline
        where = (values.province, values.county_code or values.city_code or "", 0)
        if values.first_certified_on:
            tally[("certified", *where, values.first_certified_on)] += 1
        certificate_or_pilot = earliest(values.first_certified_on, values.pilot_since)
        if certificate_or_pilot:
            tally[("cert_pilot", *where, certificate_or_pilot)] += 1
        if values.guanbiao_since:
            tally[("guanbiao", *where, values.guanbiao_since)] += 1
    for changed in plan.changed_organisations:
        _organisation(tally, changed.stored, -1)
        _organisation(tally, changed.values, +1)
    for _code, _org_id, certificate in plan.new_certificates:
        _certificate(tally, certificate.values, +1)
    for certificate in plan.changed_certificates:
        assert certificate.stored is not None
        _certificate(tally, certificate.stored, -1)
        _certificate(tally, certificate.values, +1)
    return tally


def apply_tally(connection: Connection, tally: Tally) -> None:
    """Add the changes to the stored tallies (a day that sums to nothing is removed)."""
    cells = DateCells(connection)
    rows = [(s, p, c, lv, cells[d], delta) for (s, p, c, lv, d), delta in tally.items() if delta]
    if not rows:
        return
    # Both SQLite (3.24+) and PostgreSQL add to an existing day with ON CONFLICT … DO UPDATE.
    connection.exec_driver_sql(
        f"INSERT INTO daily_tally ({', '.join(_COLUMNS)}) VALUES ({placeholders(connection, len(_COLUMNS))}) "
        "ON CONFLICT (series, province, city_code, level, day) "
        "DO UPDATE SET delta = daily_tally.delta + excluded.delta",
        rows,
    )
    connection.execute(delete(TALLY).where(TALLY.c.delta == 0))


def rebuild_tallies(connection: Connection) -> None:
    """Recompute the daily tallies from the certificates and organisations (a repair tool)."""
    tally: Tally = Counter()
    where = func.coalesce(CERT.c.county_code, CERT.c.city_code)
    columns = [CERT.c.province, where, CERT.c.level, CERT.c.issue_date, CERT.c.ends_on, CERT.c.revoked]
    for province, code, level, issued, ends, revoked in connection.execute(select(*columns)):
        count_certificate(tally, province, code, level, issued, ends, revoked, +1)
    where = func.coalesce(ORG.c.county_code, ORG.c.city_code)
    columns = [ORG.c.province, where, ORG.c.first_certified_on, ORG.c.pilot_since, ORG.c.guanbiao_since]
    for province, code, first_certified, pilot, guanbiao in connection.execute(select(*columns)):
        count_organisation(tally, province, code, first_certified, pilot, guanbiao, +1)
    connection.execute(delete(TALLY))
    apply_tally(connection, tally)
