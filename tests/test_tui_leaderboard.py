"""Pilot tests of the Leaderboard screen, the start modal, the dashboard panel and Profiles."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import DataTable, Input, Static

from rejection_therapy import clock
from rejection_therapy.config import remembered_profile
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.services import attempts, competitions, profiles
from rejection_therapy.services import settings as settings_svc
from rejection_therapy.services.context import AppContext
from rejection_therapy.tui.screens.leaderboard import (
    LOCAL_REFRESH_S,
    SHARED_REFRESH_S,
    refresh_interval,
)
from tests.tui_helpers import make_test_app, settle

SIZE = (130, 40)


def prepare(location, fn):
    ctx = AppContext.open(location)
    try:
        with ctx.store.write() as s:
            return fn(s, ctx)
    finally:
        ctx.close()


def team_store(s, ctx):
    """Me 2 no's, Ben 4, 'Eve[bold]' 3 (a markup-looking name), everyone's silence ignored."""
    settings_svc.update(s, ctx.profile_id, timezone="UTC", onboarded=True)
    ids = {"me": ctx.profile_id}
    for name in ("Ben", "Eve[bold]\x1b[31m"):
        ids[name[:3]] = profiles.create(s, name).id
        settings_svc.update(s, ids[name[:3]], timezone="UTC")
    for who, n_no in (("me", 2), ("Ben", 4), ("Eve", 3)):
        for _ in range(n_no):
            attempts.log_attempt(s, ids[who], AttemptInput(outcome="no"))
        for _ in range(5):
            attempts.log_attempt(s, ids[who], AttemptInput(outcome="silence"))
    competitions.start(s, ctx.profile_id, "Race [x]", "month")
    return ids


def cells(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def text_of(app, selector) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_empty_state_then_start_a_competition_from_the_modal(sqlite_location):
    prepare(sqlite_location, lambda s, ctx: profiles.create(s, "Ben"))
    app = make_test_app(sqlite_location)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert type(app.screen).__name__ == "LeaderboardScreen"
        assert app.screen.query_one("#lb-empty").display
        assert "No competition yet" in text_of(app, "#lb-empty")
        await pilot.press("plus")
        await settle(pilot)
        assert type(app.screen).__name__ == "StartCompetitionScreen"
        # An empty name is refused inside the modal; nothing is written.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "StartCompetitionScreen"
        assert "cannot be empty" in text_of(app, "#start-error")
        app.screen.query_one("#start-name", Input).value = "Week one"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "LeaderboardScreen"
        assert not app.screen.query_one("#lb-empty").display
        assert "Week one" in text_of(app, "#lb-title")
        rows = cells(app.screen.query_one("#lb-board", DataTable))
        assert sorted(r[1].replace(" (you)", "") for r in rows) == sorted(["Ben", app.bridge.ctx.profile.name])
        history = cells(app.screen.query_one("#lb-history", DataTable))
        assert history == [["Week one", "running"]]


async def test_board_shows_rank_count_gap_trend_and_names_literally(sqlite_location):
    prepare(sqlite_location, team_store)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # The dashboard panel: my place.
        panel = app.screen.query_one("CompetitionPanel")
        assert panel.display
        assert "3rd of 3" in str(panel.render()) and "2 behind Ben" in str(panel.render())
        await pilot.press("b")
        await settle(pilot)
        table = app.screen.query_one("#lb-board", DataTable)
        rows = cells(table)
        me = app.bridge.ctx.profile.name
        assert [r[:4] for r in rows] == [
            ["1st", "Ben", "4", "—"],
            ["2nd", "Eve[bold]", "3", "-1"],  # markup shown literally, escape removed
            ["3rd", f"{me} (you)", "2", "-2"],
        ]
        assert all(r[5] and set(r[5]) <= set("▁▂▃▄▅▆▇█") for r in rows)
        assert "Race [x]" in text_of(app, "#lb-title")
        assert "you are 3rd of 3" in text_of(app, "#lb-sub")
        # Someone else logs from another process: a refresh shows it.
        prepare(sqlite_location, lambda s, ctx: [
            attempts.log_attempt(s, profiles.get_by_name(s, "Eve[bold]").id, AttemptInput(outcome="no"))
            for _ in range(2)
        ])
        await pilot.press("ctrl+r")
        await settle(pilot)
        rows = cells(app.screen.query_one("#lb-board", DataTable))
        assert rows[0][:3] == ["1st", "Eve[bold]", "5"]


async def test_history_shows_a_closed_competition_with_its_winner(sqlite_location):
    def setup(s, ctx):
        team_store(s, ctx)
        # A competition over two days that ended before today, with a no on its first day.
        today = clock.now().date()
        row = competitions.start(s, ctx.profile_id, "Old sprint", "dates", start_day=today, end_day=today)
        from sqlalchemy import update

        from rejection_therapy.store.models import Attempt, Competition

        s.execute(update(Competition).where(Competition.id == row.id).values(
            start_day=datetime(2026, 1, 1).date(), end_day=datetime(2026, 1, 2).date()))
        s.execute(update(Attempt).where(Attempt.profile_id == ctx.profile_id, Attempt.outcome == "no")
                  .values(local_day=datetime(2026, 1, 1).date()))

    prepare(sqlite_location, setup)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        history = app.screen.query_one("#lb-history", DataTable)
        rows = cells(history)
        me = app.bridge.ctx.profile.name
        assert rows == [["Race [x]", "running"], ["Old sprint", f"won by {me}"]]
        history.focus()
        history.move_cursor(row=1)
        await pilot.press("enter")
        await settle(pilot)
        assert "Old sprint" in text_of(app, "#lb-title")
        assert f"closed · winner: {me}" in text_of(app, "#lb-sub")
    with AppContext.open(sqlite_location).store.read() as s:
        stored = competitions.list_competitions(s, 1)
    assert [(c.name, c.due_to_close) for c in stored] == [("Race [x]", False), ("Old sprint", False)]


async def test_profiles_screen_add_rename_and_switch(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert type(app.screen).__name__ == "ProfilesScreen"
        table = app.screen.query_one("#pf-table", DataTable)
        assert table.row_count == 1
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#pf-input", Input).value = "Noor"
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one("#pf-table", DataTable)
        assert [r[0] for r in cells(table)][-1] == "Noor"
        table.move_cursor(row=1)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#pf-input", Input).value = "Noor A."
        await pilot.press("enter")
        await settle(pilot)
        assert [r[0] for r in cells(app.screen.query_one("#pf-table", DataTable))][-1] == "Noor A."
        app.screen.query_one("#pf-table", DataTable).move_cursor(row=1)
        await pilot.press("u")
        await settle(pilot)
        # The switch is live: back on the dashboard, logging as the new profile.
        assert type(app.screen).__name__ == "DashboardScreen"
        assert app.bridge.get().profile.name == "Noor A."
        assert "Noor A." in app.sub_title
        await pilot.press("n")
        await settle(pilot)
    assert remembered_profile(sqlite_location) == "Noor A."
    import sqlite3

    con = sqlite3.connect(sqlite_location.path)
    owners = con.execute("SELECT p.name FROM attempts a JOIN profiles p ON p.id = a.profile_id").fetchall()
    con.close()
    assert owners == [("Noor A.",)]


def test_refresh_interval_is_short_on_a_shared_store():
    from rejection_therapy.config import resolve_db

    assert refresh_interval(resolve_db("postgresql://u@h/db")) == SHARED_REFRESH_S < 10
    assert refresh_interval(resolve_db("/tmp/x.db")) == LOCAL_REFRESH_S


def test_panel_lines_read_naturally_and_keep_names_literal():
    from datetime import date

    from rejection_therapy.services.competitions import CompetitionInfo, MyRank
    from rejection_therapy.tui.widgets.competition_panel import closed_line, rank_line

    info = CompetitionInfo(1, "Nov [b]\x1b[2J", "nos", date(2026, 11, 1), date(2026, 11, 30), "running",
                           None, None, ("A", "B"), True)
    line = rank_line(MyRank(info, 2, 40, 5, 7, "Bo\x07[i]", 1)).plain
    assert line == "Nov [b]  2nd of 7 · 40 no's · 5 behind Bo[i] · 1 day left"
    assert rank_line(MyRank(info, 1, 9, 0, 3, "me", 4)).plain.endswith("· leading · 4 days left")
    done = CompetitionInfo(**{**info.__dict__, "status": "closed", "winner": "Ann"})
    assert closed_line(done).plain == "✓ Nov [b] ended on 2026-11-30: Ann won."
