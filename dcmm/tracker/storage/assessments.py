"""Storing scored self-assessments: one per organisation, edition and day."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, insert, select, update
from sqlalchemy.engine import Connection

from dcmm.tracker.planning import plan_self_assessments
from dcmm.tracker.records import SelfAssessmentRecord
from dcmm.tracker.storage.certificates import load_organisations, write_plan
from dcmm.tracker.storage.sql import SELF, SOURCE_LENGTH

_SCORED = ("overall_score", "level", "target_level", "rules")


def _key(org_id: int, record: SelfAssessmentRecord) -> ColumnElement[bool]:
    return and_(
        SELF.c.organisation_id == org_id, SELF.c.edition == record.edition, SELF.c.assessed_on == record.assessed_on
    )


def _stored(connection: Connection, org_id: int, record: SelfAssessmentRecord) -> tuple[object, ...] | None:
    found = connection.execute(select(*(SELF.c[name] for name in _SCORED)).where(_key(org_id, record))).first()
    return None if found is None else tuple(found)


def _scored(record: SelfAssessmentRecord) -> tuple[object, ...]:
    return (record.overall_score, record.level, record.target_level, record.rules)


def _store(connection: Connection, org_id: int, record: SelfAssessmentRecord) -> bool:
    """Add or correct one self-assessment; returns whether anything changed."""
    key = _key(org_id, record)
    scored = _scored(record)
    values = {**dict(zip(_SCORED, scored, strict=True)), "source": record.file[-SOURCE_LENGTH:]}
    existing = _stored(connection, org_id, record)
    if existing is None:
        statement = insert(SELF).values(
            organisation_id=org_id, edition=record.edition, assessed_on=record.assessed_on, **values
        )
        connection.execute(statement)
        return True
    if existing != scored:
        connection.execute(update(SELF).where(key).values(**values))
        return True
    return False


def store_self_assessments(connection: Connection, records: Sequence[SelfAssessmentRecord]) -> int:
    """Store ``records`` and the organisations they add or change; returns how many assessments were new or changed."""
    stored = load_organisations(connection, list(dict.fromkeys(r.credit_code for r in records)))
    new_ids = write_plan(connection, plan_self_assessments(records, stored))
    org_ids = {code: org.id for code, org in stored.items()} | new_ids
    return sum(_store(connection, org_ids[r.credit_code], r) for r in records)


def count_self_assessment_changes(connection: Connection, records: Sequence[SelfAssessmentRecord]) -> int:
    """How many of ``records`` storing would add or change, found by reading only (a dry run)."""
    stored = load_organisations(connection, list(dict.fromkeys(r.credit_code for r in records)))
    seen: dict[tuple[str, str, object], tuple[object, ...] | None] = {}
    changed = 0
    for record in records:
        key = (record.credit_code, record.edition, record.assessed_on)
        if key not in seen:
            org = stored.get(record.credit_code)
            seen[key] = None if org is None else _stored(connection, org.id, record)
        changed += seen[key] != _scored(record)
        seen[key] = _scored(record)
    return changed
