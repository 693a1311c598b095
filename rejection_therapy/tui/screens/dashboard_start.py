"""How the dashboard starts: a bare first frame (header, one status line, footer: what a
bare Textual app costs), then its widgets (``body``), mounted with today's figures when the
app brings them (``tui.first_figures``), in one frame."""

from __future__ import annotations

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
    """The dashboard's widgets (mounted after the first frame; the status line goes below the
    counters)."""
    from textual.containers import Horizontal, Vertical
    from textual.widgets import Static

    from ..widgets.bad_day_banner import BadDayBanner
    from ..widgets.fresh_start import FreshStart
    from ..widgets.plan_nudge import PlanNudge
    from ..widgets.today_box import AttemptsBox, WinsBox
    from ..widgets.today_counts import TodayCounts

    notice = Static("", id="rest-notice")
    notice.display = False
    return [
        PlanNudge(id="plan-nudge"),  # the if-then plan whose moment has come (issue 15)
        FreshStart(id="fresh-start"),  # fresh starts and "3 to go" (issue 15)
        TodayCounts(id="dash-top"),
        notice,
        BadDayBanner(id="bad-day-banner"),
        Vertical(id="panels"),  # the feature panels: mounted once the figures are shown
        Horizontal(AttemptsBox(id="attempts-box"), WinsBox(id="wins"), id="dash-bottom"),
    ]
