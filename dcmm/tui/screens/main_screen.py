"""The questionnaire: domains and items as a tree, the item's criteria by level, grades on single keys."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static, Tree

from dcmm.core.questionnaire import NOT_APPLICABLE
from dcmm.i18n import text
from dcmm.tui.render import GRADE_KEYS
from dcmm.tui.screens.help_screen import HelpScreen, main_screen_help
from dcmm.tui.screens.main_view import MainView, NodeData
from dcmm.tui.screens.na_screen import NotApplicableScreen
from dcmm.tui.screens.note_screen import NoteChange, NoteScreen
from dcmm.tui.screens.search_screen import SearchScreen
from dcmm.tui.widgets import CriteriaList, Key, KeyBar, language_of


class MainScreen(MainView):
    """Edits one session; every change is saved before the next key is read."""

    CSS_PATH = "main_screen.tcss"
    BINDINGS = [
        *(Binding(key, f"grade('{key}')", show=False) for key in GRADE_KEYS),
        Binding("delete,backspace", "grade('')", show=False),
        Binding("j", "step(1)", show=False),
        Binding("k", "step(-1)", show=False),
        Binding("pagedown,right_square_bracket", "item_step(1)", show=False, priority=True),
        Binding("pageup,left_square_bracket", "item_step(-1)", show=False, priority=True),
        Binding("n", "note", show=False),
        Binding("e", "note('evidence')", show=False),
        Binding("m", "review", show=False),
        Binding("r", "rubric", show=False),
        Binding("u", "next_unanswered", show=False),
        Binding("slash", "search", show=False),
        Binding("question_mark,f1", "help", show=False),
        Binding("s", "summary", show=False),
        Binding("f2", "app.toggle_language", show=False),
        Binding("q,ctrl+q", "app.quit", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        with Horizontal(id="body"):
            yield Tree[NodeData]("dcmm", id="outline")
            with Vertical(id="detail"):
                yield Static(id="item-header")
                yield CriteriaList(id="criteria")
        yield KeyBar(
            [
                *(
                    Key(key, f"screen.grade('{key}')", self.session.questionnaire.grade(grade).short_name)
                    for key, grade in GRADE_KEYS.items()
                ),
                Key("n", "screen.note", "tui.key_note"),
                Key("e", "screen.note('evidence')", "tui_fixes.key_evidence"),
                Key("m", "screen.review", "tui.key_review"),
                Key("u", "screen.next_unanswered", "tui.key_unanswered"),
                Key("/", "screen.search", "tui.key_search"),
                Key("s", "screen.summary", "tui.key_summary"),
                Key("F2", "app.toggle_language", "tui.key_language"),
                Key("?", "screen.help", "tui.key_help"),
                Key("q", "app.quit", "tui.key_quit"),
            ]
        )

    # changes -----------------------------------------------------------------------------------

    def _after_change(self, criterion_id: str) -> None:
        self._entries.pop(criterion_id, None)
        if self.session.item_of(criterion_id).id == self.shown_item:
            criteria = self.query_one("#criteria", CriteriaList)
            criteria.replace_option_prompt(criterion_id, self._entry(criterion_id))
            criteria.call_after_refresh(criteria.scroll_to_highlight)  # the entry may have grown
        self.saved_at = datetime.now().strftime("%H:%M:%S")
        self.save_error = None
        self.refresh_topbar()
        self.request_score()

    def _failed(self, error: OSError) -> None:
        self.save_error = error.strerror or str(error)
        self.refresh_topbar()
        self.notify(text("tui.save_failed", language_of(self.app), error=self.save_error), severity="error", timeout=8)

    def action_grade(self, key: str) -> None:
        criterion_id = self.current_id
        grade = GRADE_KEYS.get(key)
        if grade == NOT_APPLICABLE:
            answer = self.session.answer(criterion_id)

            def justified(justification: str | None) -> None:
                if justification is not None:
                    self._grade(criterion_id, NOT_APPLICABLE, justification)

            self.app.push_screen(NotApplicableScreen(criterion_id, answer.justification), justified)
            return
        self._grade(criterion_id, grade, None)

    def _grade(self, criterion_id: str, grade: str | None, justification: str | None) -> None:
        try:
            self.session.set_grade(criterion_id, grade, justification)  # type: ignore[arg-type]
        except OSError as error:
            self._failed(error)
            return
        self._after_change(criterion_id)
        if grade is not None:
            self.action_step(1)

    def action_note(self, field: str = "note") -> None:
        criterion_id = self.current_id

        def edited(change: NoteChange | None) -> None:
            if change is None:
                return
            try:
                self.session.set_note(criterion_id, change.note, change.evidence)
            except OSError as error:
                self._failed(error)
                return
            self._after_change(criterion_id)

        self.app.push_screen(NoteScreen(criterion_id, self.session.answer(criterion_id), field), edited)

    def action_rubric(self) -> None:
        """Show or hide the rating rubric of every criterion and the item's interview questions."""
        self.show_rubric = not self.show_rubric
        self._entries.clear()
        current = self.current_id
        self.show_item(self.session.item_of(current))
        self.show_criterion(current)

    def action_review(self) -> None:
        criterion_id = self.current_id
        try:
            self.session.toggle_review(criterion_id)
        except OSError as error:
            self._failed(error)
            return
        self._after_change(criterion_id)

    # moving ------------------------------------------------------------------------------------

    def action_step(self, step: int) -> None:
        following = self.session.next_criterion(self.current_id, step)
        if following is None:
            self.notify(text("tui.no_more_criteria", language_of(self.app)), timeout=2)
            return
        self.show_criterion(following)

    def action_item_step(self, step: int) -> None:
        items = self.session.items
        index = next(i for i, item in enumerate(items) if item.id == self.shown_item) + step
        if 0 <= index < len(items):
            self.show_criterion(items[index].criteria[0].id)

    def action_next_unanswered(self) -> None:
        following = self.session.next_unanswered(self.current_id)
        if following is None:
            self.notify(text("tui.all_answered", language_of(self.app)), timeout=3)
            return
        self.show_criterion(following)

    def on_criteria_list_boundary(self, event: CriteriaList.Boundary) -> None:
        self.action_step(event.step)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        option_id = event.option.id
        if option_id and not option_id.startswith("level-") and option_id != self.session.criterion_id:
            self.session.move_to(option_id)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        data = event.node.data
        # Only the assessor's own moves in the tree choose an item; the tree following along does not.
        if not event.control.has_focus or data is None or data[0] != "item" or data[1] == self.shown_item:
            return
        item = self.session.questionnaire.item_by_id[data[1]]
        unanswered = [c.id for c in item.criteria if self.session.answer(c.id).grade is None]
        self.show_criterion(unanswered[0] if unanswered else item.criteria[0].id)

    def on_tree_node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        if event.node.data is not None and event.node.data[0] == "item":
            self.query_one("#criteria", CriteriaList).focus()

    # other screens -----------------------------------------------------------------------------

    def action_search(self) -> None:
        def chosen(criterion_id: str | None) -> None:
            if criterion_id is not None:
                self.show_criterion(criterion_id)
                self.query_one("#criteria", CriteriaList).focus()

        self.app.push_screen(SearchScreen(self.session), chosen)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(partial(main_screen_help, self.session.questionnaire)))

    def action_summary(self) -> None:
        from dcmm.tui.screens.summary_screen import SummaryScreen

        app = self.app
        summary = SummaryScreen(self.session, getattr(app, "export_folder", None), getattr(app, "report_writer", None))
        self.app.push_screen(summary)
