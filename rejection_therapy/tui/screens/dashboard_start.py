"""How the dashboard starts: a bare first frame (header, one status line, footer: what a
bare Textual app costs), then its widgets (``body``), mounted with today's figures when the
app brings them (``tui.first_figures``), in one frame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from textual.app import App
from textual.screen import Screen
from textual.widget import Widget

from ..fast_css import add_css_file
from .dashboard_parts import DashboardShown, DashData, make_panels

if TYPE_CHECKING:
    from ..widgets.panel import DashboardPanel

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


class DashboardStart(Screen[None]):
    """The dashboard's start: after the bare first frame, the counters with the first figures,
    then (a frame later) the rest, the panels, and the store."""

    data: DashData | None
    _panels: list[DashboardPanel]
    _pending_logs: int

    def show_data(self, data: DashData) -> None:  # DashboardScreen
        raise NotImplementedError

    def _bad_day_check(self) -> None:  # DashboardScreen
        raise NotImplementedError

    def _after_first_frame(self) -> None:
        """The app reads the first figures (without SQLAlchemy); the widgets come with them."""
        self.app.load_first_figures(lambda figures: self.call_later(self._show_first, figures))  # type: ignore[attr-defined]

    async def _show_first(self, figures: Any) -> None:
        """The widgets with the first figures (services.ledger.DashboardFigures; None: the full
        path brings them) in one frame; then the panels, and the store opens (after the paint)."""
        load_css(self.app)
        dash = self.query_one("#dash-body")
        await dash.mount_all(body(), before="#status")
        dash.move_child(self.query_one("#status"), after=self.query_one("#dash-top"))
        app: Any = self.app
        if figures is None:
            app.open_store()
        elif self.data is None and not self._pending_logs:
            self.show_data(DashData(figures.summary, figures.cap, figures.effort_only))
        app.call_after_refresh(self.call_later, self._mount_panels)  # behind the benchmark's mark
        app.call_after_refresh(app.open_store)

    async def _mount_panels(self) -> None:
        """After the first figures: the banners that are hidden until needed, and the feature
        panels (their data needs the full store)."""
        self._panels = make_panels()  # first: a load starting now fetches their data too
        parts = later()
        dash = self.query_one("#dash-body")
        await dash.mount(parts.bottom)
        await dash.mount_all(parts.top, before="#dash-top")
        await dash.mount_all(parts.middle, before="#panels")
        if self._panels:
            await self.query_one("#panels").mount_all(self._panels)
        if self.data is not None:
            for widget in (self.query_one("#attempts-box"), self.query_one("#wins")):
                widget.post_message(DashboardShown(self.data))
            self._bad_day_check()  # a run of no's from before the app opened
            self.app.call_after_refresh(self.app.bench_mark, "whole")  # type: ignore[attr-defined]
