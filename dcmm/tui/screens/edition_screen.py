"""The first step of a new assessment: which edition of the standard to assess against."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from dcmm.core.editions.in_force import edition_in_force
from dcmm.core.text import Language
from dcmm.files import available_editions, load_edition
from dcmm.i18n import text
from dcmm.tui.widgets import Key, KeyBar, language_of


def edition_note(edition_id: str, language: Language) -> str:
    """Where the edition's content comes from, and how many of its domains and items are provisional."""
    meta = load_edition(edition_id).meta
    if not meta.provisional:
        return meta.provenance.get(language)
    ids = ", ".join(meta.provisional) if language == "en" else "、".join(meta.provisional)
    marked = text("tui_fixes.provisional_parts", language, count=len(meta.provisional), ids=ids)
    return f"{meta.provenance.get(language)}{'' if language == 'zh' else ' '}{marked}"


class EditionScreen(Screen[str]):
    """Lists the bundled editions, the one in force on the assessment date first chosen; dismisses with the id."""

    CSS_PATH = "edition_screen.tcss"
    BINDINGS = [
        Binding("escape,ctrl+q", "app.quit", show=False),
        Binding("f2", "app.toggle_language", show=False),
    ]

    def __init__(self, assessed_on: dt.date | None = None) -> None:
        super().__init__()
        self.assessed_on = assessed_on or dt.date.today()
        self.in_force = edition_in_force((load_edition(e).meta for e in available_editions()), self.assessed_on)

    def compose(self) -> ComposeResult:
        yield Static(id="edition-title")
        yield OptionList(id="editions")
        yield Static(id="edition-provenance")
        yield KeyBar(
            [
                Key("Enter", "screen.choose", "tui.key_choose"),
                Key("F2", "app.toggle_language", "tui.key_language"),
                Key("Esc", "app.quit", "tui.key_quit"),
            ]
        )

    def on_mount(self) -> None:
        self.apply_language()
        self.query_one("#editions", OptionList).focus()

    def apply_language(self) -> None:
        language = language_of(self.app)
        self.query_one("#edition-title", Static).update(text("tui.choose_edition", language))
        editions = self.query_one("#editions", OptionList)
        highlighted = editions.highlighted
        options = []
        for edition_id in reversed(available_editions()):  # newest first
            q = load_edition(edition_id)
            line = text(
                "tui.edition_line",
                language,
                standard=q.meta.standard,
                in_force=q.meta.in_force.isoformat(),
                domains=len(q.domains),
                items=len(q.items),
                criteria=len(q.criteria),
            )
            note = f" {text('tui.provisional', language)}" if q.meta.provisional else ""
            if edition_id == self.in_force:
                note += f" {text('tui_fixes.in_force_tag', language, date=self.assessed_on.isoformat())}"
            options.append(Option(f"{q.meta.title.get(language)}{note}\n  {line}", id=edition_id))
        editions.set_options(options)
        if highlighted is None:  # first shown: the edition in force on the assessment date
            ids = [option.id for option in options]
            highlighted = ids.index(self.in_force) if self.in_force in ids else 0
        editions.highlighted = highlighted
        option = editions.highlighted_option
        if option is not None and option.id is not None:  # F2 re-words the note under the same edition
            self.query_one("#edition-provenance", Static).update(edition_note(option.id, language))
        self.query_one(KeyBar).apply_language()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.query_one("#edition-provenance", Static).update(edition_note(event.option.id, language_of(self.app)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(event.option.id)

    def action_choose(self) -> None:
        option = self.query_one("#editions", OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.dismiss(option.id)
