"""Pilot tests of the wins journal: empty prompt, add, edit/link, delete with undo."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from textual.widgets import DataTable, Input, Static

from rejection_therapy import clock
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.services import attempts as attempts_svc
from rejection_therapy.services import wins as wins_svc
from rejection_therapy.store.models import Win
from rejection_therapy.tui.screens.wins import WinsScreen
from rejection_therapy.tui.widgets.win_form import WinFormScreen
from tests.tui_helpers import in_store, make_test_app, settle


def stored_wins(location) -> list[tuple[int, str, int | None]]:
    return in_store(location, lambda s, _p: [(w.id, w.text, w.attempt_id)
                                              for w in s.scalars(select(Win).order_by(Win.id))])


async def open_wins(pilot) -> DataTable:
    await settle(pilot)
    await pilot.press("j")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WinsScreen)
    return pilot.app.screen.query_one("#wins-table", DataTable)


def texts(table: DataTable) -> list[str]:
    return [table.get_row_at(i)[2].plain for i in range(table.row_count)]


async def test_empty_journal_prompts_and_a_adds_a_win(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_wins(pilot)
        empty = app.screen.query_one("#wins-empty", Static)
        assert empty.display is True and table.display is False
        prompt = str(empty.render())
        assert "Made all your calls? Had a good conversation? Learned something about your pitch?" in prompt
        assert "Press a to write it down." in prompt
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, WinFormScreen)
        await pilot.press(*"Made all 60 calls [bold]", "enter")
        await settle(pilot)
        assert isinstance(app.screen, WinsScreen)
        assert empty.display is False and table.display is True
        assert texts(table) == ["Made all 60 calls [bold]"]
        assert table.get_row_at(0)[0].plain == "Today"
    assert [t for _i, t, _a in stored_wins(sqlite_location)] == ["Made all 60 calls [bold]"]


async def test_wins_grouped_by_day_edit_link_delete_undo(sqlite_location):
    now = clock.now()

    def seed(s, pid):
        a = attempts_svc.log_attempt(s, pid, AttemptInput(outcome="no", target="Acme"), now=now - timedelta(hours=1))
        old = wins_svc.add_win(s, pid, "Survived a hard day", now=now - timedelta(days=3))
        w1 = wins_svc.add_win(s, pid, "Good conversation", now=now - timedelta(minutes=30))
        w2 = wins_svc.add_win(s, pid, "Tried a new opener", now=now - timedelta(minutes=10))
        return a.id, old.id, w1.id, w2.id

    attempt_id, old_id, w1, w2 = in_store(sqlite_location, seed)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_wins(pilot)
        assert texts(table) == ["Tried a new opener", "Good conversation", "Survived a hard day"]
        days = [table.get_row_at(i)[0].plain for i in range(3)]
        assert days[1] == ""  # same day as the row above: the day is shown once
        assert days[0] and days[2] and days[0] != days[2]
        # Edit the second win's text and link it to the attempt.
        table.move_cursor(row=1)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, WinFormScreen)
        form.query_one("#win-text", Input).value = "Good conversation with Acme"
        form.query_one("#win-attempt", Input).value = str(attempt_id)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert texts(table)[1] == "Good conversation with Acme"
        assert table.get_row_at(1)[3].plain.startswith(f"#{attempt_id} call · Acme · no")
        # Delete the newest win, then undo.
        table.move_cursor(row=0)
        await pilot.press("x")
        await settle(pilot)
        assert texts(table) == ["Good conversation with Acme", "Survived a hard day"]
        assert [i for i, _t, _a in stored_wins(sqlite_location)] == [old_id, w1]
        await pilot.press("u")
        await settle(pilot)
        assert texts(table)[0] == "Tried a new opener"
    assert stored_wins(sqlite_location) == [
        (old_id, "Survived a hard day", None),
        (w1, "Good conversation with Acme", attempt_id),
        (w2, "Tried a new opener", None),
    ]


async def test_linking_to_a_missing_attempt_changes_nothing(sqlite_location):
    win_id = in_store(sqlite_location, lambda s, p: wins_svc.add_win(s, p, "Asked for feedback").id)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_wins(pilot)
        await pilot.press("k")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, WinFormScreen)
        form.query_one("#win-attempt", Input).value = "999"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("no attempt #999" in n.message for n in app._notifications)
        assert table.get_row_at(0)[3].plain == ""
    assert stored_wins(sqlite_location) == [(win_id, "Asked for feedback", None)]


async def test_screen_actions_are_in_the_command_palette(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_wins(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Wins journal: Add")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WinFormScreen)
