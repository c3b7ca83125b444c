"""Shown instead of the questionnaire when an answer file cannot be opened: every problem, no traceback."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from dcmm.files import Problem
from dcmm.i18n import text
from dcmm.tui.widgets import Key, KeyBar, language_of

EXIT_INPUT = 1


class ProblemScreen(Screen[None]):
    """The file's problems, one a line with file, line and field. The file is never written."""

    CSS_PATH = "problem_screen.tcss"
    BINDINGS = [
        Binding("q,escape,ctrl+q", "quit_app", show=False),
        Binding("f2", "app.toggle_language", show=False),
    ]

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__()
        self.problems = list(problems)

    def compose(self) -> ComposeResult:
        yield Static(id="problem-title")
        with VerticalScroll(id="problem-body"):
            yield Static(id="problem-help")
            yield Static(id="problem-list", markup=False)
        yield KeyBar(
            [Key("q", "screen.quit_app", "tui.key_quit"), Key("F2", "app.toggle_language", "tui.key_language")]
        )

    def on_mount(self) -> None:
        self.query_one("#problem-list", Static).update("\n".join(f"- {problem}" for problem in self.problems))
        self.apply_language()

    def apply_language(self) -> None:
        language = language_of(self.app)
        self.query_one("#problem-title", Static).update(text("tui.problem_title", language))
        self.query_one("#problem-help", Static).update(text("tui.problem_help", language))
        self.query_one(KeyBar).apply_language()

    def action_quit_app(self) -> None:
        self.app.exit(return_code=EXIT_INPUT)
