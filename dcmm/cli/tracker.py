"""``dcmm tracker …``: certificate lists, self-assessments, targets and progress in the tracker database."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dcmm.cli.errors import EXIT_INPUT, EXIT_OK, report_problems
from dcmm.cli.help import TranslatedGroup, translated_option
from dcmm.cli.language import tr
from dcmm.cli.options import (
    DAYS,
    DEMO_ROWS,
    LEVEL,
    POSITIVE,
    TARGET_NUMBER,
    OutputFile,
    as_of_option,
    db_option,
    format_option,
    lang_option,
    output_options,
    path_type,
    refuse_output_without_file,
    rules_option,
    scoring_rules,
)
from dcmm.cli.printer import console, deliver, note, say
from dcmm.cli.tracker_review import column_option, notice_list_options, review
from dcmm.cli.tracker_types import REGION, CountsType, DeadlineType, IndustryType

if TYPE_CHECKING:
    from dcmm.i18n import Language
    from dcmm.tracker.database import Mode
    from dcmm.tracker.published import Publication
    from dcmm.tracker.service import TrackerService

# The preset definitions of a target (dcmm.tracker.definitions.PRESETS, a test checks they agree), written
# here so that --help need not import the tracker.

METRIC_CHOICES = ("certified_valid", "ever_certified", "level3_plus", "guanbiao")
# The rows of the progress report's main table; a region grouping is read by region, the others are
# breakdowns of the same report.
BY_CHOICES = ("province", "city", "county", "industry", "year")
BRIEFING_FORMATS = ("pdf", "xlsx", "docx")  # documents written to -o FILE


def _open(db: str | None, mode: Mode = "write") -> TrackerService:
    """The tracker in ``mode``: ``read`` and ``update`` need one already, ``dry_run`` writes nothing.

    A command parses its options, opens the tracker, and only then imports what prints its result:
    until the tracker is open it runs on the few modules tests/cli/test_startup.py allows.
    """
    from dcmm.tracker.service import TrackerService

    return TrackerService.open(db, mode)


@click.group("tracker", cls=TranslatedGroup, help="cli.tracker_help")
def tracker() -> None:
    pass


@tracker.command("init", help="cli.tracker_init_help")
@db_option
def init(db: str | None) -> int:
    with _open(db) as service:
        status = service.status()
    say(tr("cli.tracker_ready", url=status.url, revision=status.revision, newest=status.newest))
    return EXIT_OK


@tracker.command("import", help="cli.tracker_import_help")
@click.argument("files", nargs=-1, required=True, type=path_type(), metavar="FILE...")
@column_option
@notice_list_options
@translated_option("--sheet", help="cli.opt_sheet")
@translated_option("--dry-run", is_flag=True, help="cli.opt_dry_run")
@translated_option("--strict", is_flag=True, help="cli.opt_strict")
@db_option
def import_lists(
    files: tuple[Path, ...],
    column: tuple[str, ...],
    province: str | None,
    notice_date: dt.date | None,
    sheet: str | None,
    dry_run: bool,
    strict: bool,
    db: str | None,
) -> int:
    """Each file is one transaction; a bad file is reported and the others still imported."""
    from dcmm.tracker.service import ListDefaults, ListOptions

    options = ListOptions.from_columns(column, sheet, dry_run, strict, ListDefaults(province, notice_date))
    with _open(db, "dry_run" if dry_run else "write") as service:
        imports = service.import_lists(files, options)
        if not dry_run:
            from dcmm.tracker.audit import audit_imports

            audit_imports(service.repository.engine, imports)
    from dcmm.cli.tables_tracker import print_imports

    return EXIT_INPUT if print_imports(imports, dry_run) else EXIT_OK


@tracker.command("ingest", help="cli.tracker_ingest_help")
@click.argument("inputs", nargs=-1, required=True, type=path_type(None), metavar="FILE|DIR...")
@rules_option()
@translated_option("--dry-run", is_flag=True, help="cli.opt_ingest_dry_run")
@db_option
def ingest(inputs: tuple[str, ...], rules: str, dry_run: bool, db: str | None) -> int:
    with _open(db, "dry_run" if dry_run else "write") as service:
        result = service.ingest(inputs, scoring_rules(rules), dry_run=dry_run)
    report_problems(result.problems)
    prefix = tr("cli.dry_run_prefix") if dry_run else ""
    problems = len(result.problems)
    say(tr("cli.ingest_summary", prefix=prefix, read=result.read, changed=result.changed, problems=problems))
    return EXIT_INPUT if result.problems else EXIT_OK


@tracker.command("progress", help="cli.tracker_progress_help")
@translated_option("--region", type=REGION, default="CN", show_default=True, help="regions.opt_progress_region")
@translated_option(
    "--by", type=click.Choice(BY_CHOICES), default="province", show_default=True, help="tracker.opt_progress_by"
)
@as_of_option("cli.opt_progress_as_of")
@translated_option("--threshold", type=POSITIVE, default=5, show_default=True, help="cli.opt_small_groups")
@translated_option("--expiring-days", type=DAYS, default=90, show_default=True, help="cli.opt_expiring_days")
@translated_option("--no-breakdowns", is_flag=True, help="cli.opt_no_breakdowns")
@translated_option("--exact", is_flag=True, help="tracker.opt_exact")
@format_option(("table", "csv", "json", "pdf", "xlsx", "docx"))
@output_options("briefing.opt_progress_output")
@db_option
@lang_option()
def progress(
    region: str,
    by: str,
    as_of: dt.date | None,
    threshold: int,
    expiring_days: int,
    no_breakdowns: bool,
    exact: bool,
    format: str,
    output: OutputFile,
    db: str | None,
    lang: Language,
) -> int:
    from dcmm.files import Problem
    from dcmm.tracker.service import database_files

    if format == "table":
        refuse_output_without_file(output, format)
    if format in BRIEFING_FORMATS and output.path is None:
        report_problems([Problem(f"--format {format}", tr("briefing.needs_output", format=format))])
        return EXIT_INPUT
    output.check(protected=database_files(db))
    with _open(db, "read") as service:
        report = service.progress(as_of, region, by, threshold, expiring_days, not no_breakdowns, lang, not exact)
    from dcmm.tracker.published import publish

    publication = publish(report, lang, exact)
    if format in BRIEFING_FORMATS:
        assert output.path is not None
        _write_briefing(publication, format, output.path)
        note(tr("cli.wrote", path=output.path))
        return EXIT_OK
    from dcmm.tracker.output import print_publication, to_csv, to_json

    if format in ("json", "csv"):
        deliver(to_json(publication) + "\n" if format == "json" else to_csv(publication), output)
    else:
        print_publication(publication, console(120))
    return EXIT_OK


def _write_briefing(publication: Publication, format: str, path: Path) -> None:
    """The PDF, XLSX or DOCX briefing of ``publication``."""
    if format == "pdf":
        from dcmm.tracker.report_pdf import write_progress_pdf

        write_progress_pdf(publication, path)
    else:
        from dcmm.tracker.briefing import write_briefing

        write_briefing(publication, path, "xlsx" if format == "xlsx" else "docx")


@tracker.command("expiring", help="cli.tracker_expiring_help")
@translated_option("--days", type=DAYS, default=90, show_default=True, help="cli.opt_days")
@translated_option("--region", type=REGION, default="CN", show_default=True, help="regions.opt_region")
@as_of_option()
@db_option
def expiring(days: int, region: str, as_of: dt.date | None, db: str | None) -> int:
    on = as_of or dt.date.today()
    with _open(db, "read") as service:
        found = service.expiring(days, region, on)
    from dcmm.cli.tables_tracker import expiring_csv

    sys.stdout.write(expiring_csv(found))
    note(tr("cli.expiring_summary", count=len(found), days=days, on=on))
    return EXIT_OK


@tracker.command("show", help="cli.tracker_show_help")
@click.argument("credit_code", metavar="CREDIT_CODE|NAME")
@as_of_option("cli.opt_show_as_of")
@db_option
def show(credit_code: str, as_of: dt.date | None, db: str | None) -> int:
    with _open(db, "read") as service:
        reports = service.organisations(credit_code, as_of)
    from dcmm.cli.tables_tracker import print_organisation

    for number, report in enumerate(reports):
        if number:
            say("")
        print_organisation(report)
    return EXIT_OK


@tracker.group("target", cls=TranslatedGroup, help="cli.tracker_target_help")
def target() -> None:
    pass


@target.command("list", help="cli.target_list_help")
@translated_option("--region", type=REGION, help="cli.opt_target_list_region")
@db_option
def list_targets(region: str | None, db: str | None) -> int:
    with _open(db, "read") as service:
        lines = service.target_lines(region)
    from dcmm.cli.tables_tracker import print_targets

    print_targets(lines)
    return EXIT_OK


@target.command("add", help="cli.target_add_help")
@translated_option("--region", type=REGION, required=True, help="regions.opt_region")
@translated_option("--metric", type=click.Choice(METRIC_CHOICES), help="targets.opt_metric")
@translated_option("--counts", type=CountsType(), metavar="RECORDS", help="targets.opt_counts")
@translated_option("--cumulative/--valid-on-day", default=None, help="targets.opt_cumulative")
@translated_option("--min-level", type=LEVEL, help="targets.opt_min_level")
@translated_option("--industry", type=IndustryType(), help="targets.opt_industry")
@translated_option("--number", type=TARGET_NUMBER, required=True, help="cli.opt_number")
@translated_option(
    "--deadline", type=DeadlineType(), required=True, metavar="YYYY[-MM-DD]", help="targets.opt_deadline"
)
@translated_option("--source", required=True, help="cli.opt_source")
@translated_option("--quote", help="cli.opt_quote")
@translated_option("--more-than", is_flag=True, help="cli.opt_more_than")
@db_option
def add_target(
    region: str,
    metric: str | None,
    counts: tuple[str, ...] | None,
    cumulative: bool | None,
    min_level: int | None,
    industry: str | None,
    number: int,
    deadline: dt.date,
    source: str,
    quote: str | None,
    more_than: bool,
    db: str | None,
) -> int:
    """A preset (--metric) or the default definition (ever certified), changed by the options given."""
    from dataclasses import replace

    from dcmm.tracker.definitions import CUSTOM, DEFAULT_DEFINITION, PRESETS
    from dcmm.tracker.service import TargetRecord

    definition = PRESETS[metric] if metric else DEFAULT_DEFINITION
    changes: dict[str, Any] = {"industry": industry}
    if counts is not None:
        changes["counts"] = counts
    if cumulative is not None:
        changes["basis"] = "cumulative" if cumulative else "valid_on_day"
    if min_level is not None:
        changes["min_level"] = min_level
    if "pilots" in changes.get("counts", definition.counts) and changes.get("min_level", definition.min_level) > 1:
        level = changes.get("min_level", definition.min_level)
        raise click.UsageError(tr("targets.pilots_have_no_level", level=level))
    record = TargetRecord(
        region=region,
        metric=metric or CUSTOM,
        number=number,
        deadline=deadline,
        source_document=source,
        comparison="more_than" if more_than else "at_least",
        source_quote=quote,
        definition=replace(definition, **changes),
    )
    with _open(db) as service:
        saved = service.add_target(record)
        from dcmm.tracker.audit import audit_target

        audit_target(service.repository.engine, saved)
        known = industry is None or service.industry_known(industry)
    say(tr("cli.target_saved", id=saved.id))
    if not known:
        note(tr("targets.industry_unknown", industry=industry))
    return EXIT_OK


@target.command("remove", help="cli.target_remove_help")
@click.argument("target_id", type=int, metavar="ID")
@db_option
def remove_target(target_id: int, db: str | None) -> int:
    with _open(db, "update") as service:
        service.remove_target(target_id)
        from dcmm.tracker.audit import audit_target_removed

        audit_target_removed(service.repository.engine, target_id)
    say(tr("cli.target_removed", id=target_id))
    return EXIT_OK


@tracker.command("imports", help="cli.tracker_imports_help")
@format_option(("table", "csv", "json"))
@db_option
def imports(format: str, db: str | None) -> int:
    """What the import log holds: each list imported, when, its SHA-256 and its row counts."""
    with _open(db, "read") as service:
        logged = service.imports()
    from dcmm.cli.tables_tracker import imports_csv, imports_json, print_import_log

    if format == "csv":
        sys.stdout.write(imports_csv(logged))
    elif format == "json":
        sys.stdout.write(imports_json(logged))
    else:
        print_import_log(logged, console(120))
    return EXIT_OK


@tracker.command("demo-data", help="cli.tracker_demo_help")
@click.argument("output_path", type=path_type(), metavar="FILE")
@translated_option("--rows", type=DEMO_ROWS, default=600, show_default=True, help="cli.opt_rows")
@translated_option("--seed", type=int, default=2025, show_default=True, help="cli.opt_seed")
@as_of_option("cli.opt_demo_as_of")
@translated_option("--invalid-rate", type=float, default=0.01, show_default=True, help="cli.opt_invalid_rate")
@translated_option("--force", is_flag=True, help="cli.opt_force")
def demo_data(output_path: Path, rows: int, seed: int, as_of: dt.date | None, invalid_rate: float, force: bool) -> int:
    from dcmm.tracker.service import check_demo_path, write_demo_list

    check_demo_path(output_path)
    OutputFile(output_path, force).check()
    write_demo_list(output_path, rows, seed, as_of, invalid_rate)
    note(tr("cli.demo_wrote", path=output_path, rows=rows, seed=seed))
    return EXIT_OK


tracker.add_command(review)


def _add_dashboard_commands() -> None:
    from dcmm.cli.tracker_dashboard import serve, user

    tracker.add_command(serve)
    tracker.add_command(user)


_add_dashboard_commands()
