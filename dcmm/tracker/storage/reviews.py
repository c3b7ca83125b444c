"""Matching by name against what is stored, and the review list of rows the name did not settle."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from dcmm.tracker.matching import HeldRow, NameCandidate, fingerprint, match_records, name_only_key, stored_key
from dcmm.tracker.records import CertificateRecord, ReviewEntry, ReviewOption
from dcmm.tracker.storage.sql import ORG, REVIEW, SOURCE_LENGTH, WHOLE_TABLE_FROM, chunks

_CANDIDATE_COLUMNS = (ORG.c.id, ORG.c.credit_code, ORG.c.province, ORG.c.name_key, ORG.c.name)
_DATES = ("issue_date", "notice_date", "expiry_date")


def _known_codes(connection: Connection, codes: Sequence[str]) -> set[str]:
    if len(codes) >= WHOLE_TABLE_FROM:
        wanted = set(codes)
        every = connection.execute(select(ORG.c.credit_code).where(ORG.c.credit_code.is_not(None))).scalars()
        return {code for code in every if code in wanted}
    known: set[str] = set()
    for chunk in chunks(codes):
        known.update(connection.execute(select(ORG.c.credit_code).where(ORG.c.credit_code.in_(chunk))).scalars())
    return known


def _candidates(connection: Connection, records: Sequence[CertificateRecord], known: set[str]) -> list[NameCandidate]:
    """The stored organisations a name of ``records`` may match (see dcmm.tracker.matching)."""
    name_only = sorted({r.province for r in records if r.credit_code is None})
    found: list[NameCandidate] = []
    if name_only:  # rows without a code may be any organisation of their province
        statement = select(*_CANDIDATE_COLUMNS).where(ORG.c.province.in_(name_only))
        found.extend(NameCandidate(*row) for row in connection.execute(statement))
    coded = sorted({r.province for r in records if r.credit_code is not None and r.credit_code not in known})
    others = [p for p in coded if p not in name_only]
    if others:  # new credit codes may be organisations known by name only
        statement = select(*_CANDIDATE_COLUMNS).where(ORG.c.credit_code.is_(None), ORG.c.province.in_(others))
        found.extend(NameCandidate(*row) for row in connection.execute(statement))
    return found


def _resolutions(connection: Connection, held: Sequence[HeldRow]) -> dict[str, str]:
    """Rows reviewed before, by fingerprint: the key of the organisation chosen ("" when dismissed)."""
    prints = [fingerprint(row.record) for row in held]
    statement = (
        select(REVIEW.c.fingerprint, REVIEW.c.resolution, REVIEW.c.organisation_id, ORG.c.credit_code)
        .outerjoin(ORG, ORG.c.id == REVIEW.c.organisation_id)
        .where(REVIEW.c.resolved_at.is_not(None))
    )
    found: dict[str, str] = {}
    for chunk in chunks(prints):
        for mark, resolution, org_id, code in connection.execute(statement.where(REVIEW.c.fingerprint.in_(chunk))):
            found[mark] = "" if resolution == "dismissed" or org_id is None else stored_key(org_id, code)
    return found


def match_by_name(
    connection: Connection, records: Sequence[CertificateRecord]
) -> tuple[list[CertificateRecord], list[HeldRow]]:
    """The rows to plan, each knowing its organisation, and the rows held for review."""
    if all(r.credit_code is not None for r in records):
        # Rows with codes need names only where organisations are known by name alone: usually nowhere.
        nameless = select(ORG.c.province).where(ORG.c.credit_code.is_(None)).distinct()
        provinces = set(connection.execute(nameless).scalars())
        if not provinces:
            return list(records), []
        relevant = [r for r in records if r.province in provinces]
    else:
        relevant = list(records)
    codes = sorted({r.credit_code for r in relevant if r.credit_code is not None})
    known = _known_codes(connection, codes)
    candidates = _candidates(connection, relevant, known)
    _kept, held = match_records(relevant, known, candidates)
    if held:
        resolved = _resolutions(connection, held)
        if resolved:
            _kept, held = match_records(relevant, known, candidates, resolved)
    dropped = {id(row.record) for row in held} | {id(r) for r in relevant} - {id(r) for r in _kept}
    return [r for r in records if id(r) not in dropped], held


def _record_json(record: CertificateRecord) -> str:
    values = {f.name: getattr(record, f.name) for f in dataclasses.fields(record) if f.name != "matched"}
    for name in _DATES:
        values[name] = None if values[name] is None else values[name].isoformat()
    return json.dumps(values, ensure_ascii=False)


def record_from_json(text: str) -> CertificateRecord:
    values = json.loads(text)
    for name in _DATES:
        values[name] = None if values[name] is None else dt.date.fromisoformat(values[name])
    return CertificateRecord(**values)


def hold_for_review(connection: Connection, held: Sequence[HeldRow], source: str) -> int:
    """Add the held rows to the review list (a row held before is not added twice); returns how many are new."""
    if not held:
        return 0
    by_print = {fingerprint(row.record): row for row in held}
    stored: set[str] = set()
    for chunk in chunks(list(by_print)):
        stored.update(connection.execute(select(REVIEW.c.fingerprint).where(REVIEW.c.fingerprint.in_(chunk))).scalars())
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    rows = [
        {
            "fingerprint": mark,
            "source": source[-SOURCE_LENGTH:],
            "row": row.record.row,
            "name": row.record.name,
            "province": row.record.province,
            "credit_code": row.record.credit_code,
            "level": row.record.level,
            "reason": row.reason,
            "candidates": ",".join(str(c.id) for c in row.candidates),
            "record": _record_json(row.record),
            "held_at": now,
        }
        for mark, row in by_print.items()
        if mark not in stored
    ]
    if rows:
        connection.execute(insert(REVIEW), rows)
    return len(rows)


def review_entries(connection: Connection, everything: bool = False) -> list[ReviewEntry]:
    """The rows held for review (with ``everything``, the resolved ones too), oldest first."""
    statement = select(REVIEW).order_by(REVIEW.c.id)
    if not everything:
        statement = statement.where(REVIEW.c.resolved_at.is_(None))
    entries = list(connection.execute(statement).mappings())
    ids = sorted({int(i) for entry in entries for i in entry["candidates"].split(",") if i})
    options: dict[int, ReviewOption] = {}
    for chunk in chunks(ids):
        for org_id, code, province, _key, name in connection.execute(
            select(*_CANDIDATE_COLUMNS).where(ORG.c.id.in_(chunk))
        ):
            options[org_id] = ReviewOption(org_id, name, code, province)
    return [
        ReviewEntry(
            entry["id"],
            entry["source"],
            entry["row"],
            entry["name"],
            entry["province"],
            entry["credit_code"],
            entry["level"],
            entry["reason"],
            [options[int(i)] for i in entry["candidates"].split(",") if i and int(i) in options],
            entry["held_at"],
            entry["resolved_at"],
            entry["resolution"],
            entry["organisation_id"],
        )
        for entry in entries
    ]


def held_record(connection: Connection, review_id: int) -> tuple[CertificateRecord, str, bool] | None:
    """A held row's record, its source, and whether it is still unresolved; None when there is no such entry."""
    found = connection.execute(
        select(REVIEW.c.record, REVIEW.c.source, REVIEW.c.resolved_at).where(REVIEW.c.id == review_id)
    ).first()
    if found is None:
        return None
    return record_from_json(found[0]), found[1], found[2] is None


def organisation_key(connection: Connection, org_id: int) -> tuple[str, str] | None:
    """The planning key and province of a stored organisation, or None when there is none with that id."""
    found = connection.execute(select(ORG.c.credit_code, ORG.c.province).where(ORG.c.id == org_id)).first()
    return None if found is None else (stored_key(org_id, found[0]), found[1])


def mark_resolved(connection: Connection, review_id: int, resolution: str, org_id: int | None) -> None:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    statement = update(REVIEW).where(REVIEW.c.id == review_id)
    connection.execute(statement.values(resolved_at=now, resolution=resolution, organisation_id=org_id))


__all__ = [
    "held_record",
    "hold_for_review",
    "mark_resolved",
    "match_by_name",
    "name_only_key",
    "organisation_key",
    "record_from_json",
    "review_entries",
]
