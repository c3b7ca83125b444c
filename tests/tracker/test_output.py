"""A progress report as a publication, and the publication as terminal tables, CSV and JSON.

The words come from one catalogue per language; every count carries the tally it sums; a region is
written once; hidden counts are ``<5`` in text and null in JSON.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from typing import Any

import jsonschema
import pytest
from rich.console import Console

from dcmm.files.progress_document import ProgressDocument
from dcmm.files.schemas import schema_for
from dcmm.tracker.definitions import TargetDefinition
from dcmm.tracker.output import print_publication, to_csv, to_json
from dcmm.tracker.progress import ProgressReport, RegionRow, TargetProgress
from dcmm.tracker.published import Publication, Row, publish
from dcmm.tracker.records import TargetRecord

D = dt.date
CJK = re.compile(r"[\u4e00-\u9fff]")


def _row(region: str, name: str, levels: dict[int, int], guanbiao: int, **counts: int) -> RegionRow:
    row = RegionRow(region, name, certified_valid=sum(levels.values()), guanbiao=guanbiao, **counts)  # type: ignore[arg-type]
    row.levels.update(levels)
    row.level3_plus = sum(c for lv, c in levels.items() if lv >= 3)
    row.ever_certified = row.certified_valid
    return row


def _total(region: str, name: str, rows: list[RegionRow]) -> RegionRow:
    total = RegionRow(region, name)
    for row in rows:
        total.add(row)
    return total


def _shandong_target(count: int = 275, before: int = 235) -> TargetProgress:
    target = TargetRecord("37", "guanbiao", 300, D(2025, 12, 31), "示例规划（虚构）", "more_than")
    return TargetProgress(target, "山东省", D(2025, 6, 30), count, before, 91.7, count - before, 295, "behind")


def _national(**changes: Any) -> ProgressReport:
    rows = [
        _row("37", "山东省", {2: 20, 3: 10}, 275, certified_valid_year_ago=22),
        _row("44", "广东省", {2: 12, 3: 6, 5: 2}, 25, certified_valid_year_ago=18),
    ]
    fields: dict[str, Any] = dict(
        as_of=D(2025, 6, 30), region="CN", region_name="全国", by="province", threshold=5, expiring_days=90,
        rows=rows, total=_total("CN", "全国", rows), targets=[_shandong_target()], includes_synthetic=True,
        industries=[("制造业", {1: 0, 2: 22, 3: 10, 4: 0, 5: 0}), ("金融业", {1: 0, 2: 10, 3: 6, 4: 0, 5: 2})],
        years=[(2024, {1: 0, 2: 12, 3: 7, 4: 0, 5: 0}), (2025, {1: 0, 2: 20, 3: 9, 4: 0, 5: 2})],
        in_force_cells={
            ("37", "制造业", 2): 12, ("37", "制造业", 3): 10, ("37", "金融业", 2): 8,
            ("44", "制造业", 2): 10, ("44", "金融业", 2): 2, ("44", "金融业", 3): 6, ("44", "金融业", 5): 2,
        },
    )  # fmt: skip
    fields.update(changes)
    return ProgressReport(**fields)


def _shandong_only() -> ProgressReport:
    rows = [_row("37", "山东省", {1: 2, 2: 20, 3: 10}, 275)]
    cells = {("37", "制造业", 1): 2, ("37", "制造业", 2): 12, ("37", "制造业", 3): 10, ("37", "金融业", 2): 8}
    industries = [("制造业", {1: 2, 2: 12, 3: 10, 4: 0, 5: 0}), ("金融业", {1: 0, 2: 8, 3: 0, 4: 0, 5: 0})]
    total = _total("37", "山东省", rows)
    return _national(
        region="37", region_name="山东省", rows=rows, total=total, in_force_cells=cells, industries=industries
    )


def _by_city() -> ProgressReport:
    rows = [
        _row("370100", "济南市", {2: 10, 3: 5}, 16),
        _row("370200", "青岛市", {2: 8, 3: 3}, 12),
        _row("37", "山东省（城市未列明）", {2: 6}, 6),
        _row("440100", "广州市", {2: 9}, 9),
    ]
    targets = [_shandong_target(count=34, before=30)]
    total = _total("CN", "全国", rows)
    return _national(by="city", rows=rows, total=total, industries=[], years=[], in_force_cells={}, targets=targets)


def _printed(publication: Publication) -> str:
    out = io.StringIO()
    print_publication(publication, Console(file=out, width=200))
    return out.getvalue()


def _csv(publication: Publication) -> list[dict[str, str]]:
    lines = [line for line in to_csv(publication).splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _rows(publication: Publication, table: str) -> list[Row]:
    found = publication.table(table)  # type: ignore[arg-type]
    assert found is not None
    return found.rows


def test_each_language_speaks_only_itself() -> None:
    chinese = _printed(publish(_national(), "zh"))
    assert "按省份 · DCMM 贯标与评估进展 · 全国 · 截至 2025-06-30" in chinese and "合计（全国）" in chinese
    # Latin words in the Chinese output: the product name and level codes only
    assert set(re.findall(r"[A-Za-z]{2,}", chinese)) <= {"DCMM"}
    english = _printed(publish(_national(), "en"))
    assert "By province · DCMM adoption and assessment progress · China · as of 2025-06-30" in english
    assert "Total (China)" in english and "Shandong" in english
    assert CJK.findall(english.replace("制造业", "").replace("金融业", "")) == []  # industry names as listed


def test_total_and_subtotal_rows_are_labelled_and_each_region_is_written_once() -> None:
    rows = _csv(publish(_shandong_only(), "zh"))
    regions = [r for r in rows if r["table"] == "regions"]
    assert [(r["kind"], r["key"], r["label"]) for r in regions] == [("total", "37", "合计（山东省）")]
    assert len({tuple(r.values()) for r in rows}) == len(rows)
    national = [r for r in _csv(publish(_national(), "zh")) if r["table"] == "regions"]
    assert [(r["kind"], r["key"]) for r in national] == [("region", "37"), ("region", "44"), ("total", "CN")]


def test_a_spreadsheet_sum_of_region_rows_is_the_total() -> None:
    rows = [r for r in _csv(publish(_by_city(), "zh", exact=True)) if r["table"] == "regions"]
    detail = [r for r in rows if r["kind"] in ("region", "others")]
    (total,) = [r for r in rows if r["kind"] == "total"]
    for column in ("certified_valid", "level_2", "level3_plus", "guanbiao"):
        assert sum(int(r[column]) for r in detail) == int(total[column])


def test_by_city_rows_sum_into_their_province_subtotal() -> None:
    publication = publish(_by_city(), "zh", exact=True)
    rows = _rows(publication, "regions")
    assert [(r.kind, r.key, r.parent) for r in rows] == [
        ("region", "370100", "37"),
        ("region", "370200", "37"),
        ("region", "37:not_given", "37"),  # the certificates without a city, after the province's cities
        ("subtotal", "37", None),
        ("region", "440100", None),  # one city only: a subtotal would repeat it
        ("total", "CN", None),
    ]
    subtotal = rows[3]
    assert subtotal.label == "小计（山东省）" and subtotal.cells["certified_valid"].value == 15 + 11 + 6
    tally = subtotal.cells["level_2"].tally
    assert tally is not None
    children = [r.cells["level_2"].tally for r in rows[:3]]
    assert tally.terms == {base: 1 for child in children if child for base in child.terms}
    assert not any(c.hidden for r in rows for c in r.cells.values())  # exact: nothing hidden


def test_a_total_sums_its_rows_and_the_industries_share_the_regions_bases() -> None:
    publication = publish(_national(), "zh")
    regions, industries = _rows(publication, "regions"), _rows(publication, "industries")
    for level in (2, 3, 5):
        column = f"level_{level}"
        regions_total, industries_total = regions[-1].cells[column].tally, industries[-1].cells[column].tally
        assert regions_total is not None and industries_total is not None
        assert regions_total.terms == industries_total.terms and regions_total.terms
        assert regions_total.value == industries_total.value
    change = regions[0].cells["change_12_months"]
    assert change.value == 30 - 22 and change.tally is not None
    assert sorted(change.tally.terms.values()).count(-1) == 1  # now − a year before


def test_small_groups_are_hidden_in_every_format_and_shown_only_in_the_exact_view() -> None:
    publication = publish(_national(), "zh")
    guangdong = _rows(publication, "regions")[1]
    assert guangdong.cells["level_5"].hidden and guangdong.cells["level_5"].value == 2
    (csv_row,) = [r for r in _csv(publication) if r["table"] == "regions" and r["key"] == "44"]
    assert csv_row["level_5"] == "<5"
    document = json.loads(to_json(publication))
    (regions,) = [t for t in document["tables"] if t["key"] == "regions"]
    row = regions["rows"][1]
    assert row["cells"]["level_5"] is None and "level_5" in row["hidden"]
    exact = publish(_national(), "zh", exact=True)
    assert exact.banners[0] == "内部资料：含小于 5 家的精确数"
    assert to_csv(exact).splitlines()[0] == "# 内部资料：含小于 5 家的精确数"
    assert next(r for r in _csv(exact) if r["key"] == "44" and r["table"] == "regions")["level_5"] == "2"
    assert publish(_national(), "en", exact=True).banners[0].startswith("internal: exact small counts")
    assert "内部资料" in _printed(exact)


def test_the_target_block_says_what_is_missing_and_by_when() -> None:
    publication = publish(_national(), "zh")
    (target,) = _rows(publication, "targets")
    assert target.cells["missing"].value == 26  # more than 300: 301 − 275
    assert target.cells["change_12_months"].value == 40  # in the target's metric, 贯标单位
    (sentence,) = publication.table("targets").notes  # type: ignore[union-attr]
    assert "距目标还差 26 家" in sentence and "截止 2025-12-31" in sentence and "预计 295 家" in sentence
    assert "进度落后" in sentence
    (english,) = publish(_national(), "en").table("targets").notes  # type: ignore[union-attr]
    assert "26 short of the target" in english and "by 2025-12-31" in english and "behind" in english
    # the target's figures are in the targets table only, never on a region's row
    regions = [r for r in _csv(publication) if r["table"] == "regions"]
    assert all(r["missing"] == "" and r["status"] == "" for r in regions)


def test_a_small_target_count_hides_what_would_give_it_away() -> None:
    publication = publish(_national(targets=[_shandong_target(count=3, before=1)]), "zh")
    (target,) = _rows(publication, "targets")
    assert all(target.cells[c].hidden for c in ("count", "missing", "percent", "projected", "change_12_months"))
    (sentence,) = publication.table("targets").notes  # type: ignore[union-attr]
    assert "小于 5 家" in sentence and "3 家" not in sentence


def test_the_targets_table_leaves_a_place_for_its_definition() -> None:
    columns = [c.key for c in publish(_national(), "zh").table("targets").columns]  # type: ignore[union-attr]
    assert "definition" in columns and columns.index("definition") == columns.index("metric") + 1


@pytest.mark.parametrize("by", ["industry", "year"])
def test_by_industry_or_year_the_main_table_is_that_breakdown(by: str) -> None:
    publication = publish(_national(by=by), "en")
    assert [t.key for t in publication.tables] == ["targets", "industries" if by == "industry" else "years"]
    rows = _rows(publication, "industries" if by == "industry" else "years")
    assert rows[-1].kind == "total" and rows[-1].label == "Total (China)"
    assert rows[-1].cells["total"].value == sum(r.cells["total"].value for r in rows[:-1])  # type: ignore[misc]


def test_the_json_is_a_valid_progress_document() -> None:
    for publication in (publish(_national(), "zh"), publish(_by_city(), "en", exact=True)):
        document = json.loads(to_json(publication))
        assert document["format"] == "dcmm-tracker-progress/2"
        assert list(jsonschema.Draft202012Validator(schema_for("progress-document")).iter_errors(document)) == []
        assert json.loads(ProgressDocument.model_validate_json(to_json(publication)).model_dump_json()) == document
    assert json.loads(to_json(publish(_national(), "zh")))["banners"] == ["合成数据：包含虚构单位，数字不是真实统计"]


def test_an_english_terminal_prints_each_definition_under_the_targets_table_not_in_a_column() -> None:
    printed = io.StringIO()
    print_publication(publish(_national(), "en"), Console(file=printed, width=120))
    text = printed.getvalue()
    head = text[: text.index("counts:")]
    assert "Definition" not in head and "2025-12-31" in head  # a date column is never cut short
    line = next(line for line in text.splitlines() if "counts:" in line)
    assert line.startswith("Shandong ·") and "ever certified" in line


def test_a_defined_target_of_certificates_in_force_has_a_year_ago_count_of_its_own() -> None:
    """Valid from level 3 in 金融业: its count is the in-force cells it names (8); its count a year before (6)
    is not the regions' valid count a year before (40), or the published counts would contradict each other."""
    definition = TargetDefinition(basis="valid_on_day", min_level=3, industry="金融业")
    target = TargetRecord("CN", "certified_valid", 20, D(2027, 12, 31), "示例规划（虚构）", definition=definition)
    progress = TargetProgress(target, "全国", D(2025, 6, 30), 8, 6, 40.0, 2, 13, "behind")
    publication = publish(_national(targets=[progress]), "en")
    row = _rows(publication, "targets")[0]
    assert (row.cells["count"].value, row.cells["change_12_months"].value) == (8, 2)
