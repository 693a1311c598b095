"""The dashboard: today's no's against the goal, one-key logging, the burnout guard.

Nothing here imports SQLAlchemy or the services at module level: the data is loaded in a
thread worker (``_load``), which imports them the first time it runs. The first frame is
bare; the widgets and today's figures follow it (``dashboard_start``, ``tui.first_figures``).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Header, Static

from ...core.errors import RTError
from ...core.goals import needs_cap_confirmation
from ..base import report_error, run_db
from ..safe import plain
from ..state import app_state
from ..widgets.key_bar import KeyBar
from .dashboard_parts import (
    DashboardEdits,
    DashboardShown,
    DashData,
    fetch_panels,
    from_view,
    load,
    make_panels,
)
from .dashboard_start import FIRST_FRAME_CSS

if TYPE_CHECKING:
    from ...core.attempts import AttemptInput
    from ...services.context import AppContext
    from ...services.dashboard_view import Changed, DashboardView
    from ..app_services import DataChanged
    from ..widgets.confirm import ConfirmScreen
    from ..widgets.panel import DashboardPanel, PanelFailed
    from ..widgets.why_panel import WhyPanel
    from .dashboard_parts import PanelMessages

log = logging.getLogger("rejection_therapy.tui")
SHORT = 30  # rows: below this the dashboard packs tighter (80x24)
PANEL_DELAY = 0.8  # seconds after the last key before the feature panels refresh


class DashboardScreen(DashboardEdits):
    DEFAULT_CSS = FIRST_FRAME_CSS  # styles/dashboard.tcss: added by _show_first (dashboard_start)
    BINDINGS = [
        Binding("n", "log('no')", "No", id="log-no"),
        Binding("y", "log('yes')", "Yes", id="log-yes"),
        Binding("p", "log('pending')", "Pending", id="log-pending"),
        Binding("a", "attempt_form", "Attempt…", id="attempt-form"),
        Binding("w", "add_win", "Win", id="add-win"),
        Binding("u", "undo", "Undo", id="undo"),
        Binding("e", "why", "Why?", id="why", show=False),
        Binding("x", "close_banner", "Close banner", id="close-banner"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: DashData | None = None
        self._panels: list[DashboardPanel] = []  # made after the first figures (make_panels)
        self._token = 0
        self._pending_logs = 0
        self._swept = False
        self._last_no: int | None = None
        self._panel_errors: set[str] = set()
        self._cap_question: ConfirmScreen | None = None  # the cap dialog while it is open
        self._panel_timer: Timer | None = None
        try:  # styled short from the start at 80x24 (a class set on the first resize restyled it all)
            self.set_class(self.app.size.height < SHORT, "-short", update=False)
        except Exception:  # noqa: BLE001 - built outside a running app (tests): on_resize decides
            pass

    # ---- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="dash-body"):  # the rest is mounted after the first frame (dashboard_start)
            yield Static("Opening your log…", id="status")
        yield KeyBar(id="key-bar")  # the compact Footer's line, as one widget (widgets/key_bar.py)

    def on_mount(self) -> None:
        app: Any = self.app
        app.bench_mark("frame")
        app.call_after_refresh(self._after_first_frame)  # the app's queue: behind the benchmark's mark
        # Kept open all day: pick up a new day and silence that set in (other writers are
        # picked up within seconds by the app's change watch).
        self.set_interval(300, self._periodic)

    def on_resize(self) -> None:
        self.set_class(self.size.height < SHORT, "-short")
        self.call_after_refresh(self._post_height)  # after the resize's own layout

    def _post_height(self) -> None:
        from ..widgets.panel import ScreenHeight

        for panel in self._panels:  # the follow-up panel fits its lines to the height
            panel.post_message(ScreenHeight(self.size.height))

    def _after_first_frame(self) -> None:
        """The app reads the first figures (without SQLAlchemy); the widgets come with them."""
        self.app.load_first_figures(lambda figures: self.call_later(self._show_first, figures))  # type: ignore[attr-defined]

    async def _show_first(self, figures: Any) -> None:
        """The widgets with the first figures (services.ledger.DashboardFigures; None: the full
        path brings them) in one frame; then the panels, and the store opens (after the paint)."""
        from .dashboard_start import body, load_css

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
        from .dashboard_start import later

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

    def _periodic(self) -> None:
        if self.app.screen is self and not self._pending_logs:
            self._swept = False
            self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_data_changed(self, _message: DataChanged) -> None:  # another writer
        if not self._pending_logs:
            self.reload()

    # ---- loading --------------------------------------------------------------------

    def reload(self, after_log: bool = False) -> None:
        self._token += 1
        token, sweep = self._token, not self._swept

        def done(data: DashData) -> None:
            if token != self._token or self._pending_logs:
                return  # a newer load (or a log in flight) will bring fresher figures
            self._swept = True
            self.show_data(data)

        run_db(self, lambda ctx: load(ctx, self._panels, sweep), done, group="dash-load",
               on_error=self.show_error)

    def show_error(self, err: BaseException) -> None:
        status = self.query_one("#status", Static)
        message = str(err) if isinstance(err, RTError) else f"Something went wrong ({type(err).__name__})."
        status.update(plain(message))
        status.set_classes("error")
        status.display = True
        report_error(self.app, err)

    def show_data(self, data: DashData) -> None:
        if not self.query("#dash-top"):  # the counters are still being mounted
            self.call_after_refresh(self.show_data, data)
            return
        self.data = data
        s = data.summary
        app_state(self).settings = s.settings  # forms read channels from it
        status = self.query_one("#status", Static)
        status.display = False
        for widget in self.query("#dash-top, #attempts-box, #wins"):  # the lower half: once mounted
            widget.post_message(DashboardShown(data))
        notice = self.query_one("#rest-notice", Static)
        notice.display = bool(s.over_cap_week)
        if s.over_cap_week:
            notice.update("You went past your cap every day this week. A rest day would help: "
                          "the no's will still be there tomorrow.")
        self._post_panels(data.panels)
        self._bad_day_check()
        self.app.bench_mark("data")  # type: ignore[attr-defined]

    @staticmethod
    def _post_panels(messages: PanelMessages) -> None:
        """Each feature panel gets its own message (its data, or PanelFailed, which comes back
        up to ``on_panel_failed``)."""
        for panel, message in messages:
            panel.post_message(message)

    def on_panel_failed(self, message: PanelFailed) -> None:
        panel, err = message.panel, message.error
        panel.display = False
        name = type(panel).__name__
        log.error("dashboard panel %s failed: %r", name, err)
        if name not in self._panel_errors:
            self._panel_errors.add(name)
            report_error(self.app, err)

    def show_view(self, view: DashboardView) -> None:
        """A view a dashboard write returned: shown at once (the last of a burst of keys wins);
        the feature panels follow once the keys stop (PANEL_DELAY)."""
        self._token += 1  # a reload started before this write would bring older figures
        if not self._pending_logs:
            self.show_data(from_view(view))
        if self._panel_timer is not None:
            self._panel_timer.stop()
        self._panel_timer = self.set_timer(PANEL_DELAY, self._refresh_panels)

    def _refresh_panels(self) -> None:
        self._panel_timer = None
        run_db(self, lambda ctx: fetch_panels(ctx, self._panels), self._post_panels,
               group="dash-panels", exclusive=True)

    def _show_counts(self) -> None:
        assert self.data is not None
        self.query_one("#dash-top").show(self.data.summary, self.data.cap, self.data.effort_only)  # type: ignore[attr-defined]

    def why_panel(self) -> WhyPanel:
        """The why? panel, mounted the first time it is needed (keeps the first frame light)."""
        from ..widgets.why_panel import WhyPanel

        found = self.query(WhyPanel)
        if found:
            return found.first()
        panel = WhyPanel(id="why-panel")
        bottom = self.query("#dash-bottom")  # not there yet in the first instants
        self.query_one("#dash-body").mount(panel, before=bottom.first() if bottom else None)
        return panel

    # ---- logging --------------------------------------------------------------------

    def action_log(self, outcome: str) -> None:
        from ...core.attempts import AttemptInput

        self.log_attempt(AttemptInput(outcome=outcome), why=outcome == "no")

    def action_attempt_form(self) -> None:
        from ..widgets.attempt_form import AttemptFormScreen

        def done(data: AttemptInput | None) -> None:
            if data is not None:
                self.log_attempt(data, why=False)

        self.app.push_screen(AttemptFormScreen(title="New attempt"), done)

    def log_attempt(self, data: AttemptInput, *, why: bool, confirmed: bool = False) -> None:
        state = app_state(self)
        d = self.data
        if self._cap_question is not None and not confirmed:
            self._cap_question.action_ignored()  # keys pressed before the dialog was drawn
            return
        if d is not None and not confirmed:
            day = d.summary.day
            if needs_cap_confirmation(d.summary.attempts, d.cap, state.cap_confirmed_day == day):
                self._ask_cap(data, why, day)
                return
        self._pending_logs += 1
        self._bump(data.outcome)

        def write(ctx: AppContext) -> Changed:  # one transaction: the write and the view after it
            from ...services import dashboard_view

            with ctx.store.write() as s:
                return dashboard_view.log(s, ctx.profile_id, data)

        def done(changed: Changed) -> None:
            self._pending_logs -= 1
            assert changed.attempt_id is not None
            state.undo_stack.append(changed.attempt_id)
            if why:
                self._last_no = changed.attempt_id
                self.why_panel().open(changed.attempt_id)
            self.show_view(changed.view)

        def failed(err: BaseException) -> None:
            self._pending_logs -= 1
            report_error(self.app, err)
            self.reload()

        run_db(self, write, done, group="dash-write", on_error=failed)

    def _ask_cap(self, data: AttemptInput, why: bool, day: date) -> None:
        from ..widgets.confirm import ConfirmScreen

        assert self.data is not None
        cap = self.data.cap

        def answered(yes: bool | None) -> None:
            self._cap_question = None
            if yes:
                app_state(self).cap_confirmed_day = day
                self.log_attempt(data, why=why, confirmed=True)

        self._cap_question = question = ConfirmScreen(
            f"You reached today's cap of {cap} attempts. That is a full day's work; stopping here "
            "is part of the practice.\n\nLog this one anyway? (You will not be asked again today.)",
            title="Daily cap reached", yes="Log it anyway", no="Stop for today",
        )
        self.app.push_screen(question, answered)

    def _bump(self, outcome: str) -> None:
        """Optimistic update: the counters move at once; the reload brings the stored truth."""
        if self.data is None:
            return
        s = self.data.summary
        changes: dict[str, int] = {"attempts": s.attempts + 1}
        key = {"no": "nos", "yes": "yeses", "pending": "pending", "silence": "silences"}.get(outcome)
        if key:
            changes[key] = getattr(s, key) + 1
        self.data.summary = s._replace(**changes)
        self._show_counts()

    # ---- bad-day offer ----------------------------------------------------------------

    def _bad_day_check(self) -> None:
        """After a run of no's, offer the pause in a banner that logging does not close."""
        assert self.data is not None
        s = self.data.summary
        state = app_state(self)
        banners = self.query("#bad-day-banner")
        if not banners:  # not mounted yet: _mount_panels asks again
            return
        banner: Any = banners.first()
        if s.no_run < s.settings.bad_day_threshold:
            state.bad_day_offered = False
            return
        if banner.is_open:
            banner.offer(s.no_run)  # the run goes on: the figure follows it
        elif s.settings.bad_day_enabled and not state.bad_day_offered:
            state.bad_day_offered = True
            banner.offer(s.no_run)
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_banner":
            banner: Any = self.query("#bad-day-banner")
            return bool(banner) and banner.first().is_open
        return True

    def action_close_banner(self) -> None:
        self.query_one("#bad-day-banner").close()  # type: ignore[attr-defined]
        self.refresh_bindings()

    def on_bad_day_banner_closed(self) -> None:
        self.refresh_bindings()

    def on_bad_day_banner_open_protocol(self) -> None:
        self.refresh_bindings()
        self.app.show_bad_day()  # type: ignore[attr-defined]
