"""Commands ``report``, ``compare`` and ``doctor``, and the report options of ``score``.

Only argparse and the standard library at module level: WeasyPrint and friends load in handlers.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_INPUT = 1

FORMAT_CHOICES = ("pdf", "html", "xlsx", "csv")


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("expected at least 1")
    return value


def _rules(args: argparse.Namespace) -> Any:
    from dcmm.core.scoring import SCORING_RULES

    rules = SCORING_RULES[args.rules]
    if getattr(args, "gate_threshold", None) is not None:
        rules = rules.model_copy(update={"gate_threshold": args.gate_threshold})
    return rules


def add_score_options(parser: argparse.ArgumentParser) -> None:
    """``dcmm score DIR --pdf --out reports/ --jobs N``: a report per organisation and a portfolio summary."""
    group = parser.add_argument_group(
        "reports",
        "With --pdf or --html, write one gap report per organisation (plus its findings as XLSX and CSV) "
        "and a portfolio summary (CSV, XLSX, and PDF/HTML) into --out, instead of printing scores.",
    )
    group.add_argument("--pdf", action="store_true", help="write a PDF report per organisation")
    group.add_argument("--html", action="store_true", help="write an HTML report per organisation")
    group.add_argument("--out", default="reports", metavar="DIR", help="folder for the reports (default: reports)")
    group.add_argument("--jobs", "-j", type=_jobs, default=1, metavar="N", help="worker processes (default 1)")


def wants_reports(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "pdf", False) or getattr(args, "html", False))


def run_score_reports(args: argparse.Namespace, ctx: Any) -> int:
    """The report side of ``dcmm score``: bad files are reported and skipped, exit 1 if any."""
    from rich.console import Console
    from rich.table import Table

    from dcmm.report.batch import run_batch
    from dcmm.report.build import ReportOptions

    formats = [f for f, wanted in (("pdf", args.pdf), ("html", args.html)) if wanted] + ["xlsx", "csv"]
    options = ReportOptions(language=args.lang, formats=formats)
    outcome = run_batch(args.inputs, Path(args.out), options, args.jobs, _rules(args), args.target, progress_to=ctx.err)
    ctx.report(outcome.problems)
    en = args.lang == "en"
    table = Table(title="Reports" if en else "报告", title_justify="left")
    for header in (("Organisation", "单位"), ("Score", "得分"), ("Level", "等级")):
        table.add_column(header[0] if en else header[1])
    for entry in outcome.entries:
        table.add_row(entry.organisation, f"{entry.score:.2f}", f"L{entry.level} {entry.level_name}")
    Console(file=ctx.out, width=max(100, Console().width)).print(table)
    for entry in outcome.entries:  # one path a line, for scripts
        print(Path(args.out) / entry.report, file=ctx.out)
    written = ", ".join(path.name for path in outcome.portfolio.values())
    print(f"wrote {len(outcome.entries)} report(s) to {args.out}; portfolio summary: {written}", file=ctx.err)
    if outcome.problems:
        print(f"{len(outcome.entries)} reported, {len(outcome.problems)} problem(s) in rejected input", file=ctx.err)
    return EXIT_INPUT if outcome.problems else EXIT_OK


def cmd_report(args: argparse.Namespace, ctx: Any) -> int:
    from dcmm.assessments import score_file
    from dcmm.report.build import ReportOptions, stem_for, write_report_files

    scored = score_file(Path(args.file), _rules(args), args.target)
    previous = score_file(Path(args.previous), _rules(args), args.target) if args.previous else None
    if previous is not None and not _comparable(previous, scored, ctx):
        return EXIT_INPUT
    formats = args.format or ["pdf"]
    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    written, _context = write_report_files(
        scored, folder, stem_for(scored, args.lang), ReportOptions(args.lang, formats), previous
    )
    for path in written.values():
        print(path, file=ctx.out)
    return EXIT_OK


def _comparable(old: Any, new: Any, ctx: Any) -> bool:
    from dcmm.files import Problem
    from dcmm.report.context import check_comparable, same_organisation

    reasons = check_comparable(old, new)
    if reasons:
        ctx.report([Problem(str(new.path), reason) for reason in reasons])
        return False
    if not same_organisation(old, new):
        print(
            f"warning: {old.path} and {new.path} name different organisations "
            f"({old.answers.organisation.name} / {new.answers.organisation.name})",
            file=ctx.err,
        )
    return True


def cmd_compare(args: argparse.Namespace, ctx: Any) -> int:
    from rich.console import Console

    from dcmm.assessments import score_file
    from dcmm.report.build import ReportOptions, stem_for, write_report_files
    from dcmm.report.compare import print_comparison
    from dcmm.report.context import compare_context

    old = score_file(Path(args.old), _rules(args), args.target)
    new = score_file(Path(args.new), _rules(args), args.target)
    if not _comparable(old, new, ctx):
        return EXIT_INPUT
    comparison = compare_context(old, new, args.lang)
    print_comparison(comparison, Console(file=ctx.out, width=max(100, Console().width)), args.lang)
    formats = [f for f, wanted in (("pdf", args.pdf), ("html", args.html)) if wanted]
    if formats:
        folder = Path(args.out)
        folder.mkdir(parents=True, exist_ok=True)
        written, _context = write_report_files(
            new, folder, stem_for(new, args.lang), ReportOptions(args.lang, formats), previous=old
        )
        for path in written.values():
            print(f"wrote {path}", file=ctx.err)
    return EXIT_OK


def cmd_doctor(args: argparse.Namespace, ctx: Any) -> int:
    from dcmm.report.doctor import format_checks, run_checks

    checks = run_checks()
    for line in format_checks(checks):
        print(line, file=ctx.out)
    return EXIT_INPUT if any(not c.ok and c.required for c in checks) else EXIT_OK


def _scoring_options(parser: argparse.ArgumentParser) -> None:
    from dcmm.cli import _level, _threshold
    from dcmm.core.scoring import SCORING_RULES

    parser.add_argument("--target", type=_level, help="target level (default: the answer file's own)")
    parser.add_argument("--rules", choices=sorted(SCORING_RULES), default="published", help="scoring rules")
    parser.add_argument("--gate-threshold", type=_threshold, help="level score a lower level needs under --rules gated")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh", help="report language (default zh)")


def register(commands: Any) -> None:
    p = commands.add_parser(
        "report",
        help="the gap report of one answer file (PDF, HTML, findings as XLSX/CSV)",
        description="Write one organisation's gap report into --out, named from organisation, date, edition "
        "and language. Exit code 1 when the answer file is rejected.",
    )
    p.add_argument("file", metavar="FILE", help="an answer file")
    p.add_argument(
        "--format",
        action="append",
        choices=FORMAT_CHOICES,
        help="pdf (default), html, xlsx or csv findings; repeat for several",
    )
    p.add_argument("--out", default="reports", metavar="DIR", help="folder for the report (default: reports)")
    p.add_argument("--previous", metavar="OLD", help="an earlier answer file: adds a chapter on what changed")
    _scoring_options(p)
    p.set_defaults(handler=cmd_report)

    p = commands.add_parser(
        "compare",
        help="what improved and regressed between two assessments of one organisation",
        description="Compare two answer files of one organisation against the same edition: score changes per "
        "domain and item, criteria that improved or regressed. With --pdf/--html, also write NEW's report with "
        "a comparison chapter.",
    )
    p.add_argument("old", metavar="OLD", help="the earlier answer file")
    p.add_argument("new", metavar="NEW", help="the later answer file")
    p.add_argument("--pdf", action="store_true", help="write NEW's report with the comparison as PDF")
    p.add_argument("--html", action="store_true", help="write NEW's report with the comparison as HTML")
    p.add_argument("--out", default="reports", metavar="DIR", help="folder for the report (default: reports)")
    _scoring_options(p)
    p.set_defaults(handler=cmd_compare)

    p = commands.add_parser(
        "doctor",
        help="check that Chinese PDF reports can be rendered here",
        description="Check the CJK fonts, HarfBuzz subsetter, Pango and WeasyPrint that PDF reports need, and "
        "print how to install what is missing. Exit code 1 when something required is missing.",
    )
    p.set_defaults(handler=cmd_doctor)
