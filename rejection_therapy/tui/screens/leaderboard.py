"""The Leaderboard screen (key b): who collects the most no's.

The board of the selected competition (rank, name, count, gap to the leader, a trend of counts
per day, and when tied, the moment each reached the count), the list of running and past
competitions (Enter or click shows one), and a modal to start a competition. It refreshes by
itself every few seconds on a shared PostgreSQL store (every 30 s on SQLite), only while shown.
Names come from other members: always shown literally, control characters removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import (
    DataTable,
    Header,
    Static,
)

from ...core.competition import place_label
from ..base import DataScreen
from ..safe import plain
from ..widgets.dialog import open_dialog
from ..widgets.fit_footer import FitFooter
from ..widgets.tables import fit_flex
from ..widgets.today_table import cell
from .start_competition import StartCompetitionScreen

SHARED_REFRESH_S = 3.0
LOCAL_REFRESH_S = 30.0

EMPTY = (
    "No competition yet.\n\n"
    "A competition is a race between profiles over a period: who collects the most no's "
    "(or attempts). Silence never counts as a no.\n\n"
    "Press + to start one. Add people with o (profiles), or point every member's app at one "
    "shared PostgreSQL database (REJECTION_THERAPY_DB=postgresql+psycopg://user@host/db)."
)


@dataclass
class LeaderboardData:
    items: list[Any]  # CompetitionInfo, running first
    board: Any  # services.competitions.Board | None
    profiles: list[str]
    me: str
    closed_now: list[Any]
    refusal: str | None = None  # why this login may not start a competition (a team member)


def refresh_interval(location: Any) -> float:
    """Seconds between automatic refreshes: shared stores change under you."""
    return LOCAL_REFRESH_S if location is None or getattr(location, "is_sqlite", True) else SHARED_REFRESH_S


class LeaderboardScreen(DataScreen):
    DEFAULT_CSS = """
    LeaderboardScreen #lb-body { height: 1fr; padding: 0 1; }
    LeaderboardScreen #lb-main { width: 2fr; height: 1fr; }
    LeaderboardScreen #lb-side { width: 1fr; height: 1fr; margin-left: 1; }
    LeaderboardScreen #lb-title { text-style: bold; color: $accent; height: auto; }
    LeaderboardScreen #lb-sub { color: $text-muted; height: auto; margin-bottom: 1; }
    LeaderboardScreen #lb-board { height: 1fr; }
    LeaderboardScreen #lb-history { height: 1fr; border: round $panel-lighten-2; }
    LeaderboardScreen #lb-empty { color: $text-muted; padding: 1 2; height: auto; }
    LeaderboardScreen #lb-history-title { color: $text-muted; height: auto; }
    /* Below 100 columns the competitions go under the board, so neither table is cut */
    LeaderboardScreen.-narrow #lb-body { layout: vertical; }
    LeaderboardScreen.-narrow #lb-main { width: 1fr; height: 3fr; }
    LeaderboardScreen.-narrow #lb-side { width: 1fr; height: 2fr; margin-left: 0; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("plus", "start", "Start a competition", id="lb-start"),  # n/y/p log on the dashboard only
        Binding("ctrl+r", "refresh", "Refresh", id="lb-refresh"),
        Binding("o", "app.go('profiles')", "Profiles", id="lb-profiles"),
        Binding("tab", "app.focus_next", "Board/history", show=False, id="lb.focus-next"),
        Binding("escape", "app.back", "Back", show=False, id="lb-back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.selected: str | None = None  # competition name (None: the default one)
        self.data: LeaderboardData | None = None
        self._timer: Any = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="lb-body"):
            with Vertical(id="lb-main"):
                yield Static("Leaderboard", id="lb-title")
                yield Static("Loading…", id="lb-sub")
                yield Static(EMPTY, id="lb-empty")
                yield DataTable(id="lb-board", cursor_type="row", zebra_stripes=True)
            with Vertical(id="lb-side"):
                yield Static("Competitions (Enter shows one)", id="lb-history-title")
                yield DataTable(id="lb-history", cursor_type="row")
        yield FitFooter()

    def on_mount(self) -> None:
        self.title = "Leaderboard"
        board = self.query_one("#lb-board", DataTable)
        board.add_column("Place")
        board.add_column("Name", key="name", width=8)  # takes what the others leave, cut with "…"
        board.add_columns("Count", "Gap", "Best day", "Trend", "Reached it")
        history = self.query_one("#lb-history", DataTable)
        history.add_column("Competition", key="name", width=11)
        history.add_column("State", key="state", width=8)
        self.query_one("#lb-empty").display = False
        self._timer = self.set_interval(refresh_interval(getattr(self.app, "location", None)), self._tick)

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self._timer is not None:
            self._timer.resume()

    def on_screen_suspend(self) -> None:
        if self._timer is not None:
            self._timer.pause()

    def _tick(self) -> None:
        if self.is_current and getattr(self.app, "bridge", None) is not None and self.app.bridge.ready:
            self.reload()

    # ---- data -------------------------------------------------------------------------

    def load_data(self, ctx: Any) -> LeaderboardData:  # worker thread
        from ...core.errors import RTError
        from ...services import competitions, profiles

        closed: list[Any] = []
        with ctx.store.read() as s:
            items = competitions.list_competitions(s, ctx.profile_id)
        if any(c.due_to_close for c in items):
            with ctx.store.write() as s:
                closed = competitions.close_due(s, ctx.profile_id)
        with ctx.store.read() as s:
            if closed:
                items = competitions.list_competitions(s, ctx.profile_id)
            names = [p.name for p in profiles.list_profiles(s)]
            board = None
            if items:
                wanted = self.selected if self.selected in {c.name for c in items} else None
                board = competitions.board(s, ctx.profile_id, wanted)
            refusal = None
            try:
                competitions.require_change(s, "INSERT", "start a competition")
            except RTError as err:
                refusal = str(err)
        return LeaderboardData(items, board, names, ctx.profile.name, closed, refusal)

    def show_data(self, data: LeaderboardData) -> None:  # UI thread
        self.data = data
        for c in data.closed_now:
            who = f"{c.winner} won." if c.winner else "No clear winner."
            self.notify(plain(f"{c.name} is over. {who}").plain, title="Competition closed", markup=False)
        empty = data.board is None
        self.query_one("#lb-empty").display = empty
        self.query_one("#lb-board").display = not empty
        self._show_history(data)
        self.call_after_refresh(self.fit_tables)
        if empty:
            self.query_one("#lb-title", Static).update("Leaderboard")
            self.query_one("#lb-sub", Static).update(
                "Just you so far." if len(data.profiles) < 2 else f"{len(data.profiles)} profiles on this store."
            )
            return
        self._show_board(data.board)

    def fit_tables(self) -> None:
        fit_flex(self.query_one("#lb-board", DataTable), ("name",), minimum=8)
        fit_flex(self.query_one("#lb-history", DataTable), ("name", "state"), minimum=8)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_tables)  # after the layout (and the breakpoint) settles

    def _show_board(self, b: Any) -> None:
        c = b.competition
        self.selected = c.name
        title = Text()
        title.append_text(plain(c.name))
        title.append(f" · most {c.metric_label}")
        self.query_one("#lb-title", Static).update(title)
        if c.status == "running":
            left = f"{b.days_left} day{'s' if b.days_left != 1 else ''} left"
            sub = Text(f"{c.period_label} · {left}")
            if b.me is not None:
                place = place_label(b.me.rank)
                sub.append(f" · you are {place} of {len(b.standings)}" if b.me.rank <= 3
                           else f" · you are {place} ({len(b.standings)} racing)")
        else:
            sub = Text(f"{c.period_label} · closed · winner: ")
            sub.append_text(plain(c.winner) if c.winner else Text("nobody (no clear leader)"))
        if not c.is_member:
            sub.append(" · you are not in this one")
        self.query_one("#lb-sub", Static).update(sub)

        table = self.query_one("#lb-board", DataTable)
        row_key = None
        if table.row_count:
            row_key = table.cursor_row
        table.clear()
        tz = getattr(getattr(self.app, "settings", None), "timezone", None)
        for s in b.standings:
            mine = b.me is not None and s.profile_id == b.me.profile_id
            style = "bold" if mine else ""
            name = cell(s.name, style)
            if mine:
                name.append(" (you)", style="dim")
            reached = ""
            if s.reached_at is not None:
                reached = _when(s.reached_at, tz)
            table.add_row(
                Text(place_label(s.rank), style=style),
                name,
                Text(str(s.count), style=style, justify="right"),
                Text("—" if s.gap == 0 else f"-{s.gap}", justify="right"),
                Text(str(getattr(b, "bests", {}).get(s.profile_id, 0)), justify="right"),
                Text(s.spark),
                Text(reached, style="dim"),
                key=str(s.profile_id),
            )
        if row_key is not None and table.row_count:
            table.move_cursor(row=min(row_key, table.row_count - 1))

    def _show_history(self, data: LeaderboardData) -> None:
        table = self.query_one("#lb-history", DataTable)
        cursor = table.cursor_row if table.row_count else 0
        table.clear()
        for c in data.items:
            if c.status == "running":
                state = Text("running", style="bold")
            else:
                state = Text("won by ", style="dim")
                state.append_text(plain(c.winner, "dim") if c.winner else Text("nobody", style="dim"))
            state.no_wrap, state.overflow = True, "ellipsis"
            table.add_row(cell(c.name), state, key=c.name)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    # ---- actions ----------------------------------------------------------------------

    @on(DataTable.RowSelected, "#lb-history")
    def _pick(self, event: DataTable.RowSelected) -> None:
        self.selected = str(event.row_key.value)
        self.reload()

    def action_refresh(self) -> None:
        self.reload()

    def action_start(self) -> None:
        profiles = self.data.profiles if self.data else []
        if not profiles:
            self.notify("Still loading; try again in a moment.")
            return
        if self.data is not None and self.data.refusal:
            self.notify(plain(self.data.refusal).plain, title="Competition", severity="warning", markup=False)
            return

        def started(info: Any) -> None:
            if info is None:
                return
            self.selected = info.name
            self.notify(plain(f"Started {info.name}: most {info.metric_label}, {info.period_label}.").plain,
                        title="Competition", markup=False)
            self.reload()

        open_dialog(self, StartCompetitionScreen(profiles), started)


def _when(instant: Any, tz: str | None) -> str:
    try:
        from ...core.days import zone

        local = instant.astimezone(zone(tz)) if tz else instant.astimezone(UTC)
    except Exception:  # noqa: BLE001 - an odd zone must not break the board
        local = instant.astimezone(UTC)
    return f"{local:%b %d %H:%M}"
