"""One output policy for every command that writes: never an input, never the tracker database, never an
existing file without --force; and -o with a format that writes no file is a usage error."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.running import run
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "01-00001-gbt36073-2018.json"
OLD_CONTENT = "keep me\n"


@pytest.fixture
def answer_file(tmp_path: Path) -> Path:
    return Path(shutil.copy(EXAMPLE, tmp_path / "answers.json"))


# command name → the arguments that make it write FILE (given the answer file and a scratch folder)
WRITERS: dict[str, Callable[[Path, Path, Path], list[str]]] = {
    "score": lambda answers, out, tmp: ["score", str(answers), "--format", "json", "-o", str(out)],
    "score csv": lambda answers, out, tmp: ["score", str(answers), "--format", "csv", "-o", str(out)],
    "template": lambda answers, out, tmp: ["template", "-o", str(out)],
    "schema": lambda answers, out, tmp: ["schema", "-o", str(out)],
    "questionnaire export": lambda answers, out, tmp: ["questionnaire", "export", "-o", str(out)],
    "migrate": lambda answers, out, tmp: ["migrate", str(answers), "--to", "gbt36073-2025", "-o", str(out)],
    "merge": lambda answers, out, tmp: ["merge", str(answers), str(answers), "-o", str(out)],
    "tracker progress": lambda answers, out, tmp: [
        "tracker",
        "progress",
        "--format",
        "json",
        "--db",
        str(tmp / "t.db"),
        "-o",
        str(out),
    ],
    "tracker demo-data": lambda answers, out, tmp: [
        "tracker",
        "demo-data",
        str(out.with_suffix(".csv")),
        "--rows",
        "5",
    ],
}
READING_INPUTS = ("score", "score csv", "migrate", "merge")


@pytest.mark.parametrize("name", list(WRITERS))
def test_an_existing_output_is_kept_without_force_and_replaced_with_it(
    name: str, answer_file: Path, tmp_path: Path
) -> None:
    argv = WRITERS[name](answer_file, tmp_path / "out.json", tmp_path)
    if name == "tracker progress":  # reading progress needs a tracker: it creates none
        assert run("tracker", "init", "--db", str(tmp_path / "t.db")).code == 0
    target = Path(next(a for a in argv if a.startswith(str(tmp_path / "out"))))
    target.write_text(OLD_CONTENT, encoding="utf-8")
    refused = run(*argv)
    assert refused.code == 1, refused.err
    assert "exists already; pass --force" in refused.err and len(refused.err.splitlines()) == 1
    assert target.read_text(encoding="utf-8") == OLD_CONTENT
    forced = run(*argv, "--force")
    assert forced.code == 0, forced.err
    assert target.read_text(encoding="utf-8") != OLD_CONTENT
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def _same_file(answers: Path) -> Path:
    return answers


def _symlink(answers: Path) -> Path:
    link = answers.with_name("link.json")
    link.symlink_to(answers)
    return link


def _hard_link(answers: Path) -> Path:
    link = answers.with_name("hard.json")
    os.link(answers, link)
    return link


@pytest.mark.parametrize("name", READING_INPUTS)
@pytest.mark.parametrize("alias", [_same_file, _symlink, _hard_link], ids=["itself", "symlink", "hard link"])
def test_an_input_is_never_the_output(
    name: str, alias: Callable[[Path], Path], answer_file: Path, tmp_path: Path
) -> None:
    before = answer_file.read_bytes()
    output = alias(answer_file)
    result = run(*WRITERS[name](answer_file, output, tmp_path), "--force")
    assert result.code == 1
    (line,) = result.err.splitlines()
    assert line == f"error: {output}: is an input file; inputs are never overwritten"
    assert answer_file.read_bytes() == before


def test_score_refuses_to_write_over_its_own_input(answer_file: Path) -> None:
    before = answer_file.read_bytes()
    result = run("score", str(answer_file), "-o", str(answer_file), "--format", "json")
    assert result.code == 1 and result.err.count("\n") == 1
    assert answer_file.read_bytes() == before


def test_an_input_found_in_a_folder_is_refused_too(answer_file: Path) -> None:
    result = run("score", str(answer_file.parent), "--format", "csv", "-o", str(answer_file), "--force")
    assert result.code == 1 and "is an input file" in result.err


def test_the_tracker_database_is_never_an_output(tmp_path: Path) -> None:
    database = tmp_path / "t.db"
    assert run("tracker", "init", "--db", str(database)).code == 0
    before = database.read_bytes()
    for fmt in ("json", "csv", "pdf"):
        result = run("tracker", "progress", "--db", str(database), "--format", fmt, "-o", str(database), "--force")
        assert result.code == 1 and "is the tracker database" in result.err
    assert database.read_bytes() == before


@pytest.mark.parametrize(
    "argv",
    [
        ["score", str(EXAMPLE), "--format", "table"],
        ["score", str(EXAMPLE)],
        ["score", str(EXAMPLE), "--pdf"],
        ["tracker", "progress", "--format", "table"],
    ],
    ids=["score --format table", "score (table by default)", "score --pdf", "tracker progress --format table"],
)
def test_output_with_a_format_that_writes_no_file_is_a_usage_error(argv: list[str], tmp_path: Path) -> None:
    output = tmp_path / "x.txt"
    result = (
        run(*argv, "-o", str(output), "--db", str(tmp_path / "t.db"))
        if "tracker" in argv
        else run(*argv, "-o", str(output))
    )
    assert result.code == 2 and "writes no file" in result.err
    assert not output.exists()


def test_report_keeps_existing_reports_without_force(tmp_path: Path) -> None:
    argv = ["report", str(EXAMPLE), "--format", "html", "--out", str(tmp_path), "--lang", "en"]
    first = run(*argv)
    assert first.code == 0
    (written,) = (Path(line) for line in first.out.split())
    written.write_text(OLD_CONTENT, encoding="utf-8")
    again = run(*argv)
    assert again.code == 1 and "exists already; pass --force" in again.err
    assert written.read_text(encoding="utf-8") == OLD_CONTENT
    assert run(*argv, "--force").code == 0
    assert written.read_text(encoding="utf-8") != OLD_CONTENT


def test_a_missing_output_folder_is_created(tmp_path: Path) -> None:
    output = tmp_path / "new" / "folder" / "blank.json"
    assert run("template", "-o", str(output)).code == 0
    assert output.exists()
