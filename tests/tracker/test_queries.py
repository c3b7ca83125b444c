"""The report queries read tallies and copies kept on every write: each equals a recomputation from the rows.

Random lists are imported in several rounds in which organisations move city, change industry, renew,
lose certificates to revocation and gain self-assessments; after each round every figure a progress
report reads is compared with the same figure counted straight from the organisations and certificates.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest
from sqlalchemy import func, select

from dcmm.tracker.records import CertificateRecord, SelfAssessmentRecord
from dcmm.tracker.repository import SqlTrackerRepository
from dcmm.tracker.storage.sql import CERT, ORG

from .helpers import credit_code, dump

D = dt.date
CITIES: dict[str, list[str | None]] = {"37": ["370100", "370200", None], "44": ["440300", "440100"]}
CITY_NAMES = {"370100": "济南市", "370200": "青岛市", "440300": "深圳市", "440100": "广州市"}
INDUSTRIES = ["制造业", "金融业", "信息传输、软件和信息技术服务业", None]
DAYS = [D(2024, 1, 1), D(2025, 6, 30), D(2026, 3, 1)]


def _lists(seed: int, organisations: int = 40, rounds: int = 3) -> list[list[CertificateRecord]]:
    generator = random.Random(seed)
    lists = []
    for round_ in range(rounds):
        rows: list[CertificateRecord] = []
        for n in range(1, organisations + 1):
            if generator.random() < 0.3:
                continue  # not in this list
            province = "37" if n % 3 else "44"
            city = generator.choice(CITIES[province])
            area = {"37": "370100", "44": "440300"}[province]
            for _ in range(generator.choice([1, 1, 2])):
                issued = D(2020 + generator.randrange(6), 1 + generator.randrange(12), 10)
                status = generator.choice(["valid"] * 6 + ["revoked", "pilot"])
                rows.append(
                    CertificateRecord(
                        row=len(rows) + 2,
                        credit_code=credit_code(n, area),
                        name=f"示例{n}（虚构）",
                        province=province,
                        city_code=city,
                        city=CITY_NAMES.get(city or ""),
                        industry=generator.choice(INDUSTRIES),
                        status=status,
                        issue_date=issued,
                        level=None if status == "pilot" else generator.randrange(1, 6),
                        certificate_number=None,
                    )
                )
        lists.append(rows)
        del round_
    return lists


def _region(table_province: object, table_city: object, region: str) -> object:
    return table_province == region if len(region) == 2 else table_city == region


def _summed(found: dict[tuple[str, str | None, int], int]) -> dict[object, int]:
    """Counts by (industry, level), over every region key."""
    summed: dict[object, int] = {}
    for (_, industry, level), count in found.items():
        summed[(industry, level)] = summed.get((industry, level), 0) + count
    return summed


def _recomputed_industries(repository: SqlTrackerRepository, on: dt.date, region: str) -> dict[object, int]:
    statement = (
        select(ORG.c.industry, CERT.c.level, func.count())
        .join(ORG, ORG.c.id == CERT.c.organisation_id)
        .where(CERT.c.issue_date <= on, CERT.c.ends_on > on)
        .group_by(ORG.c.industry, CERT.c.level)
    )
    if region != "CN":
        statement = statement.where(_region(CERT.c.province, CERT.c.city_code, region))  # type: ignore[arg-type]
    with repository.engine.connect() as connection:
        return {(industry, level): count for industry, level, count in connection.execute(statement)}


def _recomputed_years(repository: SqlTrackerRepository, on: dt.date, region: str) -> dict[object, int]:
    statement = select(CERT.c.issue_date, CERT.c.level).where(CERT.c.issue_date <= on, CERT.c.revoked.is_(False))
    if region != "CN":
        statement = statement.where(_region(CERT.c.province, CERT.c.city_code, region))  # type: ignore[arg-type]
    with repository.engine.connect() as connection:
        return dict(Counter((issued.year, level) for issued, level in connection.execute(statement)))


def _recomputed_city_names(repository: SqlTrackerRepository) -> dict[str, str]:
    statement = (
        select(ORG.c.city_code, func.min(ORG.c.city))
        .where(ORG.c.city_code.is_not(None), ORG.c.guanbiao_since.is_not(None))
        .group_by(ORG.c.city_code)
    )
    with repository.engine.connect() as connection:
        codes = {code for code, _ in connection.execute(statement)}
        names = select(ORG.c.city_code, func.min(ORG.c.city)).where(ORG.c.city_code.in_(codes))
        return {c: n for c, n in connection.execute(names.group_by(ORG.c.city_code)) if n is not None}


@pytest.mark.parametrize("seed", [1, 2])
def test_breakdowns_equal_a_recomputation_after_every_list(repository: SqlTrackerRepository, seed: int) -> None:
    for number, records in enumerate(_lists(seed)):
        repository.import_certificates(records, f"list-{number}")
        if number == 1:
            assessed = [
                SelfAssessmentRecord(
                    file="answers.yaml", credit_code=r.credit_code or "", name=r.name, province=r.province,
                    edition="gbt36073-2018", assessed_on=D(2019, 5, 1), overall_score=2.5, level=2,
                    rules="published", city_code=r.city_code, city=r.city, industry=r.industry,
                )
                for r in records[:5]
            ]  # fmt: skip
            repository.ingest_self_assessments(assessed)
        for region in ("CN", "37", "370200", "44"):
            for on in DAYS:
                assert _summed(repository.in_force_by_industry(on, region)) == _recomputed_industries(
                    repository, on, region
                )
                assert repository.issued_by_year(on, region) == _recomputed_years(repository, on, region)
        assert repository.city_names() == _recomputed_city_names(repository)
    tallies = dump(repository)["daily_tally"]
    repository.rebuild_tallies()
    assert dump(repository)["daily_tally"] == tallies
    assert {series for series, *_ in tallies} == {"in_force", "issued", "certified", "cert_pilot", "guanbiao"}


def test_a_change_of_industry_moves_the_certificates(repository: SqlTrackerRepository) -> None:
    first = CertificateRecord(
        row=2, credit_code=credit_code(1), name="示例1（虚构）", province="37", status="valid",
        issue_date=D(2023, 5, 10), level=3, industry="制造业",
    )  # fmt: skip
    repository.import_certificates([first], "a")
    assert repository.in_force_by_industry(D(2024, 1, 1)) == {("37", "制造业", 3): 1}
    later = CertificateRecord(
        row=2, credit_code=credit_code(1), name="示例1（虚构）", province="37", status="valid",
        issue_date=D(2024, 2, 10), level=4, industry="金融业",
    )  # fmt: skip
    outcome = repository.import_certificates([later], "b")
    assert outcome.certificates_updated == 0  # the first certificate itself is as it was
    assert repository.in_force_by_industry(D(2024, 1, 1)) == {("37", "金融业", 3): 1}
    assert repository.in_force_by_industry(D(2024, 3, 1)) == {("37", "金融业", 4): 1}
