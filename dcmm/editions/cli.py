"""The ``migrate``, ``merge`` and ``quick-scan`` commands."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from dcmm.cli import Context
    from dcmm.editions.merge import MergeOutcome
    from dcmm.files.editions import BothEditions, MigrationRun

EXIT_OK = 0
EXIT_INPUT = 1


def _console(ctx: Context) -> Console:
    from rich.console import Console

    return Console(file=ctx.out, width=max(100, Console().width))


def _print_json(ctx: Context, data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2), file=ctx.out)


# migrate ---------------------------------------------------------------------------------------


def cmd_migrate(args: argparse.Namespace, ctx: Context) -> int:
    from dcmm.core.scoring import SCORING_RULES
    from dcmm.files import check_output
    from dcmm.files.editions import default_migration_output, migrate_file, score_both_editions, write_checked

    run = migrate_file(args.file, args.to, args.crosswalk, args.lang)
    output = (
        Path(args.output) if args.output else default_migration_output(run.source_path, run.source.id, run.target.id)
    )
    check_output(output, inputs=[run.source_path], force=args.force)
    write_checked(run.migration.answer_file, output, run.target)
    both = score_both_editions(run, SCORING_RULES[args.rules]) if args.score else None
    if args.format == "json":
        document: dict[str, Any] = {"output": str(output), **run.migration.summary()}
        if both is not None:
            document["comparison"] = both.comparison.model_dump(mode="json")
        _print_json(ctx, document)
    else:
        _print_migration(run, output, _console(ctx), args.lang)
        if both is not None:
            _print_comparison(run, both, _console(ctx), args.lang)
    print(f"wrote {output} (the input is unchanged)", file=ctx.err)
    return EXIT_OK


def _print_migration(run: MigrationRun, output: Path, console: Console, language: str) -> None:
    from rich.table import Table

    en = language == "en"
    m = run.migration
    table = Table(
        title=(
            f"Carried over from {m.source_edition} to {m.target_edition}"
            if en
            else f"{m.source_edition} → {m.target_edition} 迁移"
        ),
        title_justify="left",
    )
    for header in (
        ("Item", "能力项"),
        ("To", "对应新版能力项"),
        ("Answered", "已作答"),
        ("Carried", "已迁移"),
        ("Not carried", "未迁移"),
    ):
        table.add_column(header[0] if en else header[1], justify="left" if header[0] in ("Item", "To") else "right")
    for row in m.items:
        name = run.source.item_by_id[row.item_id].name.get(language)  # type: ignore[arg-type]
        table.add_row(
            f"{row.item_id} {name}",
            ", ".join(row.targets) or ("(none)" if en else "（无）"),
            str(row.answered),
            str(row.carried),
            str(row.not_carried),
        )
    table.add_row(
        "[bold]" + ("Total" if en else "合计") + "[/]",
        "",
        str(m.answered),
        str(len(m.carried)),
        str(len(m.not_carried)),
    )
    console.print(table)
    if m.not_carried:
        # One line per item keeps a long list readable; every id and grade is in --format json.
        from dcmm.editions.migrate import no_match_reason

        generic = no_match_reason(run.migration_language)
        console.print(f"Not carried over ({generic}), by item:" if en else f"未迁移的答案（{generic}），按能力项：")
        by_reason: dict[tuple[str, str], list[str]] = {}
        for left in m.not_carried:
            key = (left.criterion_id.rsplit(".", 2)[0] if left.criterion_id.count(".") == 3 else "", left.reason)
            by_reason.setdefault(key, []).append(left.criterion_id)
        for (item_id, reason), ids in by_reason.items():
            console.print(f"  {item_id:<6} {', '.join(ids)}" + ("" if reason == generic else f"  [dim]({reason})[/]"))
    quick = m.answer_file.quick_scan is not None
    total = len(run.target.items) if quick else len(run.target.criteria)
    unit = "items" if quick else "criteria"
    console.print(
        f"{output}: {total - len(m.to_answer)} of {total} {unit} "
        f"of {m.target_edition} filled; {len(m.to_answer)} left to answer."
        if en
        else f"{output}：{m.target_edition} 的 {total} 项中已填入 {total - len(m.to_answer)} 项，"
        f"{len(m.to_answer)} 项待作答。"
    )


def _print_comparison(run: MigrationRun, both: BothEditions, console: Console, language: str) -> None:
    from rich.table import Table

    en = language == "en"
    c = both.comparison
    lang: Any = language
    table = Table(title="Both editions side by side" if en else "两个版本的结果对照", title_justify="left")
    table.add_column(c.target_edition)
    table.add_column("Score" if en else "得分", justify="right")
    table.add_column("Level" if en else "等级", justify="right")
    table.add_column(c.source_edition)
    table.add_column("Score" if en else "得分", justify="right")
    table.add_column("Level" if en else "等级", justify="right")
    table.add_row(
        "[bold]" + ("Overall" if en else "总体") + "[/]",
        f"{c.target_overall[0]:.2f}",
        str(c.target_overall[1]),
        "[bold]" + ("Overall" if en else "总体") + "[/]",
        f"{c.source_overall[0]:.2f}",
        str(c.source_overall[1]),
    )
    for row in c.rows:
        name = f"{row.domain_id} {run.target.domain_by_id[row.domain_id].name.get(lang)}"
        if not row.sources:
            table.add_row(name, f"{row.score:.2f}", str(row.level), "–" + (" (new)" if en else "（新增）"), "", "")
        for index, (source_id, score, level) in enumerate(row.sources):
            table.add_row(
                name if index == 0 else "",
                f"{row.score:.2f}" if index == 0 else "",
                str(row.level) if index == 0 else "",
                f"{source_id} {run.source.domain_by_id[source_id].name.get(lang)}",
                f"{score:.2f}",
                str(level),
            )
    for source_id, score, level in c.unplaced_sources:
        table.add_row(
            "–", "", "", f"{source_id} {run.source.domain_by_id[source_id].name.get(lang)}", f"{score:.2f}", str(level)
        )
    console.print(table)
    console.print(
        f"Answered: {c.target_edition} {c.target_completeness:.0f}%, {c.source_edition} {c.source_completeness:.0f}%. "
        f"Criteria new in {c.target_edition} are unanswered and count as not met until answered."
        if en
        else f"完成度：{c.target_edition} {c.target_completeness:.0f}%，"
        f"{c.source_edition} {c.source_completeness:.0f}%。"
        f"{c.target_edition} 新增的条款尚未作答，作答前按不满足计分。"
    )


# merge -----------------------------------------------------------------------------------------


def cmd_merge(args: argparse.Namespace, ctx: Context) -> int:
    from dcmm.files import check_output, load_edition
    from dcmm.files.editions import merge_files, write_checked

    output = Path(args.output)
    check_output(output, inputs=[Path(p) for p in args.inputs], force=args.force)
    outcome = merge_files(args.inputs, args.rule)
    write_checked(outcome.answer_file, output, load_edition(outcome.answer_file.edition))
    if args.format == "json":
        _print_json(ctx, {"output": str(output), **outcome.conflict_report()})
    else:
        _print_conflicts(outcome, _console(ctx), args.lang)
    print(f"wrote {output}: {len(outcome.respondents)} respondents merged by {args.rule}", file=ctx.err)
    return EXIT_OK


def _print_conflicts(outcome: MergeOutcome, console: Console, language: str) -> None:
    from rich.table import Table

    en = language == "en"
    if not outcome.conflicts:
        console.print(
            f"No conflicts among {len(outcome.respondents)} respondents (no two grades two or more steps apart)."
            if en
            else f"{len(outcome.respondents)} 位答卷人之间没有冲突（无相差两级及以上的评分）。"
        )
        return
    table = Table(
        title=(
            f"Conflicts: {len(outcome.conflicts)} (respondents two or more grades apart; merged by {outcome.rule})"
            if en
            else f"冲突 {len(outcome.conflicts)} 处（答卷人评分相差两级及以上；合并规则 {outcome.rule}）"
        ),
        title_justify="left",
    )
    table.add_column("ID")
    table.add_column("Merged" if en else "合并结果")
    for label in outcome.respondents:
        table.add_column(label)
    for conflict in outcome.conflicts:
        table.add_row(
            conflict.id, conflict.merged or "-", *(conflict.grades.get(label) or "-" for label in outcome.respondents)
        )
    console.print(table)
    console.print(
        "Conflicts are marked for review in the merged file." if en else "冲突条款已在合并文件中标记为待复核。"
    )


# quick scan ------------------------------------------------------------------------------------


def cmd_quick_scan_show(args: argparse.Namespace, ctx: Context) -> int:
    from dcmm.editions.quickscan import print_questions
    from dcmm.files import load_questionnaire

    print_questions(load_questionnaire(args.edition), _console(ctx), args.lang)
    return EXIT_OK


def cmd_quick_scan_ask(args: argparse.Namespace, ctx: Context) -> int:
    """Ask the quick-scan questions on the terminal, write the file and show the estimate."""
    import datetime as dt
    import sys

    from dcmm.assessments import EstimatedFile
    from dcmm.core.answers import AnswerFile, Organisation
    from dcmm.core.quickscan import estimate_quick_scan, quick_scan_questions
    from dcmm.editions.quickscan import print_estimates
    from dcmm.files import check_output, load_edition
    from dcmm.files.editions import write_checked

    en = args.lang == "en"
    q = load_edition(args.edition)
    output = Path(args.output)
    check_output(output, force=args.force)
    console = _console(ctx)

    def ask(prompt: str) -> str | None:
        console.print(prompt, end="")
        line = sys.stdin.readline()
        return None if not line else line.strip()

    name = args.name
    while not name:
        name = ask("Organisation name: " if en else "单位名称：")
        if name is None:
            return EXIT_INPUT
    console.print(
        "For each item choose the statement that describes you best: 1-5; Enter to skip; q to stop and save."
        if en
        else "每个能力项选择最符合现状的描述：输入 1-5；直接回车跳过；输入 q 结束并保存。"
    )
    chosen: dict[str, int | None] = {item.id: None for item in q.items}
    questions = quick_scan_questions(q)
    for number, question in enumerate(questions, start=1):
        console.print(f"\n[bold]({number}/{len(questions)}) {question.item_id} {question.name.get(args.lang)}[/]")
        for level, statement in enumerate(question.statements, start=1):
            console.print(f"  {level}. {statement.get(args.lang)}")
        reply = ask("> ")
        while reply is not None and reply not in {"", "q", "1", "2", "3", "4", "5"}:
            reply = ask("1-5, Enter or q > " if en else "请输入 1-5、回车或 q > ")
        if reply is None or reply == "q":
            break
        chosen[question.item_id] = int(reply) if reply else None
    answers = AnswerFile(
        edition=q.id,
        organisation=Organisation(name=name),
        assessed_on=dt.date.today(),
        quick_scan=chosen,
    )
    write_checked(answers, output, q)
    print_estimates([EstimatedFile(output, answers, q, estimate_quick_scan(q, answers))], console, args.lang)
    print(f"wrote {output}", file=ctx.err)
    return EXIT_OK


def register(commands: Any) -> None:
    """Add ``migrate``, ``merge`` and ``quick-scan`` to the top-level parser."""
    p = commands.add_parser(
        "migrate",
        help="carry an answer file over to another edition",
        description="Write a new answer file for another edition with every answer that maps through the bundled "
        "crosswalk carried over, and list what did not map. The input file is never changed. "
        "Exit code 1 for bad input, an existing output without --force, or no crosswalk.",
    )
    p.add_argument("file", metavar="FILE", help="the answer file to carry over")
    p.add_argument("--to", required=True, metavar="EDITION", help="target edition, e.g. gbt36073-2025")
    p.add_argument(
        "--output", "-o", help="the new answer file (default: FILE's name with the edition id replaced, beside it)"
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.add_argument("--crosswalk", metavar="YAML", help="use this crosswalk file instead of the bundled one")
    p.add_argument("--score", action="store_true", help="also score both files and show the editions side by side")
    p.add_argument("--rules", choices=["published", "gated"], default="published", help="scoring rules for --score")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of tables and of notes written")
    p.set_defaults(handler=cmd_migrate)

    p = commands.add_parser(
        "merge",
        help="combine several respondents' answer files of one organisation",
        description="Combine answer files of one organisation and edition by a rule applied per criterion over "
        "the respondents' grades (unanswered ignored; not applicable only if all say so), snapped down to a grade. "
        "Reports conflicts: criteria where respondents are two or more grades apart. Notes and evidence of all "
        "respondents are kept, prefixed with the respondent's name.",
    )
    p.add_argument("inputs", nargs="+", metavar="FILE", help="two or more answer files")
    p.add_argument("--rule", choices=["min", "mean", "median"], default="min", help="how grades combine (default min)")
    p.add_argument("--output", "-o", required=True, help="the merged answer file")
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.add_argument("--format", choices=["table", "json"], default="table", help="format of the conflict report")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.set_defaults(handler=cmd_merge)

    p = commands.add_parser(
        "quick-scan",
        help="the quick scan: one statement per item for a first estimate",
        description="The quick scan asks, per item, which of five statements describes you best. Write a file "
        "with `dcmm template --quick-scan`, fill in each item's level, and `dcmm score` it for an ESTIMATE.",
    )
    qs = p.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
    p = qs.add_parser("show", help="the statements to choose from, item by item")
    p.add_argument("edition", nargs="?", default="gbt36073-2025", metavar="ID", help="edition id or folder")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.set_defaults(handler=cmd_quick_scan_show)
    p = qs.add_parser("ask", help="answer the quick scan on the terminal and write a quick-scan file")
    p.add_argument("edition", nargs="?", default="gbt36073-2025", metavar="ID", help="edition id")
    p.add_argument("--output", "-o", required=True, help="the quick-scan answer file to write")
    p.add_argument("--name", help="the organisation's name (asked for when missing)")
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.set_defaults(handler=cmd_quick_scan_ask)
