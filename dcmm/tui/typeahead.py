"""Keys typed ahead reach the field they were meant for: each key is handled whole before the next is given out.

A terminal hands over a fast typist's keys, or a pasted line, all at once, and Textual gives each key to
the widget that has the focus when the key is read. A key's effect comes later: it passes from the
focused widget up to the screen and the app, where the bindings act (Tab moves the focus, ``n`` opens
the note); a new screen mounts and focuses its field later still. So the keys read meanwhile went to
the old field or the screen underneath. Here the app holds each key read while an earlier one is still
on its way or the active screen is changing, and gives the held keys out, in order, once that is done.
"""

from __future__ import annotations

from collections import deque
from functools import partial
from typing import Any, TypeVar

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen

ReturnType = TypeVar("ReturnType")
# Should a key's way up be cut short (a widget removed while the key passed through it), keys flow again
# after this long rather than stay held.
STUCK_SECONDS = 3.0
# A key goes up from the focused widget to the app, where its binding acts; what the binding sends (Enter's
# "submitted") goes up the same way. Keys wait for both passes.
PASSES = 2


class TypeAheadApp(App[ReturnType]):
    """An app that gives out a key only when the one before has been handled and the screen has settled."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_keys: deque[events.Key] = deque()
        self._holding = False
        self._change = 0  # counts holds, so that only the latest hold's end lets keys through
        self._watched = -1  # the hold a stuck-keys timer was started for

    def hold_keys_while_screens_change(self) -> None:
        """Hold keys at each change of the active screen too; call once the app runs (in ``on_mount``)."""
        self.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)

    def _hold(self) -> int:
        self._holding = True
        self._change += 1
        return self._change

    def _screen_changed(self, screen: Screen[Any]) -> None:
        change = self._hold()
        # The screen's queue runs this after its mount, which asks the app to focus a field; the app's
        # queue then runs the release after that focusing.
        screen.call_later(self.call_later, self._release_keys, change)

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
        elif self._holding or self._held_keys:
            self._held_keys.append(event)
            if self._watched != self._change:
                self._watched = self._change
                self.set_timer(STUCK_SECONDS, partial(self._release_keys, self._change))
        else:
            await self._deliver(event)

    async def _deliver(self, key: events.Key) -> None:
        change = self._hold()
        target: DOMNode = self.focused or self.screen
        await super().on_event(key)
        if change == self._change:
            self._follow(target, target, change, PASSES)

    def _follow(self, node: DOMNode, target: DOMNode, change: int, passes: int) -> None:
        """After ``node``'s queue has handled what is in it now, go on up from it to the screen, then to the app."""
        if not node.call_later(self._passed, node, target, change, passes):
            self.call_later(self._release_keys, change)  # it has closed: nothing more is on its way through it

    def _passed(self, node: DOMNode, target: DOMNode, change: int, passes: int) -> None:
        if change != self._change:
            return
        parent = node.parent
        if not (isinstance(node, Screen) or parent is None or parent is self):
            self._follow(parent, target, change, passes)
        elif passes > 1:  # once more from the target, after the app (where the bindings act) has had the key
            self.call_later(self._follow, target, target, change, passes - 1)
        else:
            self.call_later(self._release_keys, change)

    async def _release_keys(self, change: int) -> None:
        if change != self._change:
            return  # held again since: that hold's end gives the keys out
        self._holding = False
        if self._held_keys:
            await self._deliver(self._held_keys.popleft())
