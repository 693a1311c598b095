"""Parts of the dashboard: what it loads (``DashData``, ``load``) and what it edits after a
log (a row of today's table, the why? answers, wins, undo), as a mixin of DashboardScreen."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.message import Message

from ..base import run_db

if TYPE_CHECKING:
    from ...core.attempts import AttemptInput

log = logging.getLogger("rejection_therapy.tui")


@dataclass
class DashboardShown(Message):
    """New figures for the dashboard (a load, or the view a write returned). The dashboard
    posts it to each of its widgets (counters, today's attempts, wins), which show their part."""

    data: DashData
    bubble = False


@dataclass
class DashData:
    summary: Any  # core.today.TodaySummary
    cap: int | None
    effort_only: bool
    panels: list[tuple[Any, Any, BaseException | None]] = field(default_factory=list)


def load(ctx: Any, panels: list[Any], sweep: bool) -> DashData:
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


def fetch_panels(ctx: Any, panels: list[Any]) -> list[tuple[Any, Any, BaseException | None]]:
    """Worker thread: each feature panel's data (a broken panel is reported, not fatal)."""
    results = []
    for panel in panels:
        try:
            results.append((panel, panel.fetch(ctx), None))
        except Exception as err:  # noqa: BLE001 - one broken panel must not hide the dashboard
            results.append((panel, None, err))
    return results


def from_view(view: Any) -> DashData:
    """A services.dashboard_view.DashboardView as the dashboard's data (panels unchanged)."""
    return DashData(view.summary, view.cap, view.effort_only, [])


def make_panels() -> list[Any]:
    from ..app import load_class
    from ..widgets.panel import DASHBOARD_PANELS

    panels = []
    for spec in DASHBOARD_PANELS:
        module, _, name = spec.partition(":")
        try:
            cls = load_class(module, name)
            if cls is not None:
                panels.append(cls())
        except Exception:  # noqa: BLE001
            log.exception("dashboard panel %s failed to load", spec)
    return panels


class DashboardEdits:
    """Editing from the dashboard; a write returns the view to show (``self.show_view``)."""

    app: Any
    _last_no: int | None

    def on_data_table_row_selected(self, event: Any) -> None:
        """Enter or a click on a row of today's attempts: edit that attempt in the full form."""
        if event.data_table.id != "today-attempts":
            return
        attempt_id = int(str(event.row_key.value))

        def read(ctx: Any) -> AttemptInput:
            from ...services.attempts import get, to_input

            with ctx.store.read() as s:
                return to_input(get(s, ctx.profile_id, attempt_id))

        def edit_it(initial: AttemptInput) -> None:
            from ..widgets.attempt_form import AttemptFormScreen

            def done(data: AttemptInput | None) -> None:
                if data is None:
                    return

                def write(ctx: Any) -> Any:
                    from ...services import dashboard_view

                    with ctx.store.write() as s:
                        return dashboard_view.edit(s, ctx.profile_id, attempt_id, data)

                run_db(self, write, lambda changed: self.show_view(changed.view), group="dash-write")

            self.app.push_screen(AttemptFormScreen(initial, title=f"Edit attempt #{attempt_id}"), done)

        run_db(self, read, edit_it, group="dash-write")

    # ---- why panel, wins, undo ------------------------------------------------------

    def action_why(self) -> None:
        if self._last_no is None:
            self.notify("Log a no first (n); the why? panel follows it.", timeout=4)
            return
        self.why_panel().open(self._last_no)

    def on_why_panel_saved(self, event: Any) -> None:  # WhyPanel.Saved
        sting = getattr(event, "sting", "")  # how bad it felt (predict, then compare)
        share = getattr(event, "share", False)
        if not (event.kind or event.stated_reason.strip() or event.real_reason.strip() or sting or share):
            return

        def write(ctx: Any) -> None:
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

            def write(ctx: Any) -> Any:
                from ...services import dashboard_view

                with ctx.store.write() as s:
                    return dashboard_view.add_win(s, ctx.profile_id, text, attempt_id)

            run_db(self, write, lambda changed: self.show_view(changed.view), group="dash-write")

        self.app.push_screen(WinFormScreen(), done)

    def action_undo(self) -> None:
        app: Any = self.app
        if not app.state.undo_stack:
            self.notify("Nothing to undo: no attempt was logged in this session.", timeout=4)
            return
        attempt_id = app.state.undo_stack.pop()
        for panel in self.query("#why-panel"):
            if getattr(panel, "attempt_id", None) == attempt_id:
                panel.close()
        if self._last_no == attempt_id:
            self._last_no = None

        def write(ctx: Any) -> Any:
            from ...services import dashboard_view

            with ctx.store.write() as s:
                return dashboard_view.undo(s, ctx.profile_id, attempt_id)

        def done(changed: Any) -> None:
            self.notify(f"Removed attempt #{attempt_id}.", timeout=3)
            self.show_view(changed.view)

        run_db(self, write, done, group="dash-write")
