"""Formula injection: text from answer files and certificate lists that starts like a spreadsheet formula
(``=HYPERLINK(...)``, ``@SUM(1)``, a tab or carriage return before ``=``) comes out of every CSV and XLSX
writer quoted, read back with csv and openpyxl; numbers stay numbers."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from dcmm.files.cells import FORMULA_TRIGGERS, spreadsheet_cell, spreadsheet_row
from tests.badinput.harness import Case, Content, Outcome, example_answers, run_case
from tests.badinput.makers import HOSTILE_NAME, HOSTILE_NOTE, hostile_answers, inert_spreadsheets, inert_stdout

Check = Callable[[Path, Outcome], object]
HOSTILE: dict[str, Content] = {"h.json": hostile_answers(1)}
QUOTED_NAME = '"' + HOSTILE_NAME.replace('"', '""') + '"'
LIST = (
    "Organisation,Credit code,Province,City,Level,Certificate No,Issue date,Valid until\n"
    f"{QUOTED_NAME},91371700Y5G0BCJ72N,山东省,{HOSTILE_NOTE},3,-CERT-1,2023-06-01,2026-03-01\n"
)


def hostile_database(path: Path) -> None:
    """A tracker database that imported one certificate of an organisation with a hostile name."""
    listing = path.with_name("list.csv")
    listing.write_text(LIST, encoding="utf-8")
    command = [sys.executable, "-m", "dcmm", "tracker", "import", str(listing), "--db", str(path)]
    subprocess.run(command, check=True, capture_output=True, cwd=path.parent)


def both(*checks: Check) -> Check:
    def check(folder: Path, outcome: Outcome) -> None:
        for one in checks:
            one(folder, outcome)

    return check


BATCH_CHECK = both(
    inert_spreadsheets("out/*.*sv", least=0),  # every sheet is inert, the good organisation's too
    inert_spreadsheets("out/*.xlsx", least=0),
    inert_spreadsheets("out/=*", least=3),  # the hostile organisation's findings
    inert_spreadsheets("out/portfolio_*.?sv", least=2),  # its name and its report's file name
    inert_spreadsheets("out/portfolio_*.xlsx", least=2),
)
CASES = [
    Case(
        "score-csv-stdout", ("score", "h.json", "--format", "csv"), HOSTILE, exit=0, names=("",), check=inert_stdout()
    ),
    Case(
        "score-csv-file",
        ("score", "h.json", "--format", "csv", "-o", "s.csv"),
        HOSTILE,
        exit=0,
        names=("",),
        outputs=("s.csv",),
        check=inert_spreadsheets("s.csv"),
    ),
    Case(
        "score-csv-file-name",
        ("score", "=1+1.json", "--format", "csv"),
        {"=1+1.json": example_answers(2)},
        exit=0,
        names=("",),
        check=inert_stdout(),
    ),
    Case(
        "report-findings-en",
        ("report", "h.json", "--format", "csv", "--format", "xlsx", "--out", "r", "--lang", "en"),
        HOSTILE,
        exit=0,
        names=("",),
        outputs=("r", "r/*"),
        check=inert_spreadsheets("r/*", least=3),
    ),
    Case(
        "report-findings-zh",
        ("report", "h.json", "--format", "xlsx", "--out", "r"),
        HOSTILE,
        exit=0,
        names=("",),
        outputs=("r", "r/*"),
        check=inert_spreadsheets("r/*.xlsx", least=3),
    ),
    Case(
        "batch-portfolio",
        ("score", "h.json", "a.json", "=bad.json", "--html", "--out", "out", "--lang", "en"),
        {**HOSTILE, "a.json": example_answers(2), "=bad.json": "{"},
        names=("=bad.json:1",),
        outputs=("out", "out/*"),
        produced=("out/portfolio_en.csv", "out/portfolio_en.xlsx"),
        check=BATCH_CHECK,
    ),
    Case(
        "batch-portfolio-jobs",
        ("score", "h.json", "h2.json", "--html", "--jobs", "2", "--out", "out", "--lang", "zh"),
        {**HOSTILE, "h2.json": hostile_answers(2)},
        exit=0,
        names=("",),
        outputs=("out", "out/*"),
        check=BATCH_CHECK,
    ),
    Case(
        "tracker-expiring",
        ("tracker", "expiring", "--db", "t.db", "--days", "120", "--as-of", "2026-01-01"),
        {"t.db": hostile_database},
        exit=0,
        names=("1 certificate",),
        check=inert_stdout(least=3),
    ),
]


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_every_trigger_is_quoted(trigger: str) -> None:
    assert spreadsheet_cell(f"{trigger}1+1") == f"'{trigger}1+1"


def test_numbers_stay_numbers_and_plain_text_is_unchanged() -> None:
    assert spreadsheet_row([-3, -1.5, 0, True, None, "-3", "L3 稳健级", Path("=x.json")]) == [
        -3,
        -1.5,
        0,
        True,
        None,
        "'-3",
        "L3 稳健级",
        "'=x.json",
    ]
    assert spreadsheet_cell(" =1") == " =1"  # a leading space is not a formula in any spreadsheet program
