"""``dcmm report``, ``dcmm compare`` and ``dcmm doctor``, and the reports that ``dcmm score --pdf`` writes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dcmm.cli.errors import EXIT_CRASH, EXIT_INPUT, EXIT_OK, report_failures, report_problems
from dcmm.cli.help import TranslatedCommand, translated_option
from dcmm.cli.language import tr
from dcmm.cli.options import format_option, lang_option, out_folder_option, path_type, scoring_options
from dcmm.cli.printer import console, note, say
from dcmm.i18n import Language

if TYPE_CHECKING:
    from dcmm.assessments import ScoredFile
    from dcmm.core.scoring import ScoringRules
    from dcmm.files.brand import BrandInput
    from dcmm.report.portfolio import PortfolioEntry

FORMAT_CHOICES = ("pdf", "html", "docx", "xlsx", "csv")


def write_batch_reports(
    inputs: Sequence[str],
    folder: Path,
    formats: list[str],
    jobs: int,
    rules: ScoringRules,
    target: int | None,
    lang: Language,
    brand: Path | None = None,
    evidence_root: Path | None = None,
) -> int:
    """The report side of ``dcmm score``: a report per organisation and a portfolio; bad files skipped, exit 1."""
    import sys

    from dcmm.cli.tables import print_batch_reports
    from dcmm.report.batch import run_batch
    from dcmm.report.build import ReportOptions

    issuer, root = read_brand_option(brand), evidence_root_option(evidence_root)
    options = ReportOptions(language=lang, formats=[*formats, "xlsx", "csv"], brand=issuer, evidence_root=root)
    outcome = run_batch(inputs, folder, options, jobs, rules, target, progress_to=sys.stderr)
    report_problems(outcome.problems)
    report_failures(outcome.failures)
    print_batch_reports(outcome.entries, console(), lang)
    _report_duplicates(outcome.entries)
    for entry in outcome.entries:  # one path a line, for scripts
        say(str(folder / entry.report))
    written = ", ".join(path.name for path in outcome.portfolio.values())
    note(tr("cli.batch_wrote", count=len(outcome.entries), folder=folder, portfolio=written))
    rejected = len(outcome.problems) + len(outcome.failures)
    if rejected:
        note(tr("cli.batch_summary", done=len(outcome.entries), problems=rejected))
    return EXIT_CRASH if outcome.failures else EXIT_INPUT if outcome.problems else EXIT_OK


def _report_duplicates(entries: Sequence[PortfolioEntry]) -> None:
    """Say on stderr which files the portfolio left out as older assessments of an organisation in it."""
    from dcmm.report.portfolio import newest_per_organisation

    _kept, duplicates = newest_per_organisation(entries)
    for d in duplicates:
        values = dict(file=d.file, code=d.credit_code, kept=d.kept_file, kept_on=d.kept_assessed_on or "-")
        note(tr("portfolio.cli_duplicate", **values, assessed_on=d.assessed_on or "-"))
    if duplicates:
        note(tr("portfolio.cli_duplicates", count=len(duplicates)))


def read_brand_option(path: Path | None) -> BrandInput | None:
    """The brand file ``--brand`` names, read and checked before any report is written."""
    if path is None:
        return None
    from dcmm.assessments import require_input
    from dcmm.files.brand import read_brand

    require_input(path)
    return read_brand(path)


def evidence_root_option(path: Path | None) -> Path | None:
    """The evidence folder ``--evidence-root`` names, checked to be a folder before any report is written."""
    if path is not None and not path.is_dir():
        from dcmm.files.problems import refusal

        raise refusal(str(path), "evidence.report_root_not_a_folder")
    return path


def _comparable(old: ScoredFile, new: ScoredFile) -> bool:
    """Refuse two organisations and editions without a crosswalk (exit 1); warn when only the names differ."""
    from dcmm.report.context import check_comparable, same_organisation

    problems = check_comparable(old, new)
    if problems:
        report_problems(problems)
        return False
    if not same_organisation(old, new):
        names = (old.answers.organisation.name, new.answers.organisation.name)
        note(tr("cli.different_organisations", old=old.path, new=new.path, old_name=names[0], new_name=names[1]))
    return True


def _report_paths(
    scored: ScoredFile, folder: Path, formats: Sequence[str], lang: Language, force: bool, previous: ScoredFile | None
) -> dict[str, Path]:
    """Every file the report will write, each checked against the output policy (nothing is written here)."""
    from dcmm.files.writing import check_output, check_output_folder
    from dcmm.report.build import SUFFIXES, stem_for
    from dcmm.report.naming import output_path

    stem = stem_for(scored, lang)
    check_output_folder(folder)
    inputs = [scored.path, *([previous.path] if previous else [])]
    paths = {fmt: output_path(folder, stem, SUFFIXES[fmt]) for fmt in formats}
    for path in paths.values():
        check_output(path, inputs=inputs, force=force)
    return paths


def _write_report(
    scored: ScoredFile,
    folder: Path,
    formats: Sequence[str],
    lang: Language,
    force: bool,
    previous: ScoredFile | None,
    brand: BrandInput | None = None,
    evidence_root: Path | None = None,
) -> dict[str, Path]:
    """Check every file the report will write against the output policy, then write them."""
    from dcmm.report.build import ReportOptions, stem_for, write_report_files

    _report_paths(scored, folder, formats, lang, force, previous)
    options = ReportOptions(lang, formats, brand, evidence_root)
    written, _context = write_report_files(scored, folder, stem_for(scored, lang), options, previous)
    return written


@click.command("report", cls=TranslatedCommand, help="cli.report_help")
@click.argument("file", type=path_type(), metavar="FILE")
@translated_option(
    "--format", "formats", type=click.Choice(FORMAT_CHOICES), multiple=True, help="cli.opt_report_format"
)
@out_folder_option()
@translated_option("--previous", type=path_type(), metavar="OLD", help="cli.opt_previous")
@translated_option("--force", is_flag=True, help="cli.opt_force_report")
@translated_option("--brand", type=path_type(), metavar="BRAND.yaml", help="docx.opt_brand")
@translated_option("--evidence-root", type=path_type(), metavar="DIR", help="evidence.opt_evidence_root")
@scoring_options
@lang_option("cli.opt_report_lang")
def report(
    file: Path,
    formats: tuple[str, ...],
    out: Path,
    previous: Path | None,
    force: bool,
    brand: Path | None,
    evidence_root: Path | None,
    target: int | None,
    rules: ScoringRules,
    lang: Language,
) -> int:
    from dcmm.assessments import score_file

    issuer, root = read_brand_option(brand), evidence_root_option(evidence_root)
    scored = score_file(file, rules, target)
    earlier = score_file(previous, rules, target) if previous else None
    if earlier is not None and not _comparable(earlier, scored):
        return EXIT_INPUT
    for path in _write_report(scored, out, formats or ("pdf",), lang, force, earlier, issuer, root).values():
        say(str(path))
    return EXIT_OK


@click.command("compare", cls=TranslatedCommand, help="cli.compare_help")
@click.argument("old", type=path_type(), metavar="OLD")
@click.argument("new", type=path_type(), metavar="NEW")
@format_option(("text", "json", "csv"), help_key="compare.opt_format")
@translated_option("--pdf", is_flag=True, help="cli.opt_compare_pdf")
@translated_option("--html", is_flag=True, help="cli.opt_compare_html")
@out_folder_option()
@translated_option("--force", is_flag=True, help="compare.opt_force")
@scoring_options
@lang_option("cli.opt_report_lang")
def compare(
    old: Path,
    new: Path,
    format: str,
    pdf: bool,
    html: bool,
    out: Path,
    force: bool,
    target: int | None,
    rules: ScoringRules,
    lang: Language,
) -> int:
    from dcmm.assessments import score_file
    from dcmm.report.context import compare_context

    before, after = score_file(old, rules, target), score_file(new, rules, target)
    if not _comparable(before, after):
        return EXIT_INPUT
    comparison = compare_context(before, after, lang)
    formats = [f for f, wanted in (("pdf", pdf), ("html", html)) if wanted]
    planned = _report_paths(after, out, formats, lang, force, before) if formats else {}
    if format == "json":
        from dcmm.report.comparison_output import comparison_json

        click.echo(comparison_json(comparison, before, after), nl=False)
    elif format == "csv":
        from dcmm.report.comparison_output import comparison_csv

        click.echo(comparison_csv(comparison, before, after), nl=False)
    else:
        from dcmm.cli.tables import print_comparison
        from dcmm.cli.tables_editions import print_comparison_bridge

        print_comparison(comparison, console(), lang)
        print_comparison_bridge(comparison, console(), lang)
    if planned:
        for path in _write_report(after, out, formats, lang, force, before).values():
            note(tr("cli.wrote", path=path))
    return EXIT_OK


@click.command("doctor", cls=TranslatedCommand, help="cli.doctor_help")
def doctor() -> int:
    from dcmm.report.doctor import format_checks, run_checks

    checks = run_checks()
    for line in format_checks(checks):
        say(line)
    return EXIT_INPUT if any(not c.ok and c.required for c in checks) else EXIT_OK


COMMANDS = (report, compare, doctor)
