"""The edition in force on an assessment date, from the bundled editions' own dates."""

from __future__ import annotations

import datetime as dt

import pytest

from dcmm.core.editions.in_force import edition_in_force
from dcmm.core.questionnaire import EditionMeta
from dcmm.files import available_editions, load_edition


def _bundled() -> list[EditionMeta]:
    return [load_edition(edition_id).meta for edition_id in available_editions()]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (dt.date(2018, 9, 30), None),
        (dt.date(2018, 10, 1), "gbt36073-2018"),
        (dt.date(2026, 6, 30), "gbt36073-2018"),  # 2025 is issued but not yet in force
        (dt.date(2026, 7, 1), "gbt36073-2025"),
        (dt.date(2030, 1, 1), "gbt36073-2025"),
    ],
)
def test_the_edition_in_force_on_a_date(on: dt.date, expected: str | None) -> None:
    assert edition_in_force(_bundled(), on) == expected
    assert edition_in_force(reversed(_bundled()), on) == expected
