"""The import log on SQLite and PostgreSQL: the real row, accepted and rejected counts of every list imported,
dry runs and rejected files not logged, the same bytes logged once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dcmm.files import UserError
from dcmm.tracker.service import ListOptions, TrackerService
from tests.tracker.conftest import HEADER

GOOD = [
    [
        "合成·菏泽0000001号科技有限公司（虚构）",
        "91371700Y5G0BCJ72N",
        "山东省",
        "菏泽市",
        "",
        "1",
        "SYN-1",
        "2022-04-10",
    ],
    ["合成·呼和浩特0000002号科技有限公司（虚构）", "91150100R4HB2JEQ8G", "内蒙古", "", "", "3", "SYN-2", "2023-06-10"],
    ["合成·哈尔滨0000003号集团有限公司（虚构）", "912301009B2H4MT8HY", "230000", "", "", "1", "SYN-3", "2025-11-10"],
]
BAD_CODE = ["合成·坏（虚构）", "91371700Y5G0BCJ72X", "山东省", "", "", "1", "SYN-9", "2022-04-10"]
NUMBER_OF_ANOTHER = ["合成·长春（虚构）", "91220100JD6X4Y5UMN", "吉林", "", "", "3", "SYN-1", "2021-06-10"]
BAD_DATE = ["合成·长春（虚构）", "91220100JD6X4Y5UMN", "吉林", "", "", "3", "SYN-4", "2031-02-30"]


def _counts(tracker: TrackerService) -> list[tuple[str, int, int, int]]:
    return [(Path(e.file_name).name, e.rows, e.accepted, e.rejected) for e in tracker.imports()]


def test_counts_with_bad_repeated_and_contradicting_rows(tracker_url: str, write_list: Callable[..., Path]) -> None:
    rows = [*GOOD, BAD_CODE, GOOD[0], NUMBER_OF_ANOTHER, BAD_DATE, BAD_CODE]
    mixed = write_list(rows, HEADER, "mixed.csv")
    with TrackerService.open(tracker_url) as tracker:
        done = tracker.import_list(mixed)
        assert (done.data_rows, done.rejected_rows) == (8, 4)
        assert done.outcome is not None and done.outcome.repeated_rows == 1
        assert _counts(tracker) == [("mixed.csv", 8, 4, 4)]
        (entry,) = tracker.imports()
        assert len(entry.sha256) == 64 and entry.kind == "certificates"


def test_a_row_the_database_contradicts_counts_as_rejected(tracker_url: str, write_list: Callable[..., Path]) -> None:
    first = write_list(GOOD, HEADER, "first.csv")
    second = write_list([NUMBER_OF_ANOTHER, GOOD[1]], HEADER, "second.csv")
    with TrackerService.open(tracker_url) as tracker:
        tracker.import_list(first)
        done = tracker.import_list(second)
        assert done.rejected_rows == 1
        assert _counts(tracker) == [("first.csv", 3, 3, 0), ("second.csv", 2, 1, 1)]


def test_dry_runs_rejected_files_and_repeats_are_not_logged(tracker_url: str, write_list: Callable[..., Path]) -> None:
    good = write_list(GOOD, HEADER, "good.csv")
    mixed = write_list([*GOOD, BAD_CODE], HEADER, "mixed.csv")
    with TrackerService.open(tracker_url) as tracker:
        tracker.import_list(good, ListOptions(dry_run=True))
        tracker.import_list(mixed, ListOptions(strict=True))
        assert tracker.imports() == []
        tracker.import_list(good)
        tracker.import_list(good)
        assert _counts(tracker) == [("good.csv", 3, 3, 0)]


def test_a_dry_run_reads_what_is_stored_and_writes_nothing(tracker_url: str, write_list: Callable[..., Path]) -> None:
    good = write_list(GOOD, HEADER, "good.csv")
    more = write_list([*GOOD, NUMBER_OF_ANOTHER, BAD_DATE], HEADER, "more.csv")
    with TrackerService.open(tracker_url) as tracker:
        tracker.import_list(good)
    with TrackerService.open(tracker_url, "dry_run") as tracker:
        done = tracker.import_list(more, ListOptions(dry_run=True))
        assert done.outcome is not None and done.outcome.certificates_unchanged == 3
        assert done.rejected_rows == 2
    with TrackerService.open(tracker_url, "read") as tracker:
        assert _counts(tracker) == [("good.csv", 3, 3, 0)]
        with pytest.raises(UserError, match="no such organisation"):
            tracker.organisation("91220100JD6X4Y5UMN")
