"""The Team feed: lessons teammates shared from their no's, newest first.

People learn more from others' failures than from their own (Eskreis-Winkler & Fishbach
2019). Each row is the day, who shared it (or "a teammate"), the kind of no, the channel and
the lesson: never a target or notes. `x` withdraws a lesson you shared. Every text here is
someone's typing: shown literally, control characters removed.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Static

from ...core.silence import KIND_LABELS
from ..base import DataScreen, run_db
from ..safe import plain
from ..widgets.fit_footer import FitFooter
from .screen_commands import ScreenCommands

EMPTY = ("No shared lessons yet. After a no, press ctrl+l in the why? panel to share its lesson "
         "(the lesson, not the name), or run: rejection-therapy team share ATTEMPT_ID")
HINT = "Lessons teammates chose to share: the kind of no, the channel and what they learned."


class TeamFeedScreen(DataScreen):
    TITLE = "Team feed"
    COMMANDS = {ScreenCommands}
    DEFAULT_CSS = """
    TeamFeedScreen #tf-body { padding: 0 1; height: 1fr; }
    TeamFeedScreen #tf-hint { color: $text-muted; height: auto; margin-bottom: 1; }
    TeamFeedScreen #tf-empty { height: auto; color: $text-muted; }
    TeamFeedScreen #tf-table { height: 1fr; }
    """
    BINDINGS = [
        Binding("x", "withdraw", "Withdraw mine", id="tf-withdraw"),
        Binding("escape", "app.go('dashboard')", "Dashboard", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="tf-body"):
            yield Static(HINT, id="tf-hint")
            yield Static("", id="tf-empty")
            yield DataTable(id="tf-table", cursor_type="row", zebra_stripes=True)
        yield FitFooter()

    def on_mount(self) -> None:
        self.title = "Team feed"
        self.query_one("#tf-table", DataTable).add_columns("Day", "Who", "Kind", "Channel", "Lesson")

    def load_data(self, ctx: Any) -> Any:  # worker thread
        from ...services import lessons

        with ctx.store.read() as s:
            return lessons.feed(s, ctx.profile_id)

    def show_data(self, data: Any) -> None:  # UI thread
        self.items = list(data or [])
        self.query_one("#tf-empty", Static).update("" if self.items else EMPTY)
        table = self.query_one("#tf-table", DataTable)
        table.display = bool(self.items)
        cursor = table.cursor_row if table.row_count else 0
        table.clear()
        for i in self.items:
            table.add_row(
                Text(i.day.isoformat()),
                plain(i.who, "bold" if i.mine else ""),
                Text(KIND_LABELS.get(i.kind or "", "—")),
                plain(i.channel),
                plain(i.lesson),
                key=str(i.id),
            )
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    def action_withdraw(self) -> None:
        table = self.query_one("#tf-table", DataTable)
        if not self.items or not table.row_count:
            return
        item = self.items[min(table.cursor_row, len(self.items) - 1)]
        if not item.mine:
            self.notify("Only the teammate who shared a lesson can withdraw it.", markup=False)
            return

        def work(ctx: Any) -> bool:
            from ...services import lessons

            with ctx.store.write() as s:
                return lessons.withdraw_item(s, ctx.profile_id, item.id)

        def done(ok: bool) -> None:
            self.notify("Withdrawn from the team feed." if ok else "It was already withdrawn.",
                        markup=False)
            self.reload()

        run_db(self, work, done, group="tf-withdraw", exclusive=True)
