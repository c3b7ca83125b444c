"""The tracker's repository: the few operations the CLI and reports need, over SQLAlchemy Core.

Writes are whole-file transactions. Derived values (when a certificate stops counting, when an
organisation became certified or a 贯标 unit, and the daily tallies) are computed in Python from
the rows being written together with the rows already stored for the same organisations, so a
second import of the same data writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Engine, Table, and_, bindparam, case, delete, func, insert, literal, or_, select, update
from sqlalchemy.engine import Connection

from dcmm.tracker.fields import default_expiry, edition_for
from dcmm.tracker.models import Certificate, DailyTally, ImportLog, Organisation, SelfAssessment, Target
from dcmm.tracker.records import (
    CertificateRecord,
    ExpiringCertificate,
    ImportOutcome,
    OrganisationHistory,
    RejectedRow,
    SelfAssessedOrganisation,
    SelfAssessmentRecord,
    TargetRecord,
)
from dcmm.tracker.regions import NATIONAL

ORG: Table = Organisation.__table__  # type: ignore[assignment]
CERT: Table = Certificate.__table__  # type: ignore[assignment]
SELF: Table = SelfAssessment.__table__  # type: ignore[assignment]
TARGET: Table = Target.__table__  # type: ignore[assignment]
TALLY: Table = DailyTally.__table__  # type: ignore[assignment]
LOG: Table = ImportLog.__table__  # type: ignore[assignment]

# Above this many organisations in one write, reading whole tables beats many IN (...) lookups.
_WHOLE_TABLE_FROM = 2000
_CHUNK = 500
_ORG_FIELDS = ("name", "province", "city_code", "city", "industry", "party_type", "synthetic")
_CERT_FIELDS = (
    "province",
    "city_code",
    "level",
    "edition",
    "body",
    "batch",
    "notice_date",
    "certificate_number",
    "issue_date",
    "expiry_date",
    "revoked",
    "superseded_on",
    "ends_on",
)
_NEW_ORG_COLUMNS = ("credit_code", *_ORG_FIELDS, "first_certified_on", "pilot_since", "guanbiao_since")
TallyKey = tuple[str, str, str, int, dt.date]


class TrackerRepository(Protocol):
    """What the tracker commands need from storage."""

    def import_certificates(
        self,
        records: Sequence[CertificateRecord],
        source: str,
        sha256: str | None = None,
        dry_run: bool = False,
        all_or_nothing: bool = False,
    ) -> ImportOutcome: ...

    def ingest_self_assessments(self, records: Sequence[SelfAssessmentRecord], dry_run: bool = False) -> int: ...

    def targets(self, region: str | None = None) -> list[TargetRecord]: ...

    def save_target(self, target: TargetRecord) -> TargetRecord: ...

    def remove_target(self, target_id: int) -> bool: ...

    def tallies(
        self, series: str, days: Sequence[dt.date], by_city: bool = False, region: str = NATIONAL
    ) -> dict[tuple[str, int], list[int]]: ...

    def self_assessed(self, as_of: dt.date, region: str = NATIONAL) -> list[SelfAssessedOrganisation]: ...

    def in_force_by_industry(self, as_of: dt.date, region: str = NATIONAL) -> dict[tuple[str | None, int], int]: ...

    def issued_by_year(self, as_of: dt.date, region: str = NATIONAL) -> dict[tuple[int, int], int]: ...

    def expiring(self, as_of: dt.date, days: int, region: str = NATIONAL) -> list[ExpiringCertificate]: ...

    def has_synthetic_organisations(self) -> bool: ...

    def expiring_counts(
        self, as_of: dt.date, days: int, by_city: bool = False, region: str = NATIONAL
    ) -> dict[str, int]: ...

    def organisation_history(self, credit_code: str) -> OrganisationHistory | None: ...

    def city_names(self) -> dict[str, str]: ...


@dataclass(slots=True)
class _Cert:
    """A certificate as held in memory during a write: stored values plus what the write changes."""

    id: int | None
    organisation_id: int | None
    values: dict[str, Any]
    stored: dict[str, Any] | None
    source: str | None = None


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _region_filter(table: Table, region: str) -> Any:
    if region == NATIONAL:
        return literal(True)
    if len(region) == 2:
        return table.c.province == region
    return table.c.city_code == region


def _expiring(as_of: dt.date, days: int) -> list[Any]:
    """In force on ``as_of`` and expiring within ``days``, as seen that day (a later renewal does not hide it)."""
    return [
        CERT.c.expiry_date > as_of,
        CERT.c.expiry_date <= as_of + dt.timedelta(days=days),
        CERT.c.issue_date <= as_of,
        or_(CERT.c.superseded_on.is_(None), CERT.c.superseded_on > as_of),
        CERT.c.revoked.is_(False),
    ]


def _derive_certificates(certs: list[_Cert]) -> dt.date | None:
    """Set superseded_on and ends_on on one organisation's certificates; return its first certification day.

    A later certificate of the same organisation supersedes an earlier one on its issue day (on the
    same day, the higher level wins). Revoked certificates never count and supersede nothing.
    """
    if len(certs) == 1:  # most organisations hold one certificate
        values = certs[0].values
        if values["revoked"]:
            values["superseded_on"] = None
            values["ends_on"] = values["issue_date"]
            return None
        values["superseded_on"] = None
        values["ends_on"] = values["expiry_date"]
        return values["issue_date"]
    counted = sorted(
        (c for c in certs if not c.values["revoked"]), key=lambda c: (c.values["issue_date"], c.values["level"])
    )
    for index, current in enumerate(counted):
        superseded = counted[index + 1].values["issue_date"] if index + 1 < len(counted) else None
        current.values["superseded_on"] = superseded
        expiry = current.values["expiry_date"]
        current.values["ends_on"] = min(expiry, superseded) if superseded else expiry
    for c in certs:
        if c.values["revoked"]:
            c.values["superseded_on"] = None
            c.values["ends_on"] = c.values["issue_date"]
    return counted[0].values["issue_date"] if counted else None


def _cert_tally(values: dict[str, Any], tally: Counter[TallyKey], sign: int) -> None:
    if values["ends_on"] <= values["issue_date"]:
        return
    where = (values["province"], values["city_code"] or "", values["level"])
    tally[("in_force", *where, values["issue_date"])] += sign
    tally[("in_force", *where, values["ends_on"])] -= sign


def _org_tally(values: dict[str, Any], tally: Counter[TallyKey], sign: int) -> None:
    for series, column in (("certified", "first_certified_on"), ("guanbiao", "guanbiao_since")):
        if values.get(column):
            tally[(series, values["province"], values["city_code"] or "", 0, values[column])] += sign


class _DateCells(dict[Any, Any]):
    """Date → the value the driver stores: ISO text on SQLite (as SQLAlchemy's Date type stores it), the date
    itself elsewhere. Days repeat across a list, so each is converted once."""

    def __init__(self, iso: bool) -> None:
        super().__init__({None: None})
        self.iso = iso

    def __missing__(self, day: dt.date) -> Any:
        cell = day.isoformat() if self.iso else day
        self[day] = cell
        return cell


def _placeholders(connection: Connection, count: int) -> str:
    return ", ".join(["?" if connection.dialect.name == "sqlite" else "%s"] * count)


def _bulk_insert_values(
    connection: Connection, table: Table, columns: Sequence[str], values: list[tuple[Any, ...]]
) -> None:
    """Many rows through the driver's own executemany: SQLAlchemy's per-row work is the bulk of an import.

    The rows are tuples in ``columns`` order with dates already as the driver takes them (see _DateCells)."""
    names, marks = ", ".join(columns), _placeholders(connection, len(columns))
    connection.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", values)


def _min_date(*days: dt.date | None) -> dt.date | None:
    present = [d for d in days if d is not None]
    return min(present) if present else None


class SqlTrackerRepository:
    """The tracker in a SQLite or PostgreSQL database (see dcmm.tracker.database.open_engine)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # writing ---------------------------------------------------------------------------------

    def import_certificates(
        self,
        records: Sequence[CertificateRecord],
        source: str,
        sha256: str | None = None,
        dry_run: bool = False,
        all_or_nothing: bool = False,
    ) -> ImportOutcome:
        """Add or update the certificates and pilots of one file in one transaction.

        Rows that contradict stored ones are returned as rejected; with ``all_or_nothing`` any
        rejected row rolls the whole file back.
        """
        with self.engine.connect() as connection, connection.begin() as transaction:
            outcome = self._import(connection, records, source)
            if all_or_nothing and outcome.rejected:
                dry_run = True
            if sha256 and not dry_run and not self._logged(connection, sha256):
                connection.execute(
                    insert(LOG).values(
                        sha256=sha256,
                        file_name=source[-300:],
                        kind="certificates",
                        imported_at=dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0),
                        rows=len(records) + len(outcome.rejected),
                        accepted=len(records) - len(outcome.rejected),
                        rejected=len(outcome.rejected),
                    )
                )
            if dry_run:
                transaction.rollback()
        return outcome

    @staticmethod
    def _logged(connection: Connection, sha256: str) -> bool:
        return connection.execute(select(LOG.c.id).where(LOG.c.sha256 == sha256)).first() is not None

    def _organisations(self, connection: Connection, codes: Sequence[str]) -> dict[str, dict[str, Any]]:
        columns = [ORG.c.id, ORG.c.credit_code, *(ORG.c[f] for f in _ORG_FIELDS)]
        columns += [ORG.c.first_certified_on, ORG.c.pilot_since, ORG.c.guanbiao_since]
        found: dict[str, dict[str, Any]] = {}
        if len(codes) >= _WHOLE_TABLE_FROM:
            batches: Iterable[Any] = [select(*columns)]
        else:
            batches = (select(*columns).where(ORG.c.credit_code.in_(chunk)) for chunk in _chunks(codes))
        wanted = set(codes)
        for statement in batches:
            for row in connection.execute(statement).mappings():
                if row["credit_code"] in wanted:
                    found[row["credit_code"]] = dict(row)
        return found

    def _certificates(self, connection: Connection, org_ids: Sequence[int], whole: bool) -> dict[int, list[_Cert]]:
        columns = [CERT.c.id, CERT.c.organisation_id, CERT.c.source, *(CERT.c[f] for f in _CERT_FIELDS)]
        by_org: dict[int, list[_Cert]] = {}
        if whole:
            batches: Iterable[Any] = [select(*columns)]
        else:
            batches = (select(*columns).where(CERT.c.organisation_id.in_(chunk)) for chunk in _chunks(org_ids))
        wanted = set(org_ids)
        for statement in batches:
            for row in connection.execute(statement).mappings():
                if row["organisation_id"] in wanted:
                    values = {f: row[f] for f in _CERT_FIELDS}
                    by_org.setdefault(row["organisation_id"], []).append(
                        _Cert(row["id"], row["organisation_id"], dict(values), values, row["source"])
                    )
        return by_org

    def _numbers_elsewhere(self, connection: Connection, numbers: Sequence[str], whole: bool) -> dict[str, int]:
        """Organisation id of every stored certificate carrying one of ``numbers``."""
        statement = select(CERT.c.certificate_number, CERT.c.organisation_id).where(
            CERT.c.certificate_number.is_not(None)
        )
        if whole:
            batches: Iterable[Any] = [statement]
        else:
            batches = (statement.where(CERT.c.certificate_number.in_(chunk)) for chunk in _chunks(numbers))
        wanted = set(numbers)
        return {n: o for statement in batches for n, o in connection.execute(statement) if n in wanted}

    def _first_self_assessments(
        self, connection: Connection, org_ids: Sequence[int], whole: bool
    ) -> dict[int, dt.date]:
        statement = select(SELF.c.organisation_id, func.min(SELF.c.assessed_on)).group_by(SELF.c.organisation_id)
        if whole:
            return dict(connection.execute(statement).all())
        found: dict[int, dt.date] = {}
        for chunk in _chunks(org_ids):
            found.update(connection.execute(statement.where(SELF.c.organisation_id.in_(chunk))).all())
        return found

    def _import(self, connection: Connection, records: Sequence[CertificateRecord], source: str) -> ImportOutcome:
        outcome = ImportOutcome()
        source_name = source[-300:]
        codes = list(dict.fromkeys(r.credit_code for r in records))
        whole = len(codes) >= _WHOLE_TABLE_FROM
        stored_orgs = self._organisations(connection, codes)
        stored_ids = [o["id"] for o in stored_orgs.values()]
        stored_certs = self._certificates(connection, stored_ids, whole) if stored_ids else {}
        numbers = [r.certificate_number for r in records if r.certificate_number]
        number_owner = self._numbers_elsewhere(connection, numbers, whole) if numbers else {}
        first_self = self._first_self_assessments(connection, stored_ids, whole) if stored_ids else {}

        # The row describing each organisation; a later row about the same organisation wins.
        org_rows: dict[str, CertificateRecord] = {}
        certs_by_code: dict[str, list[_Cert]] = {}
        pilots: dict[str, dt.date] = {}
        for code, stored_org in stored_orgs.items():
            certs_by_code[code] = stored_certs.get(stored_org["id"], [])
        seen_keys: dict[tuple[str, int, dt.date], tuple[int, dict[str, Any]]] = {}
        seen_numbers: dict[str, tuple[str, int]] = {}
        for r in records:
            stored: dict[str, Any] | None = stored_orgs.get(r.credit_code)
            if r.status == "pilot":
                org_rows[r.credit_code] = r
                pilots[r.credit_code] = min(pilots.get(r.credit_code, r.issue_date), r.issue_date)
                continue
            assert r.level is not None
            key = (r.credit_code, r.level, r.issue_date)
            number = r.certificate_number
            if number:
                owner_id = number_owner.get(number)
                earlier = seen_numbers.get(number)
                if earlier and earlier[0] != r.credit_code:
                    outcome.rejected.append(
                        RejectedRow(
                            r.row, "certificate_number", f"{number} is also in row {earlier[1]} for {earlier[0]}"
                        )
                    )
                    continue
                if owner_id is not None and (stored is None or stored["id"] != owner_id):
                    outcome.rejected.append(
                        RejectedRow(
                            r.row, "certificate_number", f"{number} is already recorded for another organisation"
                        )
                    )
                    continue
            expiry = r.expiry_date or default_expiry(r.issue_date)
            cert_values = {
                "level": r.level,
                "edition": r.edition or edition_for(r.issue_date),
                "body": r.body,
                "batch": r.batch,
                "notice_date": r.notice_date,
                "certificate_number": number,
                "issue_date": r.issue_date,
                "expiry_date": expiry,
                "revoked": r.status == "revoked",
            }
            if key in seen_keys:
                first_row, first_values = seen_keys[key]
                if first_values == cert_values:
                    outcome.repeated_rows += 1
                else:
                    outcome.rejected.append(
                        RejectedRow(r.row, "level", f"repeats the certificate of row {first_row} with other values")
                    )
                continue
            seen_keys[key] = (r.row, cert_values)
            if number:
                seen_numbers[number] = (r.credit_code, r.row)
            org_rows[r.credit_code] = r
            certs = certs_by_code.get(r.credit_code)
            if certs is None:  # the organisation's first certificate in this write
                certs_by_code[r.credit_code] = [
                    _Cert(None, None, {**cert_values, "superseded_on": None}, None, source_name)
                ]
                continue
            for existing in certs:
                v = existing.values
                if v["level"] == r.level and v["issue_date"] == r.issue_date:
                    v.update(cert_values)
                    break
                if number and v["certificate_number"] == number:
                    # The same certificate number with a corrected level or date replaces the stored one.
                    v.update(cert_values)
                    break
            else:
                certs.append(_Cert(None, None, {**cert_values, "superseded_on": None}, None, source_name))

        tally: Counter[TallyKey] = Counter()
        # Inserted rows are built as driver tuples straight away; dates repeat, so each is converted once.
        cells = _DateCells(iso=connection.dialect.name == "sqlite")
        new_orgs: list[tuple[Any, ...]] = []
        changed_orgs: list[dict[str, Any]] = []
        for code, row in org_rows.items():
            stored = stored_orgs.get(code)
            certs = certs_by_code.get(code, [])
            province, city_code = row.province, row.city_code
            for c in certs:
                c.values["province"] = province
                c.values["city_code"] = city_code
            first_certified = _derive_certificates(certs)
            if stored is None:
                pilot = pilots.get(code)
                guanbiao = pilot if first_certified is None else min(first_certified, pilot or first_certified)
                new_orgs.append(
                    (
                        code, row.name, province, city_code, row.city, row.industry, row.party_type, row.synthetic,
                        cells[first_certified], cells[pilot],
                        cells[guanbiao],
                    )
                )  # fmt: skip
                where: tuple[str, str, int] = (province, city_code or "", 0)
                if first_certified:
                    tally[("certified", *where, first_certified)] += 1
                if guanbiao:
                    tally[("guanbiao", *where, guanbiao)] += 1
                outcome.organisations_added += 1
                if code in pilots:
                    outcome.pilots_recorded += 1
                continue
            pilot = _min_date(stored["pilot_since"], pilots.get(code))
            guanbiao = _min_date(first_certified, pilot, first_self.get(stored["id"]))
            values = {f: getattr(row, f) for f in _ORG_FIELDS}
            full = {**values, "first_certified_on": first_certified, "pilot_since": pilot, "guanbiao_since": guanbiao}
            if any(stored[k] != v for k, v in full.items()):
                changed_orgs.append({"b_id": stored["id"], **full})
                _org_tally(stored, tally, -1)
                _org_tally(full, tally, +1)
                if any(stored[k] != v for k, v in values.items()):
                    outcome.organisations_updated += 1
            if code in pilots and stored["pilot_since"] != pilot:
                outcome.pilots_recorded += 1

        new_ids: dict[str, int] = {}
        if new_orgs:
            # Rows above the highest id before the insert are ours (or another writer's, which the
            # credit codes tell apart): one narrow read instead of a lookup per organisation.
            highest = connection.execute(select(func.max(ORG.c.id))).scalar() or 0
            _bulk_insert_values(connection, ORG, _NEW_ORG_COLUMNS, new_orgs)
            read_back = f"SELECT credit_code, id FROM organisation WHERE id > {_placeholders(connection, 1)}"
            new_ids = {code: org_id for code, org_id in connection.exec_driver_sql(read_back, (highest,))}
        if changed_orgs:
            columns = [k for k in changed_orgs[0] if k != "b_id"]
            connection.execute(
                update(ORG).where(ORG.c.id == bindparam("b_id")).values({k: bindparam(f"v_{k}") for k in columns}),
                [{"b_id": o["b_id"], **{f"v_{k}": o[k] for k in columns}} for o in changed_orgs],
            )

        new_certs: list[tuple[Any, ...]] = []
        changed_certs: list[dict[str, Any]] = []
        for code in org_rows:
            known = stored_orgs.get(code)
            for c in certs_by_code.get(code, []):
                if c.id is None:
                    cert: dict[str, Any] = c.values
                    org_id = new_ids[code] if known is None else known["id"]
                    issued, ends = cert["issue_date"], cert["ends_on"]
                    new_certs.append(
                        (
                            org_id, c.source, cert["province"], cert["city_code"], cert["level"], cert["edition"],
                            cert["body"], cert["batch"], cells[cert["notice_date"]], cert["certificate_number"],
                            cells[issued], cells[cert["expiry_date"]], cert["revoked"], cells[cert["superseded_on"]],
                            cells[ends],
                        )
                    )  # fmt: skip
                    if ends > issued:
                        place: tuple[str, str, int] = (cert["province"], cert["city_code"] or "", cert["level"])
                        tally[("in_force", *place, issued)] += 1
                        tally[("in_force", *place, ends)] -= 1
                    outcome.certificates_added += 1
                elif c.stored != c.values:
                    changed_certs.append({"b_id": c.id, **{f"v_{k}": v for k, v in c.values.items()}})
                    _cert_tally(c.stored, tally, -1)  # type: ignore[arg-type]
                    _cert_tally(c.values, tally, +1)
                    if any(c.stored[f] != c.values[f] for f in _CERT_FIELDS if f not in ("superseded_on", "ends_on")):  # type: ignore[index]
                        outcome.certificates_updated += 1
                    else:
                        outcome.certificates_unchanged += 1
                elif c.stored is not None:
                    outcome.certificates_unchanged += 1
        if new_certs:
            cert_columns = ("organisation_id", "source", *_CERT_FIELDS)
            _bulk_insert_values(connection, CERT, cert_columns, new_certs)
        if changed_certs:
            connection.execute(
                update(CERT)
                .where(CERT.c.id == bindparam("b_id"))
                .values({f: bindparam(f"v_{f}") for f in _CERT_FIELDS}),
                changed_certs,
            )
        self._apply_tally(connection, tally)
        return outcome

    def _apply_tally(self, connection: Connection, tally: Counter[TallyKey]) -> None:
        cells = _DateCells(iso=connection.dialect.name == "sqlite")
        values = [(s, p, c, lv, cells[d], delta) for (s, p, c, lv, d), delta in tally.items() if delta]
        if not values:
            return
        columns = ("series", "province", "city_code", "level", "day", "delta")
        # Both SQLite (3.24+) and PostgreSQL add to an existing day with ON CONFLICT … DO UPDATE.
        connection.exec_driver_sql(
            f"INSERT INTO daily_tally ({', '.join(columns)}) VALUES ({_placeholders(connection, len(columns))}) "
            "ON CONFLICT (series, province, city_code, level, day) "
            "DO UPDATE SET delta = daily_tally.delta + excluded.delta",
            values,
        )
        connection.execute(delete(TALLY).where(TALLY.c.delta == 0))

    def rebuild_tallies(self) -> None:
        """Recompute the daily tallies from the certificates and organisations (a repair tool)."""
        with self.engine.begin() as connection:
            tally: Counter[TallyKey] = Counter()
            columns = [CERT.c[f] for f in ("province", "city_code", "level", "issue_date", "ends_on")]
            for row in connection.execute(select(*columns)).mappings():
                _cert_tally(dict(row), tally, +1)
            columns = [ORG.c[f] for f in ("province", "city_code", "first_certified_on", "guanbiao_since")]
            for row in connection.execute(select(*columns)).mappings():
                _org_tally(dict(row), tally, +1)
            connection.execute(delete(TALLY))
            self._apply_tally(connection, tally)

    def ingest_self_assessments(self, records: Sequence[SelfAssessmentRecord], dry_run: bool = False) -> int:
        """Store scored self-assessments (one per organisation, edition and day); returns how many changed."""
        changed = 0
        with self.engine.connect() as connection, connection.begin() as transaction:
            codes = list(dict.fromkeys(r.credit_code for r in records))
            stored_orgs = self._organisations(connection, codes)
            tally: Counter[TallyKey] = Counter()
            for r in records:
                org = stored_orgs.get(r.credit_code)
                if org is None:
                    new_org: dict[str, Any] = {
                        "credit_code": r.credit_code,
                        "name": r.name,
                        "province": r.province,
                        "city_code": r.city_code,
                        "city": r.city,
                        "industry": r.industry,
                        "party_type": r.party_type,
                        "synthetic": r.synthetic,
                        "first_certified_on": None,
                        "pilot_since": None,
                        "guanbiao_since": r.assessed_on,
                    }
                    org_id = connection.execute(insert(ORG).values(new_org).returning(ORG.c.id)).scalar_one()
                    org = stored_orgs[r.credit_code] = {"id": org_id, **new_org}
                    _org_tally(org, tally, +1)
                elif org["guanbiao_since"] is None or r.assessed_on < org["guanbiao_since"]:
                    before = dict(org)
                    org["guanbiao_since"] = r.assessed_on
                    connection.execute(update(ORG).where(ORG.c.id == org["id"]).values(guanbiao_since=r.assessed_on))
                    _org_tally(before, tally, -1)
                    _org_tally(org, tally, +1)
                key = and_(
                    SELF.c.organisation_id == org["id"],
                    SELF.c.edition == r.edition,
                    SELF.c.assessed_on == r.assessed_on,
                )
                values: dict[str, Any] = {
                    "overall_score": r.overall_score,
                    "level": r.level,
                    "target_level": r.target_level,
                    "rules": r.rules,
                    "source": r.file[-300:],
                }
                existing = (
                    connection.execute(
                        select(SELF.c.overall_score, SELF.c.level, SELF.c.target_level, SELF.c.rules).where(key)
                    )
                    .mappings()
                    .first()
                )
                if existing is None:
                    connection.execute(
                        insert(SELF).values(
                            organisation_id=org["id"], edition=r.edition, assessed_on=r.assessed_on, **values
                        )
                    )
                    changed += 1
                elif any(existing[k] != values[k] for k in ("overall_score", "level", "target_level", "rules")):
                    connection.execute(update(SELF).where(key).values(**values))
                    changed += 1
            self._apply_tally(connection, tally)
            if dry_run:
                transaction.rollback()
        return changed

    # targets ---------------------------------------------------------------------------------

    def targets(self, region: str | None = None) -> list[TargetRecord]:
        statement = select(TARGET).order_by(TARGET.c.region, TARGET.c.deadline, TARGET.c.metric)
        if region and region != NATIONAL:
            # A province shows its own targets and its cities'; a city shows its own and its province's.
            inside = TARGET.c.region.like(f"{region}%") if len(region) == 2 else TARGET.c.region == region
            statement = statement.where(or_(inside, TARGET.c.region == region[:2]))
        with self.engine.connect() as connection:
            return [TargetRecord(**dict(row)) for row in connection.execute(statement).mappings()]

    def save_target(self, target: TargetRecord) -> TargetRecord:
        """Add a target, or replace the one for the same region, metric and deadline."""
        values: dict[str, Any] = {
            "region": target.region,
            "metric": target.metric,
            "comparison": target.comparison,
            "number": target.number,
            "deadline": target.deadline,
            "source_document": target.source_document,
            "source_quote": target.source_quote,
            "note": target.note,
        }
        key = and_(
            TARGET.c.region == target.region, TARGET.c.metric == target.metric, TARGET.c.deadline == target.deadline
        )
        with self.engine.begin() as connection:
            existing = connection.execute(select(TARGET.c.id).where(key)).scalar()
            if existing is None:
                existing = connection.execute(insert(TARGET).values(values).returning(TARGET.c.id)).scalar_one()
            else:
                connection.execute(update(TARGET).where(TARGET.c.id == existing).values(values))
        return TargetRecord(**values, id=existing)

    def remove_target(self, target_id: int) -> bool:
        with self.engine.begin() as connection:
            return connection.execute(delete(TARGET).where(TARGET.c.id == target_id)).rowcount > 0

    # reading ---------------------------------------------------------------------------------

    def tallies(
        self, series: str, days: Sequence[dt.date], by_city: bool = False, region: str = NATIONAL
    ) -> dict[tuple[str, int], list[int]]:
        """Counts of ``series`` on each of ``days`` by (province or city code, level)."""
        group = TALLY.c.city_code if by_city else TALLY.c.province
        sums = [func.sum(case((TALLY.c.day <= day, TALLY.c.delta), else_=0)) for day in days]
        statement = (
            select(group, TALLY.c.level, *sums)
            .where(TALLY.c.series == series, TALLY.c.day <= max(days), _region_filter(TALLY, region))
            .group_by(group, TALLY.c.level)
        )
        if by_city:
            statement = statement.add_columns(func.min(TALLY.c.province))
        found: dict[tuple[str, int], list[int]] = {}
        with self.engine.connect() as connection:
            for row in connection.execute(statement):
                # A city left blank in the lists is grouped under its province's code.
                key = (row[0] or row[-1]) if by_city else row[0]
                found[(key, row[1])] = [int(value or 0) for value in row[2 : 2 + len(days)]]
        return found

    def self_assessed(self, as_of: dt.date, region: str = NATIONAL) -> list[SelfAssessedOrganisation]:
        """Each organisation's latest self-assessment up to ``as_of``, with its certified level on that day."""
        statement = (
            select(ORG.c.id, ORG.c.province, ORG.c.city_code, ORG.c.industry, SELF.c.assessed_on, SELF.c.level)
            .join(SELF, SELF.c.organisation_id == ORG.c.id)
            .where(SELF.c.assessed_on <= as_of, _region_filter(ORG, region))
            .order_by(ORG.c.id, SELF.c.assessed_on)
        )
        latest: dict[int, Any] = {}
        with self.engine.connect() as connection:
            for row in connection.execute(statement):
                latest[row.id] = row
            certified: dict[int, int] = {}
            for chunk in _chunks(list(latest)):
                in_force = select(CERT.c.organisation_id, CERT.c.level).where(
                    CERT.c.organisation_id.in_(chunk), CERT.c.issue_date <= as_of, CERT.c.ends_on > as_of
                )
                certified.update(connection.execute(in_force).all())
        return [
            SelfAssessedOrganisation(row.province, row.city_code, row.industry, row.level, certified.get(org_id))
            for org_id, row in latest.items()
        ]

    def in_force_by_industry(self, as_of: dt.date, region: str = NATIONAL) -> dict[tuple[str | None, int], int]:
        statement = (
            select(ORG.c.industry, CERT.c.level, func.count())
            .join(ORG, ORG.c.id == CERT.c.organisation_id)
            .where(CERT.c.issue_date <= as_of, CERT.c.ends_on > as_of, _region_filter(CERT, region))
            .group_by(ORG.c.industry, CERT.c.level)
        )
        with self.engine.connect() as connection:
            return {(industry, level): count for industry, level, count in connection.execute(statement)}

    def issued_by_year(self, as_of: dt.date, region: str = NATIONAL) -> dict[tuple[int, int], int]:
        """Certificates issued (revoked ones excluded) by year and level, up to ``as_of``."""
        year = func.extract("year", CERT.c.issue_date)
        statement = (
            select(year, CERT.c.level, func.count())
            .where(CERT.c.issue_date <= as_of, CERT.c.revoked.is_(False), _region_filter(CERT, region))
            .group_by(year, CERT.c.level)
        )
        with self.engine.connect() as connection:
            return {(int(y), level): count for y, level, count in connection.execute(statement)}

    def expiring(self, as_of: dt.date, days: int, region: str = NATIONAL) -> list[ExpiringCertificate]:
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
            .where(*_expiring(as_of, days), _region_filter(CERT, region))
            .order_by(CERT.c.expiry_date, ORG.c.credit_code)
        )
        with self.engine.connect() as connection:
            return [ExpiringCertificate(*row) for row in connection.execute(statement)]

    def organisation_history(self, credit_code: str) -> OrganisationHistory | None:
        """Everything recorded about one organisation, or None when it is unknown."""
        with self.engine.connect() as connection:
            org = connection.execute(select(ORG).where(ORG.c.credit_code == credit_code)).mappings().first()
            if org is None:
                return None
            certificates = connection.execute(
                select(CERT).where(CERT.c.organisation_id == org["id"]).order_by(CERT.c.issue_date, CERT.c.level)
            ).mappings()
            assessments = connection.execute(
                select(SELF).where(SELF.c.organisation_id == org["id"]).order_by(SELF.c.assessed_on)
            ).mappings()
            return OrganisationHistory(dict(org), [dict(c) for c in certificates], [dict(a) for a in assessments])

    def expiring_counts(
        self, as_of: dt.date, days: int, by_city: bool = False, region: str = NATIONAL
    ) -> dict[str, int]:
        """How many certificates in force on ``as_of`` expire within ``days``, by province (or city code)."""
        group = func.coalesce(CERT.c.city_code, CERT.c.province) if by_city else CERT.c.province
        statement = select(group, func.count()).where(*_expiring(as_of, days), _region_filter(CERT, region))
        statement = statement.group_by(group)
        with self.engine.connect() as connection:
            return {key: count for key, count in connection.execute(statement)}

    def has_synthetic_organisations(self) -> bool:
        """Whether any organisation comes from synthetic (made-up) data: every report must then say so."""
        statement = select(ORG.c.id).where(ORG.c.synthetic.is_(True)).limit(1)
        with self.engine.connect() as connection:
            return connection.execute(statement).first() is not None

    def city_names(self) -> dict[str, str]:
        """City names as the lists wrote them, by GB/T 2260 code."""
        statement = (
            select(ORG.c.city_code, func.min(ORG.c.city)).where(ORG.c.city_code.is_not(None)).group_by(ORG.c.city_code)
        )
        with self.engine.connect() as connection:
            return dict(connection.execute(statement).all())


def open_repository(url: str | None = None) -> SqlTrackerRepository:
    """The tracker at ``url`` (or ``$DCMM_DB``, or ./dcmm-tracker.db), migrated to the newest schema."""
    from dcmm.tracker.database import database_url, open_engine

    return SqlTrackerRepository(open_engine(database_url(url)))
