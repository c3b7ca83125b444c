"""The name rule and the matching rule, without a database."""

from __future__ import annotations

import datetime as dt

from dcmm.tracker.matching import NEAR, SEVERAL, NameCandidate, match_records
from dcmm.tracker.names import name_key
from dcmm.tracker.records import CertificateRecord


def test_spellings_of_one_name_share_a_key() -> None:
    assert name_key("山东示例科技有限责任公司（青岛）") == name_key("山东示例科技有限公司(青岛)")
    assert name_key("山东示例科技【青岛】股份公司") == name_key("山东 示例科技(青岛)股份有限公司")


def test_different_names_stay_apart() -> None:
    assert name_key("山东示例科技有限公司") != name_key("青岛示例科技有限公司")
    assert name_key("山东示例科技有限公司") != name_key("山东示例科技股份有限公司")


def _row(name: str, code: str | None = None) -> CertificateRecord:
    return CertificateRecord(2, code, name, "37", "valid", dt.date(2024, 5, 12), 3)


def _stored(org_id: int, name: str, code: str | None = None, province: str = "37") -> NameCandidate:
    return NameCandidate(org_id, code, province, name_key(name), name)


def test_a_name_matches_the_one_organisation_of_its_province() -> None:
    kept, held = match_records([_row("示例科技有限责任公司")], set(), [_stored(4, "示例科技有限公司")])
    assert held == [] and kept[0].key == "#4"
    kept, held = match_records([_row("示例科技有限公司")], set(), [_stored(4, "示例科技有限公司", province="44")])
    assert held == [] and kept[0].key.startswith("~37:")


def test_several_or_near_names_are_held() -> None:
    several = [_stored(4, "示例科技有限公司"), _stored(5, "示例科技有限公司")]
    _, held = match_records([_row("示例科技有限公司")], set(), several)
    assert [h.reason for h in held] == [SEVERAL]
    _, held = match_records([_row("示例科技有限公司")], set(), [_stored(6, "示例科技股份有限公司")])
    assert [h.reason for h in held] == [NEAR]
