"""Small messages the app shell posts (screens may listen with ``@on``)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class StoreOpened(Message):
    """The AppContext is open (posted to the app, then forwarded to the active screen)."""


@dataclass
class AttemptLogged(Message):
    """An attempt was logged from the dashboard (id in the store, its outcome)."""

    attempt_id: int
    outcome: str


@dataclass
class DataChanged(Message):
    """Something in the store changed (another writer: the CLI, a teammate); the app posts it
    to the screen in front, which reloads what it shows."""

    what: str = "attempts"
