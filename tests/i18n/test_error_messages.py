"""Problems with input files are shown in the language asked for; without one, in today's English words."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from dcmm.core.errors import Problem
from dcmm.files.problems import problem, problem_text
from dcmm.i18n import catalogue

SOURCE = Path(__file__).resolve().parents[2] / "dcmm"
# problem(file, "key", …), refusal(file, "key", …) and _refuse(output, "key", …)
KEY_USE = re.compile(r"""\b(?:problem|refusal|_refuse)\(\s*[^,()]+(?:\([^()]*\))?,\s*["']([a-z0-9_]+)["']""")


def test_every_problem_key_the_code_uses_exists() -> None:
    used = {key for path in SOURCE.rglob("*.py") for key in KEY_USE.findall(path.read_text(encoding="utf-8"))}
    assert len(used) >= 15
    assert sorted(key for key in used if f"errors.{key}" not in catalogue("en")) == []


def test_the_english_text_is_the_message_and_the_place_is_kept() -> None:
    found = problem("a.json", "key_twice", 3, "answers", key="6.1.1.1")
    assert str(found) == "a.json:3: answers: key '6.1.1.1' appears twice"
    assert problem_text(found, "en") == str(found)
    assert problem_text(found, "zh") == "a.json:3: answers: 键 '6.1.1.1' 出现了两次"


def test_a_problem_without_a_key_is_shown_as_it_is() -> None:
    plain = Problem("a.json", "something odd", 2)
    assert problem_text(plain, "zh") == "a.json:2: something odd"


def _score(tmp_path: Path, *options: str) -> str:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format_version": "1.0", "edition": "gbt36073-2018", "oops": 1}', encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "dcmm", *options, "score", str(bad), str(tmp_path / "missing.json")],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    return run.stderr


def test_lang_zh_shows_the_problems_in_chinese(tmp_path: Path) -> None:
    stderr = _score(tmp_path, "--lang", "zh")
    assert "bad.json:1: oops: 未知的键（不属于该格式）" in stderr
    assert "bad.json:1: organisation: 必填但缺失" in stderr
    assert "missing.json: 文件不存在" in stderr


@pytest.mark.parametrize("options", [(), ("--lang", "en")])
def test_english_by_default_and_when_asked(tmp_path: Path, options: tuple[str, ...]) -> None:
    stderr = _score(tmp_path, *options)
    assert "bad.json:1: oops: unknown key (not part of the format)" in stderr
    assert "missing.json: file not found" in stderr
