"""The portfolio summary of a batch: every organisation's level and score, the clients × domains score
matrix, the level distribution and the gaps most organisations share; an organisation assessed twice
in the batch counts once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from dcmm import __version__
from dcmm.core.text import Language, StrictModel
from dcmm.files import Problem, load_edition
from dcmm.i18n import catalogue
from dcmm.report import rows
from dcmm.report.models import ReportContext, Tool
from dcmm.report.names import id_key, labels

SHARED_GAPS = 15
AREA = "portfolio."


class DomainScore(StrictModel):
    id: str
    score: float
    level: int


class PortfolioEntry(StrictModel):
    """What the portfolio keeps of one organisation's report (small, cheap to send between processes)."""

    organisation: str
    credit_code: str
    region: str
    industry: str
    edition: str
    assessed_on: str
    score: float
    level: int
    level_name: str
    target_level: int
    points_to_target: float
    completeness: float
    file: str
    report: str
    gap_ids: list[str]
    domains: list[DomainScore] = []


class LevelCount(StrictModel):
    level: int
    name: str
    count: int


class SharedGap(StrictModel):
    id: str
    edition: str
    level: int
    item: str
    text: str
    count: int
    percent: float


class RejectedFile(StrictModel):
    file: str
    message: str


class DuplicateAssessment(StrictModel):
    """An assessment left out of the portfolio: the same credit code was assessed again, later, in the batch."""

    credit_code: str
    organisation: str
    file: str
    assessed_on: str
    report: str
    kept_file: str
    kept_assessed_on: str


class MatrixDomain(StrictModel):
    id: str
    name: str


class MatrixRow(StrictModel):
    organisation: str
    credit_code: str
    score: float
    level: int
    scores: list[float | None]


class DomainMatrix(StrictModel):
    """Clients down, the domains of one edition across, each cell the organisation's domain score (0–5)."""

    edition: str
    domains: list[MatrixDomain]
    rows: list[MatrixRow]


class PortfolioContext(StrictModel):
    """Everything the portfolio summary shows."""

    lang: Language
    t: dict[str, str]
    tool: Tool
    count: int
    editions: list[str]
    mean_score: float
    organisations: list[PortfolioEntry]
    distribution: list[LevelCount]
    shared_gaps: list[SharedGap]
    rejected: list[RejectedFile]
    matrices: list[DomainMatrix] = []
    duplicates: list[DuplicateAssessment] = []


def portfolio_entry(context: ReportContext, answer_file: str, report_file: str) -> PortfolioEntry:
    """What the portfolio keeps of one organisation's report context."""
    return PortfolioEntry(
        organisation=context.organisation.name,
        credit_code=context.organisation.credit_code,
        region=context.organisation.region,
        industry=context.organisation.industry,
        edition=context.edition.id,
        assessed_on=context.assessed_on,
        score=context.overall.score,
        level=context.overall.level,
        level_name=context.overall.level_name,
        target_level=context.target.level,
        points_to_target=context.target.points_to_target,
        completeness=context.completeness.percent,
        file=answer_file,
        report=report_file,
        gap_ids=[g.id for phase in context.roadmap.phases for g in phase.gaps],
        domains=[DomainScore(id=d.id, score=d.score, level=d.level) for d in context.domains],
    )


def newest_per_organisation(
    entries: Sequence[PortfolioEntry],
) -> tuple[list[PortfolioEntry], list[DuplicateAssessment]]:
    """One entry per credit code, the newest assessment by its assessment date; the others as duplicates.

    On the same date (or none) the entry later in the batch is kept: files are taken in the order given,
    a folder's in path order. Entries without a credit code are all kept (a name alone does not prove
    that two files are of one organisation). A file without an assessment date is older than any dated one.
    """
    newest: dict[str, int] = {}
    for index, entry in enumerate(entries):
        code = entry.credit_code
        if code and (code not in newest or entry.assessed_on >= entries[newest[code]].assessed_on):
            newest[code] = index
    kept: list[PortfolioEntry] = []
    duplicates: list[DuplicateAssessment] = []
    for index, entry in enumerate(entries):
        chosen = newest.get(entry.credit_code, index)
        if chosen == index:
            kept.append(entry)
            continue
        winner = entries[chosen]
        duplicates.append(
            DuplicateAssessment(
                credit_code=entry.credit_code,
                organisation=entry.organisation,
                file=entry.file,
                assessed_on=entry.assessed_on,
                report=entry.report,
                kept_file=winner.file,
                kept_assessed_on=winner.assessed_on,
            )
        )
    return kept, duplicates


def _matrices(ordered: Sequence[PortfolioEntry], language: Language) -> list[DomainMatrix]:
    """One matrix per edition in the batch, its organisations in the portfolio's order."""
    matrices = []
    for edition_id in sorted({e.edition for e in ordered}):
        q = load_edition(edition_id)
        ids = [d.id for d in q.domains]
        rows = []
        for entry in (e for e in ordered if e.edition == edition_id):
            scores = {d.id: d.score for d in entry.domains}
            rows.append(
                MatrixRow(
                    organisation=entry.organisation,
                    credit_code=entry.credit_code,
                    score=entry.score,
                    level=entry.level,
                    scores=[scores.get(domain_id) for domain_id in ids],
                )
            )
        domains = [MatrixDomain(id=d.id, name=d.name.get(language)) for d in q.domains]
        matrices.append(DomainMatrix(edition=edition_id, domains=domains, rows=rows))
    return matrices


@cache
def portfolio_labels(language: Language) -> dict[str, str]:
    """The report's texts and the portfolio's own, by name (``t.key`` in the template)."""
    own = {key.removeprefix(AREA): value for key, value in catalogue(language).items() if key.startswith(AREA)}
    return {**labels(language), **own}


def _shared_gaps(entries: Sequence[PortfolioEntry], language: Language) -> list[SharedGap]:
    shared: Counter[tuple[str, str]] = Counter()
    for entry in entries:
        shared.update((entry.edition, criterion_id) for criterion_id in set(entry.gap_ids))
    common = sorted(shared.items(), key=lambda pair: (-pair[1], pair[0][0], id_key(pair[0][1])))[:SHARED_GAPS]
    found = []
    for (edition_id, criterion_id), count in common:
        q = load_edition(edition_id)
        item_id = criterion_id.rsplit(".", 2)[0]
        found.append(
            SharedGap(
                id=criterion_id,
                edition=edition_id,
                level=int(criterion_id.split(".")[2]),
                item=f"{item_id} {q.item_by_id[item_id].name.get(language)}",
                text=q.criteria[criterion_id].text.get(language),
                count=count,
                percent=round(100 * count / len(entries), 1),
            )
        )
    return found


def portfolio_context(
    entries: Sequence[PortfolioEntry], problems: Sequence[Problem], language: Language = "zh"
) -> PortfolioContext:
    """The portfolio; organisations with the highest score first, each credit code once (its newest assessment)."""
    entries, duplicates = newest_per_organisation(entries)
    ordered = sorted(entries, key=lambda e: (-e.score, e.organisation, e.file))
    editions = sorted({e.edition for e in entries}) or ["gbt36073-2018"]
    first = load_edition(editions[0])
    levels = Counter(e.level for e in entries)
    scores = [e.score for e in entries]
    return PortfolioContext(
        lang=language,
        t=portfolio_labels(language),
        tool=Tool(name="dcmm", version=__version__),
        count=len(entries),
        editions=editions,
        mean_score=round(sum(scores) / len(scores), 2) if scores else 0.0,
        organisations=ordered,
        distribution=[
            LevelCount(level=d.level, name=d.name.get(language), count=levels.get(d.level, 0))
            for d in first.meta.levels
        ],
        shared_gaps=_shared_gaps(entries, language),
        rejected=[RejectedFile(file=p.file, message=str(p)) for p in problems],
        matrices=_matrices(ordered, language),
        duplicates=duplicates,
    )


def portfolio_sheets(context: PortfolioContext) -> list[rows.Sheet]:
    t = context.t
    return [
        rows.sheet(
            t["sheet_organisations"],
            [entry.model_dump() for entry in context.organisations],
            rows.PORTFOLIO_COLUMNS,
            context.lang,
        ),
        (
            t["sheet_levels"],
            [t["level"], t["organisations"]],
            [[f"L{d.level} {d.name}", d.count] for d in context.distribution],
        ),
        (
            t["sheet_shared_gaps"],
            [t["criterion"], t["item"], t["level"], t["criterion"], t["share"], "%"],
            [[g.id, g.item, g.level, g.text, g.count, g.percent] for g in context.shared_gaps],
        ),
        (t["sheet_rejected"], [t["answers_file"], t["rejected"]], [[r.file, r.message] for r in context.rejected]),
        *(_matrix_sheet(context, matrix) for matrix in context.matrices),
        (
            t["duplicates_sheet"],
            [t["credit_code"], t["organisation"], t["duplicate_left_out"], t["assessed_on"],
             t["portfolio_column_report"], t["duplicate_counted"], t["assessed_on"]],
            [[d.credit_code, d.organisation, d.file, d.assessed_on, d.report, d.kept_file, d.kept_assessed_on]
             for d in context.duplicates],
        ),
    ]  # fmt: skip


MATRIX_FIRST_DOMAIN_COLUMN = 5  # organisation, credit code, overall score, level, then one column per domain


def _matrix_title(context: PortfolioContext, matrix: DomainMatrix) -> str:
    title = context.t["matrix_sheet"]
    return title if len(context.matrices) == 1 else f"{title} {matrix.edition.removeprefix('gbt36073-')}"


def _matrix_sheet(context: PortfolioContext, matrix: DomainMatrix) -> rows.Sheet:
    t = context.t
    headers = [t["organisation"], t["credit_code"], t["matrix_overall"], t["level"]]
    headers += [f"{d.id} {d.name}" for d in matrix.domains]
    body: list[list[rows.Cell]] = [[r.organisation, r.credit_code, r.score, r.level, *r.scores] for r in matrix.rows]
    return _matrix_title(context, matrix), headers, body


def write_portfolio_xlsx(path: Path, context: PortfolioContext) -> None:
    """The portfolio workbook; each domain matrix shaded like the PDF's heat map."""
    from dcmm.render.charts import HEAT

    shading = rows.ColourScale(MATRIX_FIRST_DOMAIN_COLUMN, 5.0, (HEAT[0], HEAT[-1]))
    scales = {_matrix_title(context, matrix): shading for matrix in context.matrices}
    rows.write_xlsx(path, portfolio_sheets(context), scales)
