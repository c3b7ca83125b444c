"""Departments answering their part: a plan, a workbook per respondent, the returned workbooks merged by the plan."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import yaml

from dcmm.files import load_edition, read_answers
from dcmm.files.answer_workbook import header_label
from tests.cli.running import run

EDITION = "gbt36073-2018"
ASSIGNED = {"信息技术部": "6,7,8,9", "信息安全部": "10,8.2", "业务部": "11,12,13"}  # 8.2: answered twice


def _fill(path: Path, grades: dict[str, tuple[str, str]]) -> None:
    """Give criteria grades (and N/A justifications) as a department would, through the workbook's own columns."""
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets[1:-1]:
        header = [cell.value for cell in sheet[1]]
        criterion, grade, why = (header.index(header_label(c, "zh")) for c in ("criterion", "grade", "justification"))
        for row in sheet.iter_rows(min_row=2):
            given = grades.get(str(row[criterion].value))
            if given:
                row[grade].value, row[why].value = given[0], given[1] or None
    book.save(path)


def test_three_departments_answer_their_parts_and_the_merge_says_what_is_missing(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    given = [f"--respondent={name}={ids}" for name, ids in ASSIGNED.items()]
    assert run("plan", "new", "--edition", EDITION, *given, "-o", str(plan)).code == 0
    assert yaml.safe_load(plan.read_text("utf-8"))["respondents"][1] == {
        "respondent": "信息安全部", "domains": ["10"], "items": ["8.2"],
    }  # fmt: skip
    shown = run("plan", "show", str(plan))
    shared = len(load_edition(EDITION).item_by_id["8.2"].criteria)
    assert f"{shared} 条分配给了两位及以上答卷人" in shown.out and "所有条款均已分配" in shown.out
    out = tmp_path / "sent"
    done = run("template", "--edition", EDITION, "--plan", str(plan), "--name", "示例单位（虚构）", "-o", str(out))
    assert done.code == 0, done.err
    assert sorted(p.name for p in out.iterdir()) == ["业务部.xlsx", "信息安全部.xlsx", "信息技术部.xlsx"]
    security = openpyxl.load_workbook(out / "信息安全部.xlsx").sheetnames
    assert security == ["封面", "数据架构", "数据安全", "_dcmm"]  # 8 only for its item 8.2
    _fill(
        out / "信息技术部.xlsx", {"6.1.1.1": ("完全满足", ""), "8.2.1.1": ("完全满足", ""), "9.1.1.1": ("不适用", "")}
    )
    _fill(out / "信息安全部.xlsx", {"10.1.1.1": ("大部分满足", ""), "8.2.1.1": ("不适用", "本部门不负责数据分布")})
    _fill(out / "业务部.xlsx", {"11.1.1.1": ("一般满足", "")})
    assert read_answers(out / "信息安全部.xlsx").warnings == ()  # its sheet of one item is complete
    merged = tmp_path / "merged.json"
    workbooks = [str(out / f"{name}.xlsx") for name in ASSIGNED]
    bad = run("merge", *workbooks, "--plan", str(plan), "-o", str(merged))
    assert bad.code == 1 and "信息技术部.xlsx:数据应用!J2: 不适用 needs a justification" in bad.err  # 9.1.1.1
    assert not merged.exists()
    _fill(out / "信息技术部.xlsx", {"9.1.1.1": ("不满足", "")})
    result = run("merge", *workbooks, "--plan", str(plan), "-o", str(merged), "--format", "json", "--force")
    assert result.code == 0, result.err
    coverage = json.loads(result.out)["coverage"]
    by_name = {r["respondent"]: r for r in coverage["respondents"]}
    q = load_edition(EDITION)

    def assigned(entry: dict) -> int:  # type: ignore[type-arg]
        items = {i.id for d in entry.get("domains", []) for i in q.domain_by_id[d].items} | set(entry.get("items", []))
        return sum(len(q.item_by_id[i].criteria) for i in items)

    planned = {entry["respondent"]: assigned(entry) for entry in yaml.safe_load(plan.read_text("utf-8"))["respondents"]}
    answered = {"信息技术部": 3, "信息安全部": 2, "业务部": 1}
    assert {n: (r["assigned"], r["answered"]) for n, r in by_name.items()} == {
        n: (planned[n], answered[n]) for n in answered
    }
    assert coverage["unassigned"] == [] and len(coverage["unanswered"]) == len(load_edition(EDITION).criteria) - 5
    document = json.loads(merged.read_text("utf-8"))
    assert document["format_version"] == "1.1"
    assert [r["respondent"] for r in document["respondents"]] == list(ASSIGNED)
    answers = document["answers"]
    assert answers["6.1.1.1"]["respondent"] == "信息技术部" and answers["10.1.1.1"]["respondent"] == "信息安全部"
    both = answers["8.2.1.1"]  # one graded it, the other said not applicable: the reason is kept
    assert both["grade"] == "fully_met" and both["respondent"] == "信息技术部、信息安全部"
    assert "[信息安全部] 本部门不负责数据分布 (why not applicable)" in both["note"] and both["marked_for_review"]
    assert "respondent" not in answers["12.1.1.1"]  # nobody answered it
    report = run("report", str(merged), "--format", "html", "--out", str(tmp_path / "reports"))
    assert report.code == 0, report.err
    html = next((tmp_path / "reports").glob("*.html")).read_text("utf-8")
    assert "答题分工" in html and '<td>信息安全部</td><td>10 数据安全; 8.2</td><td class="num">2</td>' in html


def test_plans_that_cannot_be_followed_are_refused_with_their_line(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("edition: gbt36073-2018\nrespondents:\n- respondent: 安全部\n  domains: ['99']\n", "utf-8")
    done = run("plan", "show", str(plan))
    assert done.code == 1 and f"{plan}:4: respondents[0].domains[0]: unknown domain id '99'" in done.err
    assert run("plan", "new", "--respondent", "安全部=99", "-o", str(tmp_path / "p.yaml")).code == 1
    assert not (tmp_path / "p.yaml").exists()
    other = tmp_path / "other.yaml"
    other.write_text("edition: gbt36073-2025\nrespondents:\n- respondent: 安全部\n  domains: ['6']\n", "utf-8")
    example = sorted(Path("examples/answers").glob("*.json"))[:2]
    merged = run("merge", *map(str, example), "--plan", str(other), "-o", str(tmp_path / "m.json"))
    assert merged.code == 1 and "the plan is for gbt36073-2025" in merged.err
    assert not (tmp_path / "m.json").exists()
