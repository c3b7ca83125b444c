"""Lists every key of a screen (the questionnaire by default), in the interface language."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from dcmm.tui.i18n import HELP_ROWS, t
from dcmm.tui.widgets import language_of


class HelpScreen(ModalScreen[None]):
    """Closes with Esc, ? or F1."""

    CSS_PATH = "help_screen.tcss"
    BINDINGS = [Binding("escape,question_mark,f1,q", "close", show=False)]

    def __init__(self, rows: tuple[tuple[str, str, str], ...] = HELP_ROWS) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        language = language_of(self.app)
        table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for keys, zh, en in self.rows:
            table.add_row(keys, zh if language == "zh" else en)
        with Vertical(id="dialog"):
            yield Static(t("help_title", language), id="dialog-title")
            with VerticalScroll():
                yield Static(table)
            yield Static(t("help_close", language), id="help-close")

    def action_close(self) -> None:
        self.dismiss(None)
