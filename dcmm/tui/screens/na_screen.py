"""Asks why a criterion does not apply; a not-applicable grade is never saved without a reason."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from dcmm.i18n import text
from dcmm.tui.widgets import OkCancelButtons, language_of


class NotApplicableScreen(OkCancelButtons, ModalScreen[str | None]):
    """Dismisses with the justification, or None when cancelled."""

    CSS_PATH = "na_screen.tcss"
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, criterion_id: str, justification: str | None) -> None:
        super().__init__()
        self.criterion_id = criterion_id
        self.justification = justification or ""

    def compose(self) -> ComposeResult:
        language = language_of(self.app)
        with Vertical(id="dialog"):
            yield Static(text("tui.na_title", language, id=self.criterion_id), id="dialog-title")
            yield Static(text("tui.na_prompt", language))
            yield Input(self.justification, id="justification")
            yield Static(id="na-error")
            with Horizontal(id="buttons"):
                yield Button(text("tui.ok", language), id="ok", variant="primary", compact=True)
                yield Button(text("tui.cancel", language), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#justification", Input).focus()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_ok()

    def action_ok(self) -> None:
        justification = self.query_one("#justification", Input).value.strip()
        if not justification:
            self.query_one("#na-error", Static).update(text("tui.na_required", language_of(self.app)))
            return
        self.dismiss(justification)

    def action_cancel(self) -> None:
        self.dismiss(None)
