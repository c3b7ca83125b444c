"""Rich text for the screens: grade badges, tree labels and criterion entries, aligned by display cells.

Chinese characters take two terminal cells; every width here is measured with ``cell_len``, never
with ``len``, so Chinese and English columns line up.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.text import Text

from dcmm.core.answers import Answer
from dcmm.core.questionnaire import Criterion
from dcmm.core.text import Language

# Grade keys, in the order of the rating scale; documented in docs/tui.md and the help screen.
GRADE_KEYS: dict[str, str] = {
    "1": "fully_met",
    "2": "mostly_met",
    "3": "partly_met",
    "4": "not_met",
    "0": "not_applicable",
}

_BADGES: dict[str | None, tuple[str, str, str]] = {
    "fully_met": ("完全满足", "Fully", "bold green"),
    "mostly_met": ("大部分", "Mostly", "green"),
    "partly_met": ("一般满足", "Partly", "yellow"),
    "not_met": ("不满足", "Not met", "bold red"),
    "not_applicable": ("不适用", "N/A", "magenta"),
    None: ("未答", "----", "dim"),
}
BADGE_CELLS = 8
SIDE_CELLS = 10  # the badge, the criterion id (10.3.5.12) and the review flag, one above the other


def fit(text: str, cells: int) -> str:
    """``text`` cut or padded to exactly ``cells`` terminal cells, with an ellipsis when cut."""
    if cell_len(text) <= cells:
        return set_cell_size(text, cells)
    # Cutting inside a two-cell character leaves a space; keep it after the ellipsis, not before.
    cut = set_cell_size(text, cells - 1).rstrip()
    return cut + "…" + " " * (cells - 1 - cell_len(cut))


def grade_badge(grade: str | None, language: Language) -> Text:
    zh, en, style = _BADGES[grade]
    return Text(fit(zh if language == "zh" else en, BADGE_CELLS), style=style)


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
    criterion: Criterion, answer: Answer, language: Language, labels: dict[str, str], width: int, console: Console
) -> Text:
    """A criterion as an option: badge, id and review flag on the left, the wrapped text beside them.

    The text is wrapped here, to ``width`` cells less the left column, so wrapped lines keep their
    indent; plain text is also far cheaper for the option list to measure than a table.
    """
    side = [grade_badge(answer.grade, language), Text(criterion.id, style="bold cyan")]
    if answer.marked_for_review:
        side.append(Text(labels["marked"], style="bold black on yellow"))
    body = Text(criterion.text.get(language))
    joiner = "；" if language == "zh" else "; "
    hints = joiner.join(hint.get(language) for hint in criterion.evidence)
    body.append(f"\n{labels['evidence_hint']}{hints}", style="dim italic")
    if answer.grade == "not_applicable" and answer.justification:
        body.append(f"\n{labels['justification']}{answer.justification}", style="magenta")
    if answer.note:
        body.append(f"\n{labels['note']}{answer.note}", style="cyan")
    if answer.evidence:
        body.append(f"\n{labels['evidence_refs']}{joiner.join(answer.evidence)}", style="cyan")
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
