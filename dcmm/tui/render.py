"""Rich text for the screens: grade badges, tree labels and criterion entries, aligned by display cells.

Chinese characters take two terminal cells; every width here is measured with ``cell_len``, never
with ``len``, so Chinese and English columns line up.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.text import Text

from dcmm.core.answers import Answer
from dcmm.core.questionnaire import NOT_APPLICABLE, Criterion, GradeId, Questionnaire
from dcmm.core.text import Language
from dcmm.i18n import text, vocabulary

# Grade keys, in the order of the rating scale; documented in docs/tui.md and the help screen.
GRADE_KEYS: dict[str, GradeId] = {
    "1": "fully_met",
    "2": "mostly_met",
    "3": "partly_met",
    "4": "not_met",
    "0": "not_applicable",
}

# How each grade's badge is coloured; its words come from the edition (or the key bar, see grade_badge).
_BADGE_STYLES: dict[str | None, str] = {
    "fully_met": "bold green",
    "mostly_met": "green",
    "partly_met": "yellow",
    "not_met": "bold red",
    "not_applicable": "magenta",
    None: "dim",
}
BADGE_CELLS = 8
SIDE_CELLS = 10  # the badge, the criterion id (10.3.5.12) and the review flag, one above the other


def fit(words: str, cells: int) -> str:
    """``words`` cut or padded to exactly ``cells`` terminal cells, with an ellipsis when cut."""
    if cell_len(words) <= cells:
        return set_cell_size(words, cells)
    # Cutting inside a two-cell character leaves a space; keep it after the ellipsis, not before.
    cut = set_cell_size(words, cells - 1).rstrip()
    return cut + "…" + " " * (cells - 1 - cell_len(cut))


def grade_badge(questionnaire: Questionnaire, grade: str | None, language: Language) -> Text:
    """The grade's name in the edition, or its short name where the name is wider than a badge."""
    if grade is None:
        word = text("tui.unanswered_badge", language)
    else:
        option = questionnaire.grade(grade)
        word = option.name.get(language)
        if cell_len(word) > BADGE_CELLS:
            word = option.short_name.get(language)
    return Text(fit(word, BADGE_CELLS), style=_BADGE_STYLES[grade])


def tree_label(code: str, name: str, score: float, answered: int, total: int, cells: int) -> Text:
    """``6.1 数据战略规划 …  1.20  5/15`` fitted to ``cells`` cells."""
    tail = f" {score:4.2f} {answered:>3}/{total:<3}"
    head = fit(f"{code} {name}", max(4, cells - cell_len(tail)))
    done = answered == total
    label = Text(head)
    label.append(f" {score:4.2f}", style="bold")
    label.append(f" {answered:>3}/{total:<3}", style="green" if done else "dim")
    return label


def criterion_entry(
    questionnaire: Questionnaire,
    criterion: Criterion,
    answer: Answer,
    language: Language,
    width: int,
    console: Console,
    rubric: bool = False,
) -> Text:
    """A criterion as an option: badge, id and review flag on the left, the wrapped text beside them.

    The text is wrapped here, to ``width`` cells less the left column, so wrapped lines keep their
    indent; plain text is also far cheaper for the option list to measure than a table.
    """
    t = vocabulary(language)
    side = [grade_badge(questionnaire, answer.grade, language), Text(criterion.id, style="bold cyan")]
    if answer.marked_for_review:
        side.append(Text(t("tui.marked"), style="bold black on yellow"))
    body = Text(criterion.text.get(language))
    joiner = t("tui.list_separator")
    hints = joiner.join(hint.get(language) for hint in criterion.evidence)
    body.append(f"\n{t('tui.evidence_hint')}{hints}", style="dim italic")
    if rubric:
        append_rubric(body, questionnaire, criterion, language)
    if answer.grade == NOT_APPLICABLE and answer.justification:
        body.append(f"\n{t('tui.justification')}{answer.justification}", style="magenta")
    if answer.note:
        body.append(f"\n{t('tui.note')}{answer.note}", style="cyan")
    if answer.evidence:
        body.append(f"\n{t('tui.evidence_refs')}{joiner.join(answer.evidence)}", style="cyan")
    lines = body.wrap(console, max(10, width - SIDE_CELLS), overflow="fold")
    entry = Text()
    for index in range(max(len(side), len(lines))):
        if index:
            entry.append("\n")
        left = side[index] if index < len(side) else Text()
        entry.append_text(left)
        entry.append(" " * (SIDE_CELLS - left.cell_len))
        if index < len(lines):
            line = lines[index]
            line.rstrip()
            entry.append_text(line)
    return entry


def append_rubric(body: Text, questionnaire: Questionnaire, criterion: Criterion, language: Language) -> None:
    """The criterion's rating rubric, one line per grade, with its dimension and the parties it applies to."""
    t = vocabulary(language)
    tags = [t(f"tui.dimension_{criterion.dimension}")] if criterion.dimension else []
    if criterion.parties:
        tags.append(t("tui.parties", parties=t("tui.list_separator").join(criterion.parties)))
    if tags:
        body.append(f"\n{t('tui.tags')}{' · '.join(tags)}", style="dim")
    if criterion.rubric is None:
        body.append(f"\n{t('tui.no_rubric')}", style="dim")
        return
    for grade_id in ("fully_met", "mostly_met", "partly_met"):
        looks = criterion.rubric.for_grade(grade_id)
        if looks is not None:
            name = questionnaire.grade(grade_id).name.get(language)
            body.append(f"\n{name}：" if language == "zh" else f"\n{name}: ", style="bold")
            body.append(looks.get(language))
