"""No terminal: the interactive commands run with stdin from /dev/null or a pipe and stdout to a file.

``dcmm assess`` prints a bad file's problems (exit 1) and refuses a good file or a new one in one line
(exit 2: the command cannot work the way it was run) rather than start a screen nobody sees.
``dcmm quick-scan ask`` says why when standard input gives nothing, and still takes answers piped in.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.badinput.harness import Case, Content, Outcome, example_answers, run_case
from tests.badinput.makers import fifo, symlink

GOOD: dict[str, Content] = {"a.json": example_answers(1)}
NO_TERMINAL = "not a terminal"
SCAN_ANSWERS = b"Example Org\n3\n\n9\n2\nq\n"  # 6.1 -> 3, 6.2 skipped, 6.3 a wrong reply then 2, then stop


def _levels(folder: Path, _outcome: Outcome) -> None:
    levels = json.loads((folder / "q.json").read_text(encoding="utf-8"))["quick_scan"]
    assert (levels["6.1"], levels["6.2"], levels["6.3"]) == (3, None, 2)


CASES = [
    Case("assess-bad-file", ("assess", "bad.json"), {"bad.json": "{"}, names=("bad.json:1",), timeout=15),
    Case("assess-invalid-answers", ("assess", "bad.json"), {"bad.json": '{"edition": "gbt36073-2018"}'}, timeout=15),
    Case("assess-good-file", ("assess", "a.json"), GOOD, exit=2, names=("a.json", NO_TERMINAL), timeout=15),
    Case("assess-good-file-piped-stdin", ("assess", "a.json"), GOOD, exit=2, names=(NO_TERMINAL,), stdin=b"q\n"),
    Case("assess-new-file", ("assess", "new.json"), exit=2, names=("new.json", NO_TERMINAL), timeout=15),
    Case("assess-no-file", ("assess",), exit=2, names=("dcmm assess", NO_TERMINAL), timeout=15),
    Case("assess-quick-scan-new", ("assess", "q.json", "--quick-scan"), exit=2, names=(NO_TERMINAL,), timeout=15),
    Case("assess-edition-no-file", ("assess", "--edition", "gbt36073-2018"), exit=2, names=(NO_TERMINAL,)),
    Case("assess-unknown-edition", ("assess", "--edition", "gbt00000-1999"), names=("gbt00000-1999",)),
    Case("assess-fifo", ("assess", "f.json"), {"f.json": fifo}, names=("f.json: is not a regular file",)),
    Case("assess-dangling-link", ("assess", "l.json"), {"l.json": symlink("gone.json")}, names=("l.json",)),
    Case("assess-folder", ("assess", "d"), {"d/a.json": example_answers(1)}, names=("d: is a folder",)),
    Case("ask-no-input", ("quick-scan", "ask", "-o", "q.json"), names=("standard input", "not a terminal")),
    Case("ask-name-but-no-input", ("quick-scan", "ask", "--name", "X", "-o", "q.json"), names=("no answers",)),
    Case("ask-empty-stdin", ("quick-scan", "ask", "-o", "q.json", "--lang", "en"), stdin=b"", names=("ended before",)),
    Case(
        "ask-piped-answers",
        ("quick-scan", "ask", "-o", "q.json", "--lang", "en"),
        exit=0,
        names=("wrote q.json",),
        outputs=("q.json",),
        stdin=SCAN_ANSWERS,
        stdout=("ESTIMATE",),
        check=_levels,
    ),
    Case(
        "ask-output-exists",
        ("quick-scan", "ask", "-o", "q.json"),
        {"q.json": "{}"},
        stdin=SCAN_ANSWERS,
        names=("q.json: exists already",),
    ),
    Case("ask-empty-output", ("quick-scan", "ask", "-o", ""), exit=2, names=("--output",)),
]


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
