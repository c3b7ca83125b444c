"""One organisation's report files: the PDF, HTML and DOCX gap report and its findings as XLSX and CSV."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from dcmm.assessments import ScoredFile
from dcmm.core.text import Language
from dcmm.files import write_atomically
from dcmm.files.brand import BrandInput
from dcmm.report import rows
from dcmm.report.context import build_context
from dcmm.report.html import render_report_html
from dcmm.report.models import ReportContext
from dcmm.report.naming import output_path, report_stem

FORMATS = ("pdf", "html", "docx", "xlsx", "csv")
SUFFIXES = {"pdf": ".pdf", "html": ".html", "docx": ".docx", "xlsx": "-findings.xlsx", "csv": "-findings.csv"}


@dataclass(frozen=True)
class ReportOptions:
    """What to write for each organisation."""

    language: Language = "zh"
    formats: Collection[str] = field(default_factory=lambda: ("pdf", "xlsx", "csv"))
    brand: BrandInput | None = None  # the consultancy issuing the report
    evidence_root: Path | None = None  # the evidence folder: each cited file looked up and its digest compared


def stem_for(scored: ScoredFile, language: Language) -> str:
    answers = scored.answers
    assessed_on = answers.assessed_on.isoformat() if answers.assessed_on else ""
    return report_stem(answers.organisation.name, assessed_on, scored.questionnaire.id, language)


def findings_sheets(context: ReportContext) -> list[rows.Sheet]:
    """The workbook of one report: findings, roadmap phases, and the facts needed to verify it."""
    t = context.t
    phases: list[list[rows.Cell]] = [
        [p.phase, f"L{p.level} {p.level_name}", len(p.gaps), p.overall_after] for p in context.roadmap.phases
    ]
    facts: list[list[rows.Cell]] = [
        [t["organisation"], context.organisation.name],
        [t["edition"], context.edition.id],
        [t["assessed_on"], context.assessed_on],
        [t["overall_score"], context.overall.score],
        [t["overall_level"], f"L{context.overall.level} {context.overall.level_name}"],
        [t["target_level"], f"L{context.target.level} {context.target.level_name}"],
        [t["tool_version"], f"{context.tool.name} {context.tool.version}"],
        [t["questionnaire_sha"], context.verification.questionnaire_sha256],
        [t["answers_sha"], context.verification.answers_sha256],
    ]
    return [
        rows.sheet(t["sheet_findings"], rows.finding_rows(context), rows.FINDING_COLUMNS, context.lang),
        (t["sheet_roadmap"], [t["phase"], t["level"], t["criteria_count"], t["overall_after"]], phases),
        (t["sheet_about"], [t["sheet_field"], t["sheet_value"]], facts),
    ]


def write_report_files(
    scored: ScoredFile,
    folder: Path,
    stem: str,
    options: ReportOptions,
    previous: ScoredFile | None = None,
) -> tuple[dict[str, Path], ReportContext]:
    """Write the chosen formats as ``folder/<stem>…``, each atomically; returns the paths by format and the context."""
    evidence = None
    if options.evidence_root is not None:
        from dcmm.files.evidence_check import check_evidence

        evidence = check_evidence(scored.answers, options.evidence_root)
    context = build_context(scored, options.language, previous, options.brand, evidence)
    written: dict[str, Path] = {}
    html = render_report_html(context) if {"pdf", "html"} & set(options.formats) else ""
    for fmt in FORMATS:
        if fmt not in options.formats:
            continue
        path = output_path(folder, stem, SUFFIXES[fmt])
        if fmt == "pdf":
            from dcmm.report import pdf  # WeasyPrint is loaded only when a PDF is asked for

            pdf.write_pdf(html, path)
        elif fmt == "html":
            write_atomically(path, html)
        elif fmt == "docx":
            from dcmm.report import word  # python-docx and CairoSVG are loaded only when a DOCX is asked for

            word.write_docx(context, path)
        elif fmt == "xlsx":
            rows.write_xlsx(path, findings_sheets(context))
        else:
            rows.write_csv(path, rows.finding_rows(context), rows.FINDING_COLUMNS, options.language)
        written[fmt] = path
    return written, context
