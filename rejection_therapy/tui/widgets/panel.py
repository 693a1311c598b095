"""Dashboard panels contributed by features (challenges, follow-ups, competitions…).

A panel is a widget with a ``fetch(ctx)`` that runs in the dashboard's loader thread and
returns plain data, and ``fetched(ctx)``: that data as the panel's own typed message (a
dataclass beside the panel, e.g. ``ChallengesFetched``). The dashboard posts each panel its
message once the data is in, and the panel handles it (``on_challenges_fetched``). The
dashboard composes the panels listed in ``DASHBOARD_PANELS`` and refreshes them after a burst
of keys. A panel with nothing to say hides itself (``self.display = False``).

Subclasses set ``TITLE`` (the border title), optionally ``SUBTITLE`` and ``TARGET_MODE`` (the
app mode a click opens; ``None``: clicks do nothing), and show their text with
``show_text(text)`` (empty text hides the panel) or ``show_safely(make_text)``, which turns a
failure into ``PanelFailed`` for the dashboard instead of a crash.

Messages here: ``PanelFailed`` (a panel, or the loader on its behalf, tells the dashboard that
it broke: it bubbles up) and ``ScreenHeight`` (the dashboard tells its panels its new height;
the follow-up panel fits its lines to it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.message import Message
from textual.widgets import Static

if TYPE_CHECKING:
    from ...services.context import AppContext


@dataclass
class PanelFailed(Message):
    """A panel's fetch or its text failed: the dashboard hides it and reports it once."""

    panel: DashboardPanel
    error: BaseException


@dataclass
class ScreenHeight(Message):
    """The dashboard's new height (posted to each panel when the screen is resized)."""

    height: int
    bubble = False


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

    def fetch(self, ctx: AppContext) -> Any:  # worker thread
        return None

    def fetched(self, ctx: AppContext) -> Message | None:  # worker thread
        """The panel's data as the message the panel handles (None: nothing to show)."""
        return None

    def show_text(self, text: Text | None) -> None:
        """Show ``text``, or hide the panel when there is none."""
        if not text:
            self.display = False
            return
        self.update(text)
        self.display = True

    def show_safely(self, make_text: Callable[[], Text | None]) -> None:
        """``show_text(make_text())``; a failure hides the panel and goes to the dashboard."""
        try:
            self.show_text(make_text())
        except Exception as err:  # noqa: BLE001 - one broken panel must not take the app down
            self.post_message(PanelFailed(self, err))

    def on_click(self) -> None:
        if self.TARGET_MODE:
            self.app.action_go(self.TARGET_MODE)  # type: ignore[attr-defined]


# "module:Class" of each panel, imported lazily by the dashboard; a missing module is skipped.
DASHBOARD_PANELS = (
    "rejection_therapy.tui.widgets.challenge_panel:ChallengePanel",
    "rejection_therapy.tui.widgets.followup_panel:FollowUpPanel",
    "rejection_therapy.tui.widgets.competition_panel:CompetitionPanel",
)
