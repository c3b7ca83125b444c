"""The tracker's tables: organisations, certificates, self-assessments, targets and the import log.

The migrations in ``dcmm/tracker/migrations`` create exactly these tables; a test compares the two.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Organisation(Base):
    """One organisation, keyed by its unified social credit code (GB 32100) when a list gave one.

    An organisation known only from public notice lists has no credit code; it is recognised by
    ``name_key`` (dcmm.tracker.names) within its province, and gains its code from a later list.
    """

    __tablename__ = "organisation"
    # Finds a city's name as the lists write it with one look-up, however many organisations it has; and an
    # organisation known by name only (a notice list's) by its name key.
    __table_args__ = (
        Index("ix_organisation_city", "city_code", "city"),
        Index("ix_organisation_name_key", "name_key", "province"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    credit_code: Mapped[str | None] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    province: Mapped[str] = mapped_column(String(2), index=True)
    city_code: Mapped[str | None] = mapped_column(String(6))
    city: Mapped[str | None] = mapped_column(String(60))
    county_code: Mapped[str | None] = mapped_column(String(6))
    # Whether the province, city or county came from the credit code's division code (characters 3-8).
    region_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    industry: Mapped[str | None] = mapped_column(String(100))
    party_type: Mapped[str | None] = mapped_column(String(2))
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    # Derived on every write, so roll-ups need no scan of the certificates:
    first_certified_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    pilot_since: Mapped[dt.date | None] = mapped_column(Date)
    guanbiao_since: Mapped[dt.date | None] = mapped_column(Date, index=True)
    name_key: Mapped[str] = mapped_column(String(200))  # the name as dcmm.tracker.names.name_key reduces it


_DEFINITION_COUNTED = ("city_code", "county_code", "issue_date", "ends_on", "revoked", "organisation_id")


class Certificate(Base):
    """A DCMM certificate. ``ends_on`` is the first day it no longer counts (expiry, supersession or revocation)."""

    __tablename__ = "certificate"
    __table_args__ = (
        UniqueConstraint("organisation_id", "level", "issue_date", name="uq_certificate_org_level_issued"),
        # Covers the certificates in force on a day, by region, industry and level (the breakdown by industry).
        Index(
            "ix_certificate_in_force",
            "ends_on",
            "issue_date",
            "province",
            "city_code",
            "county_code",
            "industry",
            "level",
        ),
        # Covers the expiring-certificates count.
        Index(
            "ix_certificate_expiry", "expiry_date", "issue_date", "superseded_on", "revoked", "province", "city_code"
        ),
        # Cover the counts of targets no daily tally holds (a level above 1, an industry): see migration 0008.
        Index("ix_certificate_by_level", "province", "level", *_DEFINITION_COUNTED),
        Index("ix_certificate_by_industry", "industry", "level", "province", *_DEFINITION_COUNTED),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    # Copies of the organisation's region: roll-ups over a million certificates stay join-free.
    province: Mapped[str] = mapped_column(String(2))
    city_code: Mapped[str | None] = mapped_column(String(6))
    county_code: Mapped[str | None] = mapped_column(String(6))
    level: Mapped[int] = mapped_column(SmallInteger)
    edition: Mapped[str] = mapped_column(String(4))
    body: Mapped[str | None] = mapped_column(String(100))
    batch: Mapped[str | None] = mapped_column(String(60))
    notice_date: Mapped[dt.date | None] = mapped_column(Date)
    certificate_number: Mapped[str | None] = mapped_column(String(64), unique=True)
    issue_date: Mapped[dt.date] = mapped_column(Date)
    expiry_date: Mapped[dt.date] = mapped_column(Date)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    # The list gave only the notice (公示) date, which stands for the issue date until a list gives it.
    issued_on_notice: Mapped[bool] = mapped_column(Boolean, default=False)
    superseded_on: Mapped[dt.date | None] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(300))
    # A copy of the organisation's industry, kept with it like the region: the breakdown stays join-free.
    industry: Mapped[str | None] = mapped_column(String(100))


class SelfAssessment(Base):
    """A self-assessment result scored by dcmm from an answer file (or read from a score result file)."""

    __tablename__ = "self_assessment"
    __table_args__ = (
        UniqueConstraint("organisation_id", "edition", "assessed_on", name="uq_self_assessment_org_edition_day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    edition: Mapped[str] = mapped_column(String(40))
    assessed_on: Mapped[dt.date] = mapped_column(Date)
    overall_score: Mapped[float] = mapped_column(Float)
    level: Mapped[int] = mapped_column(SmallInteger)
    target_level: Mapped[int | None] = mapped_column(SmallInteger)
    rules: Mapped[str] = mapped_column(String(40))
    source: Mapped[str | None] = mapped_column(String(300))


class Target(Base):
    """An adoption target from a plan: region, what it counts, number, deadline and the document that sets it.

    What it counts (dcmm.tracker.definitions): ``counts`` the records (``certified``, ``certified,pilots``,
    ``certified,self_assessed``, ``certified,pilots,self_assessed``), ``basis`` ``cumulative`` or
    ``valid_on_day``, ``min_level`` 1–5 and ``industry`` ('' for every industry); ``metric`` is the
    preset it was made from or ``custom``.
    """

    __tablename__ = "target"
    __table_args__ = (
        UniqueConstraint(
            "region", "metric", "counts", "basis", "min_level", "industry", "deadline", name="uq_target_definition"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    region: Mapped[str] = mapped_column(String(6))
    metric: Mapped[str] = mapped_column(String(20))
    counts: Mapped[str] = mapped_column(String(40), server_default="certified")
    basis: Mapped[str] = mapped_column(String(12), server_default="cumulative")
    min_level: Mapped[int] = mapped_column(SmallInteger, server_default="1")
    industry: Mapped[str] = mapped_column(String(100), server_default="")
    comparison: Mapped[str] = mapped_column(String(10))
    number: Mapped[int] = mapped_column(Integer)
    deadline: Mapped[dt.date] = mapped_column(Date)
    source_document: Mapped[str] = mapped_column(String(300))
    source_quote: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class ImportLog(Base):
    """Files imported, by content hash: importing the same bytes again adds nothing."""

    __tablename__ = "import_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    rows: Mapped[int] = mapped_column(Integer)
    accepted: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[int] = mapped_column(Integer)


class NameReview(Base):
    """A list row whose organisation the tracker could not tell by name: held, not counted, until resolved.

    ``reason`` is ``several`` (more than one stored organisation has the name) or ``near`` (a stored
    name differs only in its legal form or a bracketed part). ``candidates`` are organisation ids,
    comma-separated; ``record`` is the row as read (JSON), imported when the match is resolved.
    """

    __tablename__ = "name_review"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)  # the same row held twice is one entry
    source: Mapped[str] = mapped_column(String(300))
    row: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    province: Mapped[str] = mapped_column(String(2))
    credit_code: Mapped[str | None] = mapped_column(String(18))
    level: Mapped[int | None] = mapped_column(SmallInteger)
    reason: Mapped[str] = mapped_column(String(10))
    candidates: Mapped[str] = mapped_column(Text)
    record: Mapped[str] = mapped_column(Text)
    held_at: Mapped[dt.datetime] = mapped_column(DateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)
    resolution: Mapped[str | None] = mapped_column(String(10))  # merged | new | dismissed
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))


class DailyTally(Base):
    """Changes per day of the counts progress reports need, so a national report reads a few thousand rows.

    ``series`` is ``in_force`` (a certificate starts or stops counting; ``level`` is its level),
    ``issued`` (a certificate that is not revoked, on its issue day), ``certified`` (an organisation's
    first certificate), ``cert_pilot`` (its first certificate or 贯标 pilot registration, whichever came
    first) or ``guanbiao`` (its first record of any kind: certificate, pilot or self-assessment — the widest
    reading of 贯标, which targets use only when their definition names all three); ``delta`` is +1 or -1
    summed per key. The count on a day is the sum of the deltas up to it.
    """

    __tablename__ = "daily_tally"
    # The key with the delta: summing a series reads this index alone, never the table's rows.
    __table_args__ = (Index("ix_daily_tally_sums", "series", "province", "level", "city_code", "day", "delta"),)

    # Key order: a national report groups by province and level, which then needs no sort.
    series: Mapped[str] = mapped_column(String(12), primary_key=True)
    province: Mapped[str] = mapped_column(String(2), primary_key=True)
    level: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    # The finest division code of the rows: the county's when known, else the city's, else "".
    city_code: Mapped[str] = mapped_column(String(6), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    delta: Mapped[int] = mapped_column(Integer)


class DashboardUser(Base):
    """An account of the web dashboard: staff see exact figures, admins also manage accounts, targets and lists.

    ``password_hash`` is an Argon2 hash (argon2-cffi); ``epoch`` grows on every change of password, role or
    standing, and a session cookie carries the epoch it was issued at, so such a change ends every session.
    """

    __tablename__ = "dashboard_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(10))  # staff | admin
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    epoch: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AuditEntry(Base):
    """Who did what and when through the dashboard or its account commands: imports, targets, accounts, logins."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(64))  # a username, or "cli" for the account commands
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text)
