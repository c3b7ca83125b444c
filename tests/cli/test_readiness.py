"""dcmm readiness: text and JSON in both languages, --target, and its exit codes (0 ready, 4 not, 1 bad input)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.running import run
from tests.conftest import EXAMPLES

READY = str(EXAMPLES / "03-00003-gbt36073-2018.json")  # 甲方, target 4, every prerequisite answered
PROVIDER = str(EXAMPLES / "04-00004-gbt36073-2018.json")  # 乙方, no prerequisites section


def test_a_file_meeting_everything_exits_0_in_both_languages() -> None:
    english = run("readiness", READY, "--lang", "en")
    assert english.code == 0, english.err
    assert "Ready: all 8 prerequisites met." in english.out
    assert "met      Full-time data-management staff: 6 people (needed: at least 2 people" in english.out
    assert "sources disagree (agency-2026-level-3: 10,000,000 yuan at level 3;" in english.out
    assert "[q-ing-2551]" in english.out and "read 2026-12-03" in english.out
    chinese = run("readiness", READY, "--lang", "zh")
    assert chinese.code == 0 and "可以申请：8 项条件全部满足。" in chinese.out
    assert "专职数据管理人员：6 人（门槛：不少于 2 人" in chinese.out


def _variant(tmp_path: Path, **prerequisites: object) -> str:
    data = json.loads(Path(READY).read_text("utf-8"))
    data["prerequisites"].update(prerequisites)
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    return str(path)


def test_a_higher_target_finds_the_unmet_and_exits_4(tmp_path: Path) -> None:
    path = _variant(tmp_path, headcount=3000)
    assert run("readiness", path, "--format", "json").code == 0  # the file's own target, 4: 50 people
    result = run("readiness", path, "--target", "5", "--lang", "en", "--format", "json")
    assert result.code == 4
    data = json.loads(result.out)
    assert data["format"] == "dcmm-readiness/1" and data["target_level"] == 5 and data["ready"] is False
    assert [c["id"] for c in data["checks"] if c["status"] == "unmet"] == ["headcount"]
    assert data["counts"] == {"met": 7, "unmet": 1, "unknown": 0}


def test_an_unanswered_section_is_unknown_and_exits_4() -> None:
    result = run("readiness", PROVIDER, "--lang", "en")
    assert result.code == 4
    assert result.out.count("unknown  ") == 3 and "Not ready: 0 met, 0 unmet, 3 unknown" in result.out
    assert "list no conditions specific to 乙方" in result.out


def test_no_party_type_is_said_and_exits_4(tmp_path: Path) -> None:
    data = json.loads(Path(READY).read_text("utf-8"))
    del data["organisation"]["party_type"]
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = run("readiness", str(path), "--lang", "en")
    assert result.code == 4 and "The party type is not given" in result.out


def test_bad_input_exits_1_with_a_located_error(tmp_path: Path) -> None:
    path = _variant(tmp_path, tools=-2)
    result = run("readiness", path)
    assert result.code == 1 and result.out == ""
    assert f"{path}:" in result.err and "prerequisites.tools" in result.err
