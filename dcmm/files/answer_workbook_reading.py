"""Reading a filled answer workbook into the answer-file model the JSON reader gives, every problem named by cell.

The workbook's bytes are read once (their SHA-256 is the input's digest) and parsed with calamine. Rows are found by
their criterion id, never by position, so sorted, filtered, hidden or deleted rows read as they should: a row that
is missing leaves its criterion unanswered (with a warning), a row whose id is no criterion id (a total, a comment)
is ignored, one with an unknown criterion id is refused. Columns are found by their header in either language.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dcmm.core.answers import Answer, AnswerFile, Assessor, Grade
from dcmm.core.errors import Problem, UserError
from dcmm.core.questionnaire import Questionnaire
from dcmm.files.answer_workbook import (
    ANSWER_COLUMNS,
    COVER_FIELDS,
    FORMAT,
    FORMAT_VERSION,
    METADATA_SHEET,
    grade_labels,
    header_label,
    review_labels,
    uninert,
)
from dcmm.files.answer_workbook_cells import answered_by, cell_text, hundredths, normalised, version_label, whole
from dcmm.files.answer_workbook_prerequisites import prerequisites_from_sheet
from dcmm.files.answers import AnswerInput
from dcmm.files.cells import column_letters
from dcmm.files.json_source import read_bytes
from dcmm.files.organisation import organisation_findings
from dcmm.files.problems import problem, refusal, warn
from dcmm.files.questionnaires import available_editions, load_edition, questionnaire_sha256
from dcmm.files.workbook_checks import OLE_MAGIC, ZIP_MAGIC, check_zip, exception_reason, sheet_rows
from dcmm.files.yaml_source import capped
from dcmm.i18n import LANGUAGES, Language, text

_WHAT = "an answer workbook"
_CRITERION_LIKE = re.compile(r"^\d+\.\d+\.\d+\.\d+$")
_HEADER_ROWS = 20  # rows above the header a user may have inserted
_SHOWN_MISSING = 5
Cells = list[object]


def read_answer_workbook(path: str | Path, questionnaire: Questionnaire | None = None) -> AnswerInput:
    """Read a filled workbook once and validate it into an :class:`AnswerInput`; raises UserError naming cells."""
    import python_calamine as calamine

    file = str(path)
    raw = read_bytes(path, _WHAT)
    if not raw.startswith(ZIP_MAGIC):
        if raw.startswith(OLE_MAGIC):
            raise refusal(file, "workbook_xls")
        if raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"<", b"{"):
            raise refusal(file, "list_html_workbook" if raw.lstrip()[:1] == b"<" else "workbook_xls")
        raise refusal(file, "list_not_a_workbook", None, None, reason="it does not begin as a workbook does")
    check_zip(Path(path), file)
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
    except Exception as exc:  # calamine's errors for a malformed part are many; each means the same here
        raise refusal(file, "list_not_a_workbook", None, None, reason=exception_reason(exc)) from None
    try:
        reader = _Reader(file, book, questionnaire)
        answers = reader.answer_file()
    finally:
        book.close()
    read = AnswerInput(
        Path(path), hashlib.sha256(raw).hexdigest(), answers, reader.questionnaire, tuple(reader.warnings)
    )
    for found in reader.warnings:
        warn(found)
    return read


class _Reader:
    """One workbook being read: its metadata checked first, then its cover and its domain sheets."""

    def __init__(self, file: str, book: object, questionnaire: Questionnaire | None) -> None:
        self.file, self.book = file, book
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        names = [sheet.name for sheet in book.sheets_metadata]  # type: ignore[attr-defined]
        self.sheet_names = names
        if METADATA_SHEET not in names:
            raise refusal(file, "workbook_no_metadata", None, None, sheet=METADATA_SHEET)
        self.meta, self.domain_sheets = self._metadata(self._rows(METADATA_SHEET))
        self.questionnaire = self._questionnaire(questionnaire)

    def _rows(self, name: str) -> Iterator[tuple[int, Cells]]:
        """The rows of sheet ``name``, numbered from 1, their cells placed from column A."""
        try:
            sheet = self.book.get_sheet_by_name(name)  # type: ignore[attr-defined]
        except Exception as exc:
            raise refusal(self.file, "list_not_a_workbook", None, name, reason=exception_reason(exc)) from None
        yield from sheet_rows(sheet, self.file, name)

    def _altered(self, reason: str) -> UserError:
        return refusal(self.file, "workbook_metadata_altered", None, None, sheet=METADATA_SHEET, reason=reason)

    def _metadata(self, rows: Iterator[tuple[int, Cells]]) -> tuple[dict[str, str], list[tuple[str, str]]]:
        meta: dict[str, str] = {}
        domains: list[tuple[str, str]] = []
        for _number, cells in rows:
            key, value, extra = (cell_text(c).strip() for c in (*cells, None, None, None)[:3])
            if key == "domain":
                domains.append((value, extra))
            elif key:
                meta[key] = value
        if meta.get("format") != FORMAT:
            raise self._altered(f"format is {meta.get('format')!r}, not {FORMAT!r}")
        if meta.get("format_version") != FORMAT_VERSION:
            found = meta.get("format_version") or "-"
            raise refusal(self.file, "workbook_newer_format", None, None, found=found, known=FORMAT_VERSION)
        for key in ("edition", "questionnaire_sha256", "language"):
            if not meta.get(key):
                raise self._altered(f"no {key}")
        if not domains:
            raise self._altered("no domain sheets listed")
        return meta, domains

    def _questionnaire(self, given: Questionnaire | None) -> Questionnaire:
        edition = self.meta["edition"]
        if given is None:
            if edition not in available_editions():
                raise refusal(
                    self.file,
                    "workbook_unknown_edition",
                    None,
                    None,
                    edition=edition,
                    known=", ".join(available_editions()),
                )
            given = load_edition(edition)
        digest = questionnaire_sha256(given)
        if given.id != edition or digest != self.meta["questionnaire_sha256"]:
            made = version_label(edition, self.meta.get("data_version", "?"), self.meta["questionnaire_sha256"])
            here = version_label(given.id, given.meta.data_version, digest)
            written_by = self.meta.get("written_by", "?")
            raise refusal(
                self.file, "workbook_other_questionnaire", None, None, made=made, here=here, written_by=written_by
            )
        known = {d.id for d in given.domains}
        for domain_id, name in self.domain_sheets:
            if domain_id not in known:
                raise self._altered(f"domain {domain_id!r} is not in {given.id}")
            if name not in self.sheet_names:
                raise refusal(self.file, "workbook_missing_sheet", None, None, sheet=name, domain=domain_id)
        return given

    @property
    def language(self) -> Language:
        found = self.meta["language"]
        return "en" if found == "en" else "zh"

    def _at(self, sheet: str, row: int, column: int) -> str:
        return f"{self.file}:{sheet}!{column_letters(column)}{row}"

    def _problem(self, sheet: str, row: int, column: int, key: str, /, **values: object) -> None:
        self.problems.append(problem(self._at(sheet, row, column), key, **values))

    # --- the cover ---

    def _cover(self) -> tuple[dict[str, object], dict[str, str]]:
        """The cover's values by field, and each field's cell (for problems)."""
        names = [text("workbook.cover_sheet", language) for language in LANGUAGES]
        cover = next((name for name in self.sheet_names if name in names), None)
        if cover is None:
            raise refusal(self.file, "workbook_no_cover", None, None, names=" / ".join(names))
        fields = {
            normalised(text(f"workbook.field_{field}", language)): field
            for field in COVER_FIELDS
            for language in LANGUAGES
        }
        values: dict[str, object] = {}
        cells: dict[str, str] = {}
        for number, row in self._rows(cover):
            field = fields.get(normalised(row[0] if row else None))
            if field is not None and field not in values:
                values[field] = row[1] if len(row) > 1 else None
                cells[field] = self._at(cover, number, 1)
        return values, cells

    # --- the domain sheets ---

    def _columns(self, sheet: str, rows: Iterator[tuple[int, Cells]]) -> dict[str, int] | None:
        headers = {
            normalised(header_label(key, language)): key
            for key in ("criterion", *ANSWER_COLUMNS)
            for language in LANGUAGES
        }
        for number, cells in rows:
            found = {headers[h]: i for i, h in reversed(list(enumerate(map(normalised, cells)))) if h in headers}
            if "criterion" in found:
                for key in sorted(ANSWER_COLUMNS - found.keys()):
                    self.problems.append(
                        problem(f"{self.file}:{sheet}!{number}", "workbook_missing_column", header=self._header(key))
                    )
                return found if found.keys() >= ANSWER_COLUMNS else None
            if number >= _HEADER_ROWS:
                break
        self.problems.append(
            problem(f"{self.file}:{sheet}", "workbook_no_header", header=self._header("criterion"), rows=_HEADER_ROWS)
        )
        return None

    def _header(self, key: str) -> str:
        return header_label(key, self.language)

    def _answers(self) -> dict[str, Answer]:
        q = self.questionnaire
        found: dict[str, tuple[str, Answer | None]] = {}
        for domain_id, sheet in self.domain_sheets:
            rows = self._rows(sheet)
            columns = self._columns(sheet, rows)
            if columns is None:
                continue
            for number, cells in rows:
                self._row(sheet, number, cells, columns, found)
            items = q.domain_by_id[domain_id].items
            partial = {i.id for i in items} & set(self._recorded("items", list))  # a sheet of some items only
            expected = [c.id for item in items if not partial or item.id in partial for c in item.criteria]
            missing = [cid for cid in expected if cid not in found]
            if missing:
                shown = ", ".join(missing[:_SHOWN_MISSING]) + (" …" if len(missing) > _SHOWN_MISSING else "")
                self.warnings.append(
                    problem(
                        f"{self.file}:{sheet}",
                        "workbook_criteria_missing",
                        count=len(missing),
                        domain=domain_id,
                        criteria=shown,
                    )
                )
        position = q.criterion_position
        ordered = sorted(((cid, a) for cid, (_, a) in found.items() if a is not None), key=lambda p: position[p[0]])
        return dict(ordered)

    def _row(
        self,
        sheet: str,
        number: int,
        cells: Cells,
        columns: dict[str, int],
        found: dict[str, tuple[str, Answer | None]],
    ) -> None:
        def cell(key: str) -> object:
            index = columns[key]
            value = cells[index] if index < len(cells) else None
            return None if value == "" else value

        criterion = normalised(cell("criterion"))
        answered = any(cell(key) is not None for key in ANSWER_COLUMNS)
        if not _CRITERION_LIKE.match(criterion):
            if not criterion and answered:
                self._problem(sheet, number, columns["criterion"], "workbook_answer_without_id",
                              header=self._header("criterion"))  # fmt: skip
            return  # a total, a heading, a comment: not the questionnaire's
        where = self._at(sheet, number, columns["criterion"])
        if criterion not in self.questionnaire.criteria:
            self.problems.append(
                problem(where, "workbook_unknown_criterion", criterion=criterion, edition=self.questionnaire.id)
            )
            return
        if criterion in found:
            first = found[criterion][0].removeprefix(self.file + ":")
            self.problems.append(problem(where, "workbook_criterion_twice", criterion=criterion, first=first))
            return
        grade = self._grade(sheet, number, columns["grade"], cell("grade"))
        justification = cell_text(cell("justification")) or None
        if grade is Grade.NOT_APPLICABLE and justification is None:
            label = self.questionnaire.grade("not_applicable").name.get(self.language)
            self._problem(sheet, number, columns["justification"], "workbook_na_without_justification",
                          grade=label, header=self._header("justification"))  # fmt: skip
        review = self._review(sheet, number, columns["review"], cell("review"))
        evidence = [
            uninert(line.strip()) for line in cell_text(cell("evidence"), unquote=False).splitlines() if line.strip()
        ]
        answer = Answer(grade, cell_text(cell("note")), evidence, review, justification)
        found[criterion] = (where, answer if answer != Answer() else None)

    def _grade(self, sheet: str, number: int, column: int, value: object) -> Grade | None:
        if value is None:
            return None
        spelled = normalised(value).casefold()
        if not spelled:
            return None
        for option in self.questionnaire.meta.scale:
            names = {option.id, option.name.zh.casefold(), option.name.en.casefold()}
            if spelled in names or (option.value is not None and hundredths(spelled) == option.hundredths):
                return Grade(option.id)
        if spelled in ("n/a", "na"):
            return Grade.NOT_APPLICABLE
        grades = ", ".join(grade_labels(self.questionnaire, self.language))
        numbers = ", ".join(f"{g.value:g}" for g in self.questionnaire.meta.scale if g.value is not None)
        others = f"{', '.join(g.id for g in self.questionnaire.meta.scale)}; {numbers}"
        found = json.dumps(cell_text(value), ensure_ascii=False)
        self._problem(sheet, number, column, "workbook_not_a_grade", found=found, grades=grades, others=others)
        return None

    def _review(self, sheet: str, number: int, column: int, value: object) -> bool:
        if value is None or not normalised(value):
            return False
        marks = review_labels()
        if normalised(value).casefold() in {m.casefold() for m in marks} | {"x", "✓", "true", "1", "y"}:
            return True
        found = json.dumps(cell_text(value), ensure_ascii=False)
        self._problem(sheet, number, column, "workbook_not_a_review_mark", found=found, marks=" / ".join(sorted(marks)))
        return False

    # --- the answer file ---

    def answer_file(self) -> AnswerFile:
        cover, cells = self._cover()
        answers = self._answers()
        data = self._carried(cover)
        answer_file: AnswerFile | None = None
        try:  # the answers are checked cell by cell above; the model checks the rest
            respondent = cell_text(cover.get("respondent")).strip() or self.meta.get("respondent") or None
            answers = answered_by(answers, respondent, self._recorded("answered_by", dict))
            answer_file = AnswerFile.model_validate(data).model_copy(update={"answers": answers})
        except ValidationError as exc:
            for error in exc.errors():
                loc = error["loc"]
                field = {"organisation": str(loc[1]) if len(loc) > 1 else "name", "assessors": "respondent"}.get(
                    str(loc[0]), str(loc[0])
                )
                field = "organisation" if field == "name" else field
                label = text(f"workbook.field_{field}", self.language) if field in COVER_FIELDS else field
                where = cells.get(field, f"{self.file}:{text('workbook.cover_sheet', self.language)}")
                if field == "organisation" and error["type"] == "string_too_short":
                    self.problems.append(problem(where, "workbook_no_organisation"))
                else:
                    self.problems.append(problem(where, "workbook_bad_field", label=label, reason=error["msg"]))
        for found in organisation_findings(answer_file.organisation.model_dump()) if answer_file else ():
            cell = cells.get("organisation" if found.field == "name" else found.field, self.file)
            (self.problems if found.refused else self.warnings).append(found.problem(cell))
        if self.problems:
            shown, more = capped(self.file, self.problems)
            raise UserError([*shown, *more])
        assert answer_file is not None
        return answer_file

    def _recorded(self, key: str, kind: type) -> Any:
        """A JSON value the metadata sheet carries for a round trip (``kind()`` when absent)."""
        try:
            value = json.loads(self.meta.get(key) or "null")
        except ValueError:
            raise self._altered(f"{key} is not JSON") from None
        if value is not None and not isinstance(value, kind):
            raise self._altered(f"{key} is not a {kind.__name__}")
        return kind() if value is None else value

    def _prerequisites(self) -> dict[str, object] | None:
        recorded, q = self._recorded("prerequisites", dict), self.questionnaire
        found, problems = prerequisites_from_sheet(self.file, self.sheet_names, self._rows, q, recorded, self.language)
        self.problems += problems
        return found

    def _carried(self, cover: dict[str, object]) -> dict[str, object]:
        """The answer file's fields other than the answers: the cover's, and what the metadata carries."""

        def given(field: str) -> str | None:
            return cell_text(cover.get(field)).strip() or None

        try:
            assessors = [Assessor.model_validate(a) for a in json.loads(self.meta.get("assessors") or "[]")]
        except (ValueError, TypeError, ValidationError):
            raise self._altered("assessors is not a list of people") from None
        level = cover.get("target_level")
        assessed_on = cover.get("assessed_on")
        return {
            "format_version": "1.3",
            "edition": self.questionnaire.id,
            "content_version": self.questionnaire.meta.data_version,  # the workbook matched it, digest and all
            "organisation": {
                "name": given("organisation") or "",
                **{key: given(key) for key in ("credit_code", "province", "city", "industry", "party_type")},
                "fictitious": self.meta.get("fictitious") == "true",
            },
            "assessors": assessors,
            "respondents": self._recorded("respondents", list) or None,
            "prerequisites": self._prerequisites(),
            "assessed_on": assessed_on.date() if isinstance(assessed_on, dt.datetime) else assessed_on or None,
            "target_level": 3 if level in (None, "") else whole(level),
        }
