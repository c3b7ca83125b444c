"""The two kinds of error: input the user can fix, and faults of the tool itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: the file, and where in it (line, field) when known."""

    file: str
    message: str
    line: int | None = None
    field: str | None = None
    # The catalogue key of the message and its values, so that it can be shown in either language;
    # ``message`` is the English text (what ``str()`` shows).
    key: str | None = dataclass_field(default=None, compare=False)
    values: tuple[tuple[str, object], ...] = dataclass_field(default=(), compare=False)

    def located(self, message: str) -> str:
        """``message`` behind this problem's place: ``file[:line]: [field: ]message``."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {message}" if self.field else f"{where}: {message}"

    def __str__(self) -> str:
        return self.located(self.message)


class UserError(Exception):
    """Input the user can fix: carries every problem found; shown as lines on stderr, never a traceback."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class InternalError(Exception):
    """A fault of dcmm itself (a bug or a broken installation), not of the user's input."""
