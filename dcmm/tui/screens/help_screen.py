"""Lists every key of a screen in the interface language; grade names come from the edition."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from dcmm.core.questionnaire import Questionnaire
from dcmm.core.text import Language
from dcmm.i18n import text
from dcmm.tui.render import GRADE_KEYS
from dcmm.tui.widgets import language_of

HelpRow = tuple[str, str]  # the keys, and what they do

# The rows after the grade keys: each names catalogue texts tui.help_<row>_keys and tui.help_<row>.
MAIN_SCREEN_ROWS = (
    "clear",
    "step",
    "item_step",
    "switch",
    "note",
    "evidence",
    "review",
    "rubric",
    "unanswered",
    "search",
    "summary",
    "language",
    "help",
    "quit",
    "mouse",
)
QUICK_SCAN_ROWS = ("quick_choose", "quick_clear", "quick_step", "quick_unanswered", "language", "help", "quick_quit")


def described_keys(rows: Sequence[str], language: Language) -> list[HelpRow]:
    return [(text(f"tui.help_{row}_keys", language), text(f"tui.help_{row}", language)) for row in rows]


def grade_keys(questionnaire: Questionnaire, language: Language) -> list[HelpRow]:
    """One row per grade key: the edition's name of the grade and its value on the scale."""
    rows: list[HelpRow] = []
    for key, grade_id in GRADE_KEYS.items():
        grade = questionnaire.grade(grade_id)
        name = grade.name.get(language)
        if grade.value is None:  # not applicable
            rows.append((key, text("tui.help_not_applicable", language, name=name)))
        else:
            # Written as the scale usually is: 1.0, 0.7, 0.5 and a plain 0.
            value = str(grade.value) if grade.value else "0"
            rows.append((key, text("tui.help_grade", language, name=name, value=value)))
    return rows


def main_screen_help(questionnaire: Questionnaire, language: Language) -> list[HelpRow]:
    """Every key of the questionnaire screen."""
    return grade_keys(questionnaire, language) + described_keys(MAIN_SCREEN_ROWS, language)


def quick_scan_help(language: Language) -> list[HelpRow]:
    """Every key of the quick-scan screen."""
    return described_keys(QUICK_SCAN_ROWS, language)


class HelpScreen(ModalScreen[None]):
    """Closes with Esc, ? or F1. ``rows`` gives the rows in a language."""

    CSS_PATH = "help_screen.tcss"
    BINDINGS = [Binding("escape,question_mark,f1,q", "close", show=False)]

    def __init__(self, rows: Callable[[Language], list[HelpRow]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        language = language_of(self.app)
        table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for keys, meaning in self.rows(language):
            table.add_row(keys, meaning)
        with Vertical(id="dialog"):
            yield Static(text("tui.help_title", language), id="dialog-title")
            with VerticalScroll():
                yield Static(table)
            yield Static(text("tui.help_close", language), id="help-close")

    def action_close(self) -> None:
        self.dismiss(None)
