"""Storing adoption targets: one per region, name, definition and deadline."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, delete, insert, or_, select, update
from sqlalchemy.engine import Connection, RowMapping

from dcmm.tracker.definitions import TargetDefinition
from dcmm.tracker.records import TargetRecord
from dcmm.tracker.regions import CITY, NATIONAL, city_of, codes_within, region_level
from dcmm.tracker.storage.sql import ORG, TARGET

_COLUMNS = ("region", "metric", "comparison", "number", "deadline", "source_document", "source_quote", "note")
_KEY = ("region", "metric", "counts", "basis", "min_level", "industry", "deadline")


def _record(row: RowMapping) -> TargetRecord:
    definition = TargetDefinition(
        counts=tuple(row["counts"].split(",")),
        basis=row["basis"],
        min_level=row["min_level"],
        industry=row["industry"] or None,  # '' in the column: every industry
    )
    return TargetRecord(**{name: row[name] for name in _COLUMNS}, id=row["id"], definition=definition)


def _values(target: TargetRecord) -> dict[str, Any]:
    definition = target.definition
    return {
        **{name: getattr(target, name) for name in _COLUMNS},
        "counts": definition.stored_counts,
        "basis": definition.basis,
        "min_level": definition.min_level,
        "industry": definition.industry or "",
    }


def targets(connection: Connection, region: str | None) -> list[TargetRecord]:
    statement = select(TARGET).order_by(TARGET.c.region, TARGET.c.deadline, TARGET.c.metric, TARGET.c.id)
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
    return [_record(row) for row in connection.execute(statement).mappings()]


def save_target(connection: Connection, target: TargetRecord) -> TargetRecord:
    """Add a target, or replace the one for the same region, name, definition and deadline."""
    values = _values(target)
    key = and_(*(TARGET.c[name] == values[name] for name in _KEY))
    existing = connection.execute(select(TARGET.c.id).where(key)).scalar()
    if existing is None:
        existing = connection.execute(insert(TARGET).values(values).returning(TARGET.c.id)).scalar_one()
    else:
        connection.execute(update(TARGET).where(TARGET.c.id == existing).values(values))
    return TargetRecord(**{name: values[name] for name in _COLUMNS}, id=existing, definition=target.definition)


def remove_target(connection: Connection, target_id: int) -> bool:
    return connection.execute(delete(TARGET).where(TARGET.c.id == target_id)).rowcount > 0


def industry_known(connection: Connection, industry: str) -> bool:
    """Whether any organisation recorded has exactly this industry."""
    return connection.execute(select(ORG.c.id).where(ORG.c.industry == industry).limit(1)).first() is not None
