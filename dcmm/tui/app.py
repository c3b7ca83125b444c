"""The Textual app: opens or starts an assessment and hands over to the screens."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.binding import Binding
from textual.reactive import reactive

from dcmm.core.plan import Assignment
from dcmm.core.text import Language
from dcmm.files import Problem, UserError, load_edition
from dcmm.i18n import text
from dcmm.tui.export import ReportWriter
from dcmm.tui.screens.edition_screen import EditionScreen
from dcmm.tui.screens.main_screen import MainScreen
from dcmm.tui.screens.organisation_screen import OrganisationScreen
from dcmm.tui.screens.problem_screen import ProblemScreen
from dcmm.tui.screens.quick_scan_screen import QuickScanScreen
from dcmm.tui.session import AssessmentSession, NewAssessment, QuickScanSession, open_session
from dcmm.tui.typeahead import TypeAheadApp
from dcmm.tui.widgets import other_language


class AssessApp(TypeAheadApp[int]):
    """``path`` is resumed when it exists; otherwise a new assessment is started (and saved there).

    An existing quick-scan file opens the quick-scan screen; ``quick_scan`` starts a new file as a quick scan.
    ``report_writer`` writes the gap report when the summary exports HTML or PDF.
    """

    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", show=False, priority=True)]

    language: reactive[Language] = reactive("zh", init=False)

    def __init__(
        self,
        path: Path | None = None,
        language: Language | None = None,
        edition: str | None = None,
        export_folder: Path | None = None,
        quick_scan: bool = False,
        report_writer: ReportWriter | None = None,
        assignment: Assignment | None = None,
        assessed_on: dt.date | None = None,
    ) -> None:
        super().__init__()
        self.path = path
        self.chosen_language = language
        self.edition = edition
        self.export_folder = export_folder
        self.quick_scan = quick_scan
        self.report_writer = report_writer
        self.assignment = assignment  # one respondent's part of a plan: only it is shown
        self.assessed_on = assessed_on  # a new assessment's date (today when None): it decides the edition offered
        self.session: AssessmentSession | QuickScanSession | None = None
        self.set_reactive(AssessApp.language, language or "zh")

    def on_mount(self) -> None:
        self.title = text("tui.app_title", self.language)
        self.hold_keys_while_screens_change()
        if self.path is not None and self.path.exists():
            self.resume(self.path)
        elif self.edition is not None:
            self.edition_chosen(self.edition)
        else:
            self.push_screen(EditionScreen(self.assessed_on), self.edition_chosen)

    def resume(self, path: Path) -> None:
        try:
            session = open_session(path)
        except UserError as exc:
            self.push_screen(ProblemScreen(exc.problems))
            return
        if self.chosen_language is not None:
            session.language = self.chosen_language
        self.set_reactive(AssessApp.language, session.language)
        self.open_session(session)

    def edition_chosen(self, edition: str | None) -> None:
        if edition is None:
            return
        try:
            load_edition(edition)
        except UserError as exc:
            self.push_screen(ProblemScreen(exc.problems))
            return
        self.push_screen(OrganisationScreen(edition, self.path), self.organisation_entered)

    def organisation_entered(self, new: NewAssessment | None) -> None:
        if new is None:  # back: to the choice of edition, or out when the edition was given on the command line
            if self.edition is None:
                self.push_screen(EditionScreen(self.assessed_on), self.edition_chosen)
            else:
                self.exit(0)
            return
        try:
            kind = QuickScanSession if self.quick_scan else AssessmentSession
            session = kind.create(new, load_edition(new.edition), self.language)
        except UserError as exc:
            self.push_screen(ProblemScreen(exc.problems))
            return
        except OSError as exc:
            self.push_screen(ProblemScreen([Problem(str(new.path), f"cannot be written: {exc.strerror}")]))
            return
        self.open_session(session)

    def open_session(self, session: AssessmentSession | QuickScanSession) -> None:
        self.session = session
        if self.assignment is not None and isinstance(session, AssessmentSession):
            session.restrict_to(self.assignment)
        if isinstance(session, QuickScanSession):
            self.push_screen(QuickScanScreen(session))
        else:
            self.push_screen(MainScreen(session))

    def action_toggle_language(self) -> None:
        self.language = other_language(self.language)

    def watch_language(self, language: Language) -> None:
        self.title = text("tui.app_title", language)
        for screen in self.screen_stack:
            apply_language = getattr(screen, "apply_language", None)
            if apply_language is not None:
                apply_language()
