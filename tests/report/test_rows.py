"""Findings and portfolio rows as CSV and XLSX, ready to become a remediation plan."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook

from dcmm.assessments import ScoredFile
from dcmm.report import rows
from dcmm.report.build import ReportOptions, findings_sheets, write_report_files
from dcmm.report.context import build_context


def test_findings_follow_the_roadmap_then_the_items_beyond_the_target(scored_examples: list[ScoredFile]) -> None:
    scored = scored_examples[2]
    found = rows.finding_rows(build_context(scored, "zh"))
    roadmap_ids = [g.criterion_id for phase in scored.result.roadmap.phases for g in phase.gaps]
    assert [r["criterion_id"] for r in found[: len(roadmap_ids)]] == roadmap_ids
    phases = [r["phase"] for r in found[: len(roadmap_ids)]]
    assert phases == sorted(p for p in phases if isinstance(p, int))
    beyond = found[len(roadmap_ids) :]
    assert all(r["phase"] == "" for r in beyond)
    assert {r["criterion_id"] for r in beyond} <= {g.criterion_id for i in scored.result.items for g in i.blockers}
    shortest = set(scored.result.roadmap.shortest_path)
    assert {r["criterion_id"] for r in found if r["shortest_path"] == "是"} == shortest


def test_csv_opens_in_spreadsheets_and_cannot_inject_formulas(tmp_path: Path) -> None:
    data = [{key: "" for key in rows.FINDING_COLUMNS.keys} | {"note": '=HYPERLINK("http://x")', "text": "条款"}]
    path = tmp_path / "f.csv"
    rows.write_csv(path, data, rows.FINDING_COLUMNS, "zh")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes spreadsheet programs read UTF-8
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table[0][:3] == ["阶段", "等级", "条款编号"] and table[0][-3:] == ["负责人", "计划完成日期", "状态"]
    assert table[1][table[0].index("备注")].startswith("'=")


def test_report_files_in_every_format(scored_examples: list[ScoredFile], tmp_path: Path) -> None:
    written, context = write_report_files(
        scored_examples[1], tmp_path, "org_2026_gbt36073-2018_en", ReportOptions("en", ("html", "xlsx", "csv"))
    )
    assert sorted(written) == ["csv", "html", "xlsx"]
    assert written["html"].name == "org_2026_gbt36073-2018_en.html"
    book = load_workbook(written["xlsx"])
    assert book.sheetnames == ["Findings", "Roadmap", "About"]
    findings = list(book["Findings"].values)
    assert findings[0][:3] == ("Phase", "Level", "Criterion")
    assert len(findings) - 1 == len(rows.finding_rows(context))
    about = dict(list(book["About"].values)[1:])
    assert about["Answer file SHA-256"] == context.verification.answers_sha256
    csv_rows = list(csv.reader(io.StringIO(written["csv"].read_text(encoding="utf-8-sig"))))
    assert len(csv_rows) == len(findings)


def test_findings_sheets_name_roadmap_phases(scored_examples: list[ScoredFile]) -> None:
    context = build_context(scored_examples[0], "zh")
    (_title, _headers, findings), (title, headers, phases), _about = findings_sheets(context)
    assert title == "路线图" and headers[0] == "阶段"
    assert [p[0] for p in phases] == [p.phase for p in context.roadmap.phases]
    assert len(findings) == len(rows.finding_rows(context))
