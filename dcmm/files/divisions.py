"""The GB/T 2260 division table: every province, prefecture-level city and county-level division, with former
names and codes, read from ``dcmm/files/data/divisions.tsv`` (its header names the source and its date).

The table is read on first use and kept (:func:`table`): nothing is read when the module is imported.

Levels and the city a division lies in:

- a province (``PP0000``) is kept under its two-digit code ``PP``;
- a prefecture-level city (``PPCC00``) is its own city; a city without counties (东莞 441900, 中山 442000)
  is one too;
- a municipality (北京, 天津, 上海, 重庆) is its own prefecture-level unit, coded ``PP0100`` as the credit codes
  and the older editions of GB/T 2260 write it (110100 北京市市辖区); its districts and counties lie in it;
- a county-level division lies in the city ``PPCC00`` when that is a city, and otherwise is directly under
  its province (省直辖县级行政区划 such as 仙桃市 429004, 济源市 419001): it then stands as its own city.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

__all__ = ["DATA_FILE", "MUNICIPALITIES", "Division", "DivisionTable", "Former", "english_names", "short_name", "table"]

DATA_FILE = "divisions.tsv"
EN_FILE = "divisions-en.tsv"
MUNICIPALITIES = ("11", "12", "31", "50")
PROVINCE, CITY, COUNTY = "province", "city", "county"

# The 55 minority nationalities, as autonomous prefectures, counties and banners name them: 恩施土家族苗族自治州
# is called 恩施, 巴音郭楞蒙古自治州 巴音郭楞.
_NATIONALITIES = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|"
    "柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|"
    "京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各"
)
_AUTONOMOUS = re.compile(rf"^(.{{2,}}?)(?:(?:{_NATIONALITIES})族?)+自治(?:州|县|旗)$")
_SUFFIX = re.compile(r"^(.{2,}?)(?:特别行政区|自治区|地区|林区|新区|市|盟|县|区|旗|省)$")


def short_name(name: str) -> str | None:
    """The name without its kind (咸阳市 → 咸阳, 恩施土家族苗族自治州 → 恩施), or None when it has no shorter form."""
    match = _AUTONOMOUS.match(name) or _SUFFIX.match(name)
    return match.group(1) if match else None


@dataclass(frozen=True, slots=True)
class Division:
    """One current division: its code (two digits for a province, six otherwise), name and place in the table."""

    code: str
    name: str
    level: str  # province | city | county
    province: str
    city: str | None  # the prefecture-level unit it lies in (its own code for a city); None for a province

    @property
    def county(self) -> str | None:
        return self.code if self.level == COUNTY else None


@dataclass(frozen=True, slots=True)
class Former:
    """A former name or code: what it was called, and the current divisions it became."""

    code: str
    name: str
    now: tuple[str, ...]
    until: int


@dataclass
class DivisionTable:
    """The divisions by code and by name (full, short and former), built once from the data file."""

    divisions: dict[str, Division] = field(default_factory=dict)
    former: dict[str, Former] = field(default_factory=dict)  # former codes (not current ones), by code
    by_name: dict[str, list[Division]] = field(default_factory=dict)
    by_short_name: dict[str, list[Division]] = field(default_factory=dict)
    by_former_name: dict[str, list[tuple[Former, Division]]] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)  # a city's or province's codes, itself included
    source: str = ""

    def get(self, code: str) -> Division | None:
        """The current division of a code: a current code, a province's ``PP0000``, or a former code."""
        if len(code) == 6 and code.endswith("0000"):
            code = code[:2]
        division = self.divisions.get(code)
        if division is None and code in self.former:
            division = self.successor(self.former[code])
        return division

    def successor(self, former: Former) -> Division | None:
        """What a former division is now: the one division it became, or the one city all of them lie in."""
        now = [self.divisions[code] for code in former.now if code in self.divisions]
        if len(now) == 1 and not (len(former.code) == 6 and former.code[4:] == "00" and now[0].level == COUNTY):
            return now[0]
        cities = {d.city for d in now}
        if len(cities) == 1 and None not in cities:
            city = next(iter(cities))
            assert city is not None
            return self.divisions[city]
        return None

    def codes_within(self, code: str) -> list[str]:
        """Every code stored rows of the division ``code`` can carry: its own, its members', their former codes."""
        return self.members.get(code, [code])

    def cities(self) -> list[Division]:
        return [d for d in self.divisions.values() if d.level == CITY]


def _level_and_city(code: str, divisions: dict[str, Division]) -> tuple[str, str | None]:
    if code.endswith("0000"):
        return PROVINCE, None
    province = code[:2]
    if province in MUNICIPALITIES:
        return (CITY, code) if code == province + "0100" else (COUNTY, province + "0100")
    if code.endswith("00"):
        return CITY, code
    city = code[:4] + "00"
    return COUNTY, city if city in divisions else code


def _add(index: dict[str, list[Division]], key: str | None, division: Division) -> None:
    if key:
        found = index.setdefault(key, [])
        if division not in found:
            found.append(division)


def _parse(lines: list[str]) -> DivisionTable:
    found = DivisionTable()
    current: list[tuple[str, str]] = []
    former: list[Former] = []
    header = True
    for line in lines:
        if line.startswith("#"):
            found.source += line[1:].strip() + " "
            continue
        if header:  # the column names
            header = False
            continue
        if not line.strip():
            continue
        code, name, now, until = line.rstrip("\n").split("\t")
        if now:
            former.append(Former(code, name, tuple(now.split(";")), int(until)))
        else:
            current.append((code, name))
    divisions = found.divisions
    for code, name in current:  # cities before their counties: the file is sorted by code
        if code.endswith("0000"):
            province = code[:2]
            divisions[province] = Division(province, name, PROVINCE, province, None)
            if province in MUNICIPALITIES:
                divisions[province + "0100"] = Division(province + "0100", name, CITY, province, province + "0100")
            continue
        if code in divisions:
            continue
        level, city = _level_and_city(code, divisions)
        divisions[code] = Division(code, name, level, code[:2], city)
    for division in divisions.values():
        _add(found.by_name, division.name, division)
        if division.level != PROVINCE:
            _add(found.by_short_name, short_name(division.name), division)
            members = found.members
            members.setdefault(division.province, [division.province]).append(division.code)
            assert division.city is not None
            members.setdefault(division.city, [division.city])
            if division.city != division.code:
                members[division.city].append(division.code)
    for entry in former:
        successor = found.successor(entry)
        if successor is None:
            continue
        if entry.code not in divisions:
            found.former[entry.code] = entry
            for key in (successor.province, successor.city):
                if key is not None and entry.code not in found.members.setdefault(key, [key]):
                    found.members[key].append(entry.code)
        for key in (entry.name, short_name(entry.name)):
            if key:
                found.by_former_name.setdefault(key, []).append((entry, successor))
    return found


@cache
def table() -> DivisionTable:
    """The division table, read from the package's data file on first use."""
    text = resources.files("dcmm.files").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    return _parse(text.splitlines())


@cache
def english_names() -> dict[str, str]:
    """English names (Hanyu Pinyin with the kind: Jinan, Lixia District) of the cities and counties, by code,
    from ``divisions-en.tsv`` (made by scripts/division_names_en.py; its header says how), read on first use."""
    text = resources.files("dcmm.files").joinpath("data", EN_FILE).read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines()[1:] if line and not line.startswith("#"))
    return {code: name for code, name in rows if code != "code"}
