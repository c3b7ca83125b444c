"""The ``dcmm`` command line: thin commands over the library.

Exit codes: 0 all good; 1 some input was rejected (each problem is printed on stderr, the rest
is still done); 2 usage error (unknown command or option).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dcmm import __version__
from dcmm.core.scoring import SCORING_RULES, ScoringRules
from dcmm.files import Problem, UserError, available_editions, load_edition, load_questionnaire
from dcmm.report import cli as report_cli

# Command groups that live beside their feature. Each module has ``register(commands)`` and imports
# nothing heavy at module level (start-up stays fast): heavy imports go inside the handlers.
COMMAND_MODULES: tuple[str, ...] = ("dcmm.editions.cli", "dcmm.tui.cli", "dcmm.tracker.cli", "dcmm.report.cli")

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2


class Context:
    """Where output goes; tests pass their own streams."""

    def __init__(self, out: Any = None, err: Any = None) -> None:
        self.out = out or sys.stdout
        self.err = err or sys.stderr

    def report(self, problems: Sequence[Problem]) -> None:
        for problem in problems:
            print(f"error: {problem}", file=self.err)


def _print_json(ctx: Context, data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2), file=ctx.out)


def _write_or_print(ctx: Context, text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        ctx.out.write(text)


# questionnaire -------------------------------------------------------------------------------


def cmd_questionnaire_list(args: argparse.Namespace, ctx: Context) -> int:
    rows = []
    for edition_id in available_editions():
        q = load_edition(edition_id)
        rows.append(
            {
                "id": q.id,
                "standard": q.meta.standard,
                "data_version": q.meta.data_version,
                "in_force": q.meta.in_force.isoformat(),
                "domains": len(q.domains),
                "items": len(q.items),
                "criteria": len(q.criteria),
                "provisional": bool(q.meta.provisional),
            }
        )
    if args.format == "json":
        _print_json(ctx, rows)
    else:
        for row in rows:
            note = "  (partly provisional)" if row["provisional"] else ""
            print(
                f"{row['id']:<16} {row['standard']:<16} in force {row['in_force']}  "
                f"{row['domains']} domains, {row['items']} items, {row['criteria']} criteria{note}",
                file=ctx.out,
            )
    return EXIT_OK


def cmd_questionnaire_show(args: argparse.Namespace, ctx: Context) -> int:
    q = load_questionnaire(args.edition)
    lang = args.lang
    if args.item:
        item = q.item_by_id.get(args.item)
        if item is None:
            ctx.report([Problem(args.edition, f"no item {args.item!r}: items are {', '.join(q.item_by_id)}")])
            return EXIT_INPUT
        print(f"{item.id} {item.name.get(lang)}", file=ctx.out)
        print(f"  {item.description.get(lang)}", file=ctx.out)
        for level in item.levels:
            name = q.level_definition(level.level).name.get(lang)
            print(f"\n  L{level.level} {name}: {level.summary.get(lang)}", file=ctx.out)
            for c in level.criteria:
                print(f"    {c.id:<10} {c.text.get(lang)}", file=ctx.out)
                for hint in c.evidence:
                    print(f"    {'':<10}   ↳ {hint.get(lang)}", file=ctx.out)
        return EXIT_OK
    print(f"{q.meta.title.get(lang)}  [{q.id}, data {q.meta.data_version}]", file=ctx.out)
    print(q.meta.provenance.get(lang), file=ctx.out)
    for domain in q.domains:
        print(f"\n{domain.id} {domain.name.get(lang)}", file=ctx.out)
        for item in domain.items:
            print(f"  {item.id:<6} {item.name.get(lang)}  ({len(item.criteria)})", file=ctx.out)
    return EXIT_OK


def cmd_questionnaire_validate(args: argparse.Namespace, ctx: Context) -> int:
    targets = [args.path] if args.path else available_editions()
    failed = False
    for target in targets:
        try:
            q = load_questionnaire(target)
        except UserError as exc:
            ctx.report(exc.problems)
            failed = True
            continue
        print(
            f"ok: {q.id}: {len(q.domains)} domains, {len(q.items)} items, {len(q.criteria)} criteria",
            file=ctx.out,
        )
    return EXIT_INPUT if failed else EXIT_OK


def cmd_questionnaire_export(args: argparse.Namespace, ctx: Context) -> int:
    q = load_questionnaire(args.edition)
    _write_or_print(ctx, q.model_dump_json(indent=2) + "\n", args.output)
    return EXIT_OK


# schema and template ---------------------------------------------------------------------------


def answer_file_schema() -> dict[str, Any]:
    from dcmm.files.schemas import schema_for

    return schema_for("answer-file")


def cmd_schema(args: argparse.Namespace, ctx: Context) -> int:
    text = json.dumps(answer_file_schema(), ensure_ascii=False, indent=2) + "\n"
    _write_or_print(ctx, text, args.output)
    return EXIT_OK


def cmd_template(args: argparse.Namespace, ctx: Context) -> int:
    from dcmm.core.answers import blank_answer_file
    from dcmm.core.quickscan import blank_quick_scan_file

    q = load_edition(args.edition)
    blank = blank_quick_scan_file(q, args.name or "") if args.quick_scan else blank_answer_file(q, args.name or "")
    blank["target_level"] = args.target
    text = json.dumps(blank, ensure_ascii=False, indent=2) + "\n"
    if args.output and Path(args.output).exists() and not args.force:
        ctx.report([Problem(args.output, "exists already; pass --force to overwrite it")])
        return EXIT_INPUT
    _write_or_print(ctx, text, args.output)
    if args.output:
        what = f"{len(q.items)} items (quick scan)" if args.quick_scan else f"{len(q.criteria)} criteria"
        print(f"wrote {args.output}: {what} of {q.id} to answer", file=ctx.err)
    return EXIT_OK


# score -----------------------------------------------------------------------------------------


def _rules(args: argparse.Namespace) -> ScoringRules:
    rules = SCORING_RULES[args.rules]
    if args.gate_threshold is not None:
        rules = rules.model_copy(update={"gate_threshold": args.gate_threshold})
    return rules


def cmd_score(args: argparse.Namespace, ctx: Context) -> int:
    if report_cli.wants_reports(args):
        return report_cli.run_score_reports(args, ctx)
    from rich.console import Console

    from dcmm.assessments import assess_files
    from dcmm.editions.quickscan import estimate_record, print_estimates
    from dcmm.score_output import print_tables, to_csv, to_json

    scored, estimated, problems = assess_files(args.inputs, _rules(args), args.target)
    if estimated and args.format == "csv":
        problems += [
            Problem(str(e.path), "a quick-scan estimate has no CSV form; use table or json") for e in estimated
        ]
        estimated = []
    ctx.report(problems)
    if args.format == "json":
        text = to_json(scored, problems)
        if estimated:  # quick-scan estimates go beside the results, never among them
            document = json.loads(text)
            document["estimates"] = [estimate_record(e) for e in estimated]
            text = json.dumps(document, ensure_ascii=False, indent=2)
        _write_or_print(ctx, text + "\n", args.output)
    elif args.format == "csv":
        _write_or_print(ctx, to_csv(scored), args.output)
    else:
        console = Console(file=ctx.out, width=max(100, Console().width))
        if scored:
            print_tables(scored, console, args.lang)
        if estimated:
            print_estimates(estimated, console, args.lang)
    if problems:
        print(f"{len(scored) + len(estimated)} scored, {len(problems)} problem(s) in rejected input", file=ctx.err)
    return EXIT_INPUT if problems else EXIT_OK


# parser ----------------------------------------------------------------------------------------


def _level(text: str) -> int:
    if text not in {"1", "2", "3", "4", "5"}:
        raise argparse.ArgumentTypeError(f"{text!r} is not a level: expected 1 to 5")
    return int(text)


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"{value} is out of range: expected more than 0 and at most 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dcmm",
        description="DCMM (GB/T 36073) data-management maturity self-assessment.",
        epilog="Exit codes: 0 all good; 1 some input rejected (the rest is still done); 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"dcmm {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    q = commands.add_parser("questionnaire", help="list, show, validate or export the editions")
    qs = q.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
    p = qs.add_parser("list", help="the bundled editions")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(handler=cmd_questionnaire_list)
    p = qs.add_parser("show", help="an edition's domains and items, or one item's criteria")
    p.add_argument("edition", metavar="ID", help="edition id, e.g. gbt36073-2018, or a questionnaire folder")
    p.add_argument("--item", help="show this item's levels, criteria and evidence hints, e.g. 6.1")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.set_defaults(handler=cmd_questionnaire_show)
    p = qs.add_parser("validate", help="check questionnaire files; every problem with file, line and field")
    p.add_argument("path", nargs="?", help="an edition folder or its edition.yaml (default: all bundled)")
    p.set_defaults(handler=cmd_questionnaire_validate)
    p = qs.add_parser("export", help="the whole edition as one JSON document")
    p.add_argument("edition", nargs="?", default="gbt36073-2018", metavar="ID")
    p.add_argument("--format", choices=["json"], default="json")
    p.add_argument("--output", "-o", help="write to this file instead of standard output")
    p.set_defaults(handler=cmd_questionnaire_export)

    p = commands.add_parser("schema", help="the JSON Schema of answer files")
    p.add_argument("--output", "-o", help="write to this file instead of standard output")
    p.set_defaults(handler=cmd_schema)

    p = commands.add_parser("template", help="a blank answer file for an edition")
    p.add_argument("--edition", default="gbt36073-2018", choices=available_editions())
    p.add_argument("--name", help="the organisation's name")
    p.add_argument("--target", type=_level, default=3, help="target level (default 3)")
    p.add_argument("--output", "-o", help="write to this file instead of standard output")
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.add_argument(
        "--quick-scan",
        action="store_true",
        help="a quick-scan file instead: per item, the level whose statement fits best (see dcmm quick-scan show)",
    )
    p.set_defaults(handler=cmd_template)

    p = commands.add_parser(
        "score",
        help="validate and score answer files",
        description="Validate and score answer files. Bad files are reported one line per problem and skipped; "
        "the others are still scored. Exit code 1 when any input was rejected.",
    )
    p.add_argument("inputs", nargs="+", metavar="FILE|DIR", help="answer files, or folders of *.json files")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.add_argument("--target", type=_level, help="target level for gaps and roadmap (default: each file's own)")
    p.add_argument("--rules", choices=sorted(SCORING_RULES), default="published", help="scoring rules")
    p.add_argument("--gate-threshold", type=_threshold, help="level score a lower level needs under --rules gated")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.add_argument("--output", "-o", help="write json/csv to this file instead of standard output")
    report_cli.add_score_options(p)
    p.set_defaults(handler=cmd_score)

    for module in COMMAND_MODULES:
        importlib.import_module(module).register(commands)
    return parser


def main(argv: Sequence[str] | None = None, ctx: Context | None = None) -> int:
    ctx = ctx or Context()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage error
        return int(exc.code or 0)
    try:
        return int(args.handler(args, ctx))
    except UserError as exc:
        ctx.report(exc.problems)
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK
