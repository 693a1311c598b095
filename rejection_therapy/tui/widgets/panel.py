"""Dashboard panels contributed by features (challenges, follow-ups, competitions…).

A panel is a widget with a ``fetch(ctx)`` that runs in the dashboard's loader thread and
returns plain data, and a ``show(data)`` that updates the widget on the UI thread. The
dashboard composes the panels listed in ``DASHBOARD_PANELS`` and refreshes them after every
log. A panel with nothing to say hides itself (``self.display = False``).
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Static


class DashboardPanel(Static):
    DEFAULT_CSS = """
    DashboardPanel {
        height: auto;
        border: round $panel-lighten-2;
        padding: 0 1;
        margin: 0 0 1 0;
    }
    """

    def fetch(self, ctx: Any) -> Any:  # worker thread
        return None

    def show(self, data: Any) -> None:  # UI thread
        pass


# "module:Class" of each panel, imported lazily by the dashboard; a missing module is skipped.
DASHBOARD_PANELS = (
    "rejection_therapy.tui.widgets.challenge_panel:ChallengePanel",
    "rejection_therapy.tui.widgets.followup_panel:FollowUpPanel",
    "rejection_therapy.tui.widgets.competition_panel:CompetitionPanel",
)
