"""The wins journal: small wins grouped by day, newest first; add, edit, link, delete with undo."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual.widgets.data_table import ColumnKey

from ..base import run_db, undo_last
from ..safe import plain
from ..widgets.dialog import open_dialog
from ..widgets.fit_footer import FitFooter
from ..widgets.tables import back_from_modal, fit_columns, share_widths
from .screen_commands import ScreenCommands

STYLES = Path(__file__).resolve().parent.parent / "styles" / "screens.tcss"
EMPTY = (
    "No small wins yet.\n\n"
    "Made all your calls? Had a good conversation? Learned something about your pitch?\n"
    "Press a to write it down."
)
WIN_WIDTH = 60
# (key, minimum, preferred): the win takes the width the others leave, at least 40 cells;
# the attempt column gives way first on a narrow terminal (listed first: shrunk first)
COLUMN_SPECS = [("attempt", 12, 28), ("day", 11, 11), ("time", 5, 5), ("text", 40, WIN_WIDTH)]


def day_label(day: date, today: date) -> str:
    if day == today:
        return "Today"
    if day == today - timedelta(days=1):
        return "Yesterday"
    return day.strftime("%a %d %b" if day.year == today.year else "%d %b %Y")


def one_line(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class WinsScreen(Screen):
    COMMANDS = {ScreenCommands}
    TITLE = "Wins journal"
    CSS_PATH = STYLES
    BINDINGS = [
        Binding("a", "add", "Add a win", id="wins.add"),
        Binding("e", "edit", "Edit", id="wins.edit"),
        Binding("k", "link", "Link to attempt", id="wins.link"),
        Binding("x", "delete", "Delete", id="wins.delete"),
        Binding("delete", "delete", "Delete", show=False, id="wins.delete-key"),
        Binding("u", "undo", "Undo delete", id="wins.undo"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, Any] = {}
        self.undo_stack: list[dict[str, Any]] = []
        self._in_modal = False
        self._loaded = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="wins-status", classes="status-line")
        table = DataTable(id="wins-table", cursor_type="row", zebra_stripes=False)
        table.add_column("Day", key="day", width=11)
        table.add_column("Time", key="time", width=5)
        table.add_column("Win", key="text", width=WIN_WIDTH)
        table.add_column("Attempt", key="attempt", width=28)
        yield table
        yield Static("", id="wins-detail", classes="detail")
        yield Static(EMPTY, id="wins-empty", classes="empty-state")
        yield FitFooter()

    def on_mount(self) -> None:
        self.query_one("#wins-empty").display = False
        self.query_one("#wins-detail").display = False
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        total = self.size.width - 2 * len(COLUMN_SPECS) - 2  # cell padding, scrollbar
        fit_columns(self.query_one(DataTable), share_widths(total, COLUMN_SPECS, ("text",)))

    def on_screen_resume(self) -> None:
        if back_from_modal(self):
            return
        self.reload()

    # ---------------------------------------------------------------- loading
    def reload(self, keep: int | None = None) -> None:
        def load(ctx: Any) -> Any:
            from ...services import journal

            with ctx.store.read() as s:
                return journal.wins_page(s, ctx.profile_id)

        run_db(self, load, lambda view: self.show(view, keep), group="wins-load", exclusive=True)

    def show(self, view: Any, keep: int | None = None) -> None:
        table = self.query_one(DataTable)
        previous = table.cursor_row
        table.clear()
        self.lines = {}
        last_day = None
        for w in view.lines:
            self.lines[w.id] = w
            first = w.local_day != last_day
            last_day = w.local_day
            day = Text(day_label(w.local_day, view.today), style="bold") if first else Text("")
            attempt = plain(w.attempt_label or (f"#{w.attempt_id}" if w.attempt_id else ""), style="dim")
            text = plain(one_line(w.text, 200))
            text.no_wrap, text.overflow = True, "ellipsis"  # a narrow column ends in "…", not a cut word
            table.add_row(day, Text(w.time, style="dim"), text, attempt, key=str(w.id))
        self._loaded = True
        empty = not view.lines
        table.display = not empty
        self.query_one("#wins-empty").display = empty
        days = len({w.local_day for w in view.lines})
        status = self.query_one("#wins-status", Static)
        if empty:
            status.update("Your small-wins journal")
        else:
            n = len(view.lines)
            status.update(f"{n} small win{'s' if n != 1 else ''} on {days} day{'s' if days != 1 else ''}, "
                          "newest first · a adds one")
        if keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        elif table.row_count:
            table.move_cursor(row=min(previous, table.row_count - 1))
        self._show_detail()

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_edit()

    def _show_detail(self) -> None:
        detail = self.query_one("#wins-detail", Static)
        w = self._current(quiet=True)
        width = self.query_one(DataTable).columns[ColumnKey("text")].width
        if w is None or (len(w.text) <= width and "\n" not in w.text):
            detail.display = False
            return
        detail.update(plain(w.text, multiline=True))
        detail.display = True

    def _current(self, quiet: bool = False) -> Any:
        table = self.query_one(DataTable)
        if not table.row_count:
            if not quiet:
                self.notify("There is no win here yet; press a to add one.", severity="warning")
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return self.lines.get(int(key.value))

    # ---------------------------------------------------------------- actions
    def action_add(self) -> None:
        from ..widgets.win_form import WinFormScreen

        if open_dialog(self, WinFormScreen(title="A small win"), self._save_new):
            self._in_modal = True

    def _save_new(self, result: tuple[str, int | None] | None) -> None:
        if result is None:
            return
        text, attempt_id = result

        def save(ctx: Any) -> int:
            from ...services import wins

            with ctx.store.write() as s:
                return wins.add_win(s, ctx.profile_id, text, attempt_id).id

        def done(win_id: int) -> None:
            self.notify("Win saved. Well done.", title="Small win")
            self.reload(keep=win_id)

        run_db(self, save, done)

    def action_edit(self, focus_attempt: bool = False) -> None:
        w = self._current()
        if w is None:
            return
        from ..widgets.win_form import WinFormScreen

        form = WinFormScreen(w.text, w.attempt_id, title=f"Edit the win of {w.local_day.isoformat()}")
        if not open_dialog(self, form, lambda result: self._save_edit(w.id, result)):
            return  # Enter Enter in one burst: the first opened the form
        self._in_modal = True
        if focus_attempt:
            def focus() -> None:
                try:
                    form.query_one("#win-attempt").focus()
                except Exception:  # noqa: BLE001 - only a convenience
                    pass

            self.call_after_refresh(focus)

    def action_link(self) -> None:
        self.action_edit(focus_attempt=True)

    def _save_edit(self, win_id: int, result: tuple[str, int | None] | None) -> None:
        if result is None:
            return
        text, attempt_id = result

        def save(ctx: Any) -> None:
            from ...services import wins

            with ctx.store.write() as s:
                wins.edit_win(s, ctx.profile_id, win_id, text, attempt_id)

        def done(_: None) -> None:
            self.notify("Win updated.")
            self.reload(keep=win_id)

        run_db(self, save, done)

    def action_delete(self) -> None:
        w = self._current()
        if w is None:
            return

        def delete(ctx: Any) -> dict[str, Any]:
            from ...services import wins

            with ctx.store.write() as s:
                return wins.delete_win(s, ctx.profile_id, w.id)

        def done(snapshot: dict[str, Any]) -> None:
            self.undo_stack.append(snapshot)
            self.notify(f"Deleted the win: {one_line(w.text, 40)} Press u to undo.",
                        title="Deleted", timeout=8, markup=False)
            self.reload()

        run_db(self, delete, done)

    def action_undo(self) -> None:
        from ...services import wins

        def done(win_id: int) -> None:
            self.notify("The win is back.", title="Restored")
            self.reload(keep=win_id)

        undo_last(self, wins.restore_win, done)
