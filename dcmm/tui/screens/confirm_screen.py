"""Asks before unsaved changes are thrown away."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from dcmm.i18n import text
from dcmm.tui.widgets import OkCancelButtons, language_of


class DiscardScreen(OkCancelButtons, ModalScreen[bool]):
    """Dismisses with True when the changes may be discarded, False to keep editing."""

    CSS_PATH = "confirm_screen.tcss"
    BINDINGS = [
        Binding("escape,n", "cancel", show=False),
        Binding("y,enter", "ok", show=False),
    ]

    def compose(self) -> ComposeResult:
        language = language_of(self.app)
        with Vertical(id="dialog"):
            yield Static(text("tui_fixes.discard_title", language), id="dialog-title")
            yield Static(text("tui_fixes.discard_prompt", language))
            with Horizontal(id="buttons"):
                yield Button(f"{text('tui_fixes.discard', language)} (Y)", id="ok", variant="error", compact=True)
                yield Button(f"{text('tui_fixes.keep_editing', language)} (Esc)", id="cancel", compact=True)

    def action_ok(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
