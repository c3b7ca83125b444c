"""Two assessments of one organisation side by side, in the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from dcmm.core.text import Language
from dcmm.report.models import Comparison


def _delta(value: float) -> str:
    if value > 0:
        return f"[green]+{value:.2f}[/]"
    if value < 0:
        return f"[red]{value:.2f}[/]"
    return "0.00"


def print_comparison(comparison: Comparison, console: Console, language: Language = "zh") -> None:
    """Overall and per-domain changes, the items whose score moved, and the criteria that moved."""
    en = language == "en"
    old, new = comparison.old, comparison.new
    console.print(
        (
            f"Overall {old.score:.2f} (L{old.level} {old.level_name}, {old.assessed_on or '?'}) → "
            f"{new.score:.2f} (L{new.level} {new.level_name}, {new.assessed_on or '?'}): "
        )
        if en
        else (
            f"综合得分 {old.score:.2f}（L{old.level} {old.level_name}，{old.assessed_on or '?'}）→ "
            f"{new.score:.2f}（L{new.level} {new.level_name}，{new.assessed_on or '?'}）："
        ),
        _delta(comparison.overall_delta),
    )
    for title, rows, only_moved in (
        ("Domains" if en else "能力域", comparison.domains, False),
        ("Items whose score changed" if en else "得分变化的能力项", comparison.items, True),
    ):
        table = Table(title=title, title_justify="left")
        for header in (
            ("ID", "编号"),
            ("Name", "名称"),
            ("Before", "之前"),
            ("After", "之后"),
            ("Change", "变化"),
            ("Level", "等级"),
        ):
            table.add_column(header[0] if en else header[1], justify="left" if header[0] in ("ID", "Name") else "right")
        for row in rows:
            if only_moved and not row.delta:
                continue
            table.add_row(
                row.id,
                row.name,
                f"{row.before:.2f}",
                f"{row.after:.2f}",
                _delta(row.delta),
                f"L{row.level_before} → L{row.level_after}",
            )
        console.print(table)
    for title, changes in (
        ("Criteria that improved" if en else "提升的条款", comparison.improved),
        ("Criteria that regressed" if en else "下降的条款", comparison.regressed),
    ):
        console.print(f"[bold]{title}[/] ({len(changes)})")
        for change in changes:
            console.print(f"  {change.id:<10} {change.before} → {change.after}  {change.text}", markup=False)
