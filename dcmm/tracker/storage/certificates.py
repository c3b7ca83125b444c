"""Writing a plan: read what is stored about a list's organisations, then write what the rules decided."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, Table, bindparam, func, insert, inspect, literal, select, update
from sqlalchemy.engine import Connection

from dcmm.tracker.matching import name_only_key, stored_key
from dcmm.tracker.names import name_key
from dcmm.tracker.planning import (
    HeldCertificate,
    ImportPlan,
    NewCertificate,
    OrganisationValues,
    StoredOrganisation,
    StoredState,
)
from dcmm.tracker.records import CertificateRecord, ImportCounts, LoggedImport
from dcmm.tracker.rules import CertificateValues
from dcmm.tracker.storage.sql import (
    CERT,
    CERT_COLUMNS,
    LOG,
    ORG,
    ORG_COLUMNS,
    SELF,
    SOURCE_LENGTH,
    WHOLE_TABLE_FROM,
    DateCells,
    bulk_insert,
    chunks,
    placeholders,
)
from dcmm.tracker.storage.tallies import apply_tally, plan_tally

Key = TypeVar("Key")


def _batches(
    statement: Select[Any], column: ColumnElement[Key], keys: Sequence[Key], whole: bool
) -> Iterable[Select[Any]]:
    """The whole table at once for a large list, else the rows with ``column`` among ``keys``, a chunk at a time."""
    if whole:
        return [statement]
    return (statement.where(column.in_(chunk)) for chunk in chunks(keys))


# Columns added by a later schema revision, and what a database read as it is (a dry run on an older schema) holds
# in their place.
_LATER_COLUMNS: dict[str, object] = {"county_code": None, "region_inferred": False}


def _stored(connection: Connection, table: Table, names: Sequence[str]) -> list[ColumnElement[Any]]:
    """The columns ``names`` of ``table``; a later revision's column the database lacks reads as its default."""
    later = [name for name in names if name in _LATER_COLUMNS]
    present = {column["name"] for column in inspect(connection).get_columns(table.name)} if later else set()
    return [
        table.c[name] if name not in _LATER_COLUMNS or name in present else literal(_LATER_COLUMNS[name]).label(name)
        for name in names
    ]


def load_organisations(connection: Connection, codes: Sequence[str]) -> dict[str, StoredOrganisation]:
    """The stored organisations among ``codes`` (credit codes), by credit code."""
    statement = select(ORG.c.id, ORG.c.credit_code, *_stored(connection, ORG, ORG_COLUMNS))
    wanted = set(codes)
    found: dict[str, StoredOrganisation] = {}
    for batch in _batches(statement, ORG.c.credit_code, codes, len(codes) >= WHOLE_TABLE_FROM):
        for org_id, code, *values in connection.execute(batch):
            if code in wanted:
                found[code] = StoredOrganisation(org_id, OrganisationValues(*values))
    return found


def _load_by_ids(connection: Connection, org_ids: Sequence[int]) -> dict[str, StoredOrganisation]:
    """The stored organisations with these ids (known by name only), by their key ``#<id>``."""
    statement = select(ORG.c.id, *(ORG.c[name] for name in ORG_COLUMNS))
    found: dict[str, StoredOrganisation] = {}
    for batch in _batches(statement, ORG.c.id, org_ids, False):
        for org_id, *values in connection.execute(batch):
            found[stored_key(org_id, None)] = StoredOrganisation(org_id, OrganisationValues(*values))
    return found


def _load_certificates(connection: Connection, org_ids: Sequence[int], whole: bool) -> dict[int, list[HeldCertificate]]:
    statement = select(CERT.c.id, CERT.c.organisation_id, CERT.c.source, *_stored(connection, CERT, CERT_COLUMNS))
    wanted = set(org_ids)
    by_org: dict[int, list[HeldCertificate]] = {}
    for batch in _batches(statement, CERT.c.organisation_id, org_ids, whole):
        for cert_id, org_id, source, *values in connection.execute(batch):
            if org_id in wanted:
                held = HeldCertificate(CertificateValues(*values), CertificateValues(*values), cert_id, source)
                by_org.setdefault(org_id, []).append(held)
    return by_org


def _number_owners(connection: Connection, numbers: Sequence[str], whole: bool) -> dict[str, int]:
    """Organisation id of every stored certificate carrying one of ``numbers``."""
    statement = select(CERT.c.certificate_number, CERT.c.organisation_id).where(CERT.c.certificate_number.is_not(None))
    wanted = set(numbers)
    batches = _batches(statement, CERT.c.certificate_number, numbers, whole)
    return {number: owner for batch in batches for number, owner in connection.execute(batch) if number in wanted}


def _first_self_assessed(connection: Connection, org_ids: Sequence[int], whole: bool) -> dict[int, dt.date]:
    statement = select(SELF.c.organisation_id, func.min(SELF.c.assessed_on)).group_by(SELF.c.organisation_id)
    found: dict[int, dt.date] = {}
    for batch in _batches(statement, SELF.c.organisation_id, org_ids, whole):
        found.update((org_id, day) for org_id, day in connection.execute(batch))
    return found


def load_state(connection: Connection, records: Sequence[CertificateRecord]) -> StoredState:
    """What is stored about the organisations and certificate numbers of ``records``."""
    keys = list(dict.fromkeys(r.key for r in records))
    whole = len(keys) >= WHOLE_TABLE_FROM
    codes = [key for key in keys if key[0] not in "#~"]
    state = StoredState(load_organisations(connection, codes))
    by_id = [int(key[1:]) for key in keys if key[0] == "#"]
    if by_id:
        state.organisations.update(_load_by_ids(connection, by_id))
    org_ids = [org.id for org in state.organisations.values()]
    if org_ids:
        state.certificates = _load_certificates(connection, org_ids, whole)
        state.first_self_assessed = _first_self_assessed(connection, org_ids, whole)
    numbers = [r.certificate_number for r in records if r.certificate_number]
    if numbers:
        state.number_owners = _number_owners(connection, numbers, whole)
    return state


def _insert_organisations(connection: Connection, organisations: dict[str, OrganisationValues]) -> dict[str, int]:
    """Insert the new organisations; returns their ids by key (credit code, or ``~<province>:<name key>``)."""
    if not organisations:
        return {}
    cells = DateCells(connection)
    rows = [
        (v.name, v.province, v.city_code, v.city, v.industry, v.party_type, v.synthetic,
         cells[v.first_certified_on], cells[v.pilot_since], cells[v.guanbiao_since], v.county_code, v.region_inferred,
         v.credit_code, v.name_key or name_key(v.name))
        for v in organisations.values()
    ]  # fmt: skip
    # Rows above the highest id before the insert are ours (or another writer's, which the keys
    # tell apart): one narrow read instead of a lookup per organisation.
    highest = connection.execute(select(func.max(ORG.c.id))).scalar() or 0
    bulk_insert(connection, ORG, ORG_COLUMNS, rows)
    read_back = f"SELECT credit_code, province, name_key, id FROM organisation WHERE id > {placeholders(connection, 1)}"
    return {
        code if code is not None else name_only_key(province, key): org_id
        for code, province, key, org_id in connection.exec_driver_sql(read_back, (highest,))
    }


def _insert_certificates(connection: Connection, certificates: list[NewCertificate], new_ids: dict[str, int]) -> None:
    if not certificates:
        return
    cells = DateCells(connection)
    rows = [
        (new_ids[code] if org_id is None else org_id, c.source, v.province, v.city_code, v.county_code, v.level,
         v.edition, v.body, v.batch, cells[v.notice_date], v.certificate_number, cells[v.issue_date],
         cells[v.expiry_date], v.revoked, v.issued_on_notice, cells[v.superseded_on], cells[v.ends_on], v.industry)
        for code, org_id, c in certificates
        for v in (c.values,)
    ]  # fmt: skip
    bulk_insert(connection, CERT, ("organisation_id", "source", *CERT_COLUMNS), rows)


def _update_rows(
    connection: Connection, table: Table, columns: Sequence[str], rows: list[tuple[int, tuple[object, ...]]]
) -> None:
    """Set ``columns`` of the rows with the given ids (one executemany through SQLAlchemy)."""
    if not rows:
        return
    statement = update(table).where(table.c.id == bindparam("b_id"))
    statement = statement.values({name: bindparam(f"v_{name}") for name in columns})
    parameters = [
        {"b_id": row_id, **{f"v_{name}": value for name, value in zip(columns, values, strict=True)}}
        for row_id, values in rows
    ]
    connection.execute(statement, parameters)


def write_plan(connection: Connection, plan: ImportPlan) -> dict[str, int]:
    """Write what the rules decided, and the daily tallies it changes; returns the new organisations' ids."""
    new_ids = _insert_organisations(connection, plan.new_organisations)
    _update_rows(connection, ORG, ORG_COLUMNS, [(o.id, o.values.row()) for o in plan.changed_organisations])
    _insert_certificates(connection, plan.new_certificates, new_ids)
    changed = [(c.id, c.values.row()) for c in plan.changed_certificates if c.id is not None]
    _update_rows(connection, CERT, CERT_COLUMNS, changed)
    apply_tally(connection, plan_tally(plan))
    return new_ids


def logged(connection: Connection, sha256: str) -> bool:
    """Whether a file with these bytes was imported before."""
    return connection.execute(select(LOG.c.id).where(LOG.c.sha256 == sha256)).first() is not None


def log_import(connection: Connection, sha256: str, source: str, counts: ImportCounts) -> None:
    """Remember the file's bytes, so the same file imported again is known (the counts are as first reported)."""
    connection.execute(
        insert(LOG).values(
            sha256=sha256,
            file_name=source[-SOURCE_LENGTH:],
            kind="certificates",
            imported_at=dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0),
            rows=counts.rows,
            accepted=counts.accepted,
            rejected=counts.rejected,
        )
    )


def logged_imports(connection: Connection) -> list[LoggedImport]:
    """Every file of the import log, oldest first."""
    columns = (LOG.c.imported_at, LOG.c.file_name, LOG.c.sha256, LOG.c.kind, LOG.c.rows, LOG.c.accepted, LOG.c.rejected)
    statement = select(*columns).order_by(LOG.c.imported_at, LOG.c.id)
    return [LoggedImport(*row) for row in connection.execute(statement)]
