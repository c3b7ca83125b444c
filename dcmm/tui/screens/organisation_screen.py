"""The new-assessment form: who is assessed, the target level, and where the answers are saved."""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from dcmm.core.answers import Assessor, Organisation
from dcmm.core.identifiers import (
    CREDIT_CODE_CHARSET,
    PROVINCES,
    credit_code_check_character,
    credit_code_problem,
)
from dcmm.core.text import Language
from dcmm.files import load_edition
from dcmm.files.divisions import table
from dcmm.files.places import credit_code_division, region_name
from dcmm.i18n import text
from dcmm.tui.screens.confirm_screen import DiscardScreen
from dcmm.tui.session import NewAssessment
from dcmm.tui.widgets import Key, KeyBar, language_of

_TEXT_FIELDS = ("name", "credit_code", "city", "industry", "assessor", "assessor_role", "assessor_contact", "path")
_ASSESSOR_FIELDS = ("assessor", "assessor_role", "assessor_contact")
_LABELS = {
    "assessor": "tui_form.assessor",
    "assessor_role": "tui_form.assessor_role",
    "assessor_contact": "tui_form.assessor_contact",
    "name": "tui.org_name",
    "credit_code": "tui.credit_code",
    "city": "tui.city",
    "industry": "tui.industry",
    "path": "tui.answer_path",
    "province": "tui.province",
    "party_type": "tui.party_type",
    "target_level": "tui.target_level",
}


def credit_code_message(raw: str, language: Language) -> str | None:
    """Why ``raw`` is not a valid unified social credit code, in the interface language; None when valid."""
    code = raw.strip().upper().replace(" ", "").replace("-", "")
    if credit_code_problem(code) is None:
        return None
    if len(code) != 18:
        return text("tui.code_length", language, count=len(code))
    bad = sorted({ch for ch in code if ch not in CREDIT_CODE_CHARSET})
    if bad:
        return text("tui.code_characters", language, characters="".join(bad))
    if not code[2:8].isdigit():
        return text("tui.code_region", language)
    return text("tui.code_check", language, found=code[17], expected=credit_code_check_character(code[:17]))


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_PHONE = re.compile(r"\+?[\d\s()-]+(?:(?:转|ext\.?|x)\s*\d+)?", re.IGNORECASE)


def contact_message(contact: str, language: Language) -> str | None:
    """Why ``contact`` is neither an email address nor a phone number, in the interface language; None when fine."""
    if "@" in contact:
        return None if _EMAIL.fullmatch(contact) else text("tui_form.contact_not_email", language)
    if _PHONE.fullmatch(contact) and sum(ch.isdigit() for ch in contact) >= 5:
        return None
    return text("tui_form.contact_not_phone", language)


def place_of_credit_code(code: str) -> tuple[str, str | None] | None:
    """(province code, city code or None) that a valid credit code's characters 3-8 name; None when unknown."""
    division = credit_code_division(code)
    if division is None:
        return None
    return division.province, division.city if division.city in table().divisions else None


def default_answer_path(folder: Path) -> Path:
    """``dcmm-assessment.json`` in ``folder``, numbered when that name is taken."""
    candidate = folder / "dcmm-assessment.json"
    number = 2
    while candidate.exists():
        candidate = folder / f"dcmm-assessment-{number}.json"
        number += 1
    return candidate


class OrganisationScreen(Screen[NewAssessment | None]):
    """Dismisses with a validated ``NewAssessment``, or None to go back; each field shows its error as typed."""

    CSS_PATH = "organisation_screen.tcss"
    BINDINGS = [
        Binding("ctrl+s", "start", show=False),
        Binding("escape", "back", show=False),
        Binding("ctrl+q", "app.quit", show=False),
        Binding("f2", "app.toggle_language", show=False),
    ]

    def __init__(self, edition: str, path: Path | None = None) -> None:
        super().__init__()
        self.edition = edition
        self.initial_path = path or default_answer_path(Path.cwd())
        self.touched: set[str] = set()
        self.inferred: dict[str, str] = {}  # what the credit code filled in, by field: replaced when the code changes
        self.place_note: str | None = None  # what the credit code's status line says about the place

    def compose(self) -> ComposeResult:
        yield Static(id="form-title")
        with VerticalScroll(id="form"):
            yield from self._row("name", Input(id="name", compact=True))
            yield from self._row("credit_code", Input(id="credit_code", max_length=24, compact=True))
            yield from self._row("province", Select[str]([], id="province", compact=True))
            yield from self._row("city", Input(id="city", compact=True))
            yield from self._row("industry", Input(id="industry", compact=True))
            yield from self._row("party_type", Select[str]([], id="party_type", compact=True))
            for field in _ASSESSOR_FIELDS:
                yield from self._row(field, Input(id=field, compact=True))
            levels = [(str(level), level) for level in range(1, 6)]  # named in apply_language
            yield from self._row(
                "target_level", Select[int](levels, id="target_level", allow_blank=False, value=3, compact=True)
            )
            yield from self._row("path", Input(str(self.initial_path), id="path", compact=True))
            yield Button(id="start", variant="primary", compact=True)
            yield Static(id="form-status")
        yield KeyBar(
            [
                Key("Tab", "app.focus_next", "tui.key_next_field"),
                Key("Ctrl+S", "screen.start", "tui.key_start"),
                Key("F2", "app.toggle_language", "tui.key_language"),
                Key("Esc", "screen.back", "tui.key_back"),
            ]
        )

    @staticmethod
    def _row(field: str, widget: Input | Select[str] | Select[int]) -> ComposeResult:
        with Horizontal(classes="field"):
            yield Label(id=f"label-{field}", classes="label")
            yield widget
        yield Static(id=f"error-{field}", classes="error")

    def on_mount(self) -> None:
        self.apply_language()
        self.query_one("#name", Input).focus()

    def apply_language(self) -> None:
        language = language_of(self.app)
        self.query_one("#form-title", Static).update(
            f"{text('tui.new_assessment', language)} · {load_edition(self.edition).meta.standard}"
        )
        for field, label in _LABELS.items():
            self.query_one(f"#label-{field}", Label).update(text(label, language))
        self._fill_select(
            "province",
            [(f"{code} {full if language == 'zh' else english}", code) for code, full, _short, english in PROVINCES],
        )
        self._fill_select(
            "party_type", [(text("tui.party_owner", language), "甲方"), (text("tui.party_provider", language), "乙方")]
        )
        levels = load_edition(self.edition).meta.levels
        self._fill_select("target_level", [(f"{d.level} {d.name.get(language)}", d.level) for d in levels])
        for select in self.query(Select):
            select.prompt = text("tui.not_chosen", language)
        self.query_one("#start", Button).label = text("tui.start", language)
        self.query_one(KeyBar).apply_language()
        self.fill_from_credit_code()  # its note, in the new language
        self.validate_fields()

    def _fill_select(self, field: str, options: list[tuple[str, str]] | list[tuple[str, int]]) -> None:
        select: Select[object] = self.query_one(f"#{field}", Select)
        value = select.value
        select.set_options(options)
        if value is not Select.NULL:
            select.value = value

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id:
            self.touched.add(event.input.id)
        if event.input.id in ("credit_code", "city"):
            self.fill_from_credit_code(fill=event.input.id == "credit_code")
        self.validate_fields()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "province" or event.value in (Select.NULL, self.inferred.get("province")):
            return
        # Another province than the code's: the city filled in from the code is not in it.
        self.inferred.pop("province", None)
        city = self.query_one("#city", Input)
        if "city" in self.inferred and city.value.strip() == self.inferred.pop("city"):
            with city.prevent(Input.Changed):
                city.value = ""
        self.fill_from_credit_code()
        self.validate_fields()

    def fill_from_credit_code(self, fill: bool = True) -> None:
        """The province and city that a valid code names, put in the fields left empty (or filled from it before).

        Without ``fill`` only the note under the code is brought up to date (the user is editing the city)."""
        code = self._text("credit_code").upper().replace(" ", "").replace("-", "")
        place = place_of_credit_code(code) if credit_code_message(code, "en") is None else None
        self.place_note = None
        if place is None:
            return
        province, city_code = place
        language = language_of(self.app)
        names = [region_name(province, language), *([region_name(city_code, language)] if city_code else [])]
        names = list(dict.fromkeys(names))  # 北京市 is a province and a city: named once
        city = table().divisions[city_code].name if city_code else None  # the field holds the Chinese name
        kept = False
        if fill and self._choice("province") in (None, self.inferred.get("province")):
            self.query_one("#province", Select).value = province
            self.inferred["province"] = province
        elif self._choice("province") != province:
            kept = True
        city_input = self.query_one("#city", Input)
        if not fill:
            kept = kept or (city is not None and city_input.value.strip() != self.inferred.get("city"))
        elif city and not kept and city_input.value.strip() in ("", self.inferred.get("city")):
            self.inferred["city"] = city
            with city_input.prevent(Input.Changed):
                city_input.value = city
        elif city:
            kept = True
        key = "tui_form.code_place_kept" if kept else "tui_form.code_place"
        self.place_note = text(key, language, code=code[2:8], place=" ".join(names))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()

    def field_errors(self) -> dict[str, str]:
        """Every field's current error, in the interface language (empty when the form is good)."""
        language = language_of(self.app)
        errors: dict[str, str] = {}
        if not self._text("name"):
            errors["name"] = text("tui.required", language)
        code = self._text("credit_code")
        if code:
            message = credit_code_message(code, language)
            if message:
                errors["credit_code"] = message
        contact = self._text("assessor_contact")
        if contact and (message := contact_message(contact, language)):
            errors["assessor_contact"] = message
        if not self._text("assessor") and (contact or self._text("assessor_role")):
            errors["assessor"] = text("tui_form.assessor_name_first", language)
        path_text = self._text("path")
        if not path_text:
            errors["path"] = text("tui.required", language)
        else:
            path = Path(path_text).expanduser()
            if path.suffix.lower() != ".json":
                errors["path"] = text("tui.must_be_json", language)
            elif path.exists():
                errors["path"] = text("tui.file_exists", language)
            elif not (path.parent if str(path.parent) else Path.cwd()).is_dir():
                errors["path"] = text("tui.folder_missing", language)
        return errors

    def validate_fields(self, show_all: bool = False) -> dict[str, str]:
        errors = self.field_errors()
        language = language_of(self.app)
        for field in _TEXT_FIELDS:
            status = self.query_one(f"#error-{field}", Static)
            visible = show_all or field in self.touched or field == "path"
            message = errors.get(field) if visible else None
            status.set_class(message is not None, "shown")
            if message:
                status.update(f"✗ {message}")
            elif field == "credit_code" and self._text("credit_code"):
                status.set_class(True, "shown")
                status.update(f"✓ {self.place_note or text('tui.code_ok', language)}")
            else:
                status.update("")
            status.set_class(field == "credit_code" and message is None and bool(self._text(field)), "ok")
        return errors

    def has_changes(self) -> bool:
        """Whether anything was entered that going back would lose."""
        typed = any(self._text(field) for field in _TEXT_FIELDS if field != "path")
        chosen = self._choice("province") is not None or self._choice("party_type") is not None
        moved = self._text("path") != str(self.initial_path) or self._choice("target_level") != 3
        return typed or chosen or moved

    def action_back(self) -> None:
        if not self.has_changes():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(DiscardScreen(), answered)

    def _text(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip()

    def _choice(self, field: str) -> object | None:
        value = self.query_one(f"#{field}", Select).value
        return None if value is Select.NULL else value

    def action_start(self) -> None:
        errors = self.validate_fields(show_all=True)
        status = self.query_one("#form-status", Static)
        if errors:
            status.update(text("tui.fix_errors", language_of(self.app)))
            first = next(field for field in _TEXT_FIELDS if field in errors)
            self.query_one(f"#{first}", Input).focus()
            return
        try:
            organisation = Organisation(
                name=self._text("name"),
                credit_code=self._text("credit_code") or None,
                province=self._choice("province"),
                city=self._text("city") or None,
                industry=self._text("industry") or None,
                party_type=self._choice("party_type"),
            )
        except ValidationError as exc:
            status.update(str(exc.errors()[0]["msg"]))
            return
        path = Path(self._text("path")).expanduser()
        if not os.access(path.parent if str(path.parent) else Path.cwd(), os.W_OK):
            status.update(f"{path.parent}: {os.strerror(13)}")
            return
        target = self._choice("target_level")
        level = int(target) if isinstance(target, int) else 3
        self.dismiss(NewAssessment(path, self.edition, organisation, level, self._assessors()))

    def _assessors(self) -> list[Assessor]:
        name = self._text("assessor")
        if not name:
            return []
        contact = self._text("assessor_contact") or None
        email, phone = (contact, None) if contact and "@" in contact else (None, contact)
        return [Assessor(name=name, role=self._text("assessor_role") or None, email=email, phone=phone)]
