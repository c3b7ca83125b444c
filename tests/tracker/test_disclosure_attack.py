"""Disclosure control attacked: random lists imported through the tracker, their progress published and
read back from every output format, and every hidden cell bounded by linear programming from what is
shown and the published structure alone. No hidden cell may be pinned to an interval narrower than the
threshold."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

import pytest

from dcmm.core.identifiers import PROVINCES
from dcmm.tracker.database import open_engine
from dcmm.tracker.demo import _CITY_CODES, write_synthetic_list
from dcmm.tracker.disclosure import audit, is_primary, unsafe
from dcmm.tracker.importing import import_certificate_list
from dcmm.tracker.progress import ProgressReport, compute_progress
from dcmm.tracker.published import Publication
from dcmm.tracker.records import TargetRecord
from dcmm.tracker.regions import region_name
from dcmm.tracker.repository import SqlTrackerRepository

from . import disclosure_adapter as adapter
from .attack import exact, hidden_bounds, pinned
from .conftest import HEADER
from .helpers import credit_code

AS_OF = dt.date(2026, 6, 30)
THRESHOLD = 5
_INDUSTRIES = ("制造业", "金融业", "建筑业", "采矿业", "批发和零售业", "卫生和社会工作")


def _sparse_list(path: Path, seed: int, provinces: int, cities: bool) -> Path:
    """A list where most provinces (or cities) hold a handful of organisations: groups near the threshold."""
    rng = random.Random(seed)
    codes = [code for code, *_ in PROVINCES if code not in ("71", "81", "82")]
    city_of: dict[str, list[tuple[str, str]]] = {}
    for code, name in ((code, region_name(code)) for code in _CITY_CODES):
        city_of.setdefault(code[:2], []).append((code, name))
    names = {code: full for code, full, *_ in PROVINCES}
    rows = []
    n = 0
    for province in rng.sample(codes, provinces):
        for _ in range(rng.choice((1, 2, 3, 4, 5, 6, 7, 8, 12, 20))):
            n += 1
            area, city = rng.choice(city_of[province]) if cities and province in city_of else (province + "0100", "")
            issued = dt.date(rng.randrange(2021, 2027), rng.randrange(1, 7), rng.choice((10, 25)))
            level = rng.choices((1, 2, 3, 4, 5), (8, 40, 35, 12, 5))[0]
            rows.append(
                [f"示例{n}（虚构）", credit_code(n, area), names[province], city, rng.choice(_INDUSTRIES),
                 str(level), f"C-{n}", issued.isoformat()]
            )  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _report(
    repository: SqlTrackerRepository, tmp_path: Path, kind: str, size: int, seed: int, by_city: bool = False
) -> ProgressReport:
    path = tmp_path / f"{kind}-{size}-{seed}.csv"
    if kind == "demo":
        write_synthetic_list(path, size, seed=seed, as_of=AS_OF)
    else:
        _sparse_list(path, seed, size, by_city)
    import_certificate_list(repository, path, today=AS_OF)
    repository.save_target(TargetRecord("CN", "certified_valid", 5000, dt.date(2027, 12, 31), "示例文件（虚构）"))
    repository.save_target(TargetRecord("44", "level3_plus", 40, dt.date(2027, 12, 31), "示例文件（虚构）"))
    return compute_progress(repository, AS_OF, by="city" if by_city else "province", threshold=THRESHOLD)


def _read_back(publication: Publication) -> dict[str, Publication]:
    """The publication as a reader of each output format sees it."""
    numeric = adapter.numeric_columns(publication)
    return {
        "json": adapter.read_json(adapter.write_json(publication)),
        "csv": adapter.read_csv(adapter.write_csv(publication), publication.threshold, publication.as_of, numeric),
    }


def _attack(report: ProgressReport) -> tuple[Publication, dict[str, dict[tuple[str, str, str], tuple[float, float]]]]:
    publication, identities = adapter.publish(report)
    read = _read_back(publication)
    # every format shows the same cells, so attacking one is attacking all (tested below cell by cell)
    assert adapter.shown_and_hidden(read["json"]) == adapter.shown_and_hidden(read["csv"])
    bounds = {"json": hidden_bounds(read["json"], report.region)}
    # the attacker reads nothing but the published cells: its figures agree with the audit of the tallies
    hidden = [c.tally.id for t in publication.tables for r in t.rows for c in r.cells.values() if c.tally and c.hidden]
    assert not unsafe(audit(adapter.tallies(publication), hidden, THRESHOLD, identities), THRESHOLD)
    return publication, bounds


CASES = [
    ("demo", 60, 1, False),
    ("demo", 400, 2, False),
    ("demo", 1500, 3, False),
    ("sparse", 12, 4, False),
    ("sparse", 25, 5, False),
    ("sparse", 8, 6, True),
    ("demo", 500, 7, True),
]


@pytest.mark.parametrize(("kind", "size", "seed", "by_city"), CASES)
def test_no_hidden_cell_can_be_narrowed_below_the_threshold(
    tmp_path: Path, kind: str, size: int, seed: int, by_city: bool
) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    report = _report(SqlTrackerRepository(engine), tmp_path, kind, size, seed, by_city)
    engine.dispose()
    publication, bounds = _attack(report)
    primary = [c for t in publication.tables for r in t.rows for c in r.cells.values() if c.tally and c.hidden]
    assert any(is_primary(c.tally, THRESHOLD) for c in primary if c.tally)  # there is something to protect
    for name, found in bounds.items():
        assert found, name
        assert pinned(found, THRESHOLD) == {}, name


def test_on_sqlite_and_postgresql(repository: SqlTrackerRepository, tmp_path: Path) -> None:
    report = _report(repository, tmp_path, "sparse", 20, 8)
    _, bounds = _attack(report)
    assert bounds["json"] and pinned(bounds["json"], THRESHOLD) == {}


def test_every_format_shows_and_hides_the_same_cells(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    report = _report(SqlTrackerRepository(engine), tmp_path, "sparse", 20, 9, by_city=True)
    engine.dispose()
    publication, _ = adapter.publish(report)
    expected = {
        cell: value
        for cell, value in adapter.shown_and_hidden(publication).items()
        if not isinstance(value, float)  # percents: JSON writes 66.7 where CSV writes "66.7"
    }
    assert "hidden" in expected.values()
    for name, read in _read_back(publication).items():
        seen = adapter.shown_and_hidden(read)
        assert {cell: seen[cell] for cell in expected} == expected, name


def _primary_only(publication: Publication) -> Publication:
    """The same tables with small groups hidden and nothing else: what the attacker must break."""
    for table in publication.tables:
        for row in table.rows:
            for cell in row.cells.values():
                cell.hidden = cell.tally is not None and is_primary(cell.tally, THRESHOLD)
    return publication


def test_the_attacker_finds_what_primary_suppression_alone_gives_away(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    report = _report(SqlTrackerRepository(engine), tmp_path, "demo", 400, 2)
    engine.dispose()
    publication = _primary_only(adapter.publish(report, exact=True)[0])
    bounds = hidden_bounds(adapter.read_json(adapter.write_json(publication)), report.region)
    found = exact(bounds)
    assert found and len(pinned(bounds, THRESHOLD)) >= len(found)
    # what it works out is the truth
    truth: dict[tuple[str, str, str], object] = {
        (t.key, r.key, k): c.value for t in publication.tables for r in t.rows for k, c in r.cells.items()
    }
    assert all(truth[cell] == value for cell, value in found.items())


def test_hand_made_leak_is_closed() -> None:
    """山东 L1 = 22 − 7 − 14 = 1 once the total and level 3+ columns are shown."""
    from dcmm.tracker.disclosure import Tally, protect

    row = {1: 1, 2: 7, 3: 9, 4: 4, 5: 1}
    other = {1: 6, 2: 30, 3: 20, 4: 9, 5: 5}
    tallies = []
    for key, levels in (("37", row), ("44", other)):
        base = {k: {(key, k): 1} for k in levels}
        tallies += [Tally(("regions", key, f"level_{k}"), v, base[k]) for k, v in levels.items()]
        tallies.append(Tally(("regions", key, "certified_valid"), sum(levels.values()), {(key, k): 1 for k in levels}))
        tallies.append(Tally(("regions", key, "level3_plus"), row[3] + row[4] + row[5] if key == "37" else 34,
                             {(key, k): 1 for k in (3, 4, 5)}))  # fmt: skip
    for k in range(1, 6):
        tallies.append(Tally(("regions", "total", f"level_{k}"), row[k] + other[k], {("37", k): 1, ("44", k): 1}))
    hidden = protect(tallies, THRESHOLD)
    assert ("regions", "37", "level_1") in hidden
    bounds = audit(tallies, hidden, THRESHOLD)
    assert not unsafe(bounds, THRESHOLD)
    # with primary suppression alone, L1 follows by subtraction
    primary = [t.id for t in tallies if is_primary(t, THRESHOLD)]
    assert audit(tallies, primary, THRESHOLD)[("regions", "37", "level_1")] == (1.0, 1.0)
