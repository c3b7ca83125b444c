"""Write dcmm/tracker/data/divisions-en.tsv: an English name (Hanyu Pinyin) for every current division.

    pip install pypinyin==0.55.0   # used by this script only, not by dcmm
    python scripts/division_names_en.py

The name is the pinyin of the division's name without its kind (咸阳市 → Xianyang), read by pypinyin with
the whole name as context, then the kind in English: a prefecture-level city is its name alone (Jinan); a
district, county, county-level city, banner, league, prefecture or autonomous area says which (Lixia
District, Shan County, Qufu City, Enshi Autonomous Prefecture — the nationalities an autonomous area is
named after are left out). Syllables are written together with an apostrophe before one that starts with
a, o or e (Xi'an, Lu'an). ``READINGS`` corrects the places whose characters pypinyin reads the wrong way
(朝阳 is Chaoyang, not Zhaoyang). It is a romanisation, not an official translation.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from pypinyin import Style, lazy_pinyin

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dcmm.files.divisions import _AUTONOMOUS, CITY, COUNTY, table

OUTPUT = Path(__file__).resolve().parents[1] / "dcmm" / "files" / "data" / "divisions-en.tsv"

# Place names pypinyin reads otherwise (a character with several readings, or a name from another language).
READINGS = {
    "长治": "Changzhi", "长春": "Changchun", "长沙": "Changsha", "长白": "Changbai", "长寿": "Changshou",
    "长安": "Chang'an", "长丰": "Changfeng", "长乐": "Changle", "长岛": "Changdao", "长清": "Changqing",
    "长兴": "Changxing", "长汀": "Changting", "长泰": "Changtai", "长阳": "Changyang", "长垣": "Changyuan",
    "长葛": "Changge", "长顺": "Changshun", "长武": "Changwu", "长宁": "Changning", "长海": "Changhai",
    "长岭": "Changling", "长治县": "Changzhi", "长子": "Zhangzi",
    "朝阳": "Chaoyang", "六安": "Lu'an", "六合": "Luhe", "六盘水": "Liupanshui", "单": "Shan",
    "莘": "Shen", "乐亭": "Laoting", "乐山": "Leshan", "乐清": "Yueqing", "乐陵": "Laoling",
    "东阿": "Dong'e", "厦门": "Xiamen", "蚌埠": "Bengbu", "番禺": "Panyu", "铅山": "Yanshan",
    "蔚": "Yu", "洪洞": "Hongtong", "巴音郭楞": "Bayingolin", "十堰": "Shiyan", "丽水": "Lishui",
    "丽江": "Lijiang", "大理": "Dali", "重庆": "Chongqing", "台州": "Taizhou", "天台": "Tiantai",
    "会理": "Huili", "会泽": "Huize", "会同": "Huitong", "会宁": "Huining", "会昌": "Huichang",
    "曲阜": "Qufu", "阿勒泰": "Altay", "喀什": "Kashgar", "和田": "Hotan", "乌鲁木齐": "Urumqi",
    "呼和浩特": "Hohhot", "拉萨": "Lhasa", "日喀则": "Xigaze", "哈尔滨": "Harbin", "齐齐哈尔": "Qiqihar",
}  # fmt: skip
KINDS = (  # the kind a name ends with, longest first, and its English word at county level
    ("特别行政区", "SAR"), ("自治州", "Autonomous Prefecture"), ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"), ("林区", "Forestry District"), ("新区", "New Area"), ("地区", "Prefecture"),
    ("市辖区", ""), ("区", "District"), ("县", "County"), ("市", "City"), ("旗", "Banner"), ("盟", "League"),
)  # fmt: skip


def romanise(chinese: str, context: str) -> str:
    """The pinyin of ``chinese`` as one word, read with ``context`` (the whole name) around it."""
    if chinese in READINGS:
        return READINGS[chinese]
    syllables = lazy_pinyin(context, style=Style.NORMAL)[: len(chinese)]
    word = syllables[0]
    for syllable in syllables[1:]:
        word += ("'" if syllable[:1] in "aoe" else "") + syllable
    return word.capitalize()


def english_name(name: str, level: str) -> str:
    kind, english = next(((k, e) for k, e in KINDS if name.endswith(k) and len(name) > len(k)), ("", ""))
    autonomous = _AUTONOMOUS.match(name)
    stem = autonomous.group(1) if autonomous else name[: len(name) - len(kind)]
    word = romanise(stem, name)
    if level == CITY and kind == "市":
        return word  # a prefecture-level city: its name alone
    return f"{word} {english}".strip()


def main() -> None:
    divisions = table().divisions
    lines = [
        "# English names of the current divisions of divisions.tsv: Hanyu Pinyin of the Chinese names and the",
        "# kind in English, made by scripts/division_names_en.py with pypinyin 0.55.0 on "
        f"{dt.date.today().isoformat()}, with",
        "# the corrections listed there. A romanisation, not an official translation. Tab-separated.",
        "code\tname_en",
    ]
    for code, division in sorted(divisions.items()):
        if division.level in (CITY, COUNTY):
            lines.append(f"{code}\t{english_name(division.name, division.level)}")
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(lines) - 4} names)")


if __name__ == "__main__":
    main()
