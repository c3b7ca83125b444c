"""Report file names: safe on any file system, and never outside the output folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dcmm.report.naming import MAX_STEM_BYTES, output_path, report_stem, safe_component, unique_stem

FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)}


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_any_text_becomes_a_safe_name_component(text: str) -> None:
    name = safe_component(text)
    assert name and name not in {".", ".."}
    assert not set(name) & FORBIDDEN
    assert not name.startswith((".", " ")) and not name.endswith((".", " "))
    assert len(name.encode("utf-8")) <= MAX_STEM_BYTES


@given(st.text(), st.sampled_from(["", "2026-10-15"]), st.sampled_from([".pdf", "-findings.csv"]))
@settings(max_examples=200, deadline=None)
def test_any_organisation_name_stays_inside_the_output_folder(
    tmp_path_factory: pytest.TempPathFactory, name: str, date: str, suffix: str
) -> None:
    folder = tmp_path_factory.getbasetemp() / "out"
    path = output_path(folder, report_stem(name, date, "gbt36073-2018", "zh"), suffix)
    assert path.parent == folder.resolve()
    assert path.name.endswith(suffix)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "etc_passwd"),
        ("..", "organisation"),
        ("", "organisation"),
        ("CON", "_CON"),
        ("a\x00b", "ab"),
        ("示例·海岱城市商业银行（虚构）", "示例·海岱城市商业银行(虚构)"),
        ("C:\\Windows\\system32", "C_Windows_system32"),
    ],
)
def test_known_hostile_names(name: str, expected: str) -> None:
    assert report_stem(name, "", "gbt36073-2018", "zh") == f"{expected}_gbt36073-2018_zh"


def test_long_names_are_cut_on_a_character_boundary() -> None:
    name = safe_component("数据" * 200)
    assert len(name.encode("utf-8")) <= MAX_STEM_BYTES
    assert name == "数据" * (len(name) // 2)


def test_long_organisation_names_keep_date_edition_and_language() -> None:
    stem = report_stem("数据" * 200, "2026-10-15", "gbt36073-2018", "zh")
    assert stem.endswith("_2026-10-15_gbt36073-2018_zh")
    assert safe_component(stem) == stem
    assert len(f"{stem}-99-findings.xlsx".encode()) <= 255


def test_the_file_can_be_written(tmp_path: Path) -> None:
    path = output_path(tmp_path, report_stem('a/b\\c:*?"<>|', "2026-01-02", "gbt36073-2018", "en"), ".pdf")
    path.write_bytes(b"%PDF")
    assert list(tmp_path.iterdir()) == [path]


def test_unique_stems_ignore_case() -> None:
    taken: set[str] = set()
    assert [unique_stem(s, taken) for s in ("Org", "org", "ORG", "other")] == ["Org", "org-2", "ORG-3", "other"]
