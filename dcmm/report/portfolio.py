"""The portfolio summary of a batch: every organisation's level and score, the level distribution,
and the gaps most organisations share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from dcmm import __version__
from dcmm.core.text import Language, StrictModel
from dcmm.files import Problem, load_edition
from dcmm.report import rows
from dcmm.report.models import ReportContext, Tool
from dcmm.report.names import id_key, labels

SHARED_GAPS = 15


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
    )


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
    """The portfolio; organisations with the highest score first."""
    ordered = sorted(entries, key=lambda e: (-e.score, e.organisation, e.file))
    editions = sorted({e.edition for e in entries}) or ["gbt36073-2018"]
    first = load_edition(editions[0])
    levels = Counter(e.level for e in entries)
    scores = [e.score for e in entries]
    return PortfolioContext(
        lang=language,
        t=labels(language),
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
    ]
