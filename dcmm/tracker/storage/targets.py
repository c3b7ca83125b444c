"""Storing adoption targets: one per region, metric and deadline."""

from __future__ import annotations

from sqlalchemy import and_, delete, insert, or_, select, update
from sqlalchemy.engine import Connection

from dcmm.tracker.records import TargetRecord
from dcmm.tracker.regions import CITY, NATIONAL, city_of, codes_within, region_level
from dcmm.tracker.storage.sql import TARGET

_COLUMNS = ("region", "metric", "comparison", "number", "deadline", "source_document", "source_quote", "note")


def targets(connection: Connection, region: str | None) -> list[TargetRecord]:
    statement = select(TARGET).order_by(TARGET.c.region, TARGET.c.deadline, TARGET.c.metric)
    if region and region != NATIONAL:
        # A province shows its own targets and its cities' and counties'; a city its own, its counties' and its
        # province's; a county its own, its city's and its province's.
        if len(region) == 2:
            inside = TARGET.c.region.like(f"{region}%")
        elif region_level(region) == CITY:
            inside = TARGET.c.region.in_(codes_within(region))
        else:
            inside = TARGET.c.region.in_([region, city_of(region) or region])
        statement = statement.where(or_(inside, TARGET.c.region == region[:2]))
    return [TargetRecord(**dict(row)) for row in connection.execute(statement).mappings()]


def save_target(connection: Connection, target: TargetRecord) -> TargetRecord:
    """Add a target, or replace the one for the same region, metric and deadline."""
    values = {name: getattr(target, name) for name in _COLUMNS}
    key = and_(TARGET.c.region == target.region, TARGET.c.metric == target.metric, TARGET.c.deadline == target.deadline)
    existing = connection.execute(select(TARGET.c.id).where(key)).scalar()
    if existing is None:
        existing = connection.execute(insert(TARGET).values(values).returning(TARGET.c.id)).scalar_one()
    else:
        connection.execute(update(TARGET).where(TARGET.c.id == existing).values(values))
    return TargetRecord(**values, id=existing)


def remove_target(connection: Connection, target_id: int) -> bool:
    return connection.execute(delete(TARGET).where(TARGET.c.id == target_id)).rowcount > 0
