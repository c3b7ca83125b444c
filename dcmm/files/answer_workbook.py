"""The questionnaire as a workbook to pass around: a cover, one sheet per domain, a hidden sheet saying what it is.

A row per criterion; the answer columns (grade from a drop-down list, note, evidence, N/A justification, review
mark) are unlocked and pale yellow, everything else is locked by sheet protection without a password, only so that
the criteria are not changed by accident. The very-hidden sheet ``_dcmm`` holds the format version, the edition, the
questionnaire's SHA-256, the respondent, the language and which sheet holds which domain;
:mod:`dcmm.files.answer_workbook_reading` reads a filled workbook back into an answer file.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Final

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from dcmm import __version__
from dcmm.core.answers import Answer, AnswerFile, answer_file_data
from dcmm.core.questionnaire import Criterion, Domain, Questionnaire
from dcmm.core.text import Language
from dcmm.files.cells import FORMULA_TRIGGERS
from dcmm.files.questionnaires import questionnaire_sha256
from dcmm.files.writing import write_atomically_with
from dcmm.i18n import LANGUAGES, text

FORMAT: Final = "dcmm-answer-workbook"
FORMAT_VERSION: Final = "1"
METADATA_SHEET: Final = "_dcmm"
# The columns of a domain sheet, in order; the reader finds them by their header (either language).
COLUMNS: Final = (
    "item",
    "level",
    "criterion",
    "text",
    "hints",
    "rubric",
    "grade",
    "note",
    "evidence",
    "justification",
    "review",
)
ANSWER_COLUMNS: Final = frozenset({"grade", "note", "evidence", "justification", "review"})
WIDTHS: Final = {
    "item": 16,
    "level": 9,
    "criterion": 11,
    "text": 48,
    "hints": 32,
    "rubric": 44,
    "grade": 13,
    "note": 24,
    "evidence": 24,
    "justification": 22,
    "review": 8,
}
# The cover's fields, in order: the value sits in column B beside its label; the reader finds them by label.
COVER_FIELDS: Final = (
    "organisation",
    "credit_code",
    "province",
    "city",
    "industry",
    "party_type",
    "assessed_on",
    "target_level",
    "respondent",
)
COVER_FIRST_ROW: Final = 3
MAX_SHEET_NAME: Final = 31
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
FONT: Final = "Noto Sans CJK SC"
LINE_POINTS: Final = 14.5  # one line of the 10-point body font
ANSWER_FILL: Final = PatternFill("solid", fgColor="FFF8D6")
HEADER_FILL: Final = PatternFill("solid", fgColor="1F5FA8")
WRAP = Alignment(wrap_text=True, vertical="top")
LEFT = Alignment(wrap_text=True, vertical="top", horizontal="left")  # a level or a date, as the texts beside it
UNLOCKED = Protection(locked=False)
_BODY = Font(name=FONT, size=10)
_HEADER = Font(name=FONT, size=10, bold=True, color="FFFFFF")


def header_label(column: str, language: Language) -> str:
    return text(f"workbook.col_{column}", language)


def grade_labels(questionnaire: Questionnaire, language: Language) -> list[str]:
    """The grades as the drop-down list offers them, in the scale's order, in ``language``."""
    return [grade.name.get(language) for grade in questionnaire.meta.scale]


def review_labels() -> set[str]:
    return {text("workbook.review_mark", language) for language in LANGUAGES}


def sheet_name(domain: Domain, language: Language, taken: Sequence[str]) -> str:
    """The domain's tab name as Excel accepts it: its name without ``[]:*?/\\``, at most 31 characters, unique."""
    name = _NOT_IN_SHEET_NAMES.sub(" ", domain.name.get(language)).strip().strip("'")[:MAX_SHEET_NAME] or domain.id
    if name.casefold() in {n.casefold() for n in (*taken, METADATA_SHEET)}:
        name = f"{name[: MAX_SHEET_NAME - len(domain.id) - 1]} {domain.id}"
    return name


def inert(value: str) -> str:
    """Text as it goes into a cell: one that a spreadsheet would run as a formula, or one that already starts with
    the apostrophe that quotes such text, gets a leading apostrophe (:func:`uninert` takes it off again)."""
    if value.startswith(FORMULA_TRIGGERS) or (value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS)):
        return "'" + value
    return value


def uninert(value: str) -> str:
    if value.startswith("'") and value[1:].startswith((*FORMULA_TRIGGERS, "'")):
        return value[1:]
    return value


@dataclass(frozen=True)
class WorkbookRequest:
    """What a workbook is written for: the edition, its domains (None: all), who answers, and in which language.

    ``answers`` pre-fills it (``dcmm convert FILE.json -o FILE.xlsx``, for a review meeting)."""

    questionnaire: Questionnaire
    language: Language = "zh"
    domains: Sequence[str] | None = None
    respondent: str = ""
    answers: AnswerFile | None = None
    organisation_name: str = ""
    target_level: int = 3
    items: Sequence[str] = ()  # items of other domains to include (a plan may assign a respondent single items)

    def partial_items(self) -> list[str]:
        """The items given one by one, of domains not included whole: their sheets hold those items only."""
        whole = set(self.domains or [])
        domain_of = {item.id: domain.id for domain in self.questionnaire.domains for item in domain.items}
        return [item for item in self.items if domain_of.get(item) not in whole]

    def includes(self, domain: Domain, item_id: str) -> bool:
        if self.domains is None and not self.items:
            return True
        return domain.id in set(self.domains or []) or item_id in set(self.items)


def chosen_domains(request: WorkbookRequest) -> list[Domain]:
    q = request.questionnaire
    if request.domains is None and not request.items:
        return list(q.domains)
    return [domain for domain in q.domains if any(request.includes(domain, item.id) for item in domain.items)]


def write_answer_workbook(request: WorkbookRequest, path: Path) -> None:
    """Write the workbook of ``request`` to ``path`` atomically."""
    book = build_answer_workbook(request)

    def save(handle: BinaryIO) -> None:
        book.save(handle)

    write_atomically_with(path, save)


def build_answer_workbook(request: WorkbookRequest) -> Workbook:
    """The workbook in memory (see the module docstring)."""
    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = text("workbook.cover_sheet", request.language)
    names: list[str] = []
    for domain in chosen_domains(request):
        names.append(sheet_name(domain, request.language, names))
        _domain_sheet(book.create_sheet(names[-1]), domain, request)
    if request.domains is None and not request.items:  # the whole questionnaire: the organisation's own copy
        from dcmm.files.answer_workbook_prerequisites import prerequisite_sheet, sheet_title

        given = request.answers.prerequisites if request.answers is not None else None
        prerequisite_sheet(
            book.create_sheet(sheet_title(request.language)), request.questionnaire, given, request.language
        )
    _cover(cover, request, names)
    _metadata(book.create_sheet(METADATA_SHEET), request, names)
    return book


def _cover(sheet: Worksheet, request: WorkbookRequest, names: list[str]) -> None:
    language, q = request.language, request.questionnaire

    def say(key: str, **values: object) -> str:
        return text(f"workbook.{key}", language, **values)

    title = sheet.cell(row=1, column=1, value=say("title", edition=f"{q.meta.standard} ({q.id})"))
    title.font = Font(name=FONT, size=14, bold=True)
    values = _cover_values(request)
    row = COVER_FIRST_ROW
    for field in COVER_FIELDS:
        label = sheet.cell(row=row, column=1, value=say(f"field_{field}"))
        label.font = Font(name=FONT, size=10, bold=True)
        value = sheet.cell(row=row, column=2, value=values.get(field))
        value.font, value.fill, value.protection, value.alignment = _BODY, ANSWER_FILL, UNLOCKED, LEFT
        if field == "assessed_on":
            value.number_format = "yyyy-mm-dd"
        row += 1
    choice(sheet, ["甲方", "乙方"], f"B{COVER_FIRST_ROW + COVER_FIELDS.index('party_type')}")
    choice(sheet, ["1", "2", "3", "4", "5"], f"B{COVER_FIRST_ROW + COVER_FIELDS.index('target_level')}")
    for key, shown in (
        ("field_edition", f"{q.meta.standard} ({q.id}, data {q.meta.data_version})"),
        ("field_domains", ", ".join(names)),
    ):
        sheet.cell(row=row, column=1, value=say(key)).font = Font(name=FONT, size=10, bold=True)
        sheet.cell(row=row, column=2, value=shown).alignment = WRAP
        row += 1
    row += 1
    sheet.cell(row=row, column=1, value=say("how_heading")).font = Font(name=FONT, size=12, bold=True)
    for number in range(1, 8):
        row += 1
        cell = sheet.cell(row=row, column=1, value=f"{number}. {say(f'how_{number}')}")
        cell.alignment, cell.font = WRAP, _BODY
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        sheet.row_dimensions[row].height = 30
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 70
    sheet.protection.sheet = True
    _print_setup(sheet, None)


def _cover_values(request: WorkbookRequest) -> dict[str, object]:
    answers = request.answers
    if answers is None:
        return {"organisation": request.organisation_name or None, "target_level": request.target_level,
                "respondent": request.respondent or None}  # fmt: skip
    organisation = answers.organisation
    given = {answer.respondent for answer in answers.answers.values() if answer.respondent}
    respondent = request.respondent or (given.pop() if len(given) == 1 else "")  # one department's answers
    found: dict[str, object] = {
        "organisation": organisation.name,
        "credit_code": organisation.credit_code,
        "province": organisation.province,
        "city": organisation.city,
        "industry": organisation.industry,
        "party_type": organisation.party_type,
        "assessed_on": answers.assessed_on,
        "target_level": answers.target_level,
        "respondent": respondent or None,
    }
    return {key: inert(value) if isinstance(value, str) else value for key, value in found.items()}


def choice(sheet: Worksheet, options: list[str], cells: str, error: str | None = None) -> None:
    """A drop-down list on ``cells`` that Excel, WPS and LibreOffice enforce (a typed value off the list is refused)."""
    listed = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
    listed.showErrorMessage = True
    if error is not None:
        listed.error = error
    listed.add(cells)
    sheet.add_data_validation(listed)


def _domain_sheet(sheet: Worksheet, domain: Domain, request: WorkbookRequest) -> None:
    language, q = request.language, request.questionnaire
    answers = request.answers.answers if request.answers is not None else {}
    grade_names = {grade.id: grade.name.get(language) for grade in q.meta.scale}
    review = text("workbook.review_mark", language)
    for column, key in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=column, value=header_label(key, language))
        cell.font, cell.fill, cell.alignment = _HEADER, HEADER_FILL, WRAP
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS[key]
    row = 1
    for item in (i for i in domain.items if request.includes(domain, i.id)):
        item_name = f"{item.id} {item.name.get(language)}"
        for level in item.levels:
            level_name = f"{level.level} {q.level_definition(level.level).short_name.get(language)}"
            for criterion in level.criteria:
                row += 1
                answer = answers.get(criterion.id) or Answer()
                hints = "\n".join(f"• {hint.get(language)}" for hint in criterion.evidence)
                values: tuple[object, ...] = (
                    item_name,
                    level_name,
                    criterion.id,
                    criterion.text.get(language),
                    hints,
                    rubric_cell(q, criterion, language),
                    grade_names[answer.grade.value] if answer.grade is not None else None,
                    inert(answer.note) or None,
                    "\n".join(inert(e) for e in answer.evidence) or None,
                    inert(answer.justification) if answer.justification else None,
                    review if answer.marked_for_review else None,
                )
                for column, (key, value) in enumerate(zip(COLUMNS, values, strict=True), start=1):
                    cell = sheet.cell(row=row, column=column, value=value)
                    cell.font, cell.alignment = _BODY, WRAP
                    if key in ANSWER_COLUMNS:
                        cell.fill, cell.protection = ANSWER_FILL, UNLOCKED
                # spreadsheet programs do not size rows to wrapped text when they open a file: say how tall
                sheet.row_dimensions[row].height = row_height(values)
    last = max(row, 2)
    grades = grade_labels(q, language)
    letter = {key: get_column_letter(COLUMNS.index(key) + 1) for key in COLUMNS}
    error = text("workbook.grade_error", language, grades=", ".join(grades))
    choice(sheet, grades, f"{letter['grade']}2:{letter['grade']}{last}", error)
    choice(sheet, [review], f"{letter['review']}2:{letter['review']}{last}")
    sheet.freeze_panes = "D2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    protection = sheet.protection
    protection.sheet = True
    # sorting, filtering and resizing stay allowed: the reader finds rows by criterion id, not by position
    protection.sort = protection.autoFilter = protection.formatColumns = protection.formatRows = False
    _print_setup(sheet, "1:1")


def display_width(text: str) -> int:
    """Columns ``text`` takes: two for a wide (Chinese) character, one for any other."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def row_height(values: Sequence[object]) -> float:
    """Points a row needs for its cells' wrapped lines at the body font's size (what Excel would size it to)."""
    lines = 1
    for key, value in zip(COLUMNS, values, strict=True):
        if isinstance(value, str) and value:
            room = max(1, WIDTHS[key] - 1)
            lines = max(lines, sum(math.ceil(max(1, display_width(line)) / room) for line in value.split("\n")))
    return LINE_POINTS * lines + 2


def _print_setup(sheet: Worksheet, title_rows: str | None) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows is not None:
        sheet.print_title_rows = title_rows
    sheet.oddHeader.left.text = sheet.title.replace("&", "&&")
    sheet.oddFooter.center.text = "&P / &N"


def _metadata(sheet: Worksheet, request: WorkbookRequest, names: list[str]) -> None:
    q = request.questionnaire
    answers = request.answers
    answered = list(answers.answers.items()) if answers else []
    compact: dict[str, Any] = {"ensure_ascii": False, "separators": (",", ":")}
    rows: list[tuple[str, str, str | None]] = [
        ("format", FORMAT, None),
        ("format_version", FORMAT_VERSION, None),
        ("edition", q.id, None),
        ("data_version", q.meta.data_version, None),
        ("questionnaire_sha256", questionnaire_sha256(q), None),
        ("respondent", request.respondent, None),
        ("language", request.language, None),
        ("written_by", f"dcmm {__version__}", None),
        # what an answer file holds that the cover does not show, carried through a round trip
        (
            "assessors",
            json.dumps([a.model_dump() for a in answers.assessors] if answers else [], ensure_ascii=False),
            None,
        ),
        ("fictitious", "true" if answers is not None and answers.organisation.fictitious else "false", None),
        (
            "respondents",
            json.dumps(answer_file_data(answers).get("respondents", []) if answers else [], **compact),
            None,
        ),
        ("answered_by", json.dumps({c: a.respondent for c, a in answered if a.respondent}, **compact), None),
        # the admission prerequisites (dcmm readiness) are not on the cover: carried as the answer file has them
        (
            "prerequisites",
            json.dumps(answer_file_data(answers).get("prerequisites") if answers else None, **compact),
            None,
        ),
        ("items", json.dumps(request.partial_items(), **compact), None),
        *(("domain", domain.id, name) for domain, name in zip(chosen_domains(request), names, strict=True)),
    ]
    for row in rows:
        sheet.append(list(row))
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True


def rubric_cell(q: Questionnaire, criterion: Criterion, language: Language) -> str | None:
    """The criterion's dimension and what each grade looks like, one line each."""
    lines = [f"[{text(f'tui.dimension_{criterion.dimension}', language)}]"] if criterion.dimension else []
    if criterion.rubric is not None:
        colon = "：" if language == "zh" else ": "
        for grade_id in ("fully_met", "mostly_met", "partly_met"):
            looks = criterion.rubric.for_grade(grade_id)
            if looks is not None:
                lines.append(f"{q.grade(grade_id).name.get(language)}{colon}{looks.get(language)}")
    return "\n".join(lines) or None
