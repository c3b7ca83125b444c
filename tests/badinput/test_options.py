"""Option values: counts of thousands of digits, spans of days and dates that leave the calendar, numbers
a database column cannot hold. Each is a usage error (exit 2) naming the option, before anything runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.badinput.harness import Case, example_answers, run_case

MANY_DIGITS = "9" * 5000
ANSWERS = {"a.json": example_answers(1)}
DB = ("--db", "t.db")
TARGET = ("tracker", "target", "add", *DB, "--region", "37", "--metric", "certified_valid", "--source", "plan")


def refused(case_id: str, argv: tuple[str, ...], option: str, says: str, files: dict[str, bytes] | None = None) -> Case:
    return Case(case_id, argv, files or {}, exit=2, names=(option, says))


CASES = [
    refused("jobs-of-5000-digits", ("score", "a.json", "--jobs", MANY_DIGITS), "--jobs", "at most 256", ANSWERS),
    refused("jobs-zero", ("score", "a.json", "--jobs", "0"), "--jobs", "at least 1", ANSWERS),
    refused("jobs-negative", ("score", "a.json", "--jobs", "-3"), "--jobs", "whole number", ANSWERS),
    refused("jobs-not-a-number", ("score", "a.json", "--jobs", "two"), "--jobs", "whole number", ANSWERS),
    refused("expiring-days-past-the-calendar", ("tracker", "expiring", *DB, "--days", "99999999"), "--days", "36500"),
    refused("expiring-as-of-year-9999", ("tracker", "expiring", *DB, "--as-of", "9999-12-01"), "--as-of", "2999-12-31"),
    refused("progress-as-of-year-1", ("tracker", "progress", *DB, "--as-of", "0001-01-01"), "--as-of", "1900-01-01"),
    refused("progress-as-of-not-a-day", ("tracker", "progress", *DB, "--as-of", "2026-02-30"), "--as-of", "not a date"),
    refused(
        "progress-expiring-days-of-5000-digits",
        ("tracker", "progress", *DB, "--expiring-days", MANY_DIGITS),
        "--expiring-days",
        "…",
    ),
    refused(
        "target-number-past-32-bits",
        (*TARGET, "--number", "99999999999", "--deadline", "2025-12-31"),
        "--number",
        "1000000000",
    ),
    refused("target-deadline-year-9999", (*TARGET, "--number", "5", "--deadline", "9999-12-31"), "--deadline", "2999"),
    refused(
        "target-counts-unknown-record",
        (*TARGET, "--number", "5", "--deadline", "2025", "--counts", "certified,audits"),
        "--counts",
        "not a list of records",
    ),
    refused(
        "target-counts-empty",
        (*TARGET, "--number", "5", "--deadline", "2025", "--counts", ""),
        "--counts",
        "not a list of records",
    ),
    refused(
        "target-counts-repeated",
        (*TARGET, "--number", "5", "--deadline", "2025", "--counts", "pilots,pilots"),
        "--counts",
        "twice",
    ),
    refused(
        "target-min-level-zero",
        (*TARGET, "--number", "5", "--deadline", "2025", "--min-level", "0"),
        "--min-level",
        "1 to 5",
    ),
    refused(
        "target-min-level-six",
        (*TARGET, "--number", "5", "--deadline", "2025", "--min-level", "6"),
        "--min-level",
        "1 to 5",
    ),
    refused(
        "target-pilots-above-level-1",
        (*TARGET, "--number", "5", "--deadline", "2025", "--counts", "pilots", "--min-level", "3"),
        "--min-level",
        "pilot has no level",
    ),
    refused(
        "target-deadline-five-digit-year",
        (*TARGET, "--number", "5", "--deadline", "20255"),
        "--deadline",
        "a year (YYYY",
    ),
    refused(
        "target-deadline-as-year-9999", (*TARGET, "--number", "5", "--deadline", "9999"), "--deadline", "2999-12-31"
    ),
    refused(
        "target-deadline-unpadded-day",
        (*TARGET, "--number", "5", "--deadline", "2025-6-30"),
        "--deadline",
        "YYYY-MM-DD",
    ),
    refused(
        "target-industry-blank",
        (*TARGET, "--number", "5", "--deadline", "2025", "--industry", " \u3000 "),
        "--industry",
        "not an industry",
    ),
    refused(
        "target-industry-too-long",
        (*TARGET, "--number", "5", "--deadline", "2025", "--industry", "制" * 101),
        "--industry",
        "at most 100",
    ),
    refused(
        "demo-data-rows-past-a-list", ("tracker", "demo-data", "x.csv", "--rows", "10000000000"), "--rows", "499999"
    ),
    refused("progress-by-unknown-grouping", ("tracker", "progress", *DB, "--by", "street"), "--by", "industry"),
    refused("threshold-of-5000-digits", ("tracker", "progress", *DB, "--threshold", MANY_DIGITS), "--threshold", "…"),
]


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)


def test_the_largest_synthetic_list_can_be_imported() -> None:
    from dcmm.cli.options import DEMO_ROWS
    from dcmm.files.limits import LIST_ROWS

    assert DEMO_ROWS.maximum == LIST_ROWS - 1
