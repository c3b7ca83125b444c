"""What the questionnaire screen shows: the tree with scores, the item's criteria by level, the top bar.

The entries are wrapped ahead of time and cached per language and width, so that moving from one
criterion to the next only highlights an option; scores are recomputed in a worker after each change.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.screen import Screen
from textual.widgets import Static, Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode
from textual.worker import get_current_worker

from dcmm.core.answers import AnswerFile
from dcmm.core.questionnaire import Item, Level
from dcmm.core.scoring import AssessmentResult, ItemResult
from dcmm.i18n import text
from dcmm.tui.render import criterion_entry, fit, tree_label
from dcmm.tui.session import AssessmentSession
from dcmm.tui.widgets import MARKER_CELLS, CriteriaList, KeyBar, language_of

OUTLINE_CELLS = 36  # the tree's width in main_screen.tcss
TREE_DOMAIN_CELLS = 31
TREE_ITEM_CELLS = 31
NodeData = tuple[str, str]  # ("domain" | "item", id)


class MainView(Screen[None]):
    """What the questionnaire screen shows: the tree, the item's criteria by level, the scores."""

    def __init__(self, session: AssessmentSession) -> None:
        super().__init__()
        self.session = session
        self.result: AssessmentResult | None = None
        self.shown_item: str | None = None
        self.saved_at: str | None = None
        self.save_error: str | None = None
        self.domain_nodes: dict[str, TreeNode[NodeData]] = {}
        self.item_nodes: dict[str, TreeNode[NodeData]] = {}
        self._tree_labels: dict[str, str] = {}  # what each tree node shows, to skip needless redraws
        self._level_prompts: dict[int, str] = {}  # the same for the shown item's level headers
        self._wrapped_at = 0
        self._entries: dict[str, tuple[str, int, Text]] = {}  # criterion id -> (language, width, entry)
        self.show_rubric = False  # the rating rubric under every criterion, and the item's interview

    def on_mount(self) -> None:
        tree = self.query_one("#outline", Tree)
        tree.show_root = False
        tree.guide_depth = 2
        for domain, items in self.session.domains:
            domain_node = tree.root.add("", data=("domain", domain.id), expand=True)
            self.domain_nodes[domain.id] = domain_node
            for item in items:
                self.item_nodes[item.id] = domain_node.add_leaf("", data=("item", item.id))
        # The first score is computed here, not in a worker, so the first screen is complete.
        self.result = self.session.score()
        self.refresh_scores()
        self.show_criterion(self.session.criterion_id)
        self.query_one("#criteria", CriteriaList).focus()

    # what is shown -----------------------------------------------------------------------------

    @property
    def current_id(self) -> str:
        option = self.query_one("#criteria", CriteriaList).highlighted_option
        if option is not None and option.id is not None and not option.id.startswith("level-"):
            return option.id
        return self.session.criterion_id

    def show_criterion(self, criterion_id: str) -> None:
        """Show ``criterion_id`` highlighted in its item, the tree following along."""
        item = self.session.item_of(criterion_id)
        if item.id != self.shown_item:
            self.show_item(item)
        criteria = self.query_one("#criteria", CriteriaList)
        criteria.highlighted = criteria.get_option_index(criterion_id)  # scrolls it into view
        self.session.move_to(criterion_id)
        self.call_after_refresh(self._follow_in_tree, item.id)

    def _follow_in_tree(self, item_id: str) -> None:
        if item_id != self.shown_item:  # the assessor has moved on since this was scheduled
            return
        tree = self.query_one("#outline", Tree)
        node = self.item_nodes[item_id]
        if tree.cursor_node is not node:
            tree.move_cursor(node)

    def show_item(self, item: Item) -> None:
        options: list[Option] = []
        self._level_prompts.clear()
        for level in item.levels:
            prompt = self._level_prompt(item, level)
            self._level_prompts[level.level] = str(prompt)
            options.append(Option(prompt, id=f"level-{level.level}", disabled=True))
            options.extend(Option(self._entry(c.id), id=c.id) for c in level.criteria)
        self.shown_item = item.id
        self.query_one("#criteria", CriteriaList).set_options(options)
        self._update_item_header()
        self.call_after_refresh(self._prepare_next_item, item.id)

    def _entry(self, criterion_id: str) -> Text:
        """A criterion's entry, built once per language and width until its answer changes."""
        language, width = language_of(self.app), self._text_width()
        cached = self._entries.get(criterion_id)
        if cached is not None and cached[:2] == (language, width):
            return cached[2]
        entry = criterion_entry(
            self.session.questionnaire,
            self.session.criterion(criterion_id),
            self.session.answer(criterion_id),
            language,
            width,
            self.app.console,
            rubric=self.show_rubric,
        )
        self._entries[criterion_id] = (language, width, entry)
        return entry

    def _prepare_next_item(self, item_id: str) -> None:
        """Build the next item's entries while the assessor reads, so moving on to it is quick."""
        items = self.session.items
        index = next(i for i, item in enumerate(items) if item.id == item_id) + 1
        if index < len(items) and self.shown_item == item_id:
            for criterion in items[index].criteria:
                self._entry(criterion.id)

    def _text_width(self) -> int:
        """Cells the criteria list has for text; before the first layout, what the layout will give it."""
        width = self.query_one("#criteria", CriteriaList).scrollable_content_region.width - MARKER_CELLS
        return width if width > 0 else max(20, self.app.size.width - OUTLINE_CELLS - 1 - MARKER_CELLS)

    def on_resize(self) -> None:
        self.call_after_refresh(self._rewrap)

    def _rewrap(self) -> None:
        """Wrap the criteria again when the list's width has changed (text is wrapped ahead of time)."""
        width = self._text_width()
        if self.shown_item is not None and width != self._wrapped_at:
            self._wrapped_at = width
            current = self.current_id
            self.show_item(self.session.questionnaire.item_by_id[self.shown_item])
            self.show_criterion(current)

    def _level_prompt(self, item: Item, level: Level) -> Text:
        language = language_of(self.app)
        name = self.session.questionnaire.level_definition(level.level).name.get(language)
        score = 0.0
        if self.result is not None:
            score = self._item_result(item.id).level_scores[level.level - 1]
        prompt = Text(text("tui.level_header", language, level=level.level, name=name, score=score), style="bold")
        prompt.append("\n" + level.summary.get(language), style="italic")
        return prompt

    def _item_result(self, item_id: str) -> ItemResult:
        assert self.result is not None
        return next(r for r in self.result.items if r.id == item_id)

    def _update_item_header(self) -> None:
        if self.shown_item is None:
            return
        language = language_of(self.app)
        item = self.session.questionnaire.item_by_id[self.shown_item]
        header = Text()
        if self.result is not None:
            result = self._item_result(item.id)
            level_name = self.session.questionnaire.level_definition(result.level).name.get(language)
            header.append(
                text(
                    "tui.item_header",
                    language,
                    id=item.id,
                    name=item.name.get(language),
                    score=result.score,
                    level_name=f"{result.level} {level_name}",
                ),
                style="bold",
            )
            if result.next_level is not None:
                header.append(
                    "  " + text("tui.to_next", language, level=result.next_level, points=result.points_to_next),
                    style="dim",
                )
        if self.show_rubric and item.interview is not None:
            roles = text("tui.list_separator", language).join(role.get(language) for role in item.interview.roles)
            header.append(f"\n{text('tui.interview_roles', language)}{roles}", style="dim")
            for question in item.interview.questions:
                header.append(f"\n  · {question.get(language)}", style="dim")
        self.query_one("#item-header", Static).update(header)

    def refresh_scores(self) -> None:
        """Top bar, tree labels, item header and level headers from ``self.result``."""
        if self.result is None:
            return
        language = language_of(self.app)
        q = self.session.questionnaire
        item_scores = {r.id: r.score for r in self.result.items}
        for domain_result in self.result.domains:
            if domain_result.id not in self.domain_nodes:  # outside the respondent's part
                continue
            domain = q.domain_by_id[domain_result.id]
            answered, total = self.session.answered_count([c for item in domain.items for c in item.criteria])
            label = tree_label(
                domain.id, domain.name.get(language), domain_result.score, answered, total, TREE_DOMAIN_CELLS
            )
            self._set_tree_label(self.domain_nodes[domain.id], domain.id, label)
            for item in (i for i in domain.items if i.id in self.item_nodes):
                answered, total = self.session.answered_count(item.criteria)
                label = tree_label(
                    item.id, item.name.get(language), item_scores[item.id], answered, total, TREE_ITEM_CELLS
                )
                self._set_tree_label(self.item_nodes[item.id], item.id, label)
        if self.shown_item is not None:
            item = q.item_by_id[self.shown_item]
            criteria = self.query_one("#criteria", CriteriaList)
            for level in item.levels:
                prompt = self._level_prompt(item, level)
                if self._level_prompts.get(level.level) != str(prompt):  # each replacement re-measures the list
                    self._level_prompts[level.level] = str(prompt)
                    criteria.replace_option_prompt(f"level-{level.level}", prompt)
        self._update_item_header()
        self.refresh_topbar()

    def _set_tree_label(self, node: TreeNode[NodeData], key: str, label: Text) -> None:
        if self._tree_labels.get(key) != label.plain:
            self._tree_labels[key] = label.plain
            node.set_label(label)

    def refresh_topbar(self) -> None:
        language = language_of(self.app)
        bar = Text()
        answered, total = self.session.answered_count()
        if self.result is not None:
            overall = self.result.overall
            level_name = self.session.questionnaire.level_definition(overall.level).name.get(language)
            bar.append(
                f" {text('tui.overall', language)} {overall.score:.2f} · {overall.level} {level_name} ", style="bold"
            )
        bar.append(f"│ {text('tui.answered', language)} {answered}/{total} ")
        reviews = self.session.review_count()
        if reviews:
            bar.append(f"│ {text('tui.review_count', language)} {reviews} ", style="yellow")
        if self.save_error:
            bar.append(f"│ {text('tui.save_failed', language, error=self.save_error)} ", style="bold white on red")
        elif self.saved_at:
            bar.append(f"│ {text('tui.saved', language)} {self.saved_at} ", style="green")
        used = bar.cell_len
        name = fit(self.session.organisation.name, max(8, self.size.width - used - 2 if self.size.width else 30))
        self.query_one("#topbar", Static).update(Text(f" {name}", style="bold") + bar)

    def apply_language(self) -> None:
        self.session.set_language(language_of(self.app))
        if self.shown_item is not None:
            current = self.current_id
            self.show_item(self.session.questionnaire.item_by_id[self.shown_item])
            self.show_criterion(current)
        self.refresh_scores()
        self.query_one(KeyBar).apply_language()

    # scoring -----------------------------------------------------------------------------------

    def request_score(self) -> None:
        """Re-score in a worker: the next criterion is on screen before the score catches up."""
        self._score(self.session.answer_file())

    @work(thread=True, exclusive=True, group="live-score")
    def _score(self, answers: AnswerFile) -> None:
        result = self.session.score(answers)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._scored, result)

    def _scored(self, result: AssessmentResult) -> None:
        self.result = result
        self.refresh_scores()
