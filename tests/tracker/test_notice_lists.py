"""Public notice lists on SQLite and PostgreSQL: name-only organisations, a later list with codes, review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from dcmm.tracker.importing import ListDefaults, import_certificate_list
from dcmm.tracker.progress import compute_progress
from dcmm.tracker.repository import SqlTrackerRepository
from tests.tracker.helpers import credit_code, dump

TODAY = dt.date(2025, 6, 30)
NOTICE = ["序号", "申请单位", "评估等级", "评估机构", "公示日期"]
SHANDONG = ListDefaults(province="37")


def _notice(write_list: Callable[..., Path], name: str, rows: list[list[str]]) -> Path:
    path = write_list([NOTICE, *rows], header=["2024年第三批DCMM评估结果公示"], name=name)
    return path


def _import(repository: SqlTrackerRepository, path: Path, defaults: ListDefaults | None = SHANDONG):  # type: ignore[no-untyped-def]
    result = import_certificate_list(repository, path, today=TODAY, defaults=defaults)
    assert result.outcome is not None, result.problems
    return result.outcome


def test_a_name_in_two_lists_and_a_coded_list_make_one_organisation(
    repository: SqlTrackerRepository, write_list: Callable[..., Path]
) -> None:
    first = _notice(write_list, "a.csv", [
        ["1", "山东示例数据科技有限责任公司（虚构）", "三级", "示例中心", "2024-05-12"],
        ["2", "青岛示例数据科技有限公司（虚构）", "二级", "示例中心", "2024-05-12"],
    ])  # fmt: skip
    assert _import(repository, first).organisations_added == 2
    second = _notice(write_list, "b.csv", [["1", "山东示例数据科技有限公司(虚构)", "四级", "示例中心", "2025-01-10"]])
    outcome = _import(repository, second)
    assert (outcome.organisations_added, outcome.organisations_matched_by_name) == (0, 1)
    coded = write_list(
        [["山东示例数据科技有限公司（虚构）", credit_code(1), "山东", "济南", "", "四级", "", "2025-01-20"]],
        name="c.csv",
    )
    outcome = _import(repository, coded, None)
    assert outcome.organisations_added == 0 and outcome.certificates_added == 0
    organisations = dump(repository)["organisation"]
    assert len(organisations) == 2 and sorted(str(o[1]) for o in organisations) == [credit_code(1), "None"]
    report = compute_progress(repository, TODAY, "37", threshold=1)
    assert report is not None and len(dump(repository)["certificate"]) == 3


def test_several_organisations_of_one_name_hold_the_row(
    repository: SqlTrackerRepository, write_list: Callable[..., Path]
) -> None:
    coded = write_list([
        ["示例软件有限公司（虚构）", credit_code(1), "山东", "济南", "", "三级", "", "2024-03-01"],
        ["示例软件有限责任公司（虚构）", credit_code(2), "山东", "青岛", "", "二级", "", "2024-03-01"],
    ], name="c.csv")  # fmt: skip
    _import(repository, coded, None)
    notice = _notice(write_list, "n.csv", [["1", "示例软件有限公司（虚构）", "四级", "示例中心", "2025-01-10"]])
    outcome = _import(repository, notice)
    assert (outcome.held_for_review, outcome.certificates_added) == (1, 0)
    (entry,) = repository.review()
    assert entry.reason == "several" and len(entry.candidates) == 2
    done = repository.resolve_review(entry.id, entry.candidates[0].id)
    assert done.resolution == "merged" and repository.review() == []
    assert _import(repository, notice).held_for_review == 0  # the decision stands on a second import


def test_a_name_only_organisation_is_found_by_its_name_and_counted(
    repository: SqlTrackerRepository, write_list: Callable[..., Path]
) -> None:
    notice = _notice(write_list, "n.csv", [
        ["1", "山东示例数据科技有限责任公司（虚构）", "三级", "示例中心", "2024-05-12"],
        ["2", "山东示例数据科技股份有限公司（虚构）", "二级", "示例中心", "2024-05-12"],
        ["3", "山东示例数据技术有限公司（虚构）", "一级", "示例中心", "2024-05-12"],
    ])  # fmt: skip
    assert _import(repository, notice).organisations_added == 3  # similar names stay three organisations
    (found,) = repository.organisations_named("山东示例数据科技有限公司(虚构)")  # another spelling of the first
    assert found.organisation.credit_code is None and found.organisation.province == "37"
    assert [(c.level, c.issue_date) for c in found.certificates] == [(3, dt.date(2024, 5, 12))]
    assert repository.organisations_named("山东示例数据科技（虚构）") == []
    report = compute_progress(repository, TODAY, region="37", pool=False)
    assert (report.total.ever_certified, report.total.certified_valid, report.total.level3_plus) == (3, 3, 1)
