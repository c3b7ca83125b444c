"""The summary: domain and item scores, gaps to the target level, the roadmap, and export."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, ProgressBar, Static
from textual.worker import Worker, WorkerState

from dcmm.core.errors import UserError
from dcmm.core.scoring import AssessmentResult
from dcmm.core.text import Language
from dcmm.i18n import text
from dcmm.tui.export import EXPORT_KINDS, ExportKind, ReportWriter, export_assessment
from dcmm.tui.render import fit
from dcmm.tui.session import AssessmentSession
from dcmm.tui.widgets import Key, KeyBar, Section, language_of

SHOWN_GAPS = 15
GAP_PREFIX_CELLS = 28  # padding, criterion id, gain and the scroll bar before a gap's text


class SummaryScreen(Screen[None]):
    """Scores come from the core in a worker; exports run in a worker with a progress bar."""

    CSS_PATH = "summary_screen.tcss"
    BINDINGS = [
        Binding("j", "export('json')", show=False),
        Binding("h", "export('html')", show=False),
        Binding("p", "export('pdf')", show=False),
        Binding("r", "roadmap", show=False),
        Binding("d", "download", show=False),
        Binding("escape,s,q", "app.pop_screen", show=False),
        Binding("f2", "app.toggle_language", show=False),
    ]

    def __init__(
        self, session: AssessmentSession, export_folder: Path | None = None, report_writer: ReportWriter | None = None
    ) -> None:
        super().__init__()
        self.session = session
        self.export_folder = export_folder
        self.report_writer = report_writer
        self.result: AssessmentResult | None = None
        self.exported: Path | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="summary-title")
        with VerticalScroll(id="summary-body"):
            yield Static(id="summary-overall")
            yield DataTable(id="scores", cursor_type="row", zebra_stripes=True)
            yield Static(id="summary-gaps")
            yield Section(id="summary-roadmap")
        with Horizontal(id="export-row"):
            yield Button("JSON", id="export-json", compact=True)
            yield Button("HTML", id="export-html", compact=True)
            yield Button("PDF", id="export-pdf", compact=True)
            yield Button(id="download", variant="primary", compact=True)
            yield ProgressBar(id="export-progress", total=3, show_eta=False)
        yield Static(id="export-status")
        yield KeyBar(
            [
                Key("r", "screen.roadmap", "tui_fixes.key_roadmap"),
                Key("j", "screen.export('json')", "tui.key_json"),
                Key("h", "screen.export('html')", "tui.key_html"),
                Key("p", "screen.export('pdf')", "tui.key_pdf"),
                *([Key("d", "screen.download", "tui_serve.key_download")] if self.app.is_web else []),
                Key("F2", "app.toggle_language", "tui.key_language"),
                Key("Esc", "app.pop_screen", "tui.key_back"),
            ]
        )

    def on_mount(self) -> None:
        self.query_one("#export-progress", ProgressBar).display = False
        self.query_one("#download", Button).display = False
        self.apply_language()
        self.query_one("#scores", DataTable).focus()
        self._score(self.session)

    @work(thread=True, exclusive=True, group="summary-score")
    def _score(self, session: AssessmentSession) -> AssessmentResult:
        result = session.score()
        _ = result.roadmap  # the core computes gaps and roadmap on first use: do it here, off the UI thread
        return result

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group == "summary-score" and event.state == WorkerState.SUCCESS:
            self.result = worker.result
            self.apply_language()
        elif worker.group == "export":
            self._export_finished(worker, event.state)

    def apply_language(self) -> None:
        language = language_of(self.app)
        name = self.session.organisation.name
        self.query_one("#summary-title", Static).update(Text(f" {text('tui.summary_title', language)} · {name}"))
        self.query_one(KeyBar).apply_language()
        self.query_one("#download", Button).label = text("tui_serve.download", language)
        if self.result is None:
            self.query_one("#summary-overall", Static).update(text("tui.scoring", language))
            return
        self._show_overall()
        self._show_table()
        self._show_gaps()
        self._show_roadmap()
        self._show_export_status()

    def _level_name(self, level: int) -> str:
        return self.session.questionnaire.level_definition(level).name.get(language_of(self.app))

    def _show_overall(self) -> None:
        assert self.result is not None
        overall = self.result.overall
        line = text(
            "tui.summary_overall",
            language_of(self.app),
            score=overall.score,
            level=overall.level,
            name=self._level_name(overall.level),
            percent=self.result.completeness.percent,
        )
        self.query_one("#summary-overall", Static).update(Text(line, style="bold"))

    def _show_table(self) -> None:
        assert self.result is not None
        language = language_of(self.app)
        q = self.session.questionnaire
        table = self.query_one("#scores", DataTable)
        table.clear(columns=True)
        table.add_column(text("tui.domain_col", language), key="name", width=40)
        table.add_column(text("tui.score_col", language), key="score")
        table.add_column(text("tui.level_col", language), key="level")
        table.add_column(text("tui.answered", language), key="answered")
        items = {r.id: r for r in self.result.items}
        for domain_result in self.result.domains:
            domain = q.domain_by_id[domain_result.id]
            answered, total = self.session.answered_count([c for i in domain.items for c in i.criteria])
            table.add_row(
                Text(fit(f"{domain.id} {domain.name.get(language)}", 40), style="bold"),
                Text(f"{domain_result.score:.2f}", style="bold", justify="right"),
                Text(str(domain_result.level), justify="center"),
                Text(f"{answered}/{total}", justify="right"),
                key=f"domain-{domain.id}",
            )
            for item in domain.items:
                item_result = items[item.id]
                answered, total = self.session.answered_count(item.criteria)
                table.add_row(
                    fit(f"  {item.id} {item.name.get(language)}", 40),
                    Text(f"{item_result.score:.2f}", justify="right"),
                    Text(str(item_result.level), justify="center"),
                    Text(f"{answered}/{total}", justify="right"),
                    key=f"item-{item.id}",
                )

    def _show_gaps(self) -> None:
        assert self.result is not None
        language = language_of(self.app)
        roadmap = self.result.roadmap
        shown = Text(text("tui.gaps_title", language, target=roadmap.target_level) + "\n", style="bold underline")
        if roadmap.target_met:
            shown.append(text("tui.target_met", language, target=roadmap.target_level), style="green")
        else:
            path = roadmap.shortest_path
            best = self.session.questionnaire.grade("fully_met").name.get(language)
            missing = text("tui.target_missing", language, points=roadmap.points_to_target, count=len(path), grade=best)
            shown.append(missing + "\n")
            gains = {g.criterion_id: g.gain_overall for g in self.result.gaps}
            for criterion_id in path[:SHOWN_GAPS]:
                criterion = self.session.criterion(criterion_id)
                shown.append(f"  {criterion_id:<9}", style="bold cyan")
                shown.append(f" +{gains.get(criterion_id, 0.0):.3f} ", style="green")
                shown.append(fit(criterion.text.get(language), max(20, self.size.width - GAP_PREFIX_CELLS)) + "\n")
            if len(path) > SHOWN_GAPS:
                shown.append(f"  … +{len(path) - SHOWN_GAPS}\n", style="dim")
        self.query_one("#summary-gaps", Static).update(shown)

    def _show_roadmap(self) -> None:
        assert self.result is not None
        language = language_of(self.app)
        shown = Text(text("tui.roadmap_title", language) + "\n", style="bold underline")
        for phase in self.result.roadmap.phases:
            shown.append(
                "  "
                + text(
                    "tui.phase_line",
                    language,
                    phase=phase.phase,
                    level=phase.level,
                    count=len(phase.gaps),
                    after=phase.overall_after,
                )
                + "\n"
            )
        self.query_one("#summary-roadmap", Static).update(shown)

    # export ------------------------------------------------------------------------------------

    def action_roadmap(self) -> None:
        """Jump to the roadmap, below the scores: it has the focus, so ↑ ↓ scroll from there."""
        roadmap = self.query_one("#summary-roadmap", Section)
        roadmap.focus(scroll_visible=False)
        self.query_one("#summary-body", VerticalScroll).scroll_to_widget(roadmap, top=True, animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "download":
            self.action_download()
        elif event.button.id and event.button.id.startswith("export-"):
            self.action_export(event.button.id.removeprefix("export-"))

    def action_export(self, kind: str) -> None:
        language = language_of(self.app)
        status = self.query_one("#export-status", Static)
        if kind not in EXPORT_KINDS:
            return
        export_kind: ExportKind = kind
        if export_kind != "json" and self.report_writer is None:
            status.update(Text(text("tui.export_unavailable", language, kind=kind.upper()), style="red"))
            return
        progress = self.query_one("#export-progress", ProgressBar)
        progress.update(progress=0)
        progress.display = True
        status.update(text("tui.export_running", language, kind=kind.upper()))
        self._export(export_kind, language)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, kind: ExportKind, language: Language) -> Path:
        folder = self.export_folder or Path.cwd() / "reports"
        progress = self.query_one("#export-progress", ProgressBar)

        def advance(done: int, _steps: int) -> None:
            self.app.call_from_thread(progress.update, progress=done)

        return export_assessment(self.session, folder, kind, language, advance, self.report_writer)

    def _export_finished(self, worker: Worker[Path], state: WorkerState) -> None:
        language = language_of(self.app)
        status = self.query_one("#export-status", Static)
        if state == WorkerState.SUCCESS and worker.result is not None:
            self.exported = worker.result
            self.query_one("#download", Button).display = self.app.is_web
            self._show_export_status()
        elif state == WorkerState.ERROR:
            error = worker.error
            shown = str(error) if isinstance(error, UserError) else f"{type(error).__name__}: {error}"
            status.update(Text(text("tui.export_failed", language, error=shown), style="red"))
        if state in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            self.query_one("#export-progress", ProgressBar).display = False

    def _show_export_status(self) -> None:
        if self.exported is not None:
            status = self.query_one("#export-status", Static)
            key = "tui_serve.export_ready" if self.app.is_web else "tui.export_done"
            status.update(Text(text(key, language_of(self.app), path=str(self.exported)), style="green"))

    def action_download(self) -> None:
        """In a browser, the last export as a download.

        Only on a key or click: the browser opens the download in a new tab, and lets a page do that only
        just after the user did something. An export that takes a while (a PDF) finishes too late for that.
        """
        if self.app.is_web and self.exported is not None and self.exported.is_file():
            self.app.deliver_binary(self.exported, save_filename=self.exported.name)
