"""Storing scored self-assessments: one per organisation, edition and day."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, insert, select, update
from sqlalchemy.engine import Connection

from dcmm.tracker.planning import plan_self_assessments
from dcmm.tracker.records import SelfAssessmentRecord
from dcmm.tracker.storage.certificates import load_organisations, write_plan
from dcmm.tracker.storage.sql import SELF, SOURCE_LENGTH

_SCORED = ("overall_score", "level", "target_level", "rules")


def _store(connection: Connection, org_id: int, record: SelfAssessmentRecord) -> bool:
    """Add or correct one self-assessment; returns whether anything changed."""
    key = and_(
        SELF.c.organisation_id == org_id, SELF.c.edition == record.edition, SELF.c.assessed_on == record.assessed_on
    )
    scored = (record.overall_score, record.level, record.target_level, record.rules)
    values = {**dict(zip(_SCORED, scored, strict=True)), "source": record.file[-SOURCE_LENGTH:]}
    existing = connection.execute(select(*(SELF.c[name] for name in _SCORED)).where(key)).first()
    if existing is None:
        statement = insert(SELF).values(
            organisation_id=org_id, edition=record.edition, assessed_on=record.assessed_on, **values
        )
        connection.execute(statement)
        return True
    if tuple(existing) != scored:
        connection.execute(update(SELF).where(key).values(**values))
        return True
    return False


def store_self_assessments(connection: Connection, records: Sequence[SelfAssessmentRecord]) -> int:
    """Store ``records`` and the organisations they add or change; returns how many assessments were new or changed."""
    stored = load_organisations(connection, list(dict.fromkeys(r.credit_code for r in records)))
    new_ids = write_plan(connection, plan_self_assessments(records, stored))
    org_ids = {code: org.id for code, org in stored.items()} | new_ids
    return sum(_store(connection, org_ids[r.credit_code], r) for r in records)
