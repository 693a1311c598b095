"""The lower half of the dashboard: today's attempts (a table, or a line when there are none)
and the small wins. Each handles ``DashboardShown`` (posted by the dashboard when new figures
arrive; see ``screens/dashboard_parts.py``) by itself."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ..safe import plain
from .today_table import TodayTable

EMPTY = "No attempts yet today. Press n after your first no."
NO_WINS = "No wins yet today. Press w to add one: made your calls, a good conversation, a lesson."


class AttemptsBox(Vertical):
    def compose(self) -> ComposeResult:
        yield TodayTable(id="today-attempts")
        yield Static(EMPTY, id="empty")

    def on_mount(self) -> None:
        self.border_title = "Today's attempts"
        self.query_one("#empty").display = False
        self.query_one(TodayTable).set_columns(effort_only=False)

    def on_dashboard_shown(self, message: Any) -> None:  # dashboard_parts.DashboardShown
        data = message.data
        s = data.summary
        table = self.query_one(TodayTable)
        table.show(s.last_attempts, s.settings.timezone, data.effort_only)
        table.display = bool(s.last_attempts)
        self.query_one("#empty").display = not s.last_attempts


class WinsBox(Static):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(NO_WINS, **kwargs)

    def on_mount(self) -> None:
        self.border_title = "Small wins"

    def on_dashboard_shown(self, message: Any) -> None:  # dashboard_parts.DashboardShown
        wins = message.data.summary.wins
        self.update(plain("\n".join(f"• {w}" for w in wins), multiline=True) if wins else NO_WINS)
        self.set_class(not wins, "muted")
