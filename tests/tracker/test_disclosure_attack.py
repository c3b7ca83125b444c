"""Disclosure control attacked on the path a provincial office uses: random certificate lists imported into a
tracker database (SQLite; PostgreSQL too when it is reachable), ``dcmm tracker progress`` written as JSON
and as CSV, both files read back as a reader would, and every hidden cell bounded by linear programming
from what is shown and the published structure alone (tests/tracker/attack.py). No hidden cell may be
pinned to an interval narrower than the threshold, in any table shape: by province, city, county,
industry and year."""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from pathlib import Path

import docx
import openpyxl
import pytest

from dcmm.cli import main
from dcmm.core.identifiers import PROVINCES
from dcmm.files.divisions import table as divisions
from dcmm.tracker.briefing import write_briefing
from dcmm.tracker.definitions import TargetDefinition
from dcmm.tracker.disclosure import Tally, audit, is_primary, protect, unsafe
from dcmm.tracker.output import to_csv, to_json
from dcmm.tracker.published import Publication, publish
from dcmm.tracker.records import TargetRecord
from dcmm.tracker.repository import SqlTrackerRepository
from dcmm.tracker.service import TrackerService

from .attack import Bounds, CellId, exact, hidden_bounds, pinned, read_csv, read_json, view, view_of_grids
from .conftest import HEADER
from .helpers import credit_code

AS_OF = dt.date(2026, 6, 30)
THRESHOLD = 5
_INDUSTRIES = ("制造业", "金融业", "建筑业", "采矿业", "批发和零售业", "卫生和社会工作", "")
SHEETS_READ = ("city", "year")  # the shapes whose XLSX and DOCX are read back too (they take time)
_EXAMPLES = sorted((Path(__file__).parents[2] / "examples" / "answers").glob("*.json"))
_PROVINCES = [code for code, *_ in PROVINCES if code not in ("71", "81", "82")]


def _places(rng: random.Random, province: str) -> list[tuple[str, str]]:
    """A few cities of ``province`` and a few counties of each: (code for the credit code, city column)."""
    cities = [d for d in divisions().cities() if d.code.startswith(province)]
    places = [(province + "0100", "")]  # a list that names no city
    for city in rng.sample(cities, min(len(cities), rng.choice((1, 2, 3, 4)))):
        counties = [c for c in divisions().codes_within(city.code) if c != city.code]
        places.append((city.code, city.name))
        places += [(c, c) for c in rng.sample(counties, min(len(counties), rng.choice((0, 1, 2, 3))))]
    return places


def write_list(path: Path, seed: int, provinces: int) -> Path:
    """A sparse list: most provinces, cities and counties hold a handful of organisations; some certificates
    have expired, some are expiring, some were revoked, some organisations hold a second, later certificate,
    some are 贯标 pilots without one. Beside it, in ``self-assessments/``, answer files of organisations that
    assessed themselves (some of them certified too), for ``tracker ingest``."""
    rng = random.Random(seed)
    assessments = path.parent / "self-assessments"
    assessments.mkdir()
    names = {code: full for code, full, *_ in PROVINCES}
    rows = []
    n = 0
    for province in rng.sample(_PROVINCES, provinces):
        places = _places(rng, province)
        for _ in range(rng.choice((1, 2, 3, 4, 5, 6, 8, 12, 20, 30))):
            n += 1
            area, city = rng.choice(places)
            level = rng.choices((1, 2, 3, 4, 5), (8, 40, 35, 12, 5))[0]
            issued = dt.date(rng.randrange(2021, 2027), rng.randrange(1, 13), rng.choice((3, 17, 28)))
            if issued > AS_OF:
                issued = issued.replace(year=2025)
            code, industry = credit_code(n, area), rng.choice(_INDUSTRIES)
            status = rng.choices(("有效", "撤销", "试点"), (90, 4, 6))[0]
            if status == "试点":  # registered as a pilot: no level, no certificate
                rows.append([f"示例{n}（虚构）", code, names[province], city, industry, "", "", issued.isoformat(),
                             status])  # fmt: skip
                continue
            rows.append([f"示例{n}（虚构）", code, names[province], city, industry, str(level), f"C-{n}",
                         issued.isoformat(), status])  # fmt: skip
            if rng.random() < 0.25:
                _self_assessment(assessments / f"{n}.json", rng, code, province, city, issued)
            later = issued.replace(year=issued.year + rng.choice((1, 2, 3)))
            if rng.random() < 0.2 and later <= AS_OF:  # a later certificate of the same organisation
                later_level = str(min(5, level + rng.choice((0, 1))))
                rows.append([f"示例{n}（虚构）", code, names[province], city, industry, later_level, f"C-{n}-2",
                             later.isoformat(), "有效"])  # fmt: skip
        for _ in range(rng.choice((0, 1, 2, 3, 6))):  # organisations that only assessed themselves
            n += 1
            area, city = rng.choice(places)
            day = dt.date(rng.randrange(2023, 2027), rng.randrange(1, 13), 9)
            _self_assessment(assessments / f"{n}.json", rng, credit_code(n, area), province, city, min(day, AS_OF))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*HEADER, "状态"])
        writer.writerows(rows)
    return path


def _self_assessment(path: Path, rng: random.Random, code: str, province: str, city: str, day: dt.date) -> None:
    """An answer file of one of the bundled examples (levels 1 to 3 and more), as another organisation's."""
    answers = json.loads(rng.choice(_EXAMPLES).read_text(encoding="utf-8"))
    answers["organisation"].update(name=f"自评{path.stem}（虚构）", credit_code=code, province=province)
    answers["organisation"]["city"] = city if city and not city.isdigit() else None
    answers["assessed_on"] = day.isoformat()
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")


def _targets(repository: SqlTrackerRepository, seed: int) -> None:
    rng = random.Random(seed)
    first, second = rng.sample(_PROVINCES, 2)
    for region, metric in (("CN", "certified_valid"), ("CN", "guanbiao"), (first, "level3_plus"),
                           (second, "ever_certified"), (first, "certified_valid")):  # fmt: skip
        repository.save_target(TargetRecord(region, metric, 5000, dt.date(2027, 12, 31), "示例文件（虚构）"))
    repository.save_target(TargetRecord("CN", "ever_certified", 100, dt.date(2025, 12, 31), "示例文件（虚构）"))
    for region, definition, deadline in _defined_targets(seed, first, second):
        repository.save_target(TargetRecord(region, "custom", 50, deadline, "示例文件（虚构）", definition=definition))


def _defined_targets(seed: int, first: str, second: str) -> list[tuple[str, TargetDefinition, dt.date]]:
    """Targets an office defines: valid from level 3 in one industry, cumulative from level 2, cumulative in
    one industry, and 贯标 counting pilots and self-assessments too."""
    industry = random.Random(seed).choice(_INDUSTRIES[:-1])
    return [
        ("CN", TargetDefinition(basis="valid_on_day", min_level=3, industry=industry), dt.date(2027, 12, 30)),
        (first, TargetDefinition(min_level=2), dt.date(2027, 12, 29)),
        (second, TargetDefinition(industry=industry), dt.date(2027, 12, 28)),
        ("CN", TargetDefinition(("certified", "pilots", "self_assessed"), "valid_on_day"), dt.date(2027, 12, 27)),
    ]


def definitions(seed: int) -> dict[str, TargetDefinition]:
    """The defined targets' definitions by target key, as the targets table says them in words."""
    first, second = random.Random(seed).sample(_PROVINCES, 2)
    return {
        f"{region}:custom:{deadline.isoformat()}": d for region, d, deadline in _defined_targets(seed, first, second)
    }


def attack(repository: SqlTrackerRepository, url: str, tmp_path: Path, seed: int, provinces: int, by: str
           ) -> tuple[dict[CellId, Bounds], dict[CellId, object]]:  # fmt: skip
    """Import a random list, publish its progress by ``by`` and attack what the JSON and CSV files show:
    the bounds of every hidden cell, and the cells as shown.

    ``dcmm tracker progress --format json`` writes the JSON file; the same publication, made in this process
    (its hidden cells' values kept, to check the attacker against the truth), writes the CSV file."""
    listing = write_list(tmp_path / f"list-{seed}.csv", seed, provinces)
    assert main(["tracker", "import", str(listing), "--db", url]) in (0, 1)
    assert main(["tracker", "ingest", str(listing.parent / "self-assessments"), "--db", url]) == 0
    _targets(repository, seed)
    written = tmp_path / f"progress-{by}.json"
    args = ["tracker", "progress", "--db", url, "--by", by, "--as-of", AS_OF.isoformat(), "--format", "json"]
    assert main([*args, "-o", str(written)]) == 0
    with TrackerService.open(url, "read") as service:
        report = service.progress(AS_OF, by=by if by in ("province", "city", "county") else "province")
    report.by = by
    publication = publish(report)
    document = written.read_text(encoding="utf-8")
    assert json.loads(document) == json.loads(to_json(publication))  # the command published the same
    (tmp_path / "progress.csv").write_text(to_csv(publication), encoding="utf-8")
    from_json = read_json(document)
    table = (tmp_path / "progress.csv").read_text(encoding="utf-8")
    from_csv = read_csv(table, AS_OF.isoformat(), THRESHOLD, from_json.by, from_json.region)
    shown = view(from_json)
    assert view(from_csv) == shown  # both formats show and hide the same cells
    if by in SHEETS_READ:  # and so do the briefing's workbook and document
        assert view_of_grids(_xlsx_grids(write_briefing(publication, tmp_path / "p.xlsx", "xlsx")), from_json) == shown
        assert view_of_grids(_docx_grids(write_briefing(publication, tmp_path / "p.docx", "docx")), from_json) == shown
    bounds = hidden_bounds(from_json, definitions(seed))
    # the attacker is sound: every hidden cell's true value lies within its bounds
    truth = view_truth(publication)
    assert all(low <= truth[cell] <= high for cell, (low, high) in bounds.items())
    return bounds, shown


def _xlsx_grids(path: Path) -> list[list[list[object]]]:
    book = openpyxl.load_workbook(path, read_only=True)
    return [[list(line) for line in sheet.iter_rows(values_only=True)] for sheet in book.worksheets]


def _docx_grids(path: Path) -> list[list[list[object]]]:
    return [[[cell.text for cell in line.cells] for line in table.rows] for table in docx.Document(str(path)).tables]


def view_truth(publication: Publication) -> dict[CellId, int]:
    """Every count cell's value, hidden or not (the publication in memory keeps them)."""
    return {
        (t.key, r.key, c): int(cell.value)
        for t in publication.tables
        for r in t.rows
        for c, cell in r.cells.items()
        if cell.tally is not None and isinstance(cell.value, int)
    }


# (seed, provinces, by): 34 lists in all
CASES = [
    *((seed, 12, "province") for seed in range(1, 11)),
    *((seed, 8, "city") for seed in range(11, 19)),
    *((seed, 5, "county") for seed in range(19, 25)),
    *((seed, 10, "industry") for seed in range(25, 30)),
    *((seed, 10, "year") for seed in range(30, 35)),
]


@pytest.mark.parametrize("tracker_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(("seed", "provinces", "by"), CASES)
def test_no_hidden_cell_can_be_narrowed_below_the_threshold(
    repository: SqlTrackerRepository, tracker_url: str, tmp_path: Path, seed: int, provinces: int, by: str
) -> None:
    bounds, shown = attack(repository, tracker_url, tmp_path, seed, provinces, by)
    assert bounds, "nothing is hidden: the list protects nothing"
    assert pinned(bounds, THRESHOLD) == {}
    assert any(value != "hidden" for value in shown.values())


@pytest.mark.parametrize("tracker_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize(("seed", "provinces", "by"), [CASES[0], CASES[10], CASES[18], CASES[24], CASES[29]])
def test_on_postgresql_too(
    repository: SqlTrackerRepository, tracker_url: str, tmp_path: Path, seed: int, provinces: int, by: str
) -> None:
    """One list of each shape on PostgreSQL (skipped when it is not reachable, unless demanded)."""
    bounds, shown = attack(repository, tracker_url, tmp_path, seed, provinces, by)
    assert bounds, "nothing is hidden: the list protects nothing"
    assert pinned(bounds, THRESHOLD) == {}
    assert any(value != "hidden" for value in shown.values())


def test_the_attacker_finds_what_primary_suppression_alone_gives_away(tmp_path: Path) -> None:
    """Hiding the small groups and nothing else: the attacker works out some of them exactly, and what it
    works out is the truth."""
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    listing = write_list(tmp_path / "list.csv", 2, 12)
    assert main(["tracker", "import", str(listing), "--db", url]) in (0, 1)
    with TrackerService.open(url, "read") as service:
        publication = publish(service.progress(AS_OF, threshold=THRESHOLD), exact=True)
    for table in publication.tables:
        for row in table.rows:
            for cell in row.cells.values():
                cell.hidden = cell.tally is not None and is_primary(cell.tally, THRESHOLD)
    bounds = hidden_bounds(read_json(to_json(publication)))
    found = exact(bounds)
    assert found and len(pinned(bounds, THRESHOLD)) >= len(found)
    truth = view_truth(publication)
    assert all(truth[cell] == value for cell, value in found.items())


def test_hand_made_leak_is_closed() -> None:
    """山东 L1 = 22 − 7 − 14 = 1 once the total and level 3+ columns are shown."""
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
