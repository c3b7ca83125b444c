"""Crosswalks: hostile YAML given to ``dcmm migrate --crosswalk``; the answer file is never changed and no
migrated file is written when the crosswalk is refused."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.badinput.harness import REPOSITORY, Case, Outcome, example_answers, run_case
from tests.badinput.makers import line_of, sparse

CROSSWALK = (REPOSITORY / "questionnaires" / "crosswalk" / "gbt36073-2018--gbt36073-2025.yaml").read_text("utf-8")
GOOD = example_answers(1)


def migrate(crosswalk: str = "cw.yaml") -> tuple[str, ...]:
    return ("migrate", "good.json", "--to", "gbt36073-2025", "-o", "new.json", "--crosswalk", crosswalk)


def edited(old: str, new: str) -> str:
    assert old in CROSSWALK, old
    return CROSSWALK.replace(old, new, 1)


def migrated(folder: Path, outcome: Outcome) -> None:
    assert (folder / "new.json").read_bytes().startswith(b"{"), outcome.err


BOMB = "\n".join(
    ['lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"lol{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 10)]
)
# Read from the bundled crosswalk, whose content version and criterion ids change with the questionnaires.
DATA_VERSION = re.search(r'^data_version: "[^"]*"$', CROSSWALK, re.MULTILINE)[0]  # type: ignore[index]
DV_LINE = line_of(CROSSWALK, "data_version")
FIRST = re.search(r'\{from: "([0-9.]+)", to: "([0-9.]+)"\}', CROSSWALK)
assert FIRST is not None
FIRST_CRITERION, SOURCE, TARGET = FIRST[0], FIRST[1], FIRST[2]
UNKNOWN_SOURCE = edited(FIRST_CRITERION, f'{{from: "6.1.1.99", to: "{TARGET}"}}')  # no level holds 99 criteria
UNKNOWN_TARGET = edited(FIRST_CRITERION, f'{{from: "{SOURCE}", to: "6.1.9.9"}}')  # there is no level 9
UNKNOWN_ITEM = edited('{from: "6.2", to: ["6.2"]}', '{from: "6.2", to: ["66.2"]}')
TWICE = edited("to: gbt36073-2025\n", "to: gbt36073-2025\nto: gbt36073-2025\n")

CASES = [
    Case(
        "crosswalk-alias-bomb",
        migrate(),
        {"cw.yaml": edited(DATA_VERSION, DATA_VERSION + "\n" + BOMB), "good.json": GOOD},
        names=(f"cw.yaml:{DV_LINE + 2}", "YAML alias"),
    ),
    Case(
        "crosswalk-february-30",
        migrate(),
        {"cw.yaml": edited(DATA_VERSION, DATA_VERSION + "\ncompiled: 2025-02-30"), "good.json": GOOD},
        names=(f"cw.yaml:{DV_LINE + 1}", "not a date that exists"),
    ),
    Case(
        "crosswalk-number-of-5000-digits",
        migrate(),
        {"cw.yaml": edited(DATA_VERSION, "data_version: " + "9" * 5000), "good.json": GOOD},
        names=(f"cw.yaml:{DV_LINE}", "5000 digits"),
    ),
    Case(
        "crosswalk-unknown-source-criterion",
        migrate(),
        {"cw.yaml": UNKNOWN_SOURCE, "good.json": GOOD},
        names=(f"cw.yaml:{line_of(UNKNOWN_SOURCE, '6.1.1.99')}", "6.1.1.99"),
    ),
    Case(
        "crosswalk-unknown-target-criterion",
        migrate(),
        {"cw.yaml": UNKNOWN_TARGET, "good.json": GOOD},
        names=(f"cw.yaml:{line_of(UNKNOWN_TARGET, '6.1.9.9')}", "6.1.9.9"),
    ),
    Case(
        "crosswalk-unknown-target-item",
        migrate(),
        {"cw.yaml": UNKNOWN_ITEM, "good.json": GOOD},
        names=(f"cw.yaml:{line_of(UNKNOWN_ITEM, '66.2')}", "66.2"),
    ),
    Case(
        "crosswalk-unknown-edition",
        migrate(),
        {"cw.yaml": edited("from: gbt36073-2018", "from: gbt36073-1999"), "good.json": GOOD},
        names=(f"cw.yaml:{line_of(CROSSWALK, 'from: gbt')}", "gbt36073-1999"),
    ),
    Case(
        "crosswalk-key-twice",
        migrate(),
        {"cw.yaml": TWICE, "good.json": GOOD},
        names=(f"cw.yaml:{line_of(CROSSWALK, 'to: gbt') + 1}", "'to' appears twice"),
    ),
    Case(
        "crosswalk-python-tag",
        migrate(),
        {"cw.yaml": edited(DATA_VERSION, "data_version: !!python/object/apply:os.system [echo]"), "good.json": GOOD},
        names=(f"cw.yaml:{DV_LINE}", "python/object"),
    ),
    Case(
        "crosswalk-deep",
        migrate(),
        {"cw.yaml": edited(DATA_VERSION, DATA_VERSION + "\nextra: " + "[" * 50 + "]" * 50), "good.json": GOOD},
        names=(f"cw.yaml:{DV_LINE + 1}", "32 levels"),
    ),
    Case(
        "crosswalk-utf16",
        migrate(),
        {"cw.yaml": CROSSWALK.encode("utf-16"), "good.json": GOOD},
        names=("cw.yaml:1", "looks like UTF-16"),
    ),
    Case(
        "crosswalk-gbk",
        migrate(),
        {"cw.yaml": CROSSWALK.encode("gbk"), "good.json": GOOD},
        names=(f"cw.yaml:{line_of(CROSSWALK, '本对照表')}", "looks like GBK"),
    ),
    Case(
        "crosswalk-nul-byte",
        migrate(),
        {"cw.yaml": edited("data_version", "data\x00version"), "good.json": GOOD},
        names=(f"cw.yaml:{DV_LINE}", "NUL byte"),
    ),
    Case(
        "crosswalk-escape-character",
        migrate(),
        {"cw.yaml": edited("Compiled by this project", "Compiled \x1b[2J by this project"), "good.json": GOOD},
        names=(f"cw.yaml:{line_of(CROSSWALK, 'Compiled by')}", "0x001b"),
    ),
    Case("crosswalk-empty", migrate(), {"cw.yaml": "# nothing\n", "good.json": GOOD}, names=("cw.yaml", "is empty")),
    Case(
        "crosswalk-a-list",
        migrate(),
        {"cw.yaml": "- 1\n- 2\n", "good.json": GOOD},
        names=("cw.yaml", "valid dictionary"),
    ),
    Case(
        "crosswalk-not-yaml",
        migrate(),
        {"cw.yaml": edited("items:\n", "items:\n\t- {from: 6.1"), "good.json": GOOD},
        names=(f"cw.yaml:{line_of(CROSSWALK, 'items:') + 1}", "not valid YAML"),
    ),
    Case(
        "crosswalk-folder",
        migrate("cw"),
        {"cw": lambda path: path.mkdir(), "good.json": GOOD},
        names=("cw", "is a folder"),
    ),
    Case(
        "crosswalk-fifo",
        migrate(),
        {"cw.yaml": os.mkfifo, "good.json": GOOD},
        names=("cw.yaml", "not a regular file"),
        timeout=15,
    ),
    Case(
        "crosswalk-dev-zero",
        migrate(),
        {"cw.yaml": lambda path: path.symlink_to("/dev/zero"), "good.json": GOOD},
        names=("cw.yaml", "not a regular file"),
        timeout=15,
    ),
    Case(
        "crosswalk-too-big",
        migrate(),
        {"cw.yaml": sparse(5 << 20, b"from: x\n"), "good.json": GOOD},
        names=("cw.yaml", "larger than 1 MiB"),
    ),
    Case("crosswalk-missing", migrate(), {"good.json": GOOD}, names=("cw.yaml", "file not found")),
    Case(
        "crosswalk-with-bom-is-read",
        migrate(),
        {"cw.yaml": b"\xef\xbb\xbf" + CROSSWALK.encode("utf-8"), "good.json": GOOD},
        exit=0,
        names=("",),  # a crosswalk that is read has no problem to name
        outputs=("new.json",),
        check=migrated,
    ),
]


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
