"""Storing scored self-assessments: one per organisation, edition and day; an unknown organisation is added."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sqlalchemy import and_, insert, select, update
from sqlalchemy.engine import Connection

from dcmm.tracker.planning import OrganisationValues, StoredOrganisation
from dcmm.tracker.records import SelfAssessmentRecord
from dcmm.tracker.rules import earliest
from dcmm.tracker.storage.certificates import load_organisations
from dcmm.tracker.storage.sql import ORG, ORG_COLUMNS, SELF, SOURCE_LENGTH
from dcmm.tracker.storage.tallies import Tally, apply_tally, count_organisation

_SCORED = ("overall_score", "level", "target_level", "rules")


def _organisation(connection: Connection, record: SelfAssessmentRecord, tally: Tally) -> StoredOrganisation:
    """A new organisation known only from its self-assessment: a 贯标 unit from the day it assessed itself."""
    values = OrganisationValues(
        record.name,
        record.province,
        record.city_code,
        record.city,
        record.industry,
        record.party_type,
        record.synthetic,
        guanbiao_since=record.assessed_on,
    )
    statement = insert(ORG).values(credit_code=record.credit_code, **dict(zip(ORG_COLUMNS, values.row(), strict=True)))
    org_id = connection.execute(statement.returning(ORG.c.id)).scalar_one()
    count_organisation(tally, values.province, values.city_code, None, values.guanbiao_since, +1)
    return StoredOrganisation(org_id, values)


def _earlier_guanbiao(
    connection: Connection, org: StoredOrganisation, record: SelfAssessmentRecord, tally: Tally
) -> None:
    """A self-assessment before the organisation's first certificate or pilot makes it a 贯标 unit earlier."""
    values = org.values
    since = earliest(values.guanbiao_since, record.assessed_on)
    if since == values.guanbiao_since:
        return
    count_organisation(tally, values.province, values.city_code, values.first_certified_on, values.guanbiao_since, -1)
    values.guanbiao_since = since
    count_organisation(tally, values.province, values.city_code, values.first_certified_on, since, +1)
    connection.execute(update(ORG).where(ORG.c.id == org.id).values(guanbiao_since=since))


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
    """Store ``records``; returns how many were new or changed."""
    organisations = load_organisations(connection, list(dict.fromkeys(r.credit_code for r in records)))
    tally: Tally = Counter()
    changed = 0
    for record in records:
        org = organisations.get(record.credit_code)
        if org is None:
            org = organisations[record.credit_code] = _organisation(connection, record, tally)
        else:
            _earlier_guanbiao(connection, org, record, tally)
        changed += _store(connection, org.id, record)
    apply_tally(connection, tally)
    return changed
