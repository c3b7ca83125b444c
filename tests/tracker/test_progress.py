"""Progress: each metric counted exactly, supersession, projection, targets, pooling of small groups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from dcmm.tracker.importing import import_certificate_list
from dcmm.tracker.progress import LEVELS, compute_progress
from dcmm.tracker.published import publish
from dcmm.tracker.records import CertificateRecord, SelfAssessmentRecord, TargetRecord
from dcmm.tracker.repository import SqlTrackerRepository

from .helpers import credit_code, dump

D = dt.date


def cert(
    n: int, level: int | None, issued: dt.date, province: str = "37", status: str = "valid", **kw: object
) -> CertificateRecord:
    area = {"37": "370100", "44": "440300", "32": "320100"}[province]
    return CertificateRecord(
        row=n, credit_code=credit_code(n, area), name=f"示例{n}（虚构）", province=province, status=status,
        issue_date=issued, level=level, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def test_supersession_expiry_and_revocation(repository: SqlTrackerRepository) -> None:
    records = [
        cert(1, 2, D(2021, 1, 10)),
        CertificateRecord(
            row=2, credit_code=credit_code(1), name="示例1（虚构）", province="37", status="valid",
            issue_date=D(2022, 6, 10), level=3,
        ),
        cert(2, 2, D(2020, 1, 10)),  # expires 2023-01-10
        cert(3, 4, D(2021, 5, 10), status="revoked"),
        cert(4, None, D(2022, 1, 10), status="pilot"),
    ]  # fmt: skip
    repository.import_certificates(records, "t")
    on = D(2022, 12, 31)
    report = compute_progress(repository, on, threshold=1, breakdowns=False)
    (shandong,) = report.rows
    assert shandong.certified_valid == 2  # org 1 once (level 3 superseded level 2), org 2
    assert shandong.levels == {1: 0, 2: 1, 3: 1, 4: 0, 5: 0}
    assert shandong.level3_plus == 1
    assert shandong.ever_certified == 2  # the revoked certificate never counts
    assert shandong.guanbiao == 2  # 贯标 by the default definition: ever certified (the pilot is not added)
    assert shandong.known == 3  # every organisation with a record, the pilot included
    assert shandong.expiring == 1  # org 2's certificate ends 2023-01-10, within 90 days
    later = compute_progress(repository, D(2023, 2, 1), threshold=1, breakdowns=False)
    assert later.rows[0].certified_valid == 1 and later.rows[0].ever_certified == 2
    expiring = repository.expiring(D(2022, 12, 1), 60)
    assert [e.credit_code for e in expiring] == [credit_code(2)]


def test_tallies_match_a_full_rebuild(repository: SqlTrackerRepository, write_list: Callable[..., Path]) -> None:
    repository.import_certificates([cert(n, 1 + n % 5, D(2020 + n % 6, 1 + n % 12, 10)) for n in range(1, 40)], "a")
    repository.import_certificates([cert(n, 5, D(2025, 3, 10)) for n in range(30, 50)], "b")
    before = dump(repository)["daily_tally"]
    repository.rebuild_tallies()
    assert dump(repository)["daily_tally"] == before


def test_shandong_target_ships_and_is_projected(repository: SqlTrackerRepository) -> None:
    (target,) = repository.targets("37")
    assert (target.metric, target.comparison, target.number, target.deadline) == (
        "guanbiao",
        "more_than",
        300,
        D(2025, 12, 31),
    )
    assert not target.met_by(300) and target.met_by(301)
    # 100 units before 2024-06-30, then 100 more in the following year: pace 100 a year.
    repository.import_certificates([cert(n, 2, D(2022, 1, 10)) for n in range(1, 101)], "a")
    repository.import_certificates([cert(n, 2, D(2024, 9, 10)) for n in range(101, 201)], "b")
    report = compute_progress(repository, D(2025, 6, 30), region="37", breakdowns=False)
    (progress,) = report.targets
    assert (progress.count, progress.pace_per_year) == (200, 100)
    assert progress.projected == 200 + int(100 * 184 / 365)
    assert progress.status == "behind"
    assert progress.percent == 66.7
    final = compute_progress(repository, D(2026, 6, 30), region="37", breakdowns=False).targets[0]
    assert (final.counted_on, final.status) == (D(2025, 12, 31), "missed")


def test_targets_for_other_metrics(repository: SqlTrackerRepository) -> None:
    repository.save_target(TargetRecord("44", "level3_plus", 5, D(2026, 12, 31), "示例文件（虚构）"))
    repository.import_certificates([cert(n, 2 + n % 3, D(2025, 1, 10), "44") for n in range(1, 13)], "a")
    report = compute_progress(repository, D(2025, 6, 30), region="44", breakdowns=False)
    (progress,) = report.targets
    assert progress.count == 8  # levels 3 and 4 of 12 organisations at levels 2, 3, 4
    assert progress.status == "on track"


def test_small_groups_are_pooled_and_hidden(repository: SqlTrackerRepository) -> None:
    repository.import_certificates(
        [cert(n, 2, D(2024, 1, 10), "37") for n in range(1, 8)]
        + [cert(n, 3, D(2024, 1, 10), "44") for n in range(8, 10)]
        + [cert(n, 3, D(2024, 1, 10), "32") for n in range(10, 12)]
        + [cert(12, 5, D(2024, 1, 10), "37")],
        "a",
    )
    report = compute_progress(repository, D(2024, 6, 30), breakdowns=True)
    assert [r.region for r in report.rows] == ["37", "others"]
    assert report.rows[1].pooled_regions == ["32", "44"] and report.rows[1].certified_valid == 4
    assert report.total.certified_valid == 12
    # Shandong: 7 at level 2 and one at level 5; the lone level 5 is not shown.
    shandong = publish(report).table("regions").rows[0]  # type: ignore[union-attr]
    assert shandong.key == "37" and shandong.cells["level_5"].hidden
    # and one more of the counts it sums with, or the 1 would follow from 8 valid − 7 at level 2
    assert shandong.cells["level_2"].hidden or shandong.cells["certified_valid"].hidden
    exact = compute_progress(repository, D(2024, 6, 30), breakdowns=False, pool=False)
    assert [r.region for r in exact.rows] == ["32", "37", "44"]  # the internal view pools nothing


def test_self_assessed_beside_certified(repository: SqlTrackerRepository) -> None:
    repository.import_certificates([cert(1, 2, D(2024, 1, 10))], "a")
    records = [
        SelfAssessmentRecord(
            "a.json", credit_code(n), f"示例{n}", "37", "gbt36073-2018", D(2024, 3, 1), 3.2, 3, "published"
        )
        for n in (1, 2)
    ]  # fmt: skip
    assert repository.ingest_self_assessments(records) == 2
    assert repository.ingest_self_assessments(records) == 0
    report = compute_progress(repository, D(2024, 6, 30), threshold=1, breakdowns=False)
    row = report.rows[0]
    # Self-assessments are shown beside the certified, never added to 贯标.
    assert (row.certified_valid, row.self_assessed, row.self_assessed_level3_plus, row.guanbiao) == (1, 2, 2, 1)
    assert row.known == 2
    assert compute_progress(repository, D(2024, 2, 1), threshold=1, breakdowns=False).rows[0].known == 1


def test_by_city_and_breakdowns(repository: SqlTrackerRepository, write_list: Callable[..., Path]) -> None:
    rows = [
        [f"示例{n}（虚构）", credit_code(n, "370200" if n % 2 else "370100"), "山东", "青岛" if n % 2 else "济南",
         "  制造业 " if n < 9 else "金融业", "2", f"C-{n}", "2023-05-10"]
        for n in range(1, 13)
    ]  # fmt: skip
    import_certificate_list(repository, write_list(rows), today=D(2026, 1, 1))
    report = compute_progress(repository, D(2024, 1, 1), region="37", by="city")
    assert [(r.region, r.name, r.certified_valid) for r in report.rows] == [
        ("370100", "济南市", 6),
        ("370200", "青岛市", 6),
    ]
    assert report.industries[0] == ("制造业", {1: 0, 2: 8, 3: 0, 4: 0, 5: 0})
    assert report.industries[1][0].startswith("其他") and report.pooled_industries == ["金融业"]
    assert report.in_force_cells == {("370100", "制造业", 2): 4, ("370200", "制造业", 2): 4,
                                     ("370100", "金融业", 2): 2, ("370200", "金融业", 2): 2}  # fmt: skip
    assert report.years == [(2023, {1: 0, 2: 12, 3: 0, 4: 0, 5: 0})]


def test_city_targets_show_under_their_province(repository: SqlTrackerRepository) -> None:
    repository.save_target(TargetRecord("370200", "certified_valid", 20, D(2026, 12, 31), "示例（虚构）"))
    assert [t.region for t in repository.targets("37")] == ["37", "370200"]
    assert [t.region for t in repository.targets("370200")] == ["37", "370200"]
    assert repository.targets("44") == []
    assert len(repository.targets()) == 2


def test_by_city_small_cities_pool_within_their_province(repository: SqlTrackerRepository) -> None:
    records = [cert(n, 2, D(2024, 1, 10), "37", city_code="370100", city="济南") for n in range(1, 7)]
    records += [cert(n, 2, D(2024, 1, 10), "37", city_code="370200", city="青岛") for n in range(7, 9)]
    records += [cert(n, 2, D(2024, 1, 10), "44", city_code="440300", city="深圳") for n in range(9, 12)]
    repository.import_certificates(records, "a")
    report = compute_progress(repository, D(2024, 6, 30), by="city", breakdowns=False)
    assert [(r.region, r.pooled_regions) for r in report.rows] == [
        ("370100", []),
        ("37:others", ["370200"]),
        ("44:others", ["440300"]),
    ]
    rows = publish(report).table("regions").rows  # type: ignore[union-attr]
    assert [(r.kind, r.key, r.parent) for r in rows] == [
        ("region", "370100", "37"),
        ("others", "37:others", "37"),
        ("subtotal", "37", None),
        ("others", "44:others", None),
        ("total", "CN", None),
    ]
    assert rows[1].label == "山东省其他（合并的小组）"


def test_published_tallies_tie_the_tables_together(repository: SqlTrackerRepository) -> None:
    """On a real database: the industries total is the regions total by its terms, and a province's target
    counts the same base counts as the province's row."""
    sectors = ("制造业", "金融业", None)
    records = [
        cert(n, 1 + n % 5, D(2023, 1 + n % 12, 10), ("37", "44", "32")[n % 3], industry=sectors[n % 4 % 3])
        for n in range(1, 60)
    ]
    repository.import_certificates(records, "a")
    repository.save_target(TargetRecord("44", "certified_valid", 30, D(2027, 12, 31), "示例（虚构）"))
    for by_city in (False, True):
        report = compute_progress(repository, D(2024, 6, 30), by="city" if by_city else "province")
        publication = publish(report, "zh", exact=True)
        regions, industries = publication.table("regions"), publication.table("industries")
        assert regions is not None and industries is not None
        for level in LEVELS:
            ours, theirs = (
                regions.rows[-1].cells[f"level_{level}"].tally,
                industries.rows[-1].cells[f"level_{level}"].tally,
            )
            assert ours is not None and theirs is not None
            assert (ours.terms, ours.value) == (theirs.terms, theirs.value)
        targets = publication.table("targets")
        assert targets is not None
        (guangdong_target,) = [row for row in targets.rows if row.key.startswith("44:")]
        count = guangdong_target.cells["count"].tally
        guangdong = [row.cells["certified_valid"].tally for row in regions.rows
                     if row.key[:2] == "44" and row.kind in ("region", "others")]  # fmt: skip
        assert count is not None and guangdong and None not in guangdong
        assert count.terms == {base: 1 for tally in guangdong if tally for base in tally.terms}
        assert count.value == sum(tally.value for tally in guangdong if tally)
