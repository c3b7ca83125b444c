"""The quick scan: one item at a time, its five level statements, a level chosen on a single key."""

from __future__ import annotations

from datetime import datetime

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from dcmm.i18n import text
from dcmm.tui.render import fit
from dcmm.tui.screens.help_screen import HelpScreen, quick_scan_help
from dcmm.tui.session import QuickScanSession
from dcmm.tui.widgets import Key, KeyBar, language_of

LEVEL_KEYS = "12345"


class QuickScanScreen(Screen[None]):
    """Edits one quick-scan session; every choice is saved before the next key is read."""

    CSS_PATH = "quick_scan_screen.tcss"
    BINDINGS = [
        *(Binding(key, f"choose({key})", show=False) for key in LEVEL_KEYS),
        Binding("delete,backspace", "clear", show=False),
        Binding("down,j", "step(1)", show=False, priority=True),
        Binding("up,k", "step(-1)", show=False, priority=True),
        Binding("u", "next_unanswered", show=False),
        Binding("question_mark,f1", "help", show=False),
        Binding("f2", "app.toggle_language", show=False),
        Binding("q,ctrl+q", "app.quit", show=False),
    ]

    def __init__(self, session: QuickScanSession) -> None:
        super().__init__()
        self.session = session
        self.saved_at: str | None = None
        self.save_error: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="qs-topbar")
        yield Static(id="qs-item")
        with VerticalScroll(id="qs-body"):
            yield Static(id="qs-levels")
        yield KeyBar(
            [
                *(
                    Key(key, f"screen.choose({key})", self.session.questionnaire.level_definition(int(key)).short_name)
                    for key in LEVEL_KEYS
                ),
                Key("Del", "screen.clear", "tui.key_clear"),
                Key("↑↓", "screen.step(1)", "tui.key_move_item"),
                Key("u", "screen.next_unanswered", "tui.key_unanswered"),
                Key("F2", "app.toggle_language", "tui.key_language"),
                Key("?", "screen.help", "tui.key_help"),
                Key("q", "app.quit", "tui.key_quit"),
            ]
        )

    def on_mount(self) -> None:
        self.refresh_all()

    def apply_language(self) -> None:
        self.session.set_language(language_of(self.app))
        self.refresh_all()
        self.query_one(KeyBar).apply_language()

    # what is shown -----------------------------------------------------------------------------

    def refresh_all(self) -> None:
        self.refresh_topbar()
        self.show_question()

    def refresh_topbar(self) -> None:
        language = language_of(self.app)
        estimate = self.session.estimate()
        bar = Text()
        bar.append(f" {text('tui.estimate', language)} ", style="bold black on yellow")
        if estimate.overall_score is None or estimate.overall_level is None:
            bar.append(f" {text('tui.quick_no_estimate', language)} ", style="bold")
        else:
            name = self.session.questionnaire.level_definition(estimate.overall_level).name.get(language)
            bar.append(f" ≈{estimate.overall_score:.2f} · {estimate.overall_level} {name} ", style="bold")
        bar.append(f"│ {text('tui.quick_chosen', language)} {estimate.chosen}/{estimate.total} ")
        if self.save_error:
            bar.append(f"│ {text('tui.save_failed', language, error=self.save_error)} ", style="bold white on red")
        elif self.saved_at:
            bar.append(f"│ {text('tui.saved', language)} {self.saved_at} ", style="green")
        width = self.size.width or self.app.size.width or 80
        name = fit(self.session.organisation.name, max(8, width - bar.cell_len - 2))
        self.query_one("#qs-topbar", Static).update(bar + Text(f" {name}", style="dim"))

    def show_question(self) -> None:
        language = language_of(self.app)
        q = self.session.questionnaire
        question = self.session.question
        domain = q.domain_by_id[question.domain_id]
        position = self.session.index + 1
        header = Text(f"{question.item_id} {question.name.get(language)}", style="bold")
        header.append(f"  ({position}/{len(self.session.questions)})", style="dim")
        header.append(
            f"\n{domain.id} {domain.name.get(language)} · {text('tui.quick_prompt', language)}", style="italic"
        )
        self.query_one("#qs-item", Static).update(header)
        chosen = self.session.chosen(question.item_id)
        parts: list[RenderableType] = []
        for level, statement in enumerate(question.statements, start=1):
            name = q.level_definition(level).name.get(language)
            selected = level == chosen
            heading = Text(f" {'●' if selected else '○'} {level} {name} ", style="bold reverse" if selected else "bold")
            parts.append(heading)
            # The statement hangs under its heading so that wrapped lines stay visibly part of it.
            parts.append(Padding(Text(statement.get(language), style="bold" if selected else ""), (0, 0, 0, 4)))
        body = Group(*parts)
        self.query_one("#qs-levels", Static).update(body)
        self.query_one("#qs-body", VerticalScroll).scroll_home(animate=False)

    # changes -----------------------------------------------------------------------------------

    def _choose(self, level: int | None) -> bool:
        try:
            self.session.choose(self.session.question.item_id, level)
        except OSError as error:
            self.save_error = error.strerror or str(error)
            self.refresh_topbar()
            self.notify(
                text("tui.save_failed", language_of(self.app), error=self.save_error), severity="error", timeout=8
            )
            return False
        self.saved_at = datetime.now().strftime("%H:%M:%S")
        self.save_error = None
        return True

    def action_choose(self, level: int) -> None:
        if not self._choose(level):
            return
        if self.session.index + 1 < len(self.session.questions):
            self.session.move_to(self.session.index + 1)
        else:
            self.notify(text("tui.quick_last", language_of(self.app)), timeout=2)
        self.refresh_all()

    def action_clear(self) -> None:
        if self._choose(None):
            self.refresh_all()

    # moving ------------------------------------------------------------------------------------

    def action_step(self, step: int) -> None:
        index = self.session.index + step
        if 0 <= index < len(self.session.questions):
            self.session.move_to(index)
            self.show_question()

    def action_next_unanswered(self) -> None:
        index = self.session.next_unanswered(self.session.index)
        if index is None:
            self.notify(text("tui.quick_all_chosen", language_of(self.app)), timeout=3)
            return
        self.session.move_to(index)
        self.show_question()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(quick_scan_help))
