"""``dcmm tracker …``: certificate lists, self-assessments, targets and progress in the tracker database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from dcmm.cli.errors import EXIT_INPUT, EXIT_OK, report_problems
from dcmm.cli.help import TranslatedGroup, translated_option
from dcmm.cli.language import tr
from dcmm.cli.options import (
    ISO_DATE,
    POSITIVE,
    OutputFile,
    ParamBase,
    as_of_option,
    db_option,
    format_option,
    output_options,
    refuse_output_without_file,
    rules_option,
    scoring_rules,
)
from dcmm.cli.printer import console, deliver, note, say

if TYPE_CHECKING:
    from dcmm.tracker.repository import SqlTrackerRepository

METRIC_CHOICES = ("certified_valid", "ever_certified", "level3_plus", "guanbiao")


class RegionType(ParamBase):
    """CN, a province (code or name) or a city code."""

    name = "region"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from dcmm.tracker.regions import parse_region

        try:
            return parse_region(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


REGION = RegionType()


def _repository(db: str | None) -> SqlTrackerRepository:
    from dcmm.tracker.repository import open_repository

    return open_repository(db)


def _database_file(db: str | None) -> list[Path]:
    """The SQLite file of the tracker, which no output may replace (none for a server database)."""
    from sqlalchemy.engine import make_url

    from dcmm.tracker.database import database_url

    url = make_url(database_url(db))
    return [Path(url.database)] if url.get_backend_name() == "sqlite" and url.database else []


@click.group("tracker", cls=TranslatedGroup, help="cli.tracker_help")
def tracker() -> None:
    pass


@tracker.command("init", help="cli.tracker_init_help")
@db_option
def init(db: str | None) -> int:
    from dcmm.tracker.database import current_revision, database_url, head_revision, open_engine

    url = database_url(db)
    engine = open_engine(url)
    revision = current_revision(engine)
    engine.dispose()
    shown = url if "@" not in url else url.split("://")[0] + "://…@" + url.split("@", 1)[1]
    say(tr("cli.tracker_ready", url=shown, revision=revision, newest=head_revision()))
    return EXIT_OK


@tracker.command("import", help="cli.tracker_import_help")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
@translated_option("--column", multiple=True, metavar="HEADER=FIELD", help="cli.opt_column")
@translated_option("--sheet", help="cli.opt_sheet")
@translated_option("--dry-run", is_flag=True, help="cli.opt_dry_run")
@translated_option("--strict", is_flag=True, help="cli.opt_strict")
@db_option
def import_lists(
    files: tuple[Path, ...], column: tuple[str, ...], sheet: str | None, dry_run: bool, strict: bool, db: str | None
) -> int:
    """Each file is one transaction; a bad file is reported and the others still imported."""
    from dcmm.files import Problem, UserError
    from dcmm.tracker.importing import import_certificate_list, parse_mapping

    try:
        mapping = parse_mapping(column)
    except ValueError as exc:
        report_problems([Problem("--column", str(exc))])
        return EXIT_INPUT
    repository = _repository(db)
    prefix = tr("cli.dry_run_prefix") if dry_run else ""
    failed = False
    for path in files:
        try:
            result = import_certificate_list(repository, path, mapping, sheet, dry_run=dry_run, strict=strict)
        except UserError as exc:
            report_problems(exc.problems)
            failed = True
            continue
        report_problems(result.problems)
        failed = failed or bool(result.problems)
        outcome = result.outcome
        if outcome is None:
            say(tr("cli.import_rejected", name=path, prefix=prefix, bad=result.rejected_rows, rows=result.data_rows))
            continue
        say(
            tr(
                "cli.import_summary",
                name=path,
                prefix=prefix,
                rows=result.data_rows,
                rejected=result.rejected_rows,
                added=outcome.certificates_added,
                updated=outcome.certificates_updated,
                unchanged=outcome.certificates_unchanged,
                organisations_added=outcome.organisations_added,
                organisations_updated=outcome.organisations_updated,
                pilots=outcome.pilots_recorded,
                repeated=outcome.repeated_rows,
            )
        )
        if result.ignored_columns:
            note(tr("cli.import_unused_columns", name=path, columns=", ".join(result.ignored_columns)))
    return EXIT_INPUT if failed else EXIT_OK


@tracker.command("ingest", help="cli.tracker_ingest_help")
@click.argument("inputs", nargs=-1, required=True, metavar="FILE|DIR...")
@rules_option()
@translated_option("--dry-run", is_flag=True, help="cli.opt_ingest_dry_run")
@db_option
def ingest(inputs: tuple[str, ...], rules: str, dry_run: bool, db: str | None) -> int:
    from dcmm.tracker.ingest import read_self_assessments

    records, problems = read_self_assessments(inputs, scoring_rules(rules))
    report_problems(problems)
    changed = _repository(db).ingest_self_assessments(records, dry_run=dry_run) if records else 0
    prefix = tr("cli.dry_run_prefix") if dry_run else ""
    say(tr("cli.ingest_summary", prefix=prefix, read=len(records), changed=changed, problems=len(problems)))
    return EXIT_INPUT if problems else EXIT_OK


@tracker.command("progress", help="cli.tracker_progress_help")
@translated_option("--region", type=REGION, default="CN", show_default=True, help="cli.opt_progress_region")
@translated_option(
    "--by", type=click.Choice(("province", "city")), default="province", show_default=True, help="cli.opt_by"
)
@as_of_option("cli.opt_progress_as_of")
@translated_option("--threshold", type=POSITIVE, default=5, show_default=True, help="cli.opt_small_groups")
@translated_option("--expiring-days", type=POSITIVE, default=90, show_default=True, help="cli.opt_expiring_days")
@translated_option("--no-breakdowns", is_flag=True, help="cli.opt_no_breakdowns")
@format_option(("table", "csv", "json", "pdf"))
@output_options("cli.opt_progress_output")
@db_option
def progress(
    region: str,
    by: str,
    as_of: dt.date | None,
    threshold: int,
    expiring_days: int,
    no_breakdowns: bool,
    format: str,
    output: OutputFile,
    db: str | None,
) -> int:
    from dcmm.files import Problem
    from dcmm.tracker.output import print_report, to_csv, to_json
    from dcmm.tracker.progress import compute_progress

    if format == "table":
        refuse_output_without_file(output, format)
    if format == "pdf" and output.path is None:
        report_problems([Problem("--format pdf", tr("cli.pdf_needs_output"))])
        return EXIT_INPUT
    output.check(protected=_database_file(db))
    report = compute_progress(
        _repository(db),
        as_of or dt.date.today(),
        region=region,
        by_city=by == "city",
        threshold=threshold,
        expiring_days=expiring_days,
        breakdowns=not no_breakdowns,
    )
    if format == "pdf":
        from dcmm.tracker.report_pdf import write_progress_pdf

        assert output.path is not None
        write_progress_pdf(report, output.path)
        note(tr("cli.wrote", path=output.path))
    elif format in ("json", "csv"):
        deliver(to_json(report) + "\n" if format == "json" else to_csv(report), output)
    else:
        print_report(report, console(120))
    return EXIT_OK


@tracker.command("expiring", help="cli.tracker_expiring_help")
@translated_option("--days", type=POSITIVE, default=90, show_default=True, help="cli.opt_days")
@translated_option("--region", type=REGION, default="CN", show_default=True, help="cli.opt_region")
@as_of_option()
@db_option
def expiring(days: int, region: str, as_of: dt.date | None, db: str | None) -> int:
    import csv
    import sys

    on = as_of or dt.date.today()
    found = _repository(db).expiring(on, days, region)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["credit_code", "name", "province", "city", "level", "certificate_number", "issued", "expires"])
    for c in found:
        cells = (c.credit_code, c.name, c.province, c.city, c.level, c.certificate_number, c.issue_date, c.expiry_date)
        writer.writerow(["" if cell is None else cell for cell in cells])
    note(tr("cli.expiring_summary", count=len(found), days=days, on=on))
    return EXIT_OK


@tracker.command("show", help="cli.tracker_show_help")
@click.argument("credit_code", metavar="CREDIT_CODE")
@as_of_option("cli.opt_show_as_of")
@db_option
def show(credit_code: str, as_of: dt.date | None, db: str | None) -> int:
    from dcmm.core.identifiers import normalize_credit_code
    from dcmm.files import Problem
    from dcmm.tracker.records import certificate_status
    from dcmm.tracker.regions import region_name

    try:
        code = normalize_credit_code(credit_code)
    except ValueError as exc:
        report_problems([Problem(credit_code, str(exc))])
        return EXIT_INPUT
    history = _repository(db).organisation_history(code)
    if history is None:
        report_problems([Problem(code, tr("cli.no_such_organisation"))])
        return EXIT_INPUT
    on = as_of or dt.date.today()
    org = history.organisation
    city = f" {org['city']}" if org["city"] else ""
    say(f"{org['name']}  {org['credit_code']}  {region_name(str(org['province']))}{city}")
    say(tr("cli.show_industry", industry=org["industry"] or "-", party=org["party_type"] or "-"))
    say(
        tr(
            "cli.show_since",
            certified=org["first_certified_on"] or "-",
            pilot=org["pilot_since"] or "-",
            guanbiao=org["guanbiao_since"] or "-",
        )
    )
    for c in history.certificates:
        status = certificate_status(
            bool(c["revoked"]),
            cast(dt.date, c["issue_date"]),
            cast(dt.date, c["expiry_date"]),
            cast("dt.date | None", c["superseded_on"]),
            on,
        )
        number = c["certificate_number"] or tr("cli.show_no_number")
        say(
            tr(
                "cli.show_certificate",
                level=c["level"],
                number=number,
                issued=c["issue_date"],
                expires=c["expiry_date"],
                edition=c["edition"],
                status=status,
                on=on,
            )
        )
    for a in history.self_assessments:
        say(
            tr(
                "cli.show_self_assessment",
                on=a["assessed_on"],
                edition=a["edition"],
                rules=a["rules"],
                level=a["level"],
                score=a["overall_score"],
            )
        )
    return EXIT_OK


@tracker.group("target", cls=TranslatedGroup, help="cli.tracker_target_help")
def target() -> None:
    pass


@target.command("list", help="cli.target_list_help")
@translated_option("--region", type=REGION, help="cli.opt_target_list_region")
@db_option
def list_targets(region: str | None, db: str | None) -> int:
    from dcmm.tracker.records import COMPARISONS
    from dcmm.tracker.regions import region_name

    for t in _repository(db).targets(region):
        say(
            tr(
                "cli.target_line",
                id=t.id,
                region_name=region_name(t.region),
                region=t.region,
                metric=t.metric,
                comparison=COMPARISONS[t.comparison],
                number=t.number,
                deadline=t.deadline,
                source=t.source_document,
            )
        )
    return EXIT_OK


@target.command("add", help="cli.target_add_help")
@translated_option("--region", type=REGION, required=True, help="cli.opt_region")
@translated_option("--metric", type=click.Choice(METRIC_CHOICES), required=True, help="cli.opt_metric")
@translated_option("--number", type=POSITIVE, required=True, help="cli.opt_number")
@translated_option("--deadline", type=ISO_DATE, required=True, metavar="YYYY-MM-DD", help="cli.opt_deadline")
@translated_option("--source", required=True, help="cli.opt_source")
@translated_option("--quote", help="cli.opt_quote")
@translated_option("--more-than", is_flag=True, help="cli.opt_more_than")
@db_option
def add_target(
    region: str,
    metric: str,
    number: int,
    deadline: dt.date,
    source: str,
    quote: str | None,
    more_than: bool,
    db: str | None,
) -> int:
    from dcmm.tracker.records import TargetRecord

    record = TargetRecord(
        region=region,
        metric=metric,
        number=number,
        deadline=deadline,
        source_document=source,
        comparison="more_than" if more_than else "at_least",
        source_quote=quote,
    )
    saved = _repository(db).save_target(record)
    say(tr("cli.target_saved", id=saved.id))
    return EXIT_OK


@target.command("remove", help="cli.target_remove_help")
@click.argument("target_id", type=int, metavar="ID")
@db_option
def remove_target(target_id: int, db: str | None) -> int:
    from dcmm.files import Problem

    if not _repository(db).remove_target(target_id):
        report_problems([Problem("target", tr("cli.no_such_target", id=target_id))])
        return EXIT_INPUT
    say(tr("cli.target_removed", id=target_id))
    return EXIT_OK


@tracker.command("demo-data", help="cli.tracker_demo_help")
@click.argument("output_path", type=click.Path(path_type=Path), metavar="FILE")
@translated_option("--rows", type=POSITIVE, default=600, show_default=True, help="cli.opt_rows")
@translated_option("--seed", type=int, default=2025, show_default=True, help="cli.opt_seed")
@as_of_option("cli.opt_demo_as_of")
@translated_option("--invalid-rate", type=float, default=0.01, show_default=True, help="cli.opt_invalid_rate")
@translated_option("--force", is_flag=True, help="cli.opt_force")
def demo_data(output_path: Path, rows: int, seed: int, as_of: dt.date | None, invalid_rate: float, force: bool) -> int:
    from dcmm.files import Problem
    from dcmm.tracker.demo import write_synthetic_list

    if output_path.suffix.lower() not in (".csv", ".xlsx"):
        report_problems([Problem(str(output_path), tr("cli.demo_suffix"))])
        return EXIT_INPUT
    OutputFile(output_path, force).check()
    write_synthetic_list(output_path, rows, seed, as_of, invalid_rate)
    note(tr("cli.demo_wrote", path=output_path, rows=rows, seed=seed))
    return EXIT_OK
