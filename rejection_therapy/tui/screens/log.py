"""The attempt log: every attempt, newest first, filtered, edited, deleted with undo.

Rows come one page at a time (keyset paging in ``services.journal.log_page``); the next page
loads when the cursor or the scrollbar nears the end, so 100,000 attempts open as fast as 200.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Select, Static

from ...core.errors import RTError
from ...core.silence import KIND_LABELS, OUTCOMES
from ..base import report_error, run_db
from ..safe import plain
from ..widgets.fit_footer import FitFooter
from ..widgets.framed import FramedInput
from ..widgets.tables import back_from_modal, fit_columns
from .log_actions import LogActions
from .log_filter import SEARCH_HELP, SEARCH_PLACEHOLDER, LogFilters, filtered_count, filtered_page
from .log_parts import COLUMNS, NEAR_END, LogTable, OutcomeScreen, log_widths, row_cells
from .screen_commands import ScreenCommands

if TYPE_CHECKING:
    from ..app_services import DataChanged

__all__ = ["AttemptLogScreen", "OutcomeScreen"]

STYLES = Path(__file__).resolve().parent.parent / "styles" / "screens.tcss"


class AttemptLogScreen(LogFilters, LogActions, Screen):
    COMMANDS = {ScreenCommands}
    TITLE = "Attempt log"
    CSS_PATH = STYLES
    AUTO_FOCUS = "#log-table"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("e", "edit", "Edit", id="log.edit"),
        Binding("o", "outcome", "Outcome", id="log.outcome"),
        Binding("x", "delete", "Delete", id="log.delete"),
        Binding("delete", "delete", "Delete", show=False, id="log.delete-key"),
        Binding("u", "undo", "Undo delete", id="log.undo"),
        Binding("slash", "search", "Search", id="log.search"),
        Binding("ctrl+x", "clear_filters", "Clear filters", id="log.clear"),
        Binding("escape", "focus_table", "Table", show=False, id="log.focus-table"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[int, Any] = {}
        self.last_cursor: Any = None
        self.more = False
        self.busy = False
        self.total: int | None = None
        self.generation = 0
        self.undo_stack: list[dict[str, Any]] = []
        self.filter_error: str | None = None
        self._in_modal = False
        self._search_timer: Any = None
        self._resumed_at = 0.0
        self._loaded_filter: Any = None  # the typed filters (ListQuery) of the rows shown
        self._filter: Any = None  # the query they became (services.attempts.Filter), for paging

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="log-filters", classes="filter-bar"):
            yield FramedInput(placeholder="since (date, -7d)", id="f-since", max_length=24)
            yield FramedInput(placeholder="until (date, -1d)", id="f-until", max_length=24)
            yield Select([(o, o) for o in OUTCOMES], prompt="any outcome", id="f-outcome", compact=True)
            yield Select([], prompt="any channel", id="f-channel", compact=True)
            yield Select([(label, k) for k, label in KIND_LABELS.items()], prompt="any kind",
                         id="f-kind", compact=True)
            search = FramedInput(placeholder=SEARCH_PLACEHOLDER, id="f-search", max_length=400)
            search.tooltip = SEARCH_HELP
            yield search
        yield Static("Loading…", id="log-status", classes="status-line")
        table = LogTable(id="log-table", cursor_type="row", zebra_stripes=True)
        for label, key, width in COLUMNS:
            table.add_column(label, key=key, width=width)
        yield table
        yield Static(
            "No attempts yet. Every call, email, pitch or ask you log shows up here, newest first.\n"
            "Press d for the dashboard and n, y or p to log one.",
            id="log-empty", classes="empty-state",
        )
        yield FitFooter()

    def on_mount(self) -> None:
        self.query_one("#log-empty").display = False
        self.query_one(LogTable).focus()

    def on_resize(self) -> None:
        """Every column fits the width; the note column takes what the others leave."""
        fit_columns(self.query_one(LogTable), log_widths(self.size.width))

    def on_screen_resume(self) -> None:
        if back_from_modal(self):
            return
        now = time.monotonic()
        if now - self._resumed_at < 0.5:  # a mode switch can resume the screen twice
            return
        self._resumed_at = now
        # Coming back: the same rows (up to a few pages) and the same line, refreshed.
        self.reload(stay=True, minimum=min(self.query_one(LogTable).row_count, 2000))
        run_db(self, self._channels, self._show_channels, group="log-channels")

    def on_data_changed(self, _message: DataChanged) -> None:  # another writer
        if not self._in_modal:
            self.reload(stay=True, minimum=min(self.query_one(LogTable).row_count, 2000))

    # ---------------------------------------------------------------- loading
    @staticmethod
    def _channels(ctx: Any) -> tuple[str, ...]:
        from ...services import journal

        with ctx.store.read() as s:
            return journal.channels(s, ctx.profile_id)

    def _show_channels(self, channels: tuple[str, ...]) -> None:
        select = self.query_one("#f-channel", Select)
        current = select.value
        with self.prevent(Select.Changed):  # same filter: no reload
            select.set_options([(plain(c), c) for c in channels])
            if current in channels:
                select.value = current

    def reload(self, keep: int | None = None, minimum: int = 0, stay: bool = False,
               force: bool = True) -> None:
        """Load the first page again (at least ``minimum`` rows); put the cursor on ``keep``,
        else on the same line (``stay``, coming back to the screen) or on the first row.
        Without ``force`` nothing is read when the filter did not change."""
        f = self.current_filter()
        if f is None:
            self._status()
            return
        if not force and f == self._loaded_filter:
            self._status()
            return
        self._loaded_filter = f
        self.generation += 1
        gen = self.generation
        self.busy = True
        from ...services.journal import PAGE

        limit = max(PAGE, minimum)

        run_db(self, lambda ctx: filtered_page(ctx, f, limit), lambda got: self._show_first(gen, got, keep, stay),
               group="log-load", exclusive=True, on_error=self._load_failed)
        self.total = None

        def counted(total: int) -> None:
            if gen == self.generation:
                self.total = total
                self._status()

        # apart from the page: a text search scans every row (a bad filter: the load says so)
        run_db(self, lambda ctx: filtered_count(ctx, f), counted, group="log-count", exclusive=True,
               on_error=lambda _err: None)

    def _load_failed(self, err: BaseException) -> None:
        self.busy = False
        self._loaded_filter = None  # let the next change try again
        if isinstance(err, RTError):  # a filter the rule refuses (an unknown challenge…): one line
            self.filter_error = str(err)
        else:
            report_error(self.app, err)
        self._status()

    def _show_first(self, gen: int, got: Any, keep: int | None, stay: bool) -> None:
        if gen != self.generation:
            return
        self._filter, page = got
        table = self.query_one(LogTable)
        previous = table.cursor_row
        table.clear()
        self.rows.clear()
        self._append(page)
        if keep is not None and keep in self.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        elif table.row_count:
            table.move_cursor(row=min(previous, table.row_count - 1) if stay else 0, scroll=True)

    def _append(self, page: Any) -> None:
        table = self.query_one(LogTable)
        for r in page.rows:
            if r.id in self.rows:
                continue
            self.rows[r.id] = r
            table.add_row(*row_cells(r), key=str(r.id))
        if page.rows:
            self.last_cursor = page.rows[-1].cursor
        self.more = page.more
        self.busy = False
        self._status()

    def load_more(self) -> None:
        if self.busy or not self.more or self.last_cursor is None or self._filter is None:
            return
        f = self._filter
        self.busy = True
        gen, after = self.generation, self.last_cursor

        def load(ctx: Any) -> Any:
            from ...services import journal

            with ctx.store.read() as s:
                return journal.log_page(s, ctx.profile_id, f, after=after)

        def done(page: Any) -> None:
            if gen == self.generation:
                self._append(page)

        run_db(self, load, done, group="log-more", on_error=self._load_failed)

    def _status(self) -> None:
        status = self.query_one("#log-status", Static)
        table = self.query_one(LogTable)
        empty = self.query_one("#log-empty")
        if self.filter_error:
            status.update(plain(self.filter_error))
            status.add_class("-error")
            return
        status.remove_class("-error")
        shown = table.row_count
        filtered = self._filter_active()
        if shown == 0 and not self.busy:
            table.display = False
            empty.display = True
            empty.update("No attempt matches these filters. Ctrl+X clears them." if filtered else
                         "No attempts yet. Every call, email, pitch or ask you log shows up here, "
                         "newest first.\nPress d for the dashboard and n, y or p to log one.")
        else:
            table.display = True
            empty.display = False
        total = f"{self.total:,}" if self.total is not None else "…"
        word = "matching" if filtered else "in the log"
        more = " · more below" if self.more else ""
        status.update(f"Showing {shown:,} of {total} attempts {word}, newest first{more}")

    # ---------------------------------------------------------------- filter events
    @on(Input.Submitted, "#f-since, #f-until, #f-search")
    def _submitted(self, event: Input.Submitted) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self.reload(force=False)
        if event.input.id == "f-search" and not self.filter_error:
            self.query_one(LogTable).focus()

    @on(Input.Blurred, "#f-since, #f-until")
    def _date_blurred(self) -> None:
        self.reload(force=False)

    @on(Input.Changed, "#f-search")
    def _search_changed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(0.35, lambda: self.reload(force=False))

    @on(Select.Changed)
    def _select_changed(self) -> None:
        if self.is_mounted:
            self.reload(force=False)

    @on(LogTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= event.data_table.row_count - NEAR_END:
            self.load_more()

    @on(LogTable.NearEnd)
    def _near_end(self) -> None:
        self.load_more()

    @on(LogTable.RowSelected)
    def _selected(self) -> None:
        self.action_edit()

    # ---------------------------------------------------------------- actions
    def action_focus_table(self) -> None:
        self.query_one(LogTable).focus()
