"""Small widgets shared by the screens: a clickable key bar and the criteria list."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from textual.app import App
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Button, OptionList, Static

from dcmm.core.text import Language, LocalizedText
from dcmm.i18n import text


def language_of(app: App[object]) -> Language:
    """The interface language the app shows (Chinese until told otherwise)."""
    language = getattr(app, "language", "zh")
    return "en" if language == "en" else "zh"


def other_language(language: Language) -> Language:
    """The language F2 switches to."""
    return "en" if language == "zh" else "zh"


class OkCancelButtons:
    """A dialog's OK button runs ``action_ok``, any other button ``action_cancel``."""

    def action_ok(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        raise NotImplementedError

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.action_ok()
        else:
            self.action_cancel()


@dataclass(frozen=True)
class Key:
    """One key of a key bar: what to press, the action a click runs, and its word.

    The word is a catalogue key, or a text from the edition data (grade and level names).
    """

    shown: str
    action: str
    word: str | LocalizedText


class KeyBar(Static):
    """The keys of a screen in the current language; each one can be clicked as well as pressed."""

    def __init__(self, keys: list[Key], **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.keys = keys

    def on_mount(self) -> None:
        self.apply_language()

    def on_resize(self) -> None:
        self.apply_language()

    def apply_language(self) -> None:
        """Lay the keys out in lines by hand, so a key is never split from its word."""
        language = language_of(self.app)
        width = self.size.width or 80
        lines: list[str] = []
        line, used = "", 0
        for key in self.keys:
            word = text(key.word, language) if isinstance(key.word, str) else key.word.get(language)
            cells = cell_len(f" {key.shown} {word} ")
            if used and used + cells > width:
                lines.append(line)
                line, used = "", 0
            line += f"[@click={key.action}][b reverse] {key.shown} [/]{word}[/] "
            used += cells
        lines.append(line)
        self.update("\n".join(lines))


class Section(Static, can_focus=True):
    """A block of text that Tab and a key can reach, so a long screen is read without the mouse."""


MARKER = "▶ "  # before the current criterion, so that it reads without colour
MARKER_CELLS = cell_len(MARKER)


class CriteriaList(OptionList):
    """The criteria of one item, the current one marked. Moving past either end asks for the neighbouring item."""

    class Boundary(Message):
        """The cursor tried to leave the list: ``step`` is +1 past the end, -1 before the start."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def _get_left_gutter_width(self) -> int:
        return MARKER_CELLS

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            index, offset = self._lines[self.scroll_offset.y + y]
        except IndexError:
            return strip  # below the last option: already a blank line of the full width
        current = index == self.highlighted
        style = self.get_visual_style(
            "option-list--option", *(["option-list--option-highlighted"] if current else [])
        ).rich_style
        gutter = MARKER if current and offset == 0 else " " * MARKER_CELLS
        return Strip([Segment(gutter, style), *strip], strip.cell_length + MARKER_CELLS)

    def _enabled_indexes(self) -> list[int]:
        return [index for index, option in enumerate(self.options) if not option.disabled]

    def action_cursor_down(self) -> None:
        enabled = self._enabled_indexes()
        if enabled and self.highlighted is not None and self.highlighted >= enabled[-1]:
            self.post_message(self.Boundary(+1))
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        enabled = self._enabled_indexes()
        if enabled and self.highlighted is not None and self.highlighted <= enabled[0]:
            self.post_message(self.Boundary(-1))
            return
        super().action_cursor_up()
