"""Every command's --help in both languages, the exit-code table, the README's commands, and a fast start."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import click
import pytest

from dcmm.cli import EXIT_CODES
from dcmm.cli.options import RULE_NAMES
from dcmm.core.scoring import SCORING_RULES
from dcmm.i18n import Language, text
from tests.cli.running import command_paths, parse_only, run

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = list(command_paths())


def test_the_tree_holds_every_command() -> None:
    top = {path[0] for path in COMMANDS}
    assert top == {
        "assess", "compare", "completion", "convert", "doctor", "evidence", "merge", "migrate", "plan", "questionnaire",
        "quick-scan", "readiness", "report", "schema", "score", "serve", "template", "tracker",
    }  # fmt: skip
    assert ("tracker", "target", "add") in COMMANDS and ("quick-scan", "ask") in COMMANDS


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("path", [(), *COMMANDS], ids=lambda p: " ".join(p) or "dcmm")
def test_help_of_every_command_in_both_languages(
    monkeypatch: pytest.MonkeyPatch, path: tuple[str, ...], language: Language
) -> None:
    monkeypatch.setenv("DCMM_LANG", language)
    result = run(*path, "--help")
    assert result.code == 0, result.err
    assert result.out.startswith("Usage: dcmm") and result.err == ""
    assert text("cli.help_option", language) in result.out  # the help option itself speaks the language


def test_help_texts_differ_between_the_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DCMM_LANG", "zh")
    chinese = run("score", "--help").out
    monkeypatch.setenv("DCMM_LANG", "en")
    english = run("score", "--help").out
    assert "校验答卷并评分" in chinese and "validate and score answer files" in english


def test_lang_before_help_chooses_the_help_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DCMM_LANG", raising=False)
    assert "validate and score answer files" in run("score", "--lang", "en", "--help").out
    assert "校验答卷并评分" in run("score", "--help").out


def test_lang_before_the_command_sets_the_whole_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DCMM_LANG", raising=False)
    assert "certificate lists" in run("--lang", "en", "tracker", "--help").out
    result = run("--lang", "zh", "score", "does-not-exist.json")
    assert result.code == 1 and result.err.startswith("错误：")


def test_top_help_shows_the_exit_codes_and_completion(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DCMM_LANG", "en")
    out = run("--help").out
    for code, key in EXIT_CODES:
        assert re.search(rf"^\s+{code}\s+{re.escape(text(key, 'en')[:30])}", out, re.MULTILINE), code
    assert "_DCMM_COMPLETE=bash_source dcmm" in out
    assert [code for code, _ in EXIT_CODES] == [0, 1, 2, 3, 4, 130]


def test_rule_names_agree_with_the_scoring_core() -> None:
    assert sorted(RULE_NAMES) == sorted(SCORING_RULES)


def _readme_commands() -> list[list[str]]:
    """Every ``dcmm …`` command in the README's code blocks (comments, pipes and && split off)."""
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", (ROOT / "README.md").read_text("utf-8"), re.MULTILINE | re.DOTALL)
    commands = []
    for line in "\n".join(blocks).replace("\\\n", " ").splitlines():
        if not line.lstrip().removeprefix("$ ").startswith("dcmm "):
            continue
        words = shlex.split(line.lstrip().removeprefix("$ "), comments=True)
        current: list[str] = []
        for word in [*words, "&&"]:
            if word in ("&&", "|", ";", "||"):
                if len(current) > 1 and current[0] == "dcmm":
                    commands.append(current[1:])
                current = []
            else:
                current.append(word)
    return commands


README_COMMANDS = _readme_commands()


def test_the_readme_has_commands_to_check() -> None:
    assert len(README_COMMANDS) >= 25


@pytest.mark.parametrize("argv", README_COMMANDS, ids=shlex.join)
def test_readme_commands_parse(argv: list[str]) -> None:
    assert isinstance(parse_only(argv), click.Command)


def test_a_bad_command_line_does_not_parse() -> None:
    with pytest.raises(click.UsageError):
        parse_only(["score", "x.json", "--target", "9"])


def test_tracker_help_starts_light() -> None:
    probe = (
        "import io, sys; from dcmm.cli import Context, main; main(['tracker', 'progress', '--help'], "
        "Context(io.StringIO())); print(sorted(m for m in ('sqlalchemy', 'rich', 'textual', 'weasyprint', "
        "'pydantic', 'alembic') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


def _complete(words: str) -> str:
    """What the shell is offered for ``words`` (the last one being completed), as bash asks for it."""
    environment = os.environ | {
        "_DCMM_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "dcmm"]
    return subprocess.run(command, capture_output=True, text=True, env=environment, check=True).stdout


def test_completion_scripts_and_answers() -> None:
    for shell in ("bash", "zsh"):
        result = run("completion", shell)
        assert result.code == 0 and "_DCMM_COMPLETE" in result.out
    assert run("completion", "fish").code == 2
    assert "plain,tracker" in _complete("dcmm tra")
    assert "plain,gbt36073-2018" in _complete("dcmm template --edition gbt")


def test_the_docs_quote_the_exit_code_table() -> None:
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for code, key in EXIT_CODES:
        assert f"| {code} | {text(key, 'en')} |" in page
