"""Edits the assessor's note and evidence references for one criterion."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from dcmm.core.answers import Answer
from dcmm.i18n import text
from dcmm.tui.widgets import OkCancelButtons, language_of


@dataclass(frozen=True)
class NoteChange:
    """The note and the evidence references (one per line in the form)."""

    note: str
    evidence: list[str]


class NoteScreen(OkCancelButtons, ModalScreen[NoteChange | None]):
    """Dismisses with the new note and evidence, or None when cancelled."""

    CSS_PATH = "note_screen.tcss"
    BINDINGS = [Binding("escape", "cancel", show=False), Binding("ctrl+s", "ok", show=False)]

    def __init__(self, criterion_id: str, answer: Answer, field: str = "note") -> None:
        """``field`` is the text area that has the cursor first: ``note`` or ``evidence``."""
        super().__init__()
        self.field = "evidence" if field == "evidence" else "note"
        self.criterion_id = criterion_id
        self.answer = answer

    def compose(self) -> ComposeResult:
        language = language_of(self.app)
        with Vertical(id="dialog"):
            yield Static(text("tui.note_title", language, id=self.criterion_id), id="dialog-title")
            yield Static(text("tui.note_label", language))
            yield TextArea(self.answer.note, id="note", soft_wrap=True, show_line_numbers=False)
            yield Static(text("tui.evidence_label", language))
            yield TextArea("\n".join(self.answer.evidence), id="evidence", soft_wrap=True)
            with Horizontal(id="buttons"):
                yield Button(f"{text('tui.ok', language)} (Ctrl+S)", id="ok", variant="primary", compact=True)
                yield Button(f"{text('tui.cancel', language)} (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one(f"#{self.field}", TextArea).focus()

    def action_ok(self) -> None:
        note = self.query_one("#note", TextArea).text
        evidence = self.query_one("#evidence", TextArea).text.splitlines()
        self.dismiss(NoteChange(note.strip(), [line.strip() for line in evidence if line.strip()]))

    def action_cancel(self) -> None:
        self.dismiss(None)
