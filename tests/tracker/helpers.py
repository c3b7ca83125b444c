"""Valid credit codes and table dumps for the tracker tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from dcmm.core.identifiers import credit_code_check_character
from dcmm.tracker.models import Base
from dcmm.tracker.repository import SqlTrackerRepository


def credit_code(number: int, area: str = "370100") -> str:
    """A valid unified social credit code, different for every ``number``."""
    body = f"91{area}MA{number:07d}"
    return body + credit_code_check_character(body)


def dump(repository: SqlTrackerRepository) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every tracker table, sorted: two equal dumps mean nothing changed."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with repository.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            tables[table.name] = sorted(tuple(row) for row in connection.execute(select(table)))
    return tables
