"""Regions for the tracker: GB/T 2260 provinces (from the core) and the prefecture-level cities we know."""

from __future__ import annotations

import re
from functools import lru_cache

from dcmm.core.identifiers import PROVINCE_NAMES, PROVINCE_NAMES_EN, province_code
from dcmm.i18n import Language, text

NATIONAL = "CN"

# GB/T 2260 prefecture-level codes: all of Shandong (the plan the tracker ships a target for), every
# provincial capital and the larger cities that pay DCMM rewards. Other cities are kept by name.
CITIES: tuple[tuple[str, str], ...] = (
    ("110100", "北京市"),
    ("120100", "天津市"),
    ("130100", "石家庄市"),
    ("140100", "太原市"),
    ("150100", "呼和浩特市"),
    ("210100", "沈阳市"),
    ("210200", "大连市"),
    ("220100", "长春市"),
    ("230100", "哈尔滨市"),
    ("310100", "上海市"),
    ("320100", "南京市"),
    ("320200", "无锡市"),
    ("320500", "苏州市"),
    ("330100", "杭州市"),
    ("330200", "宁波市"),
    ("330300", "温州市"),
    ("340100", "合肥市"),
    ("350100", "福州市"),
    ("350200", "厦门市"),
    ("360100", "南昌市"),
    ("370100", "济南市"),
    ("370200", "青岛市"),
    ("370300", "淄博市"),
    ("370400", "枣庄市"),
    ("370500", "东营市"),
    ("370600", "烟台市"),
    ("370700", "潍坊市"),
    ("370800", "济宁市"),
    ("370900", "泰安市"),
    ("371000", "威海市"),
    ("371100", "日照市"),
    ("371300", "临沂市"),
    ("371400", "德州市"),
    ("371500", "聊城市"),
    ("371600", "滨州市"),
    ("371700", "菏泽市"),
    ("410100", "郑州市"),
    ("420100", "武汉市"),
    ("430100", "长沙市"),
    ("440100", "广州市"),
    ("440300", "深圳市"),
    ("440600", "佛山市"),
    ("441900", "东莞市"),
    ("450100", "南宁市"),
    ("460100", "海口市"),
    ("500100", "重庆市"),
    ("510100", "成都市"),
    ("520100", "贵阳市"),
    ("530100", "昆明市"),
    ("540100", "拉萨市"),
    ("610100", "西安市"),
    ("620100", "兰州市"),
    ("630100", "西宁市"),
    ("640100", "银川市"),
    ("650100", "乌鲁木齐市"),
)
CITY_NAMES: dict[str, str] = dict(CITIES)
_CITY_BY_NAME: dict[tuple[str, str], str] = {}
for _code, _name in CITIES:
    _CITY_BY_NAME[(_code[:2], _name)] = _code
    _CITY_BY_NAME[(_code[:2], _name.removesuffix("市"))] = _code


def region_name(code: str, lang: Language = "zh") -> str:
    """The name of a province (2 digits), city (6 digits) or the whole country."""
    if code == NATIONAL:
        return text("tracker.national", lang)
    if len(code) == 2:
        return (PROVINCE_NAMES if lang == "zh" else PROVINCE_NAMES_EN).get(code, code)
    return CITY_NAMES.get(code, code)


@lru_cache(maxsize=4096)
def parse_city(value: str, province: str) -> tuple[str | None, str]:
    """(GB/T 2260 code or None, name) of a city in ``province``; raises ValueError on a contradiction.

    A six-digit code must lie in the province. A name we do not know is kept as written, without a code.
    """
    text = re.sub(r"\s+", "", value)
    if re.fullmatch(r"\d{6}", text):
        if text[:2] != province:
            raise ValueError(f"city code {text} is not in province {province} ({region_name(province)})")
        city_code = text[:4] + "00"
        return city_code, CITY_NAMES.get(city_code, city_code)
    code = _CITY_BY_NAME.get((province, text))
    if code is None:
        for other, name in CITIES:
            if text in (name, name.removesuffix("市")) and other[:2] != province:
                raise ValueError(f"city {text} is in {region_name(other[:2])}, not in {region_name(province)}")
        return None, text
    return code, CITY_NAMES[code]


def parse_region(value: str) -> str:
    """A region given on the command line: ``CN``/``全国``, a province (code or name) or a city code."""
    text = value.strip()
    if text.upper() == NATIONAL or text in {"全国", "national", "China", "china"}:
        return NATIONAL
    if re.fullmatch(r"\d{6}", text) and not text.endswith("0000"):
        province_code(text[:2])
        return text[:4] + "00"
    try:
        return province_code(text)
    except ValueError:
        for code, name in CITIES:
            if text in (name, name.removesuffix("市")):
                return code
        raise
