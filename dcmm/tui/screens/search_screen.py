"""Finds criteria by id, text, evidence hint or item name, in either language."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from dcmm.i18n import text
from dcmm.tui.render import fit, grade_badge
from dcmm.tui.session import AssessmentSession
from dcmm.tui.widgets import language_of

MAX_RESULTS = 200


class SearchScreen(ModalScreen[str | None]):
    """Dismisses with the chosen criterion id, or None when cancelled."""

    CSS_PATH = "search_screen.tcss"
    BINDINGS = [Binding("escape", "cancel", show=False), Binding("down", "to_results", show=False)]

    def __init__(self, session: AssessmentSession, query: str = "") -> None:
        super().__init__()
        self.session = session
        self.query_text = query

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(text("tui.search_title", language_of(self.app)), id="dialog-title")
            yield Input(self.query_text, id="query")
            yield Static(id="search-count")
            yield OptionList(id="results")

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()
        self.show_results(self.query_text)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_results(event.value)

    def show_results(self, query: str) -> None:
        language = language_of(self.app)
        found = self.session.search(query, language)
        results = self.query_one("#results", OptionList)
        # Each result is one line: badge (8), id (9) and spaces (3) come before the text.
        room = results.scrollable_content_region.width or int(self.app.size.width * 0.9) - 6
        width = max(20, room - 20)
        lines: list[Option] = []
        for criterion_id in found[:MAX_RESULTS]:
            line = grade_badge(self.session.questionnaire, self.session.answer(criterion_id).grade, language)
            line.append(f" {criterion_id:<9} ", style="bold cyan")
            line.append_text(Text(fit(self.session.criterion(criterion_id).text.get(language), width)))
            lines.append(Option(line, id=criterion_id))
        results.set_options(lines)
        if lines:
            results.highlighted = 0
        count = self.query_one("#search-count", Static)
        if query.strip():
            count.update(
                text("tui.search_count", language, count=len(found)) if found else text("tui.search_none", language)
            )
        else:
            count.update("")

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self._choose(self.query_one("#results", OptionList).highlighted_option)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option)

    def _choose(self, option: Option | None) -> None:
        if option is not None and option.id is not None:
            self.dismiss(option.id)

    def action_to_results(self) -> None:
        self.query_one("#results", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
