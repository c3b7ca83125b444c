"""The tracker service end to end, on SQLite and PostgreSQL: what each tracker command asks of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dcmm.files import UserError
from dcmm.tracker.database import head_revision
from dcmm.tracker.records import TargetRecord
from dcmm.tracker.service import ListOptions, TrackerService, shown_url, write_demo_list

from .helpers import credit_code

ROOT = Path(__file__).resolve().parents[2]
D = dt.date
ROWS = [
    ["示例（虚构）", credit_code(1), "山东", "济南", "制造业", "2", "C-1", "2020-01-10"],
    ["示例（虚构）", credit_code(1), "山东", "济南", "制造业", "3", "C-2", "2021-06-10"],
]


@pytest.fixture
def tracker(tracker_url: str) -> Iterator[TrackerService]:
    with TrackerService.open(tracker_url) as service:
        yield service


def test_status_names_the_schema_without_the_password() -> None:
    assert shown_url("postgresql+psycopg://user:secret@host/db") == "postgresql+psycopg://user:***@host/db"


def test_a_fresh_tracker_is_at_the_newest_schema(tracker: TrackerService) -> None:
    status = tracker.status()
    assert status.revision == status.newest == head_revision()


def test_import_show_and_expiring(tracker: TrackerService, write_list: Callable[..., Path], tmp_path: Path) -> None:
    good = write_list(ROWS)
    (first, missing) = tracker.import_lists([good, tmp_path / "none.csv"], ListOptions(today=D(2026, 6, 30)))
    assert first.result is not None and first.result.outcome is not None
    assert first.result.outcome.certificates_added == 2
    assert missing.result is None and "file not found" in missing.problems[0].message
    report = tracker.organisation(credit_code(1).lower(), D(2024, 7, 1))
    assert [c.status for c in report.certificates] == ["superseded", "expired"]
    assert [e.certificate_number for e in tracker.expiring(60, as_of=D(2024, 5, 1))] == ["C-2"]
    with pytest.raises(UserError, match="no such organisation"):
        tracker.organisation(credit_code(2))
    with pytest.raises(UserError, match="18 characters"):
        tracker.organisation("123")


def test_ingest_and_progress(tracker: TrackerService) -> None:
    result = tracker.ingest([ROOT / "examples" / "answers"])
    assert (result.read, result.changed, result.problems) == (4, 4, [])
    assert tracker.ingest([ROOT / "examples" / "answers"], dry_run=True).changed == 0
    report = tracker.progress(D(2026, 11, 30), threshold=1, breakdowns=False)
    assert report.total.self_assessed == 4 and report.includes_synthetic


def test_targets(tracker: TrackerService) -> None:
    saved = tracker.add_target(TargetRecord("44", "level3_plus", 50, D(2027, 12, 31), "示例文件（虚构）"))
    assert [t.region for t in tracker.targets()] == ["37", "44"]
    assert saved.id is not None
    tracker.remove_target(saved.id)
    with pytest.raises(UserError, match=f"no target #{saved.id}"):
        tracker.remove_target(saved.id)


def test_demo_lists_are_csv_or_xlsx(tmp_path: Path) -> None:
    assert write_demo_list(tmp_path / "demo.csv", rows=5).is_file()
    with pytest.raises(UserError, match=r"\.csv or \.xlsx"):
        write_demo_list(tmp_path / "demo.txt")


def test_histories_are_typed_and_targets_listed_with_names(
    tracker: TrackerService, write_list: Callable[..., Path]
) -> None:
    tracker.import_list(write_list(ROWS), ListOptions(today=D(2026, 6, 30)))
    report = tracker.organisation(credit_code(1), D(2021, 7, 1))
    assert (report.history.organisation.city, report.province_name) == ("济南市", "山东省")
    assert [(c.certificate.level, c.status) for c in report.certificates] == [(2, "superseded"), (3, "valid")]
    (line,) = tracker.target_lines("37")
    assert (line.region_name, line.comparison_sign, line.target.number) == ("山东省", ">", 300)


def test_options_from_columns_and_the_database_file(tracker: TrackerService) -> None:
    assert ListOptions.from_columns(["证书号码=certificate_number"]).mapping == {"证书号码": "certificate_number"}
    with pytest.raises(UserError, match="HEADER=FIELD"):
        ListOptions.from_columns(["nonsense"])
    files = tracker.database_files()
    assert files == ([] if tracker.url.startswith("postgresql") else [Path(tracker.url.removeprefix("sqlite:///"))])


def test_progress_names_pooled_rows_in_the_language_asked(tracker: TrackerService) -> None:
    tracker.ingest([ROOT / "examples" / "answers"])
    english = tracker.progress(D(2026, 11, 30), lang="en", threshold=50)
    chinese = tracker.progress(D(2026, 11, 30), threshold=50)
    assert [r.name for r in english.rows][-1] == "others (small groups pooled)"
    assert [r.name for r in chinese.rows][-1] == "其他（合并的小组）"
