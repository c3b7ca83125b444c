"""Target definitions: each variant counted on a hand-made list with known answers, by tallies and by query."""

from __future__ import annotations

import datetime as dt

import pytest

from dcmm.tracker.definitions import PRESETS, TargetDefinition, definition_label, parse_counts, parse_industry
from dcmm.tracker.progress import compute_progress, defined_counts, tally_series, target_progress
from dcmm.tracker.records import CertificateRecord, SelfAssessmentRecord, TargetRecord
from dcmm.tracker.repository import SqlTrackerRepository

from .helpers import credit_code

D = dt.date
ON, YEAR_AGO = D(2024, 6, 30), D(2023, 7, 1)
JINAN, QINGDAO = "370100", "370200"
MAKING, FINANCE = "制造业", "金融业"


def _cert(
    n: int, level: int | None, issued: dt.date, city: str, industry: str, status: str = "valid"
) -> CertificateRecord:
    province = city[:2]
    return CertificateRecord(
        row=n, credit_code=credit_code(n, city), name=f"示例{n}（虚构）", province=province, status=status,
        issue_date=issued, level=level, city_code=city, industry=industry,
    )  # fmt: skip


def _assessed(n: int, level: int, on: dt.date, city: str, industry: str) -> SelfAssessmentRecord:
    return SelfAssessmentRecord(
        f"{n}.json", credit_code(n, city), f"示例{n}（虚构）", city[:2], "gbt36073-2018", on, float(level), level,
        "published", city_code=city, industry=industry,
    )  # fmt: skip


@pytest.fixture
def listed(repository: SqlTrackerRepository) -> SqlTrackerRepository:
    """Ten Shandong organisations and one in Guangdong, each with a known part in every definition."""
    repository.import_certificates(
        [
            _cert(1, 2, D(2020, 1, 10), JINAN, MAKING),  # expired 2023-01-10
            _cert(2, 3, D(2023, 3, 1), JINAN, MAKING),
            _cert(3, 4, D(2022, 5, 1), QINGDAO, FINANCE, status="revoked"),  # never counts
            _cert(4, 1, D(2021, 2, 1), QINGDAO, MAKING),
            _cert(4, 3, D(2023, 9, 1), QINGDAO, MAKING),  # supersedes its level 1
            _cert(5, None, D(2022, 1, 10), JINAN, FINANCE, status="pilot"),  # a pilot only
            _cert(6, None, D(2023, 1, 10), QINGDAO, MAKING, status="pilot"),
            _cert(6, 2, D(2024, 1, 10), QINGDAO, MAKING),  # a pilot, then certified
            _cert(8, 1, D(2022, 6, 1), JINAN, FINANCE),
            _cert(10, 5, D(2024, 9, 1), JINAN, MAKING),  # after the day counted
            _cert(11, 3, D(2023, 1, 1), "440300", MAKING),  # another province
        ],
        "list",
    )
    repository.ingest_self_assessments(
        [
            _assessed(7, 3, D(2024, 3, 1), JINAN, MAKING),  # self-assessed only
            _assessed(8, 2, D(2022, 3, 1), JINAN, FINANCE),
            _assessed(8, 4, D(2024, 5, 1), JINAN, FINANCE),
            _assessed(9, 4, D(2023, 1, 1), QINGDAO, FINANCE),
            _assessed(9, 2, D(2024, 2, 1), QINGDAO, FINANCE),  # its latest is level 2
        ]
    )
    return repository


C, CP, CS, CPS = (
    ("certified",),
    ("certified", "pilots"),
    ("certified", "self_assessed"),
    parse_counts("self_assessed,pilots"),
)
CUMULATIVE, VALID = "cumulative", "valid_on_day"
# (definition, region) → (count on ON, count on YEAR_AGO), worked out by hand from the list above.
EXPECTED = [
    (TargetDefinition(C, CUMULATIVE), "37", (5, 4)),  # 1 2 4 6 8 | 1 2 4 8
    (TargetDefinition(C, VALID), "37", (4, 3)),  # 2 4 6 8 | 2 4 8
    (TargetDefinition(C, VALID, 3), "37", (2, 1)),  # 2 4 | 2
    (TargetDefinition(C, CUMULATIVE, 3), "37", (2, 1)),  # 2 4 | 2
    (TargetDefinition(CP, CUMULATIVE), "37", (6, 6)),  # + pilots 5 6
    (TargetDefinition(CS, CUMULATIVE), "37", (7, 5)),  # + self-assessed 7 8 9 | 8 9
    (TargetDefinition(CPS, CUMULATIVE), "37", (8, 7)),
    (TargetDefinition(CS, CUMULATIVE, 3), "37", (5, 2)),  # 2 4 7 8 9 | 2 9
    (TargetDefinition(CS, VALID, 3), "37", (4, 2)),  # 2 4 7 8 (9's latest is level 2) | 2 9
    (TargetDefinition(CP, VALID), "37", (5, 5)),  # 2 4 6 8 + 5 | 2 4 8 + 5 6
    (TargetDefinition(CPS, VALID, 1, MAKING), "37", (4, 3)),  # 2 4 6 7 | 2 4 6
    (TargetDefinition(C, CUMULATIVE, 1, MAKING), "37", (4, 3)),  # 1 2 4 6 | 1 2 4
    (TargetDefinition(C, VALID, 1, FINANCE), "37", (1, 1)),  # 8
    (TargetDefinition(C, CUMULATIVE, 1, "能源"), "37", (0, 0)),  # an industry no organisation has
    (TargetDefinition(C, CUMULATIVE), QINGDAO, (2, 1)),  # 4 6 | 4
    (TargetDefinition(C, VALID), JINAN, (2, 2)),  # 2 8 | 2 8
    (TargetDefinition(CS, CUMULATIVE), JINAN, (4, 3)),  # 1 2 8 + 7 | 1 2 8
    (TargetDefinition(C, CUMULATIVE), "CN", (6, 5)),  # + Guangdong's 11
    (TargetDefinition(C, CUMULATIVE, 3), "CN", (3, 2)),
]


@pytest.mark.parametrize(("definition", "region", "expected"), EXPECTED, ids=lambda v: str(v))
def test_each_definition_counts_what_it_says(
    listed: SqlTrackerRepository, definition: TargetDefinition, region: str, expected: tuple[int, int]
) -> None:
    assert tuple(defined_counts(listed, definition, [ON, YEAR_AGO], region)) == expected
    # The query over the records agrees with the daily tallies wherever a series serves the definition.
    assert tuple(listed.defined_counts(definition, [ON, YEAR_AGO], region)) == expected


def test_the_tallies_serve_the_definitions_they_hold_a_series_for() -> None:
    assert tally_series(PRESETS["guanbiao"]) == ("certified", 0)
    assert tally_series(PRESETS["level3_plus"]) == ("in_force", 3)
    assert tally_series(TargetDefinition(("certified", "pilots"))) == ("cert_pilot", 0)
    assert tally_series(TargetDefinition(("certified", "pilots", "self_assessed"))) == ("guanbiao", 0)
    assert tally_series(TargetDefinition(min_level=2)) is None
    assert tally_series(TargetDefinition(industry=MAKING)) is None
    assert tally_series(TargetDefinition(("certified", "self_assessed"), "valid_on_day")) is None


def test_an_ingested_self_assessment_does_not_raise_shandongs_count(repository: SqlTrackerRepository) -> None:
    (shandong,) = repository.targets("37")
    assert (shandong.metric, shandong.definition) == ("guanbiao", TargetDefinition())
    repository.import_certificates([_cert(1, 2, D(2024, 1, 10), JINAN, MAKING)], "list")
    before = target_progress(repository, shandong, ON)
    repository.ingest_self_assessments([_assessed(2, 3, D(2024, 3, 1), JINAN, MAKING)])
    repository.ingest_self_assessments([_assessed(1, 3, D(2023, 3, 1), JINAN, MAKING)])  # before its certificate
    after = target_progress(repository, shandong, ON)
    assert (before.count, before.count_year_ago) == (after.count, after.count_year_ago) == (1, 0)
    row = compute_progress(repository, ON, region="37", threshold=1, breakdowns=False).total
    assert (row.guanbiao, row.self_assessed) == (1, 2)  # shown beside, not added
    # Counted only where a definition names them.
    wider = TargetRecord("37", "guanbiao", 300, D(2025, 12, 31), "plan", definition=TargetDefinition(CS))
    assert target_progress(repository, wider, ON).count == 2


def test_stored_definitions_come_back_and_replace_only_the_same_one(repository: SqlTrackerRepository) -> None:
    level2 = TargetDefinition(CS, VALID, 2, MAKING)
    saved = repository.save_target(TargetRecord("370200", "custom", 9, D(2026, 12, 31), "plan", definition=level2))
    other = repository.save_target(
        TargetRecord("370200", "custom", 4, D(2026, 12, 31), "plan"[:4], definition=TargetDefinition())
    )
    again = repository.save_target(TargetRecord("370200", "custom", 12, D(2026, 12, 31), "plan", definition=level2))
    assert again.id == saved.id != other.id
    stored = {t.id: t for t in repository.targets("370200")}
    assert stored[saved.id].definition == level2 and stored[saved.id].number == 12
    assert stored[other.id].definition == TargetDefinition()


def test_definitions_refuse_what_cannot_be_counted() -> None:
    with pytest.raises(ValueError, match="pilot has no level"):
        TargetDefinition(CP, min_level=2)
    with pytest.raises(ValueError, match="1 to 5"):
        TargetDefinition(min_level=6)
    with pytest.raises(ValueError, match="certified"):
        TargetDefinition(("pilots",))
    with pytest.raises(ValueError, match="not a list of records"):
        parse_counts("certified,audits")
    with pytest.raises(ValueError, match="twice"):
        parse_counts("pilots, pilots")
    assert parse_counts(" pilots ") == CP and parse_counts("self-assessed,certified") == CS
    assert parse_industry("  制造业 ") == MAKING
    with pytest.raises(ValueError, match="custom target needs its definition"):
        TargetRecord("37", "custom", 1, D(2025, 12, 31), "plan")


def test_the_command_line_offers_every_preset() -> None:
    from dcmm.cli.tracker import METRIC_CHOICES

    assert tuple(PRESETS) == METRIC_CHOICES


def test_labels_say_what_is_counted() -> None:
    assert definition_label(PRESETS["guanbiao"], "zh") == "累计获证单位（证书，含已过期；一级及以上）"
    assert definition_label(PRESETS["level3_plus"], "zh") == "持有效证书单位（证书，仅计当日有效；三级及以上）"
    assert definition_label(TargetDefinition(CPS, industry=MAKING), "zh") == (
        "累计获证、贯标试点或自评估单位（证书，含已过期；已登记的贯标试点；已导入的自评估；一级及以上；行业：制造业）"
    )
    assert definition_label(TargetRecord("44", "level3_plus", 5, D(2026, 12, 31), "plan"), "en") == (
        "organisations holding a valid certificate (certificates in force on the day; level 3 and above)"
    )
    assert definition_label(TargetDefinition(CP), "en") == (
        "organisations ever certified or registered as adoption (guanbiao) pilots "
        "(certificates, expired ones included; registered adoption (guanbiao) pilots; level 1 and above)"
    )


def test_the_migration_keeps_each_metrics_meaning_and_tallies_pilots(tracker_url: str) -> None:
    from sqlalchemy import text

    from dcmm.tracker.database import downgrade, open_engine, upgrade

    from .helpers import dump

    engine = open_engine(tracker_url)
    repository = SqlTrackerRepository(engine)
    repository.import_certificates(
        [
            _cert(5, None, D(2022, 1, 10), JINAN, FINANCE, status="pilot"),
            _cert(6, None, D(2023, 1, 10), QINGDAO, MAKING, status="pilot"),
            _cert(6, 2, D(2024, 1, 10), QINGDAO, MAKING),
            _cert(8, 1, D(2022, 6, 1), JINAN, FINANCE),
        ],
        "list",
    )
    downgrade(engine, "0004_divisions")
    with engine.begin() as connection:
        for metric in ("certified_valid", "ever_certified", "level3_plus", "guanbiao"):
            connection.execute(
                text(
                    "INSERT INTO target (region, metric, comparison, number, deadline, source_document) "
                    "VALUES ('44', :metric, 'at_least', 5, '2026-12-31', 'plan')"
                ),
                {"metric": metric},
            )
        assert connection.execute(text("SELECT COUNT(*) FROM daily_tally WHERE series = 'cert_pilot'")).scalar() == 0
    upgrade(engine)
    converted = {t.metric: t.definition for t in repository.targets("44")}
    assert converted == {metric: PRESETS[metric] for metric in PRESETS}
    (shandong,) = repository.targets("37")
    assert (shandong.metric, shandong.number, shandong.definition) == ("guanbiao", 300, TargetDefinition())
    tallies = dump(repository)["daily_tally"]
    assert [row for row in tallies if row[0] == "cert_pilot"]  # built from the organisations
    repository.rebuild_tallies()
    assert dump(repository)["daily_tally"] == tallies
    assert defined_counts(repository, TargetDefinition(CP), [ON], "37") == [3]
    engine.dispose()


def test_two_definitions_of_one_metric_are_two_published_rows(listed: SqlTrackerRepository) -> None:
    from dcmm.tracker.published import publish

    for definition in (TargetDefinition(C, CUMULATIVE, 3), TargetDefinition(C, CUMULATIVE, 1, MAKING)):
        listed.save_target(TargetRecord("37", "ever_certified", 9, D(2026, 12, 31), "plan", definition=definition))
    listed.save_target(TargetRecord("CN", "ever_certified", 9, D(2026, 12, 31), "plan"))
    publication = publish(compute_progress(listed, ON, region="CN", pool=False), "en", exact=True)
    (targets,) = [table for table in publication.tables if table.key == "targets"]
    counts = {row.key: row.cells["count"].value for row in targets.rows}
    ids = sorted(t.id or 0 for t in listed.targets("37") if t.region == "37" and t.metric == "ever_certified")
    assert counts == {  # level 3+: 2 4; 制造业: 1 2 4 6; the national preset alone keeps the plain key
        f"37:ever_certified:2026-12-31#{ids[0]}": 2,
        f"37:ever_certified:2026-12-31#{ids[1]}": 4,
        "CN:ever_certified:2026-12-31": 6,
        "37:guanbiao:2025-12-31": 5,  # the shipped Shandong target
    }
