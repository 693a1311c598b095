"""The app's own state, in one typed object (``app.state``). Screens reach it with
``app_state(self)`` and change its fields; none sets attributes on the app itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from ..core.settings import Settings


@dataclass
class AppState:
    settings: Settings | None = None  # the profile's, once loaded (forms read channels from it)
    cap_confirmed_day: date | None = None  # burnout guard: asked once a day
    bad_day_offered: bool = False  # bad-day offer shown for the current run of no's
    undo_stack: list[int] = field(default_factory=list)  # ids logged in this session (u undoes)
    history: list[str] = field(default_factory=list)  # modes visited, for Escape (back one step)
    keymap_error: str | None = None  # the sentence about a bad keymap.toml, if any

    def reset_for_profile(self) -> None:
        """Another person logs now: nothing of the previous one's session carries over."""
        self.settings = None
        self.undo_stack.clear()
        self.bad_day_offered = False
        self.cap_confirmed_day = None


def app_state(node: MessagePump) -> AppState:
    """The state of the app ``node`` belongs to (``RejectionTherapyApp.state``), typed."""
    state = getattr(node.app, "state", None)
    if not isinstance(state, AppState):
        raise TypeError("not inside the rejection-therapy app")
    return state
