"""The answer workbook's sheet of admission prerequisites (dcmm readiness): written beside the cover, read back.

The organisation states here what an application for a certified assessment is checked against: full-time data
staff, the domains its issued policies cover, its tools, its data volume, years in operation, revenue and headcount.
One row per field, the value in column B (pale yellow, unlocked), what is expected in column C; one row per domain
for the issued policies, answered 是/否. Rows are found by their label in either language, so the sheet may be
sorted. A workbook without the sheet (one written for a single department) carries the answer file's section
unchanged in its metadata; where the sheet is there, what it says wins, and a cleared cell means "not stated".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Final

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from dcmm.core.errors import Problem
from dcmm.core.prerequisites import PrerequisiteAnswers
from dcmm.core.questionnaire import Domain, Questionnaire
from dcmm.files.answer_workbook import ANSWER_FILL, FONT, LEFT, UNLOCKED, WRAP, choice, inert
from dcmm.files.answer_workbook_cells import cell_text, normalised
from dcmm.files.cells import column_letters
from dcmm.files.problems import problem
from dcmm.i18n import LANGUAGES, Language, text

# The fields in the order the sheet lists them, with the kind of value each takes.
FIELDS: Final = (
    ("data_staff", "count"),
    ("tools", "count"),
    ("data_volume_declared", "yes_no"),
    ("data_volume_tb", "number"),
    ("years_in_operation", "number"),
    ("annual_revenue_yuan", "number"),
    ("headcount", "count"),
    ("note", "text"),
)
FIRST_ROW: Final = 4
_YES: Final = frozenset({"是", "yes", "y", "true", "1", "✓", "已声明"})
_NO: Final = frozenset({"否", "no", "n", "false", "0", "未声明"})
Rows = Iterator[tuple[int, list[object]]]


def sheet_title(language: Language) -> str:
    return text("workbook.prereq_sheet", language)


def _domain_label(domain: Domain, language: Language) -> str:
    return text("workbook.prereq_policy_domain", language, domain=f"{domain.id} {domain.name.get(language)}")


def prerequisite_sheet(
    sheet: Worksheet, q: Questionnaire, given: PrerequisiteAnswers | None, language: Language
) -> None:
    """Fill ``sheet`` with the prerequisite rows, pre-filled from ``given``."""
    answers = given or PrerequisiteAnswers()
    sheet.cell(row=1, column=1, value=text("workbook.prereq_title", language)).font = Font(
        name=FONT, size=14, bold=True
    )
    lead = sheet.cell(row=2, column=1, value=text("workbook.prereq_lead", language))
    lead.alignment, lead.font = WRAP, Font(name=FONT, size=10)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=3)
    sheet.row_dimensions[2].height = 58
    for column, key in enumerate(("field", "value", "expected"), start=1):
        sheet.cell(row=3, column=column, value=text(f"workbook.prereq_col_{key}", language)).font = Font(
            name=FONT, size=10, bold=True
        )
    yes, no = text("workbook.prereq_yes", language), text("workbook.prereq_no", language)
    rows: list[tuple[str, object, str]] = []
    for field, kind in FIELDS:
        value = getattr(answers, field)
        shown = (yes if value else no) if kind == "yes_no" and value is not None else value
        rows.append(
            (text(f"workbook.prereq_{field}", language), inert(shown) if isinstance(shown, str) else shown, kind)
        )
    issued = set(answers.policy_domains or []) if answers.policy_domains is not None else None
    for domain in q.domains:
        stated = None if issued is None else yes if domain.id in issued else no
        rows.append((_domain_label(domain, language), stated, "yes_no"))
    for number, (label, value, kind) in enumerate(rows, start=FIRST_ROW):
        sheet.cell(row=number, column=1, value=label).alignment = WRAP
        cell = sheet.cell(row=number, column=2, value=None if value in (None, "") else value)
        cell.fill, cell.protection, cell.alignment = ANSWER_FILL, UNLOCKED, LEFT
        sheet.cell(row=number, column=3, value=text(f"workbook.prereq_expect_{kind}", language)).alignment = WRAP
    declared = FIRST_ROW + [field for field, _ in FIELDS].index("data_volume_declared")
    choice(sheet, [yes, no], f"B{declared}")
    choice(sheet, [yes, no], f"B{FIRST_ROW + len(FIELDS)}:B{FIRST_ROW + len(rows) - 1}")
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 22
    sheet.column_dimensions["C"].width = 40
    sheet.protection.sheet = True


def prerequisites_from_sheet(
    file: str,
    sheet_names: Iterable[str],
    rows_of: Callable[[str], Rows],
    q: Questionnaire,
    recorded: dict[str, object],
    language: Language,
) -> tuple[dict[str, object] | None, list[Problem]]:
    """The prerequisites section the workbook states (its sheet, else what its metadata carries), and the cells
    that could not be read, each named with what it should hold."""
    titles = {sheet_title(language) for language in LANGUAGES}
    sheet = next((name for name in sheet_names if name in titles), None)
    if sheet is None:
        return recorded or None, []
    labels: dict[str, tuple[str, str]] = {}
    for each in LANGUAGES:
        for field, kind in FIELDS:
            labels[normalised(text(f"workbook.prereq_{field}", each))] = (field, kind)
        for domain in q.domains:
            labels[normalised(_domain_label(domain, each))] = (f"domain:{domain.id}", "yes_no")
    found: dict[str, object] = {}
    problems: list[Problem] = []
    for number, cells in rows_of(sheet):
        key = labels.get(normalised(cells[0] if cells else None))
        value = cells[1] if len(cells) > 1 else None
        if key is None or value in (None, "") or key[0] in found:
            continue
        read = _value(key[1], value)
        if read is None:
            where = f"{file}:{sheet}!{column_letters(1)}{number}"
            label, expected = cell_text(cells[0]), text(f"workbook.prereq_expect_{key[1]}", language)
            found_text = json.dumps(cell_text(value), ensure_ascii=False)
            problems.append(
                problem(where, "workbook_bad_prerequisite", label=label, expected=expected, found=found_text)
            )
        else:
            found[key[0]] = read
    section: dict[str, object] = {field: found[field] for field, _ in FIELDS if field in found}
    stated = [domain.id for domain in q.domains if f"domain:{domain.id}" in found]
    if stated:
        section["policy_domains"] = [d.id for d in q.domains if found.get(f"domain:{d.id}") is True]
    return section or None, problems


def _value(kind: str, value: object) -> object | None:
    """A cell's value as ``kind`` (count, number, yes_no, text); None when it is not one."""
    spelled = normalised(value)
    if kind == "text":
        return cell_text(value)
    if kind == "yes_no":
        folded = spelled.casefold()
        return True if folded in _YES else False if folded in _NO else None
    try:
        number = float(spelled.replace(",", ""))
    except ValueError:
        return None
    if number < 0 or number != number or number in (float("inf"), float("-inf")):
        return None
    if kind == "count":
        return int(number) if number.is_integer() else None
    return int(number) if number.is_integer() else number
