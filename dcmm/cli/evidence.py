"""``dcmm evidence check``: the files an answer file cites, found, hashed and compared with what it recorded."""

from __future__ import annotations

from pathlib import Path

import click

from dcmm.cli.errors import EXIT_FINDINGS, EXIT_OK
from dcmm.cli.help import TranslatedGroup, translated_option
from dcmm.cli.language import tr
from dcmm.cli.options import format_option, path_type
from dcmm.cli.printer import print_json, say


@click.group("evidence", cls=TranslatedGroup, help="evidence.group_help")
def evidence() -> None:
    pass


@evidence.command("check", help="evidence.check_help")
@click.argument("answers_path", type=path_type(), metavar="ANSWERS")
@translated_option("--root", type=path_type(), required=True, metavar="DIR", help="evidence.opt_root")
@translated_option("--record", is_flag=True, help="evidence.opt_record")
@format_option(("text", "json"), help_key="evidence.opt_format")
def check(answers_path: Path, root: Path, record: bool, format: str) -> int:
    from dcmm.assessments import require_input
    from dcmm.files import read_answers
    from dcmm.files.answers import WORKBOOK_SUFFIX
    from dcmm.files.editions import write_checked
    from dcmm.files.evidence_check import check_evidence
    from dcmm.files.problems import refusal

    require_input(answers_path)
    if record and answers_path.suffix.lower() == WORKBOOK_SUFFIX:
        raise refusal(str(answers_path), "evidence.record_into_workbook")
    read = read_answers(answers_path)
    result = check_evidence(read.answers, root)
    if record:
        write_checked(result.answers, answers_path, read.questionnaire)
    findings: dict[str, object] = {
        "checked": result.checked,
        "missing": [{"criterion": c, "path": p} for c, p in result.missing],
        "outside": [{"criterion": c, "path": p} for c, p in result.outside],
        "changed": [{"criterion": c, "path": p} for c, p in result.changed],
        "unreferenced": result.unreferenced,
        "claimed_without_evidence": result.claimed_without_evidence,
        "recorded": record,
    }
    if format == "json":
        print_json(findings)
    else:
        say(tr("evidence.checked", checked=result.checked))
        for criterion, path in result.missing:
            say(tr("evidence.missing", criterion=criterion, path=path))
        for criterion, path in result.outside:
            say(tr("evidence.outside", criterion=criterion, path=path))
        for criterion, path in result.changed:
            say(tr("evidence.changed", criterion=criterion, path=path))
        for path in result.unreferenced:
            say(tr("evidence.unreferenced", path=path))
        for criterion in result.claimed_without_evidence:
            say(tr("evidence.claimed_without_evidence", criterion=criterion))
        if record:
            say(tr("evidence.recorded", path=answers_path))
        if result.clean:
            say(tr("evidence.clean"))
    return EXIT_OK if result.clean else EXIT_FINDINGS


COMMANDS = (evidence,)
