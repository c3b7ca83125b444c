"""Which edition of the standard a new assessment is made against: the one in force on its date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dcmm.core.questionnaire import EditionMeta


def edition_in_force(editions: Iterable[EditionMeta], on: dt.date) -> str | None:
    """The id of the edition in force ``on`` that date: the latest to take effect on or before it.

    None when none had taken effect yet. Two editions taking effect on the same day is a data error
    this does not guess about: the later issued one wins, then the id, so the answer never depends on order.
    """
    started = [meta for meta in editions if meta.in_force <= on]
    if not started:
        return None
    return max(started, key=lambda meta: (meta.in_force, meta.issued, meta.id)).id
