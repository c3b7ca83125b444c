"""Publications built by hand, as the briefings receive them: targets, regions with a subtotal and a total,
industries and years; hidden cells with values a writer must never print, a hostile name, a negative change."""

from __future__ import annotations

import datetime as dt

from dcmm.i18n import Language
from dcmm.tracker.published import Cell, Column, Publication, Row, RowKind, Table

SYNTHETIC = "合成数据：包含虚构单位，数字不是真实统计"
EXACT = "内部资料：含小于 5 家的精确数 / internal: exact small counts"
HOSTILE = '=HYPERLINK("http://example.invalid","点此")'
LEVELS = [f"level_{level}" for level in range(1, 6)]
REGION_COLUMNS = [
    "certified_valid", *LEVELS, "level3_plus", "ever_certified", "pilots", "guanbiao", "self_assessed",
    "self_assessed_level3_plus", "change_12_months", "expiring",
]  # fmt: skip


def _row(
    kind: RowKind, key: str, label: str, values: dict[str, int], hidden: set[str], parent: str | None = None
) -> Row:
    cells = {column: Cell(value, hidden=column in hidden) for column, value in values.items()}
    return Row(kind, key, label, parent, cells)


def _region(levels: list[int], change: int, expiring: int) -> dict[str, int]:
    valid = sum(levels)
    values = dict(zip(LEVELS, levels, strict=True))
    return {
        "certified_valid": valid, **values, "level3_plus": sum(levels[2:]), "ever_certified": valid + 40,
        "pilots": 2, "guanbiao": valid + 45, "self_assessed": 7, "self_assessed_level3_plus": 0,
        "change_12_months": change, "expiring": expiring,
    }  # fmt: skip


def regions_table(hide_everything: bool = False) -> Table:
    """Shandong by city: Jinan and Qingdao summed into the province subtotal and the total; or, with
    ``hide_everything``, Tibet's two cities whose every count is a small group."""
    labels = {
        "certified_valid": "有效证书", "level3_plus": "L3+", "ever_certified": "累计获证", "pilots": "试点",
        "guanbiao": "贯标单位", "self_assessed": "自评", "self_assessed_level3_plus": "自评 L3+",
        "change_12_months": "12 个月变化", "expiring": "90 天内到期",
    }  # fmt: skip
    columns = [Column(key, labels.get(key, key.replace("level_", "L"))) for key in REGION_COLUMNS]
    if hide_everything:
        lhasa, shigatse = _region([1, 2, 1, 0, 0], 1, 1), _region([0, 1, 2, 0, 0], 0, 1)
        both = {key: lhasa[key] + shigatse[key] for key in lhasa}
        every = set(REGION_COLUMNS)
        rows = [
            _row("region", "540100", "拉萨市", lhasa, every, parent="54"),
            _row("region", "540200", "日喀则市", shigatse, every, parent="54"),
            _row("total", "total", "合计（西藏自治区）", both, every),
        ]
        return Table("regions", "各城市持有效证书单位", columns, rows)
    jinan = _region([12, 3100, 2400, 900, 88], -39, 41)
    qingdao = _region([7, 2200, 1500, 600, 96], 120, 3)
    shandong = {key: jinan[key] + qingdao[key] for key in jinan}
    rows = [
        _row("region", "370100", "济南市", jinan, set(), parent="37"),
        _row("region", "370200", HOSTILE, qingdao, {"expiring", "level_1"}, parent="37"),
        _row("subtotal", "37", "山东省 合计", shandong, set()),
        _row("total", "total", "合计（全国）", shandong, set()),
    ]
    return Table("regions", "各城市持有效证书单位", columns, rows, notes=["城市按 GB/T 2260 划分。"])


def targets_table(count_hidden: bool = False) -> Table:
    columns = [
        Column("metric", "指标", numeric=False),
        Column("target", "目标"),
        Column("deadline", "截止", numeric=False),
        Column("count", "当前"),
        Column("missing", "距目标还差"),
        Column("percent", "完成%"),
        Column("projected", "预计"),
        Column("status", "状态", numeric=False),
    ]
    rows = [
        Row("region", "1", "全国", cells={
            "metric": Cell("贯标单位"), "target": Cell(300), "deadline": Cell("2027-12-31"),
            "count": Cell(8903, hidden=count_hidden), "missing": Cell(0), "percent": Cell(2967.7, hidden=count_hidden),
            "projected": Cell(9400, hidden=count_hidden), "status": Cell("已达成"),
        }),
        Row("region", "2", "山东省", cells={
            "metric": Cell("稳健级及以上"), "target": Cell(8000), "deadline": Cell("2026-12-31"),
            "count": Cell(7974), "missing": Cell(26), "percent": Cell(99.7), "projected": Cell(7990),
            "status": Cell("进度落后"),
        }),
    ]  # fmt: skip
    return Table("targets", "目标", columns, rows)


def levels_table(key: str, title: str, label: str) -> Table:
    columns = [*(Column(level, level.replace("level_", "L")) for level in LEVELS), Column("total", "合计")]
    first = {"level_1": 3, "level_2": 4100, "level_3": 2600, "level_4": 900, "level_5": 2, "total": 7605}
    second = {"level_1": 16, "level_2": 1200, "level_3": 1300, "level_4": 600, "level_5": 182, "total": 3298}
    both = {column: first[column] + second[column] for column in first}
    rows = [
        _row("region", label, label, first, {"level_1", "level_5"}),
        _row("others", "others", "其他", second, set()),
        _row("total", "total", "合计", both, set()),
    ]
    return Table(key, title, columns, rows)  # type: ignore[arg-type]


def sample_publication(
    *, exact: bool = False, lang: Language = "zh", synthetic: bool = True, hide_everything: bool = False
) -> Publication:
    banners = [SYNTHETIC] if synthetic else []
    if exact:
        banners.append(EXACT)
    return Publication(
        title="DCMM 贯标与评估进展 · 山东省",
        as_of=dt.date(2026, 11, 30),
        lang=lang,
        threshold=5,
        exact=exact,
        banners=banners,
        tables=[
            targets_table(),
            regions_table(hide_everything),
            levels_table("industries", "按行业（有效证书）", "制造业"),
            levels_table("years", "按年份（发证数）", "2025"),
        ],
    )


def national_publication(regions: int = 31) -> Publication:
    """A national report of ``regions`` provinces of different sizes, a target and both breakdowns: long
    enough that its tables and chart must be laid out over pages."""
    labels = {"certified_valid": "有效证书", "change_12_months": "12 个月变化", "expiring": "90 天内到期"}
    columns = [Column(key, labels.get(key, key.replace("level_", "L"))) for key in REGION_COLUMNS]
    rows = []
    for index in range(regions):
        levels = [3 + index % 4, 20 + 7 * index, 15 + 5 * index, 4 + index, index % 6]
        values = _region(levels, index - 10, index % 9)
        small = {column for column, value in values.items() if 0 < value < 5}
        rows.append(_row("region", f"{11 + index}", f"第{index + 1}省", values, small))
    total = {key: sum(int(row.cells[key].value or 0) for row in rows) for key in REGION_COLUMNS}
    rows.append(_row("total", "total", "合计（全国）", total, set()))
    publication = sample_publication()
    publication.tables = [
        targets_table(),
        Table("regions", "各省持有效证书单位", columns, rows),
        *publication.tables[2:],
    ]
    publication.title = "DCMM 贯标与评估进展 · 全国"
    return publication
