"""Reports for many answer files at once: one report per organisation plus a portfolio summary.

Files are checked and named in the parent process (so names are unique and bad files are reported
before any work starts); the costly rendering runs in worker processes.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from dcmm.assessments import Failure, read_answer_files, scored_input
from dcmm.core.scoring import ScoringRules
from dcmm.files import AnswerInput, Problem, UserError, write_atomically
from dcmm.files.writing import check_output_folder
from dcmm.report import rows
from dcmm.report.build import ReportOptions, write_report_files
from dcmm.report.naming import output_path, report_stem, unique_stem
from dcmm.report.portfolio import PortfolioEntry, portfolio_context, portfolio_entry, write_portfolio_xlsx

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

PORTFOLIO_STEM = "portfolio"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
STOP_GRACE_SECONDS = 10  # for a stopped worker to remove its temporary file, before it is killed
EXIT_STOPPED = 128 + signal.SIGTERM  # a worker stopped in the middle of a job
QUICK_SCAN_MESSAGE = "a quick scan gives an estimate, not a gap report: answer the full questionnaire for a report"


@dataclass(frozen=True)
class Job:
    """One answer file as it was read (its bytes' digest included), with its output name already decided."""

    read: AnswerInput
    stem: str


@dataclass(frozen=True)
class JobSettings:
    folder: Path
    options: ReportOptions
    rules: ScoringRules | None
    target_level: int | None


@dataclass
class BatchOutcome:
    entries: list[PortfolioEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    portfolio: dict[str, Path] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)  # faults of dcmm, one input each; the rest were done

    def rejected(self) -> list[Problem]:
        """The problems, and a line for each failure: what the portfolio lists as rejected."""
        faults = [Problem(f.file, f"internal error ({f.error}), a fault of dcmm") for f in self.failures]
        return [*self.problems, *faults]


Result = PortfolioEntry | list[Problem] | Failure


def plan_jobs(
    inputs: Iterable[str | Path], options: ReportOptions, failures: list[Failure] | None = None
) -> tuple[list[Job], list[Problem]]:
    """Validate every file and give each a unique, safe output name; bad files become problems, and
    files that met a fault of dcmm go to ``failures``."""
    jobs: list[Job] = []
    problems: list[Problem] = []
    taken = {f"{PORTFOLIO_STEM}_{options.language}".casefold()}
    for read in read_answer_files(inputs, problems, [] if failures is None else failures):
        answers = read.answers
        if answers.quick_scan is not None:
            problems.append(Problem(str(read.path), QUICK_SCAN_MESSAGE))
            continue
        assessed_on = answers.assessed_on.isoformat() if answers.assessed_on else ""
        stem = report_stem(answers.organisation.name, assessed_on, read.questionnaire.id, options.language)
        jobs.append(Job(read, unique_stem(stem, taken)))
    return jobs, problems


def run_job(job: Job, settings: JobSettings) -> Result:
    """Score the file as it was read and write its report: a portfolio entry, the problems of a bad file
    (or of a report that could not be written), or the failure of a fault of dcmm."""
    try:
        scored = scored_input(job.read, settings.rules, settings.target_level)
        written, context = write_report_files(scored, settings.folder, job.stem, settings.options)
        main = written.get("pdf") or written.get("html") or written.get("docx") or next(iter(written.values()), None)
        return portfolio_entry(context, str(job.read.path), main.name if main else "")
    except UserError as exc:
        return exc.problems
    except Exception as exc:
        return Failure.of(job.read.path, exc)


def _warm_up() -> None:
    """Import WeasyPrint once in each worker before the first job (it takes about half a second)."""
    import dcmm.render.pdf  # noqa: F401


class _Stopped(BaseException):
    """SIGINT or SIGTERM reached a worker in the middle of a job: unwinds it, so its temporary file goes."""


_in_job = False


def _stop_worker(signum: int, _frame: object) -> None:
    """A worker's SIGINT and SIGTERM: unwind the job under way (so that the atomic write removes its
    temporary file), or leave at once when idle."""
    if _in_job:
        raise _Stopped
    os._exit(128 + signum)


def _start_worker() -> None:
    for stop in STOP_SIGNALS:
        signal.signal(stop, _stop_worker)


def _run_in_worker(job: Job, settings: JobSettings) -> Result:
    global _in_job
    _in_job = True
    try:
        return run_job(job, settings)
    except _Stopped:
        os._exit(EXIT_STOPPED)
    finally:
        _in_job = False


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM stops the batch like Ctrl-C (KeyboardInterrupt) while it runs; the main thread only."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Stop the workers (each removes its half-written file) and wait for them; the pool, broken, then
    fails the jobs not done, and nothing more starts."""
    # ProcessPoolExecutor has no public way to stop its workers before Python 3.14 (terminate_workers).
    # Jobs are not cancelled first: Python 3.11's pool, once broken, fails on a cancelled job and hangs.
    processes = list(getattr(pool, "_processes", {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(STOP_GRACE_SECONDS)
        if process.is_alive():
            process.kill()
            process.join()
    pool.shutdown(wait=True)


def run_batch(
    inputs: Iterable[str | Path],
    folder: Path,
    options: ReportOptions,
    jobs: int = 1,
    rules: ScoringRules | None = None,
    target_level: int | None = None,
    progress_to: TextIO | None = None,
) -> BatchOutcome:
    """Write every report and the portfolio summary into ``folder``; bad files are reported and skipped."""
    check_output_folder(folder)
    failures: list[Failure] = []
    planned, problems = plan_jobs(inputs, options, failures)
    outcome = BatchOutcome(problems=problems, failures=failures)
    settings = JobSettings(folder, options, rules, target_level)
    results: list[tuple[int, PortfolioEntry]] = []
    with _sigterm_interrupts():
        if jobs <= 1 or len(planned) <= 1:
            with _ProgressBar(progress_to, len(planned)) as advance:
                for index, job in enumerate(planned):
                    _collect(index, run_job(job, settings), results, outcome)
                    advance()
        else:
            _run_pool(planned, settings, min(jobs, len(planned)), progress_to, results, outcome)
    outcome.entries = [entry for _index, entry in sorted(results, key=lambda pair: pair[0])]
    outcome.portfolio = write_portfolio(outcome.entries, outcome.rejected(), folder, options)
    return outcome


def _run_pool(
    planned: Sequence[Job],
    settings: JobSettings,
    workers: int,
    progress_to: TextIO | None,
    results: list[tuple[int, PortfolioEntry]],
    outcome: BatchOutcome,
) -> None:
    """The jobs on ``workers`` processes; an interruption stops every worker before it is raised on."""
    if "pdf" in settings.options.formats:
        _warm_up()  # workers forked from here inherit the import
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker)
    futures: dict[Future[Result], int] = {}
    try:
        # With fork (Linux) the first submit starts every worker, so the progress bar's thread is never forked.
        for index, job in enumerate(planned):
            futures[pool.submit(_run_in_worker, job, settings)] = index
        with _ProgressBar(progress_to, len(planned)) as advance:
            for future in as_completed(futures):
                index = futures[future]
                _collect(index, _result_of(future, planned[index]), results, outcome)
                advance()
    except BaseException:
        _stop_workers(pool)
        raise
    pool.shutdown()


def _result_of(future: Future[Result], job: Job) -> Result:
    """The job's result; a worker that died (killed, out of memory) is that job's failure, not the batch's."""
    try:
        return future.result()
    except Exception as exc:
        return Failure.of(job.read.path, exc)


def _collect(index: int, result: Result, results: list[tuple[int, PortfolioEntry]], outcome: BatchOutcome) -> None:
    if isinstance(result, list):
        outcome.problems.extend(result)
    elif isinstance(result, Failure):
        outcome.failures.append(result)
    else:
        results.append((index, result))


class _ProgressBar:
    """A rich progress bar on the given stream (stderr); silent when no stream is given."""

    def __init__(self, stream: TextIO | None, total: int) -> None:
        self.stream = stream
        self.total = total
        self.progress: Progress | None = None

    def __enter__(self) -> Callable[[], None]:
        if self.stream is None or self.total == 0:
            return lambda: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = progress = Progress(
            TextColumn("reports"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(file=self.stream),
            transient=False,
        )
        progress.start()
        task: TaskID = progress.add_task("reports", total=self.total)
        return lambda: progress.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()


def write_portfolio(
    entries: Sequence[PortfolioEntry], problems: Sequence[Problem], folder: Path, options: ReportOptions
) -> dict[str, Path]:
    """The portfolio summary as CSV and XLSX, and as PDF and HTML when those formats were asked for."""
    from dcmm.report.html import render_portfolio_html

    context = portfolio_context(entries, problems, options.language)
    stem = f"{PORTFOLIO_STEM}_{options.language}"
    written: dict[str, Path] = {}
    path = output_path(folder, stem, ".csv")
    organisations = [entry.model_dump() for entry in context.organisations]
    rows.write_csv(path, organisations, rows.PORTFOLIO_COLUMNS, options.language)
    written["csv"] = path
    path = output_path(folder, stem, ".xlsx")
    write_portfolio_xlsx(path, context)
    written["xlsx"] = path
    if {"pdf", "html"} & set(options.formats):
        html = render_portfolio_html(context)
        if "html" in options.formats:
            path = output_path(folder, stem, ".html")
            write_atomically(path, html)
            written["html"] = path
        if "pdf" in options.formats:
            from dcmm.report import pdf

            path = output_path(folder, stem, ".pdf")
            pdf.write_pdf(html, path)
            written["pdf"] = path
    return written
