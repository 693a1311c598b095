"""Dialogs that survive fast fingers.

A terminal delivers keys typed quickly in one burst: every key is queued before the app
handles the first. Enter in an Input or a list, or on a button, does not act at once: it posts
a message (Submitted, OptionSelected, Pressed) that the dialog handles a moment later, so the
second Enter of "Enter Enter" reaches the dialog before the first has closed it. Textual's
``dismiss`` then pops whatever is on top: the screen under the dialog, and with nothing
under it, the app crashed (ScreenStackError). Likewise a row's Enter opened its editor twice.

* ``Dialog`` — the base of every modal: ``dismiss`` acts once, and only while the dialog is
  in front (a second key, or a worker that finishes late, never closes another screen).
  ``begin()`` guards a save on its way to the store: True the first time, False for the keys
  that follow, until ``failed()`` lets the person try again.
* ``open_dialog(node, dialog, callback)`` — pushes a dialog only while the screen of ``node``
  is in front (the first Enter's editor is open: the second opens nothing).
* ``EnterInput`` and ``AfterEnter`` — what a burst types after Enter in a field ("reason,
  Enter, n" on the why? panel) reached the field before the Enter was handled, and was saved
  with it ("reasonn"). The field submits the text it held at Enter; once the dialog (or panel)
  has closed, the keys after it go to what is in front now (the dashboard logs the next no),
  else back into the field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual import events
from textual.await_complete import AwaitComplete
from textual.dom import DOMNode
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Input

T = TypeVar("T")


class EnterInput(Input):
    """An Input that knows what it held when Enter reached it. The Enter's binding runs only
    after the key has bubbled up to the app, and the keys behind it in the burst reach the
    field first: Textual's Submitted carries "reason" plus them. This one submits the text
    of the moment Enter was pressed, with what came after it as ``typed_after``."""

    _at_enter: str | None = None

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            self._at_enter = self.value
        await super()._on_key(event)

    async def action_submit(self) -> None:
        at, self._at_enter = self._at_enter, None
        value = self.value
        if at is None or value == at or not value.startswith(at):
            await super().action_submit()
            return
        self.value = at
        self.cursor_position = len(at)
        result = self.validate(at) if "submitted" in self.validate_on else None
        message = self.Submitted(self, at, result)
        message.typed_after = value[len(at):]  # type: ignore[attr-defined]
        self.post_message(message)


def replay(app: Any, text: str) -> None:
    """Deliver ``text`` as key presses to what is in front now (as the terminal would have)."""
    from textual.keys import _character_to_key

    for char in text:
        app.post_message(events.Key(_character_to_key(char), char))


class AfterEnter:
    """Mixin (before the Textual class): see the module's docstring. ``closed_after_enter``
    says whether the Enter closed this dialog or panel."""

    app: Any

    def closed_after_enter(self) -> bool:
        return False

    async def _on_message(self, message: Message) -> None:
        if not isinstance(message, Input.Submitted):
            await super()._on_message(message)  # type: ignore[misc]
            return
        extra: str = getattr(message, "typed_after", "")
        await super()._on_message(message)  # type: ignore[misc]
        if not extra:
            return
        if self.closed_after_enter():
            replay(self.app, extra)
        else:  # refused or still saving: the keys stay where they were typed
            message.input.value = message.value + extra
            message.input.cursor_position = len(message.input.value)


class Dialog(AfterEnter, ModalScreen[T]):
    _dismissed = False
    _saving = False

    def closed_after_enter(self) -> bool:
        return self._dismissed

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        if self._dismissed or not self.is_active:
            return AwaitComplete.nothing()
        self._dismissed = True
        return super().dismiss(result)

    @property
    def dismissed(self) -> bool:
        return self._dismissed

    def begin(self) -> bool:
        """True when this is the first go (a save starts); False while one is on its way or the
        dialog is closing (the later keys of a burst)."""
        if self._saving or self._dismissed:
            return False
        self._saving = True
        return True

    def failed(self) -> None:
        """The save was refused and nothing changed: the person may try again."""
        self._saving = False


def front_screen(node: DOMNode) -> Screen[Any] | None:
    screen = node if isinstance(node, Screen) else getattr(node, "screen", None)
    return screen if isinstance(screen, Screen) else None


def open_dialog(node: DOMNode, dialog: Screen[T], callback: Callable[[T | None], Any] | None = None) -> bool:
    """Push ``dialog`` over the screen of ``node`` if that screen is still in front; False
    (nothing opened) when another dialog came first."""
    screen = front_screen(node)
    if screen is None or not screen.is_active:
        return False
    node.app.push_screen(dialog, callback)
    return True
