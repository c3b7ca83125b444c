"""The figures of a page, from the tracker service and its publication: pooled for the public, exact for staff.

The tables and charts are those of the PDF report (:func:`dcmm.tracker.report_pdf.progress_context`), built
from the same publication; a short-lived cache keeps a page quick on a million certificates, and every
write through the dashboard empties it.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar, cast

from markupsafe import Markup

from dcmm.dashboard.params import ProgressQuery
from dcmm.i18n import Language, vocabulary
from dcmm.render import charts
from dcmm.tracker.published import Cell, Publication, Table, TableKey, publish
from dcmm.tracker.report_pdf import progress_context
from dcmm.tracker.service import TrackerService

CACHE_SECONDS = 30.0  # figures imported beside the dashboard (by the command line) show after this long
PACE_DAYS = 365
T = TypeVar("T")
MAX_ENTRIES = 256  # publications kept: each is some tens of KB


@dataclass
class FigureCache:
    """Publications (and the public's rendered pages) by query, language and view, fresh for ``seconds``; one
    computation per key at a time.

    A stale entry is still served while one request computes its successor, so a page never waits on a
    recomputation that another request has started; only the first request of a key waits for it.
    """

    seconds: float = CACHE_SECONDS
    _entries: dict[tuple[Any, ...], tuple[float, Any]] = field(default_factory=dict)
    _locks: dict[tuple[Any, ...], threading.Lock] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def clear(self) -> None:
        with self._guard:
            self._entries.clear()

    def get(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
            found = self._entries.get(key)
        if found is not None and time.monotonic() - found[0] < self.seconds:
            return cast(T, found[1])
        if found is not None and not lock.acquire(blocking=False):
            return cast(T, found[1])  # another request is computing the fresh one
        if found is None:
            lock.acquire()
        try:
            again = self._entries.get(key)
            if again is not None and again is not found:
                return cast(T, again[1])  # computed while this request waited
            made = compute()
            with self._guard:
                self._entries[key] = (time.monotonic(), made)
                if len(self._entries) > MAX_ENTRIES:  # many regions and days asked about: the oldest go
                    oldest = min(self._entries, key=lambda k: self._entries[k][0])
                    del self._entries[oldest]
                    self._locks.pop(oldest, None)
            return made
        finally:
            lock.release()


def publication(
    service: TrackerService, cache: FigureCache, query: ProgressQuery, lang: Language, exact: bool
) -> Publication:
    """The publication of a progress page: small groups pooled and hidden unless ``exact`` (staff)."""
    on = query.as_of or dt.date.today()
    key = ("publication", query.region, query.by, on, lang, exact)

    def compute() -> Publication:
        report = service.progress(on, query.region, query.by, lang=lang, pool=not exact)
        return publish(report, lang, exact)

    return cache.get(key, compute)


def only(publication: Publication, key: TableKey) -> Publication:
    """The publication with one of its tables: what a table's download holds."""
    table = publication.table(key)
    return replace(publication, tables=[table] if table is not None else [])


def _shown(cell: Cell | None) -> int | None:
    if cell is None or cell.hidden or isinstance(cell.value, bool) or not isinstance(cell.value, int):
        return None
    return cell.value


def _day(cell: Cell | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(cell.value)) if cell is not None and cell.value else None
    except ValueError:
        return None


def projection_charts(table: Table, lang: Language) -> list[Markup]:
    """One line chart per target whose counts are shown: a year ago, now, and the projection to the deadline."""
    t = vocabulary(lang)
    drawn = []
    for row in table.rows:
        cells = row.cells
        number, count = _shown(cells.get("target")), _shown(cells.get("count"))
        change, projected = _shown(cells.get("change_12_months")), _shown(cells.get("projected"))
        counted_on, deadline = _day(cells.get("counted_on")), _day(cells.get("deadline"))
        if None in (number, count, change, projected, counted_on, deadline):
            continue
        assert number is not None and count is not None and change is not None and projected is not None
        assert counted_on is not None and deadline is not None
        start = counted_on - dt.timedelta(days=PACE_DAYS)
        span = max((max(deadline, counted_on) - start).days, 1)
        history = [
            charts.ProjectionPoint(0.0, count - change, start.isoformat()),
            charts.ProjectionPoint((counted_on - start).days / span, count, counted_on.isoformat()),
        ]
        # a deadline passed already: the line ends on the day counted, which is the deadline's count
        ahead = charts.ProjectionPoint(1.0, projected, deadline.isoformat()) if deadline > counted_on else None
        metric = cells.get("metric")
        title = t("briefing.target_chart_title", region=row.label, metric=metric.value if metric else "")
        svg = charts.projection_svg(history, ahead, number, t("briefing.chart_target", number=number))
        drawn.append(Markup('<p class="figure-title">{}</p>{}').format(title, svg))
    return drawn


def page_context(publication: Publication) -> dict[str, Any]:
    """The PDF report's context (briefing, sections with their charts) with the projection lines beside it."""
    context = progress_context(publication)
    context["labels"] = context.pop("t")  # the PDF template's labels; pages call ``t`` for their own words
    targets = publication.table("targets")
    context["projections"] = projection_charts(targets, publication.lang) if targets is not None else []
    return context
