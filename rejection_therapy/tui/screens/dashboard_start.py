"""How the dashboard starts: a bare first frame (header, one status line, footer: what a
bare Textual app costs), then its widgets (``body``), mounted with today's figures when the
app brings them (``tui.first_figures``), in one frame."""

from __future__ import annotations

from typing import NamedTuple

from textual.app import App
from textual.widget import Widget

from ..fast_css import add_css_file

# The first frame's rules (dashboard.tcss has them too): the screen's DEFAULT_CSS, parsed
# alone. dashboard.tcss itself is added when the widgets mount (``load_css``): as the
# screen's CSS_PATH it made Textual re-parse every stylesheet before the first frame.
FIRST_FRAME_CSS = """
DashboardScreen #dash-body { height: 1fr; padding: 0 1; }
DashboardScreen #status { height: auto; color: $text-muted; padding: 0 1; }
"""


def load_css(app: App) -> None:
    """dashboard.tcss, before the widgets it styles mount (parsed once, on its own)."""
    add_css_file(app, "dashboard.tcss")


def body() -> list[Widget]:
    """Today's figures: the counters (mounted after the first frame, with the figures when the
    app has them; the status line goes below them). The rest follows them (``later``)."""
    from textual.containers import Vertical
    from textual.widgets import Static

    from ..widgets.today_counts import TodayCounts

    notice = Static("", id="rest-notice")
    notice.display = False
    return [
        TodayCounts(id="dash-top"),
        notice,
        Vertical(id="panels"),  # the feature panels: mounted once the figures are shown
    ]


class Later(NamedTuple):
    """Mounted in the frame after the counters: the banners that stay hidden until they have
    something to say (above the counters and above the panels), and the lower half (today's
    attempts and wins: the table is the dearest widget to build, so the counters go first)."""

    top: list[Widget]
    middle: list[Widget]
    bottom: Widget


def later() -> Later:
    from textual.containers import Horizontal

    from ..widgets.bad_day_banner import BadDayBanner
    from ..widgets.fresh_start import FreshStart
    from ..widgets.plan_nudge import PlanNudge
    from ..widgets.today_box import AttemptsBox, WinsBox

    return Later(
        [PlanNudge(id="plan-nudge"),  # the if-then plan whose moment has come (issue 15)
         FreshStart(id="fresh-start")],  # fresh starts and "3 to go" (issue 15)
        [BadDayBanner(id="bad-day-banner")],  # after a run of no's (the dashboard offers it)
        Horizontal(AttemptsBox(id="attempts-box"), WinsBox(id="wins"), id="dash-bottom"),
    )
