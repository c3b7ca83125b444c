"""The ``dcmm tracker`` commands: init, import, ingest, progress, expiring, target and demo-data.

Exit codes as for every dcmm command: 0 all good; 1 some input rejected (every problem printed,
the rest still done); 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dcmm.cli import Context

EXIT_OK = 0
EXIT_INPUT = 1
METRIC_CHOICES = ("certified_valid", "ever_certified", "level3_plus", "guanbiao")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: expected YYYY-MM-DD") from None


def _region(text: str) -> str:
    from dcmm.tracker.regions import parse_region

    try:
        return parse_region(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def _repository(args: argparse.Namespace) -> Any:
    from dcmm.tracker.repository import open_repository

    return open_repository(args.db)


# init ------------------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace, ctx: Context) -> int:
    from dcmm.tracker.database import current_revision, database_url, head_revision, open_engine

    url = database_url(args.db)
    engine = open_engine(url)
    revision = current_revision(engine)
    engine.dispose()
    shown = url if "@" not in url else url.split("://")[0] + "://…@" + url.split("@", 1)[1]
    print(f"tracker ready: {shown} at schema {revision} (newest {head_revision()})", file=ctx.out)
    return EXIT_OK


# import ----------------------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    from dcmm.files import Problem, UserError
    from dcmm.tracker.importing import import_certificate_list, parse_mapping

    try:
        mapping = parse_mapping(args.column or [])
    except ValueError as exc:
        ctx.report([Problem("--column", str(exc))])
        return EXIT_INPUT
    repository = _repository(args)
    failed = False
    for name in args.files:
        try:
            result = import_certificate_list(
                repository, Path(name), mapping, args.sheet, dry_run=args.dry_run, strict=args.strict
            )
        except UserError as exc:
            ctx.report(exc.problems)
            failed = True
            continue
        ctx.report(result.problems)
        failed = failed or bool(result.problems)
        outcome = result.outcome
        prefix = "dry run, nothing written: " if args.dry_run else ""
        if outcome is None:
            print(
                f"{name}: {prefix}rejected as a whole (--strict): {result.rejected_rows} bad row(s) "
                f"of {result.data_rows}",
                file=ctx.out,
            )
            continue
        print(
            f"{name}: {prefix}{result.data_rows} rows, {result.rejected_rows} rejected; "
            f"certificates {outcome.certificates_added} added, {outcome.certificates_updated} updated, "
            f"{outcome.certificates_unchanged} unchanged; organisations {outcome.organisations_added} added, "
            f"{outcome.organisations_updated} updated; {outcome.pilots_recorded} pilot(s); "
            f"{outcome.repeated_rows} repeated row(s)",
            file=ctx.out,
        )
        if result.ignored_columns:
            print(f"{name}: columns not used: {', '.join(result.ignored_columns)}", file=ctx.err)
    return EXIT_INPUT if failed else EXIT_OK


# ingest ----------------------------------------------------------------------------------------


def cmd_ingest(args: argparse.Namespace, ctx: Context) -> int:
    from dcmm.core.scoring import SCORING_RULES
    from dcmm.tracker.ingest import read_self_assessments

    records, problems = read_self_assessments(args.inputs, SCORING_RULES[args.rules])
    ctx.report(problems)
    changed = _repository(args).ingest_self_assessments(records, dry_run=args.dry_run) if records else 0
    prefix = "dry run, nothing written: " if args.dry_run else ""
    print(
        f"{prefix}{len(records)} self-assessment(s) read, {changed} new or changed, {len(problems)} problem(s)",
        file=ctx.out,
    )
    return EXIT_INPUT if problems else EXIT_OK


# progress --------------------------------------------------------------------------------------


def cmd_progress(args: argparse.Namespace, ctx: Context) -> int:
    from rich.console import Console

    from dcmm.files import Problem
    from dcmm.tracker.output import print_report, to_csv, to_json
    from dcmm.tracker.progress import compute_progress

    if args.format == "pdf" and not args.output:
        ctx.report([Problem("--format pdf", "needs --output FILE.pdf")])
        return EXIT_INPUT
    report = compute_progress(
        _repository(args),
        args.as_of or dt.date.today(),
        region=args.region,
        by_city=args.by == "city",
        threshold=args.threshold,
        expiring_days=args.expiring_days,
        breakdowns=not args.no_breakdowns,
    )
    if args.format == "pdf":
        from dcmm.tracker.report_pdf import write_progress_pdf

        write_progress_pdf(report, Path(args.output))
        print(f"wrote {args.output}", file=ctx.err)
        return EXIT_OK
    if args.format in ("json", "csv"):
        text = to_json(report) + "\n" if args.format == "json" else to_csv(report)
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            ctx.out.write(text)
        return EXIT_OK
    print_report(report, Console(file=ctx.out, width=max(120, Console().width)))
    return EXIT_OK


def cmd_expiring(args: argparse.Namespace, ctx: Context) -> int:
    import csv

    as_of = args.as_of or dt.date.today()
    found = _repository(args).expiring(as_of, args.days, args.region)
    writer = csv.writer(ctx.out, lineterminator="\n")
    writer.writerow(["credit_code", "name", "province", "city", "level", "certificate_number", "issued", "expires"])
    for c in found:
        writer.writerow(
            [
                c.credit_code,
                c.name,
                c.province,
                c.city or "",
                c.level,
                c.certificate_number or "",
                c.issue_date,
                c.expiry_date,
            ]
        )
    print(f"{len(found)} certificate(s) expire within {args.days} days of {as_of}", file=ctx.err)
    return EXIT_OK


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    from dcmm.core.identifiers import normalize_credit_code
    from dcmm.files import Problem
    from dcmm.tracker.records import certificate_status
    from dcmm.tracker.regions import region_name

    try:
        code = normalize_credit_code(args.credit_code)
    except ValueError as exc:
        ctx.report([Problem(args.credit_code, str(exc))])
        return EXIT_INPUT
    history = _repository(args).organisation_history(code)
    if history is None:
        ctx.report([Problem(code, "no such organisation in the tracker")])
        return EXIT_INPUT
    on = args.as_of or dt.date.today()
    org = history.organisation
    city = f" {org['city']}" if org["city"] else ""
    print(f"{org['name']}  {org['credit_code']}  {region_name(str(org['province']))}{city}", file=ctx.out)
    print(f"  industry: {org['industry'] or '-'}  party: {org['party_type'] or '-'}", file=ctx.out)
    print(
        f"  first certified: {org['first_certified_on'] or '-'}  pilot since: {org['pilot_since'] or '-'}  "
        f"贯标 unit since: {org['guanbiao_since'] or '-'}",
        file=ctx.out,
    )
    for c in history.certificates:
        status = certificate_status(c["revoked"], c["issue_date"], c["expiry_date"], c["superseded_on"], on)
        print(
            f"  L{c['level']} {c['certificate_number'] or '(no number)'} issued {c['issue_date']} "
            f"expires {c['expiry_date']} edition {c['edition']}: {status} on {on}",
            file=ctx.out,
        )
    for a in history.self_assessments:
        print(
            f"  self-assessed {a['assessed_on']} ({a['edition']}, {a['rules']} rules): "
            f"L{a['level']} score {a['overall_score']}",
            file=ctx.out,
        )
    return EXIT_OK


# targets ---------------------------------------------------------------------------------------


def cmd_target_list(args: argparse.Namespace, ctx: Context) -> int:
    from dcmm.tracker.records import COMPARISONS
    from dcmm.tracker.regions import region_name

    for t in _repository(args).targets(args.region):
        print(
            f"#{t.id} {region_name(t.region)} ({t.region}): {t.metric} {COMPARISONS[t.comparison]} {t.number} "
            f"by {t.deadline} — {t.source_document}",
            file=ctx.out,
        )
    return EXIT_OK


def cmd_target_add(args: argparse.Namespace, ctx: Context) -> int:
    from dcmm.tracker.records import TargetRecord

    saved = _repository(args).save_target(
        TargetRecord(
            region=args.region,
            metric=args.metric,
            number=args.number,
            deadline=args.deadline,
            source_document=args.source,
            comparison="more_than" if args.more_than else "at_least",
            source_quote=args.quote,
        )
    )
    print(f"saved target #{saved.id}", file=ctx.out)
    return EXIT_OK


def cmd_target_remove(args: argparse.Namespace, ctx: Context) -> int:
    from dcmm.files import Problem

    if not _repository(args).remove_target(args.id):
        ctx.report([Problem("target", f"no target #{args.id} (see dcmm tracker target list)")])
        return EXIT_INPUT
    print(f"removed target #{args.id}", file=ctx.out)
    return EXIT_OK


# demo data -------------------------------------------------------------------------------------


def cmd_demo_data(args: argparse.Namespace, ctx: Context) -> int:
    from dcmm.files import Problem
    from dcmm.tracker.demo import write_synthetic_list

    path = Path(args.output)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        ctx.report([Problem(args.output, "expected a .csv or .xlsx file name")])
        return EXIT_INPUT
    write_synthetic_list(path, args.rows, args.seed, args.as_of, args.invalid_rate)
    print(f"wrote {path}: {args.rows} synthetic rows (seed {args.seed}), every organisation made up", file=ctx.err)
    return EXIT_OK


# parser ----------------------------------------------------------------------------------------


def register(commands: Any) -> None:
    """Add ``dcmm tracker …`` to the top-level parser."""
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument(
        "--db",
        help="SQLite file or database URL (default: $DCMM_DB, else ./dcmm-tracker.db); e.g. "
        "postgresql+psycopg://user@host/db",
    )
    tracker = commands.add_parser(
        "tracker",
        help="provincial adoption tracker: certificate lists, self-assessments, targets, progress",
        description="Track DCMM adoption: import certificate lists, ingest self-assessments and report progress "
        "against plan targets. The database is migrated to the newest schema whenever it is opened.",
    )
    sub = tracker.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")

    p = sub.add_parser("init", parents=[database], help="create or upgrade the tracker database")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser(
        "import",
        parents=[database],
        help="import certificate lists (CSV or XLSX)",
        description="Import certificate lists. Each file is one transaction: its good rows are written and every "
        "bad row is reported with its row number, column and reason (exit code 1). Importing the same list "
        "again changes nothing.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help=".csv or .xlsx lists with a header row")
    p.add_argument(
        "--column",
        action="append",
        metavar="HEADER=FIELD",
        help="read column HEADER as FIELD (repeatable), e.g. 证书号码=certificate_number",
    )
    p.add_argument("--sheet", help="XLSX sheet to read (default: the first)")
    p.add_argument("--dry-run", action="store_true", help="validate and count, write nothing")
    p.add_argument("--strict", action="store_true", help="reject a whole file when any of its rows is bad")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser(
        "ingest",
        parents=[database],
        help="add self-assessments from answer files or `dcmm score --format json` results",
    )
    p.add_argument("inputs", nargs="+", metavar="FILE|DIR")
    p.add_argument("--rules", choices=["published", "gated"], default="published", help="scoring rules")
    p.add_argument("--dry-run", action="store_true", help="read and score, write nothing")
    p.set_defaults(handler=cmd_ingest)

    p = sub.add_parser(
        "progress",
        parents=[database],
        help="progress by province or city against the targets",
        description="Counts per province (or city), level distribution, self-assessed beside certified, targets "
        "with a projection from the last 12 months' pace, and certificates about to expire. Groups smaller "
        "than --threshold organisations are pooled or hidden.",
    )
    p.add_argument("--region", type=_region, default="CN", help="CN (default), a province (37, 山东) or a city code")
    p.add_argument("--by", choices=["province", "city"], default="province", help="one row per province or city")
    p.add_argument("--as-of", type=_date, help="the day to report on (default: today)")
    p.add_argument("--threshold", type=_positive, default=5, help="smallest group shown (default 5)")
    p.add_argument("--expiring-days", type=_positive, default=90, help="window for expiring certificates (90)")
    p.add_argument("--no-breakdowns", action="store_true", help="leave out the industry and year tables")
    p.add_argument("--format", choices=["table", "csv", "json", "pdf"], default="table")
    p.add_argument("--output", "-o", help="write to this file (required for pdf)")
    p.set_defaults(handler=cmd_progress)

    p = sub.add_parser("expiring", parents=[database], help="certificates that expire soon, as CSV")
    p.add_argument("--days", type=_positive, default=90)
    p.add_argument("--region", type=_region, default="CN")
    p.add_argument("--as-of", type=_date)
    p.set_defaults(handler=cmd_expiring)

    p = sub.add_parser("show", parents=[database], help="one organisation: its certificates with their status")
    p.add_argument("credit_code", metavar="CREDIT_CODE")
    p.add_argument("--as-of", type=_date, help="the day the statuses refer to (default: today)")
    p.set_defaults(handler=cmd_show)

    target = sub.add_parser("target", help="list, add or remove targets")
    targets = target.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = targets.add_parser("list", parents=[database], help="the targets recorded")
    p.add_argument("--region", type=_region)
    p.set_defaults(handler=cmd_target_list)
    p = targets.add_parser("add", parents=[database], help="add or replace a target")
    p.add_argument("--region", type=_region, required=True)
    p.add_argument("--metric", choices=METRIC_CHOICES, required=True)
    p.add_argument("--number", type=_positive, required=True)
    p.add_argument("--deadline", type=_date, required=True)
    p.add_argument("--source", required=True, help="the document that sets the target")
    p.add_argument("--quote", help="the sentence of the document")
    p.add_argument("--more-than", action="store_true", help="the count must exceed the number (超过)")
    p.set_defaults(handler=cmd_target_add)
    p = targets.add_parser("remove", parents=[database], help="remove a target by id")
    p.add_argument("id", type=int)
    p.set_defaults(handler=cmd_target_remove)

    p = sub.add_parser("demo-data", help="write a synthetic certificate list (made-up organisations)")
    p.add_argument("output", metavar="FILE", help=".csv or .xlsx")
    p.add_argument("--rows", type=_positive, default=600)
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument("--as-of", type=_date, help="last issue date (default 2026-06-30)")
    p.add_argument("--invalid-rate", type=float, default=0.01, help="share of deliberately bad rows (0.01)")
    p.set_defaults(handler=cmd_demo_data)
