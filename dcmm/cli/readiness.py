"""``dcmm readiness``: the admission prerequisites of a certified assessment, met, unmet or not answered."""

from __future__ import annotations

from pathlib import Path

import click

from dcmm.cli.errors import EXIT_FINDINGS, EXIT_OK
from dcmm.cli.help import TranslatedCommand
from dcmm.cli.options import format_option, lang_option, path_type, target_option
from dcmm.cli.printer import print_json, say
from dcmm.i18n import Language


@click.command("readiness", cls=TranslatedCommand, help="readiness.help")
@click.argument("answers_path", type=path_type(), metavar="FILE")
@target_option("readiness.opt_target")
@format_option(("text", "json"), help_key="readiness.opt_format")
@lang_option("readiness.opt_lang")
def readiness(answers_path: Path, target: int | None, format: str, lang: Language) -> int:
    from dcmm.assessments import require_input
    from dcmm.core.prerequisites import readiness_data
    from dcmm.files.prerequisites import readiness_of_file
    from dcmm.files.readiness_text import readiness_lines

    require_input(answers_path)
    result = readiness_of_file(answers_path, target)
    if format == "json":
        print_json(readiness_data(result, lang, str(answers_path)))
    else:
        for line in readiness_lines(result, lang, str(answers_path)):
            say(line)
    return EXIT_OK if result.ready else EXIT_FINDINGS


COMMANDS = (readiness,)
