"""Dashboard panels contributed by features (challenges, follow-ups, competitions…).

A panel is a widget with a ``fetch(ctx)`` that runs in the dashboard's loader thread and
returns plain data, and a ``show(data)`` that updates the widget on the UI thread. The
dashboard composes the panels listed in ``DASHBOARD_PANELS`` and refreshes them after every
log. A panel with nothing to say hides itself (``self.display = False``).

Subclasses set ``TITLE`` (the border title), optionally ``SUBTITLE`` and ``TARGET_MODE`` (the
app mode a click opens; ``None``: clicks do nothing), and call ``show_text(text)`` from
``show``: empty text hides the panel, anything else is shown.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
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
    TITLE: str = ""
    SUBTITLE: str = ""
    TARGET_MODE: str | None = None

    def on_mount(self) -> None:
        # hidden until the first fetch brings something to show
        self.border_title = self.TITLE
        if self.SUBTITLE:
            self.border_subtitle = self.SUBTITLE
        self.display = False

    def fetch(self, ctx: Any) -> Any:  # worker thread
        return None

    def show(self, data: Any) -> None:  # UI thread
        pass

    def show_text(self, text: Text | None) -> None:
        """Show ``text``, or hide the panel when there is none."""
        if not text:
            self.display = False
            return
        self.update(text)
        self.display = True

    def on_click(self) -> None:
        if self.TARGET_MODE:
            self.app.action_go(self.TARGET_MODE)


# "module:Class" of each panel, imported lazily by the dashboard; a missing module is skipped.
DASHBOARD_PANELS = (
    "rejection_therapy.tui.widgets.challenge_panel:ChallengePanel",
    "rejection_therapy.tui.widgets.followup_panel:FollowUpPanel",
    "rejection_therapy.tui.widgets.competition_panel:CompetitionPanel",
)
