"""How the dashboard starts: a bare first frame (header, one status line, footer: what a
bare Textual app costs), then its widgets (``body``), mounted right after it, when the app
brings today's figures (``tui.first_figures``)."""

from __future__ import annotations

from textual.widget import Widget


def body() -> tuple[list[Widget], list[Widget]]:
    """The dashboard's widgets above and below the status line (mounted after the first frame)."""
    from textual.containers import Horizontal, Vertical
    from textual.widgets import Static

    from ..widgets.bad_day_banner import BadDayBanner
    from ..widgets.fresh_start import FreshStart
    from ..widgets.plan_nudge import PlanNudge
    from ..widgets.today_box import AttemptsBox, WinsBox
    from ..widgets.today_counts import TodayCounts

    notice = Static("", id="rest-notice")
    notice.display = False
    above: list[Widget] = [
        PlanNudge(id="plan-nudge"),  # the if-then plan whose moment has come (issue 15)
        FreshStart(id="fresh-start"),  # fresh starts and "3 to go" (issue 15)
        TodayCounts(id="dash-top"),
    ]
    below: list[Widget] = [
        notice,
        BadDayBanner(id="bad-day-banner"),
        Vertical(id="panels"),  # the feature panels: mounted once the figures are shown
        Horizontal(AttemptsBox(id="attempts-box"), WinsBox(id="wins"), id="dash-bottom"),
    ]
    return above, below
