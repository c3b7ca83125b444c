"""``dcmm convert``: an answer file as a workbook and back (for review meetings, and for the tools that read JSON)."""

from __future__ import annotations

from pathlib import Path

import click

from dcmm.cli.errors import EXIT_OK
from dcmm.cli.help import TranslatedCommand
from dcmm.cli.language import tr
from dcmm.cli.options import OutputFile, lang_option, output_options, path_type
from dcmm.cli.printer import note
from dcmm.i18n import Language


@click.command("convert", cls=TranslatedCommand, help="cli.convert_help")
@click.argument("file", type=path_type(), metavar="FILE")
@output_options("cli.opt_convert_output", required=True)
@lang_option("cli.opt_convert_lang")
def convert(file: Path, output: OutputFile, lang: Language) -> int:
    from dcmm.assessments import require_input
    from dcmm.files import read_answers
    from dcmm.files.answer_workbook import WorkbookRequest, write_answer_workbook
    from dcmm.files.answers import WORKBOOK_SUFFIX
    from dcmm.files.editions import write_checked
    from dcmm.files.problems import refusal

    require_input(file)
    assert output.path is not None
    output.check(inputs=[file])
    read = read_answers(file)
    if output.path.suffix.lower() == WORKBOOK_SUFFIX:
        if read.answers.quick_scan is not None:
            raise refusal(str(file), "workbook_quick_scan")
        write_answer_workbook(WorkbookRequest(read.questionnaire, lang, answers=read.answers), output.path)
        read_answers(output.path, read.questionnaire)  # only a workbook that reads back is left as it is
    else:
        write_checked(read.answers, output.path, read.questionnaire)
    answered = sum(answer.grade is not None for answer in read.answers.answers.values())
    note(tr("cli.convert_wrote", path=output.path, answered=answered, criteria=len(read.questionnaire.criteria)))
    return EXIT_OK


COMMANDS = (convert,)
