"""Parts of the dashboard: what it loads (``DashData``, ``load``), the messages it posts to
its widgets, and what it edits after a log (a row of today's table, the why? answers, wins,
undo), as the base class of DashboardScreen."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.screen import Screen

from ..base import run_db
from ..state import app_state
from ..widgets.dialog import open_dialog

if TYPE_CHECKING:
    from ..widgets.panel import DashboardPanel

    PanelMessages = list[tuple[DashboardPanel, Message]]  # each panel and the message it gets
    from textual.widgets import DataTable

    from ...core.attempts import AttemptInput
    from ...core.today import TodaySummary
    from ...services.context import AppContext
    from ...services.dashboard_view import Changed, DashboardView
    from ..widgets.why_panel import WhyPanel

log = logging.getLogger("rejection_therapy.tui")

@dataclass
class DashboardShown(Message):
    """New figures for the dashboard (a load, or the view a write returned). The dashboard
    posts it to each of its widgets (counters, today's attempts, wins), which show their part."""

    data: DashData
    bubble = False


@dataclass
class DashData:
    summary: TodaySummary
    cap: int | None
    effort_only: bool
    panels: PanelMessages = field(default_factory=list)


def load(ctx: AppContext, panels: list[DashboardPanel], sweep: bool) -> DashData:
    """Worker thread: everything the dashboard shows, in one go."""
    from ...services import dashboard_view
    from ...services import silence as silence_svc

    pid = ctx.profile_id
    if sweep:
        with ctx.store.write() as s:
            silence_svc.sweep(s, pid)
    with ctx.store.read() as s:
        v = dashboard_view.view(s, pid)
    return DashData(v.summary, v.cap, v.effort_only, fetch_panels(ctx, panels))


def fetch_panels(ctx: AppContext, panels: list[DashboardPanel]) -> PanelMessages:
    """Worker thread: each feature panel's message (its data, or ``PanelFailed``: a broken
    panel is reported, not fatal). The dashboard posts them on the UI thread."""
    from ..widgets.panel import PanelFailed

    results: PanelMessages = []
    for panel in panels:
        try:
            message = panel.fetched(ctx)
        except Exception as err:  # noqa: BLE001 - one broken panel must not hide the dashboard
            message = PanelFailed(panel, err)
        if message is not None:
            results.append((panel, message))
    return results


def from_view(view: DashboardView) -> DashData:
    """A view a dashboard write returned as the dashboard's data (panels unchanged)."""
    return DashData(view.summary, view.cap, view.effort_only, [])


def make_panels() -> list[DashboardPanel]:
    from ..app import load_class
    from ..widgets.panel import DASHBOARD_PANELS

    panels: list[DashboardPanel] = []
    for spec in DASHBOARD_PANELS:
        module, _, name = spec.partition(":")
        try:
            cls = load_class(module, name)
            if cls is not None:
                panels.append(cls())
        except Exception:  # noqa: BLE001
            log.exception("dashboard panel %s failed to load", spec)
    return panels


class DashboardEdits(Screen[None]):
    """Editing from the dashboard; a write returns the view to show (``show_view``)."""

    _last_no: int | None = None

    def show_view(self, view: DashboardView) -> None:  # DashboardScreen
        raise NotImplementedError

    def reload(self, after_log: bool = False) -> None:  # DashboardScreen
        raise NotImplementedError

    def why_panel(self) -> WhyPanel:  # DashboardScreen
        raise NotImplementedError

    def _write(self, write: Callable[[AppContext], Changed], done: Callable[[Changed], None] | None = None) -> None:
        """One worker round trip: the write and the view after it, then the view shown."""

        def shown(changed: Changed) -> None:
            if done is not None:
                done(changed)
            self.show_view(changed.view)

        run_db(self, write, shown, group="dash-write")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter or a click on a row of today's attempts: edit that attempt in the full form."""
        if event.data_table.id != "today-attempts":
            return
        attempt_id = int(str(event.row_key.value))

        def read(ctx: AppContext) -> AttemptInput:
            from ...services.attempts import get, to_input

            with ctx.store.read() as s:
                return to_input(get(s, ctx.profile_id, attempt_id))

        def edit_it(initial: AttemptInput) -> None:
            from ..widgets.attempt_form import AttemptFormScreen

            def done(data: AttemptInput | None) -> None:
                if data is None:
                    return

                def write(ctx: AppContext) -> Changed:
                    from ...services import dashboard_view

                    with ctx.store.write() as s:
                        return dashboard_view.edit(s, ctx.profile_id, attempt_id, data)

                self._write(write)

            open_dialog(self, AttemptFormScreen(initial, title=f"Edit attempt #{attempt_id}"), done)

        run_db(self, read, edit_it, group="dash-write")

    # ---- why panel, wins, undo ------------------------------------------------------

    def action_why(self) -> None:
        if self._last_no is None:
            self.notify("Log a no first (n); the why? panel follows it.", timeout=4)
            return
        self.why_panel().open(self._last_no)

    def on_why_panel_saved(self, event: WhyPanel.Saved) -> None:
        sting, share = event.sting, event.share  # how bad it felt (predict, then compare)
        if not (event.kind or event.stated_reason.strip() or event.real_reason.strip() or sting or share):
            return

        def write(ctx: AppContext) -> None:
            from ...services.attempts import update_fields

            changes: dict[str, Any] = {"stated_reason": event.stated_reason, "real_reason": event.real_reason}
            if event.kind:
                changes["kind"] = event.kind
            if sting:
                changes["sting"] = sting
            with ctx.store.write() as s:
                update_fields(s, ctx.profile_id, event.attempt_id, **changes)
            if share:  # its own write: the why above stays saved if there is nothing to share
                from ...services.lessons import share as share_lesson

                with ctx.store.write() as s:
                    share_lesson(s, ctx.profile_id, event.attempt_id)

        def done(_: None) -> None:
            self.notify("Saved why; the lesson is in the team feed (t)." if share else "Saved why.",
                        timeout=3)
            self.reload()

        run_db(self, write, done, group="dash-write")

    def action_add_win(self) -> None:
        from ..widgets.win_form import WinFormScreen

        def done(result: tuple[str, int | None] | None) -> None:
            if result is None:
                return
            text, attempt_id = result

            def write(ctx: AppContext) -> Changed:
                from ...services import dashboard_view

                with ctx.store.write() as s:
                    return dashboard_view.add_win(s, ctx.profile_id, text, attempt_id)

            self._write(write)

        open_dialog(self, WinFormScreen(), done)

    def action_undo(self) -> None:
        undo_stack = app_state(self).undo_stack
        if not undo_stack:
            self.notify("Nothing to undo: no attempt was logged in this session.", timeout=4)
            return
        attempt_id = undo_stack.pop()
        from ..widgets.why_panel import WhyPanel

        for panel in self.query(WhyPanel):
            if panel.attempt_id == attempt_id:
                panel.close()
        if self._last_no == attempt_id:
            self._last_no = None

        def write(ctx: AppContext) -> Changed:
            from ...services import dashboard_view

            with ctx.store.write() as s:
                return dashboard_view.undo(s, ctx.profile_id, attempt_id)

        self._write(write, lambda _: self.notify(f"Removed attempt #{attempt_id}.", timeout=3))
