"""The app's own state, in one typed object (``app.state``); screens read and change it
through the app's methods, never by setting attributes on the app."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass
class AppState:
    settings: Any = None  # core.settings.Settings once loaded
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
