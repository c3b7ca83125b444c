"""Certificate rules: expiry, editions, supersession and status — pure functions over plain values.

A certificate is valid for three years from its day of issue unless the list gives its expiry. A
later certificate of the same organisation supersedes an earlier one on its issue day (on the same
day, the higher level wins). A revoked certificate never counts and supersedes nothing. The first
day a certificate no longer counts is its ``ends_on``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

CERTIFICATE_YEARS = 3
# Certificates issued from this day on are under the 2025 edition unless the list says otherwise.
EDITION_2025_FROM = dt.date(2026, 7, 1)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@lru_cache(maxsize=8192)
def default_expiry(issued: dt.date) -> dt.date:
    """Certificates are valid for three years from the day of issue."""
    return add_years(issued, CERTIFICATE_YEARS)


def edition_for(issued: dt.date) -> str:
    """The edition a certificate was most likely issued under when the list does not say."""
    return "2025" if issued >= EDITION_2025_FROM else "2018"


@dataclass(slots=True)
class CertificateValues:
    """A certificate's stored columns, in the order of the certificate table.

    ``province`` and ``city_code`` are the organisation's; ``superseded_on`` and ``ends_on`` are
    derived by :func:`derive_certificates` (``ends_on`` is None only until then); ``industry`` is the
    organisation's too, copied so that the breakdown by industry reads the certificates alone.
    """

    province: str
    city_code: str | None
    county_code: str | None
    level: int
    edition: str
    body: str | None
    batch: str | None
    notice_date: dt.date | None
    certificate_number: str | None
    issue_date: dt.date
    expiry_date: dt.date
    revoked: bool
    issued_on_notice: bool = False  # the issue date is the notice date: no list has given the real one yet
    superseded_on: dt.date | None = None
    ends_on: dt.date | None = None
    industry: str | None = None

    def terms(self) -> tuple[object, ...]:
        """What a list says about the certificate (not its region, not what is derived)."""
        return (
            self.level,
            self.edition,
            self.body,
            self.batch,
            self.notice_date,
            self.certificate_number,
            self.issue_date,
            self.expiry_date,
            self.revoked,
            self.issued_on_notice,
        )

    def take_terms(self, other: CertificateValues) -> None:
        """Replace what a list says about this certificate by what ``other`` says."""
        self.level = other.level
        self.edition = other.edition
        self.body = other.body
        self.batch = other.batch
        self.notice_date = other.notice_date
        self.certificate_number = other.certificate_number
        self.issue_date = other.issue_date
        self.expiry_date = other.expiry_date
        self.revoked = other.revoked
        self.issued_on_notice = other.issued_on_notice

    def row(self) -> tuple[object, ...]:
        """The values in column order."""
        return (*self.recorded(), self.superseded_on, self.ends_on, self.industry)

    def recorded(self) -> tuple[object, ...]:
        """What the certificate is, with its region: the row without what is derived or copied for roll-ups."""
        return (
            self.province,
            self.city_code,
            self.county_code,
            self.level,
            self.edition,
            self.body,
            self.batch,
            self.notice_date,
            self.certificate_number,
            self.issue_date,
            self.expiry_date,
            self.revoked,
            self.issued_on_notice,
        )


def certificate_values(
    level: int,
    issue_date: dt.date,
    expiry_date: dt.date | None = None,
    edition: str | None = None,
    revoked: bool = False,
    certificate_number: str | None = None,
    body: str | None = None,
    batch: str | None = None,
    notice_date: dt.date | None = None,
    issued_on_notice: bool = False,
) -> CertificateValues:
    """A certificate as a list describes it, with the expiry and edition filled in when the list leaves them out."""
    return CertificateValues(
        province="",  # the organisation's region is set once all of its rows are read
        city_code=None,
        county_code=None,
        level=level,
        edition=edition or edition_for(issue_date),
        body=body,
        batch=batch,
        notice_date=notice_date,
        certificate_number=certificate_number,
        issue_date=issue_date,
        expiry_date=expiry_date or default_expiry(issue_date),
        revoked=revoked,
        issued_on_notice=issued_on_notice,
    )


def _revoked(values: CertificateValues) -> None:
    values.superseded_on = None
    values.ends_on = values.issue_date


def derive_certificates(certificates: list[CertificateValues]) -> dt.date | None:
    """Set ``superseded_on`` and ``ends_on`` on one organisation's certificates; return its first certification day."""
    if len(certificates) == 1:  # most organisations hold one certificate
        (values,) = certificates
        if values.revoked:
            _revoked(values)
            return None
        values.superseded_on = None
        values.ends_on = values.expiry_date
        return values.issue_date
    counted = sorted((c for c in certificates if not c.revoked), key=lambda c: (c.issue_date, c.level))
    # Each counted certificate is superseded by the next one (the last by none).
    for current, successor in zip(counted, [*counted[1:], None], strict=False):
        superseded = successor.issue_date if successor else None
        current.superseded_on = superseded
        current.ends_on = min(current.expiry_date, superseded) if superseded else current.expiry_date
    for values in certificates:
        if values.revoked:
            _revoked(values)
    return counted[0].issue_date if counted else None


def earliest(*days: dt.date | None) -> dt.date | None:
    """The earliest of the days given, or None when none is."""
    found: dt.date | None = None
    for day in days:
        if day is not None and (found is None or day < found):
            found = day
    return found


def guanbiao_since(
    first_certified: dt.date | None, pilot_since: dt.date | None, first_self_assessed: dt.date | None = None
) -> dt.date | None:
    """An organisation is a 贯标 unit from its first certificate, pilot or self-assessment, whichever came first."""
    return earliest(first_certified, pilot_since, first_self_assessed)


def certificate_status(
    revoked: bool, issue_date: dt.date, expiry_date: dt.date, superseded_on: dt.date | None, on: dt.date
) -> str:
    """valid, expired, superseded (by the organisation's later certificate), revoked or not yet issued, on ``on``."""
    if revoked:
        return "revoked"
    if issue_date > on:
        return "not yet issued"
    if superseded_on is not None and superseded_on <= on:
        return "superseded"
    if expiry_date <= on:
        return "expired"
    return "valid"
