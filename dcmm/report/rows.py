"""Findings and portfolios as rows: CSV (UTF-8 with BOM, so spreadsheet programs read Chinese) and XLSX."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dcmm.core.text import Language

# (key, Chinese header, English header). The last three columns are left empty for the remediation plan.
FINDING_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("phase", "阶段", "Phase"),
    ("level", "等级", "Level"),
    ("criterion_id", "条款编号", "Criterion"),
    ("domain", "能力域", "Domain"),
    ("item", "能力项", "Item"),
    ("text", "条款内容", "Criterion text"),
    ("grade", "当前评级", "Current grade"),
    ("gain_overall", "综合得分提升", "Overall gain"),
    ("gain_item", "能力项得分提升", "Item gain"),
    ("shortest_path", "属于最短路径", "On shortest path"),
    ("evidence_hints", "证据提示", "Evidence that shows it"),
    ("evidence", "已提供证据", "Evidence given"),
    ("note", "备注", "Note"),
    ("marked_for_review", "待复核", "Marked for review"),
    ("owner", "负责人", "Owner"),
    ("due", "计划完成日期", "Due"),
    ("status", "状态", "Status"),
)

PORTFOLIO_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("organisation", "单位", "Organisation"),
    ("credit_code", "统一社会信用代码", "Credit code"),
    ("region", "地区", "Region"),
    ("industry", "行业", "Industry"),
    ("edition", "评估模型", "Edition"),
    ("assessed_on", "评估日期", "Assessed on"),
    ("score", "综合得分", "Overall score"),
    ("level", "综合等级", "Level"),
    ("level_name", "等级名称", "Level name"),
    ("target_level", "目标等级", "Target level"),
    ("points_to_target", "距目标差", "Points to target"),
    ("completeness", "作答完成度(%)", "Answered (%)"),
    ("file", "答卷文件", "Answer file"),
    ("report", "报告文件", "Report file"),
)


def _yes(value: bool, language: Language) -> str:
    if not value:
        return ""
    return "是" if language == "zh" else "yes"


def finding_rows(context: dict[str, Any]) -> list[dict[str, Any]]:
    """The roadmap's gaps (phase by phase, most gain first), then criteria beyond the target that block
    an item's next level (no phase)."""
    lang: Language = context["lang"]
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()

    def row(gap: dict[str, Any], phase: int | str, shortest: bool) -> dict[str, Any]:
        seen.add(gap["id"])
        return {
            "phase": phase,
            "level": gap["level"],
            "criterion_id": gap["id"],
            "domain": f"{gap['domain_id']} {gap['domain_name']}",
            "item": f"{gap['item_id']} {gap['item_name']}",
            "text": gap["text"],
            "grade": gap["grade_name"],
            "gain_overall": gap["gain_overall"],
            "gain_item": gap["gain_item"],
            "shortest_path": _yes(shortest, lang),
            "evidence_hints": "\n".join(gap["evidence_hints"]),
            "evidence": "\n".join(gap["evidence"]),
            "note": gap["note"],
            "marked_for_review": _yes(gap["marked_for_review"], lang),
            "owner": "",
            "due": "",
            "status": "",
        }

    for phase in context["roadmap"]["phases"]:
        rows.extend(row(g, phase["phase"], g["in_shortest_path"]) for g in phase["gaps"])
    for domain in context["domains"]:
        for item in domain["unmet"]:
            rows.extend(row(g, "", False) for g in item["criteria"] if g["id"] not in seen)
    return rows


def portfolio_rows(entries: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{key: entry[key] for key, _zh, _en in PORTFOLIO_COLUMNS} for entry in entries]


def _headers(columns: Sequence[tuple[str, str, str]], language: Language) -> list[str]:
    return [zh if language == "zh" else en for _key, zh, en in columns]


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str, str]], language: Language) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_headers(columns, language))
    for row in rows:
        writer.writerow([_cell(row[key]) for key, _zh, _en in columns])
    return out.getvalue()


def write_csv(
    path: Path, rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str, str]], language: Language
) -> None:
    path.write_text(to_csv(rows, columns, language), encoding="utf-8-sig", newline="")


def write_xlsx(path: Path, sheets: Sequence[tuple[str, list[str], list[list[Any]]]]) -> None:
    """Sheets of (title, headers, rows): bold frozen header, filters, readable column widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    book.remove(book.active)
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="1F5FA8")
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        for values in rows:
            sheet.append([_cell(v) for v in values])
        sheet.freeze_panes = "A2"
        if rows:
            sheet.auto_filter.ref = sheet.dimensions
        for index, header in enumerate(headers, start=1):
            longest = max([_width(header), *(_width(r[index - 1]) for r in rows[:200])])
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = min(60, max(8, longest + 2))
        wrap = Alignment(wrap_text=True, vertical="top")
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                cell.alignment = wrap
    book.save(path)


def _cell(value: Any) -> Any:
    # A leading = + - @ would make a spreadsheet evaluate the text as a formula.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _width(value: Any) -> int:
    """Display width: CJK characters take two columns."""
    text = str(value).split("\n")[0] if value is not None else ""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def sheet(
    title: str, rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str, str]], language: Language
) -> tuple[str, list[str], list[list[Any]]]:
    return title, _headers(columns, language), [[row[key] for key, _zh, _en in columns] for row in rows]
