"""The tracker as one service: what every ``dcmm tracker`` command asks of it, over one database.

    with TrackerService.open("sqlite:///tracker.db") as tracker:
        for done in tracker.import_lists([Path("2024第一批.xlsx")], ListOptions(dry_run=True)):
            print(done.path, done.result.outcome if done.result else done.problems)
        report = tracker.progress(dt.date(2025, 6, 30), region="37")

Bad input raises ``UserError`` (or, for files imported in a batch, is reported in the result and
the batch carries on); the service prints nothing.

Every command goes through this module before it opens the tracker, so it imports only what opening
needs; each operation imports the modules it runs on (list readers, scoring, progress) when called.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from dcmm.core.errors import Problem, UserError
from dcmm.core.identifiers import normalize_credit_code
from dcmm.i18n import Language
from dcmm.tracker.database import Mode, database_url
from dcmm.tracker.progress import DEFAULT_THRESHOLD
from dcmm.tracker.records import (
    COMPARISONS,
    ExpiringCertificate,
    ListDefaults,
    LoggedImport,
    OrganisationHistory,
    RecordedCertificate,
    ReviewEntry,
    ReviewOutcome,
    TargetRecord,
)
from dcmm.tracker.regions import NATIONAL, region_name

if TYPE_CHECKING:
    from dcmm.core.scoring import ScoringRules
    from dcmm.tracker.importing import FileImport
    from dcmm.tracker.progress import ProgressReport
    from dcmm.tracker.repository import SqlTrackerRepository

DEMO_SUFFIXES = (".csv", ".xlsx")
DEFAULT_EXPIRING_DAYS = 90


@dataclass(frozen=True, slots=True)
class DatabaseStatus:
    """Where the tracker is (password hidden) and at which schema revision."""

    url: str
    revision: str | None
    newest: str


@dataclass(frozen=True, slots=True)
class ListOptions:
    """How certificate lists are read and written: column mapping, sheet, dry run, strict, the day taken as today."""

    mapping: Mapping[str, str] = field(default_factory=dict)
    sheet: str | None = None
    dry_run: bool = False  # validate and count, write nothing
    strict: bool = False  # any bad row rejects the whole file
    today: dt.date | None = None  # no certificate is issued after it (default: the real today)
    defaults: ListDefaults = field(default_factory=ListDefaults)  # --province, --notice-date

    @classmethod
    def from_columns(
        cls,
        columns: Sequence[str] = (),
        sheet: str | None = None,
        dry_run: bool = False,
        strict: bool = False,
        defaults: ListDefaults | None = None,
    ) -> ListOptions:
        """Options with the mapping read from ``HEADER=FIELD`` pairs; raises UserError for a bad pair."""
        from dcmm.tracker.headers import parse_mapping

        try:
            mapping = parse_mapping(columns)
        except ValueError as exc:
            raise UserError([Problem("--column", str(exc))]) from None
        return cls(mapping, sheet, dry_run, strict, defaults=defaults or ListDefaults())


@dataclass(frozen=True, slots=True)
class ListImport:
    """One file of a batch import: its result, or the problems that kept the whole file from being read."""

    path: Path
    result: FileImport | None = None
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class IngestResult:
    """Self-assessments read from answer or score files, how many of them changed the tracker, and bad files."""

    read: int
    changed: int
    problems: list[Problem]
    dry_run: bool


@dataclass(frozen=True, slots=True)
class CertificateOnDay:
    """A certificate of one organisation as recorded, with its status on the day asked about."""

    certificate: RecordedCertificate
    status: str


@dataclass(frozen=True, slots=True)
class TargetLine:
    """A target with what a listing shows beside it: its region's name and its comparison as a sign."""

    target: TargetRecord
    region_name: str
    comparison_sign: str  # ≥ or >


@dataclass(frozen=True, slots=True)
class OrganisationReport:
    """One organisation with its certificates' statuses on ``on``, and the name of its province."""

    history: OrganisationHistory
    on: dt.date
    certificates: list[CertificateOnDay]
    province_name: str


def shown_url(url: str) -> str:
    """A database URL as it may be printed: without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def shown_location(url: str) -> str:
    """How messages name the tracker: its file for SQLite, else its URL without the password."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return parsed.database
    return parsed.render_as_string(hide_password=True)


def database_files(url: str | None = None) -> list[Path]:
    """The SQLite file of the tracker at ``url`` (as :meth:`TrackerService.open` chooses it), none for a server."""
    chosen = database_url(url)
    if not chosen.startswith("sqlite:"):
        return []
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        database = make_url(chosen).database
    except (ArgumentError, ValueError):
        return []  # opening the tracker says what is wrong with it
    return [Path(database)] if database else []


def check_demo_path(path: Path) -> None:
    """Raises UserError unless ``path`` names a .csv or .xlsx file (checked before anything is read or written)."""
    if path.suffix.lower() not in DEMO_SUFFIXES:
        raise UserError([Problem(str(path), "expected a .csv or .xlsx file name")])


def write_demo_list(
    path: Path, rows: int = 600, seed: int = 2025, as_of: dt.date | None = None, invalid_rate: float = 0.01
) -> Path:
    """Write a synthetic certificate list (every organisation made up); raises UserError for an unknown file type."""
    from dcmm.tracker.demo import write_synthetic_list

    check_demo_path(path)
    return write_synthetic_list(path, rows, seed, as_of, invalid_rate)


class TrackerService:
    """The tracker's operations over one repository; open it with :meth:`open` and close it when done."""

    def __init__(self, repository: SqlTrackerRepository, url: str) -> None:
        self.repository = repository
        self.url = url

    @classmethod
    def open(cls, url: str | None = None, mode: Mode = "write") -> TrackerService:
        """The tracker at ``url`` (else ``$DCMM_DB``, else ./dcmm-tracker.db), migrated to the newest schema.

        ``mode`` ``read`` needs an existing tracker and creates none; ``dry_run`` writes nothing at all
        (a missing tracker reads as an empty one). Raises UserError for a database that is not a tracker's.
        """
        from dcmm.tracker.database import open_engine

        chosen = database_url(url)
        engine = open_engine(chosen, mode=mode)
        from dcmm.tracker.repository import SqlTrackerRepository

        return cls(SqlTrackerRepository(engine), chosen)

    def close(self) -> None:
        self.repository.engine.dispose()

    def __enter__(self) -> TrackerService:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        """Close; a database that failed underneath (damaged, read-only, gone) is raised as a UserError."""
        from sqlalchemy.exc import DatabaseError

        from dcmm.tracker.database import database_errors

        self.close()
        if isinstance(error, DatabaseError):
            with database_errors(shown_location(self.url)):
                raise error

    def status(self) -> DatabaseStatus:
        from dcmm.tracker.database import current_revision, head_revision

        return DatabaseStatus(shown_url(self.url), current_revision(self.repository.engine), head_revision())

    def database_files(self) -> list[Path]:
        """The SQLite file of the tracker, which no output may replace (none for a server database)."""
        return database_files(self.url)

    # writing ---------------------------------------------------------------------------------

    def import_list(self, path: Path, options: ListOptions | None = None) -> FileImport:
        """Import one certificate list in one transaction; raises UserError when the file cannot be read at all."""
        from dcmm.tracker.importing import import_certificate_list

        chosen = options or ListOptions()
        return import_certificate_list(
            self.repository,
            path,
            chosen.mapping,
            chosen.sheet,
            chosen.dry_run,
            chosen.strict,
            chosen.today,
            chosen.defaults,
        )

    def import_lists(self, paths: Iterable[Path], options: ListOptions | None = None) -> list[ListImport]:
        """Import each list in its own transaction; a file that cannot be read is reported and the rest go on."""
        imports: list[ListImport] = []
        for path in paths:
            try:
                imports.append(ListImport(path, self.import_list(path, options)))
            except UserError as exc:
                imports.append(ListImport(path, problems=list(exc.problems)))
        return imports

    def ingest(
        self, inputs: Iterable[str | Path], rules: ScoringRules | None = None, dry_run: bool = False
    ) -> IngestResult:
        """Score answer files (or read score results) and store their self-assessments; bad files are reported."""
        from dcmm.tracker.ingest import read_self_assessments

        records, problems = read_self_assessments(inputs, rules)
        changed = self.repository.ingest_self_assessments(records, dry_run=dry_run) if records else 0
        return IngestResult(len(records), changed, problems, dry_run)

    def add_target(self, target: TargetRecord) -> TargetRecord:
        """Add a target, or replace the one of the same region, name, definition and deadline; returns it."""
        return self.repository.save_target(target)

    def industry_known(self, industry: str) -> bool:
        """Whether any organisation recorded has exactly this industry (a target for another one counts 0)."""
        return self.repository.industry_known(industry)

    def remove_target(self, target_id: int) -> None:
        """Remove a target; raises UserError when there is none with that id."""
        if not self.repository.remove_target(target_id):
            raise UserError([Problem("target", f"no target #{target_id} (see dcmm tracker target list)")])

    def review(self, everything: bool = False) -> list[ReviewEntry]:
        """The rows held for review because their name did not tell their organisation (all, with ``everything``)."""
        return self.repository.review(everything)

    def resolve_review(self, review_id: int, organisation_id: int | None, dismiss: bool = False) -> ReviewOutcome:
        """Import a held row into a stored organisation, or a new one (``organisation_id`` None), or dismiss it.

        Raises UserError for an unknown entry or organisation, one resolved already, or another province's."""
        try:
            return self.repository.resolve_review(review_id, organisation_id, dismiss)
        except LookupError as exc:
            raise UserError([Problem(f"review #{review_id}", str(exc.args[0]))]) from None

    def rebuild_tallies(self) -> None:
        """Recompute the daily tallies from the certificates (a repair tool)."""
        self.repository.rebuild_tallies()

    # reading ---------------------------------------------------------------------------------

    def imports(self) -> list[LoggedImport]:
        """The import log: every list imported (dry runs are not), oldest first."""
        return self.repository.imports()

    def targets(self, region: str | None = None) -> list[TargetRecord]:
        """The targets of ``region`` (with its province's or its cities'), or all of them."""
        return self.repository.targets(region)

    def target_lines(self, region: str | None = None) -> list[TargetLine]:
        """The targets of ``region`` (or all), each with its region's name and comparison sign, for listing."""
        return [TargetLine(t, region_name(t.region), COMPARISONS[t.comparison]) for t in self.targets(region)]

    def progress(
        self,
        as_of: dt.date | None = None,
        region: str = NATIONAL,
        by: str = "province",
        threshold: int = DEFAULT_THRESHOLD,
        expiring_days: int = DEFAULT_EXPIRING_DAYS,
        breakdowns: bool = True,
        lang: Language = "zh",
        pool: bool = True,
    ) -> ProgressReport:
        """The progress report for ``region`` (any level) on ``as_of`` (today by default), by province, city,
        county, industry or year, its row names in ``lang``."""
        from dcmm.tracker.progress import compute_progress

        return compute_progress(
            self.repository, as_of or dt.date.today(), region, by, threshold, expiring_days, breakdowns, lang, pool
        )

    def expiring(
        self, days: int = DEFAULT_EXPIRING_DAYS, region: str = NATIONAL, as_of: dt.date | None = None
    ) -> list[ExpiringCertificate]:
        """Certificates in force on ``as_of`` (today by default) that expire within ``days``, soonest first."""
        return self.repository.expiring(as_of or dt.date.today(), days, region)

    def organisation(self, credit_code: str, as_of: dt.date | None = None) -> OrganisationReport:
        """One organisation and its certificates' statuses; raises UserError for a bad or unknown credit code."""
        try:
            code = normalize_credit_code(credit_code)
        except ValueError as exc:
            raise UserError([Problem(credit_code, str(exc))]) from None
        history = self.repository.organisation_history(code)
        if history is None:
            raise UserError([Problem(code, "no such organisation in the tracker")])
        return _report(history, as_of or dt.date.today())

    def organisations(self, code_or_name: str, as_of: dt.date | None = None) -> list[OrganisationReport]:
        """The organisation with this credit code or, for a name (any text with a Chinese character), every
        organisation of that name as names compare (dcmm.tracker.names): lists without credit codes name
        organisations only so. Raises UserError for a bad credit code or when nothing matches."""
        if not _HAN.search(code_or_name):
            return [self.organisation(code_or_name, as_of)]
        histories = self.repository.organisations_named(code_or_name)
        if not histories:
            raise UserError([Problem(code_or_name, "no organisation of that name in the tracker")])
        return [_report(history, as_of or dt.date.today()) for history in histories]


_HAN = re.compile(r"[\u3400-\u9fff]")


def _report(history: OrganisationHistory, on: dt.date) -> OrganisationReport:
    statuses = [CertificateOnDay(c, c.status_on(on)) for c in history.certificates]
    return OrganisationReport(history, on, statuses, region_name(history.organisation.province))


__all__ = [
    "CertificateOnDay",
    "DatabaseStatus",
    "IngestResult",
    "ListDefaults",
    "ListImport",
    "ListOptions",
    "LoggedImport",
    "OrganisationReport",
    "TargetLine",
    "TargetRecord",
    "TrackerService",
    "check_demo_path",
    "database_files",
    "shown_location",
    "shown_url",
    "write_demo_list",
]
