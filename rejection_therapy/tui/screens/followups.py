"""Follow-ups (key f): what is due and overdue, and the attempts still waiting for a reply.

Tab "Follow-ups": due and overdue (``a`` shows upcoming too) with the original attempt's
reasons and notes; done (x), snooze (z), drop (delete). Tab "Waiting for reply": pending
attempts with their age, and recent silences; record a (late) reply on the
original attempt (o, then the reply). ``m`` opens the feedback request for the selected attempt (editable, copy
or save to a file); ``t`` edits the feedback template.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.coordinate import Coordinate
from textual.widgets import Button, DataTable, Header, Static, TabbedContent, TabPane

from ...core import learn
from ...core.silence import KIND_SHORT
from ..base import DataScreen, run_db
from ..safe import plain
from ..widgets.dialog import open_dialog
from ..widgets.feedback_modals import (
    FeedbackScreen,
    SnoozeScreen,
    TemplateScreen,
    edit_template,
    open_feedback_request,
)
from ..widgets.fit_footer import FitFooter
from ..widgets.followup_panel import detail_text
from ..widgets.tables import fit_flex
from ..widgets.today_table import cell

# The modals and detail_text lived here; they stay importable from this module.
__all__ = ["FeedbackScreen", "FollowUpData", "FollowUpsScreen", "SnoozeScreen", "TemplateScreen", "detail_text"]

SILENT_SHOWN = 50  # recent silences listed under the pending ones
ROWS_SHOWN = 2000  # follow-ups listed at most (oldest first); the counts cover them all


@dataclass
class FollowUpData:
    followups: list
    waiting: list
    counts: dict[str, int]


class FollowUpsScreen(DataScreen):
    DEFAULT_CSS = """
    FollowUpsScreen DataTable { height: 1fr; }
    FollowUpsScreen .fu-status { height: auto; padding: 0 1; color: $text-muted; }
    FollowUpsScreen #fu-detail { height: auto; max-height: 10; padding: 0 1;
        border: round $panel-lighten-2; border-title-color: $accent; }
    FollowUpsScreen .fu-buttons { height: auto; padding: 0 1; }
    FollowUpsScreen .fu-buttons Button { margin-right: 1; min-width: 8; }
    FollowUpsScreen .empty-state { height: auto; margin: 1 2; padding: 1 2; border: round $primary; }
    """
    BINDINGS = [
        Binding("x", "done", "Done", id="fu.done"),
        Binding("z", "snooze", "Snooze", id="fu.snooze"),
        Binding("delete", "drop", "Drop", id="fu.delete-key"),
        Binding("o", "reply_choose", "Reply…", id="fu.reply"),  # n/y/p log on the dashboard only
        Binding("m", "feedback", "Feedback request", id="fu.feedback"),
        Binding("t", "template", "Edit template", id="fu.template"),
        Binding("a", "toggle_all", "Due / all open", id="fu.toggle-all"),
        Binding("w", "switch_tab", "Follow-ups / waiting", id="fu.switch-tab"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_all = False
        self.data: FollowUpData | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="fu-tabs", initial="tab-followups"):
            with TabPane("Follow-ups", id="tab-followups"):
                yield Static("Loading…", id="fu-status", classes="fu-status")
                yield Static("", id="fu-empty", classes="empty-state")
                yield DataTable(id="fu-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="fu-detail")
                with Horizontal(classes="fu-buttons"):
                    yield Button("Done (x)", id="fu-done", variant="success")
                    yield Button("Snooze (z)", id="fu-snooze")
                    yield Button("Drop (del)", id="fu-drop", variant="warning")
                    yield Button("Feedback request (m)", id="fu-feedback")
                    yield Button("Template (t)", id="fu-template")
            with TabPane("Waiting for reply", id="tab-waiting"):
                yield Static("", id="wait-status", classes="fu-status")
                yield Static("", id="wait-empty", classes="empty-state")
                yield DataTable(id="wait-table", cursor_type="row", zebra_stripes=True)
                with Horizontal(classes="fu-buttons"):
                    yield Button("They said yes", id="wait-yes", variant="success")
                    yield Button("They said no", id="wait-no")
                    yield Button("Feedback request (m)", id="wait-feedback")
        yield FitFooter()

    def on_mount(self) -> None:
        self.title = "Follow-ups"
        fu = self.query_one("#fu-table", DataTable)
        # Who and Kind/Status share what the other columns leave, cut with "…" (whole at 80)
        fu.add_columns("#", "Date", "When")
        fu.add_column("Who", key="who", width=8)
        fu.add_columns("Channel", "Outcome")
        fu.add_column("Kind", key="kind", width=8)
        wt = self.query_one("#wait-table", DataTable)
        wt.add_columns("#", "Logged", "Waiting")
        wt.add_column("Who", key="who", width=8)
        wt.add_column("Channel")
        wt.add_column("Status", key="status", width=8)
        self.query_one("#fu-detail", Static).border_title = "The original attempt"
        self.query_one("#fu-empty").display = False
        self.query_one("#wait-empty").display = False

    # ---- data -------------------------------------------------------------------------

    def load_data(self, ctx: Any) -> FollowUpData:  # worker thread
        from ...services import followups, silence

        with ctx.store.write() as s:
            silence.sweep(s, ctx.profile_id)
            items = followups.list_followups(s, ctx.profile_id, due_only=not self.show_all, limit=ROWS_SHOWN)
            waiting = silence.waiting(s, ctx.profile_id, include_silent=SILENT_SHOWN)
            counts = followups.status_counts(s, ctx.profile_id)
        return FollowUpData(items, waiting, counts)

    def show_data(self, data: FollowUpData) -> None:  # UI thread
        self.data = data
        self._fill_followups(data)
        self._fill_waiting(data)

    def _fill_followups(self, data: FollowUpData) -> None:
        table = self.query_one("#fu-table", DataTable)
        keep = table.cursor_row
        table.clear()
        for f in data.followups:
            style = "bold" if f.status == "overdue" else ""
            table.add_row(
                Text(str(f.id)), Text(f.follow_up_on.isoformat()), Text(f.label, style=style),
                cell(f.target or "-"), plain(f.channel),
                Text(f.outcome, style="dim" if f.outcome == "silence" else ""), cell(KIND_SHORT.get(f.rejection_kind or "", "")),
                key=str(f.id),
            )
        c = data.counts
        # one line at 80 columns
        scope = "all open ones (a: due only)" if self.show_all else "due and overdue (a: all)"
        self.query_one("#fu-status", Static).update(
            f"{c['overdue']} overdue · {c['due']} due today · {c['upcoming']} upcoming · showing {scope}")
        empty = self.query_one("#fu-empty", Static)
        has_rows = bool(data.followups)
        empty.display = not has_rows
        table.display = has_rows
        self.query_one("#fu-detail").display = has_rows
        if not has_rows:
            if self.show_all:
                empty.update("No open follow-ups. Give any attempt a follow-up date in its form, or with\n"
                             "rejection-therapy followups set ID DATE. A 'not right now' no gets one by itself.")
            else:
                more = f" {c['upcoming']} upcoming: press a to see them." if c["upcoming"] else ""
                empty.update("Nothing is due today." + more)
        elif keep is not None:
            table.move_cursor(row=min(keep, table.row_count - 1))
        self._show_detail()
        self.call_after_refresh(self.fit_tables)

    def _fill_waiting(self, data: FollowUpData) -> None:
        table = self.query_one("#wait-table", DataTable)
        keep = table.cursor_row
        table.clear()
        pending = [w for w in data.waiting if w.outcome == "pending"]
        for w in data.waiting:
            if w.outcome == "pending":
                status = cell(f"silence in {w.days_left}d" if w.days_left else "silence at next check")
            else:
                status = cell(f"silence (no reply after {w.window_days}d)", "dim")
            table.add_row(Text(str(w.id)), Text(w.local_day.isoformat()), Text(learn.age_label(w.age_days)),
                          cell(w.target or "-"), plain(w.channel), status, key=str(w.id))
        silent = len(data.waiting) - len(pending)
        self.query_one("#wait-status", Static).update(
            f"{len(pending)} waiting for a reply (oldest first), then {silent} recent silence"
            f"{'s' if silent != 1 else ''}. Silence is not a no. Got an answer? y or n.")
        empty = self.query_one("#wait-empty", Static)
        empty.display = not data.waiting
        table.display = bool(data.waiting)
        if not data.waiting:
            empty.update("Nothing is waiting for a reply. Log a sent pitch or email as pending (p on the "
                         "dashboard) and it shows up here until they answer.")
        elif keep is not None:
            table.move_cursor(row=min(keep, table.row_count - 1))

    # ---- selection ----------------------------------------------------------------------

    def _on_waiting_tab(self) -> bool:
        return self.query_one("#fu-tabs", TabbedContent).active == "tab-waiting"

    def _selected_id(self, table_id: str) -> int | None:
        table = self.query_one(table_id, DataTable)
        if not table.row_count or not table.display:
            return None
        row_key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key
        return int(row_key.value) if row_key.value is not None else None

    def selected_followup(self) -> Any:
        aid = self._selected_id("#fu-table")
        if aid is None or self.data is None:
            return None
        return next((f for f in self.data.followups if f.id == aid), None)

    def _show_detail(self) -> None:
        f = self.selected_followup()
        self.query_one("#fu-detail", Static).update(detail_text(f) if f else "")

    @on(DataTable.RowHighlighted, "#fu-table")
    def _highlighted(self) -> None:
        self._show_detail()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        waiting = self._on_waiting_tab()
        if action in ("done", "snooze", "drop", "toggle_all", "template"):
            return not waiting  # hidden from the footer on the other tab
        if action == "reply":
            return waiting
        return True

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()
        self.call_after_refresh(self.fit_tables)

    def fit_tables(self) -> None:
        fit_flex(self.query_one("#fu-table", DataTable), ("who", "kind"), minimum=8)
        fit_flex(self.query_one("#wait-table", DataTable), ("who", "status"), minimum=8)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_tables)  # after the layout settles

    # ---- actions ------------------------------------------------------------------------

    def _write(self, fn, message: str) -> None:
        def done(_result: Any) -> None:
            self.notify(message, timeout=3)
            self.reload()

        run_db(self, fn, done)

    def _followup_or_warn(self) -> Any:
        f = self.selected_followup()
        if f is None:
            self.notify("Select a follow-up first.", severity="warning")
        return f

    def action_done(self) -> None:
        from ...services import followups

        if (f := self._followup_or_warn()) is not None:
            self._write(lambda ctx: _in_write(ctx, followups.mark_done, f.id), f"Follow-up #{f.id} done.")

    def action_drop(self) -> None:
        from ...services import followups

        if (f := self._followup_or_warn()) is not None:
            self._write(lambda ctx: _in_write(ctx, followups.drop, f.id), f"Follow-up #{f.id} dropped.")

    def action_snooze(self) -> None:
        from ...services import followups

        f = self._followup_or_warn()
        if f is None:
            return

        def chosen(days: int | None) -> None:
            if days:
                self._write(lambda ctx: _in_write(ctx, followups.snooze, f.id, days),
                            f"Follow-up #{f.id} snoozed for {days} day{'s' if days != 1 else ''}.")

        open_dialog(self, SnoozeScreen(), chosen)

    def action_reply_choose(self) -> None:
        """o: choose the reply (yes, no, …) in a small dialog, as on the attempt log."""
        aid = self._selected_id("#wait-table")
        if aid is None:
            self.notify("Select an attempt in the waiting list first.", severity="warning")
            return
        from .log_parts import OutcomeScreen

        def chosen(outcome: str | None) -> None:
            if outcome:
                self.action_reply(outcome)

        open_dialog(self, OutcomeScreen(aid, "pending"), chosen)

    def action_reply(self, outcome: str) -> None:
        aid = self._selected_id("#wait-table")
        if aid is None:
            self.notify("Select an attempt in the waiting list first.", severity="warning")
            return
        from ...services import silence

        self._write(lambda ctx: _in_write(ctx, silence.record_reply, aid, outcome),
                    f"Reply recorded on #{aid}: {outcome}.")

    def action_feedback(self) -> None:
        aid = self._selected_id("#wait-table" if self._on_waiting_tab() else "#fu-table")
        if aid is None:
            self.notify("Select an attempt first.", severity="warning")
            return
        open_feedback_request(self, aid)

    def action_template(self) -> None:
        edit_template(self)

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self.reload()

    def action_switch_tab(self) -> None:
        tabs = self.query_one("#fu-tabs", TabbedContent)
        tabs.active = "tab-followups" if tabs.active == "tab-waiting" else "tab-waiting"
        self.query_one("#wait-table" if tabs.active == "tab-waiting" else "#fu-table", DataTable).focus()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        actions = {
            "fu-done": self.action_done, "fu-snooze": self.action_snooze, "fu-drop": self.action_drop,
            "fu-feedback": self.action_feedback, "fu-template": self.action_template,
            "wait-feedback": self.action_feedback,
            "wait-yes": lambda: self.action_reply("yes"), "wait-no": lambda: self.action_reply("no"),
        }
        if event.button.id in actions:
            event.stop()
            actions[event.button.id]()


def _in_write(ctx: Any, fn, *args: Any) -> Any:
    with ctx.store.write() as s:
        return fn(s, ctx.profile_id, *args)
