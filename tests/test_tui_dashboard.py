"""Pilot tests of the dashboard: one-key logging, the why? panel, undo, the form, the cap."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from textual.widgets import Digits, Input

from rejection_therapy.core.goals import Goal
from rejection_therapy.services.context import AppContext
from rejection_therapy.store.models import Attempt, Win
from rejection_therapy.tui.widgets.attempt_form import AttemptFormScreen
from rejection_therapy.tui.widgets.confirm import ConfirmScreen
from rejection_therapy.tui.widgets.why_panel import WhyPanel
from tests.tui_helpers import in_store, make_test_app, settle


def stored(location) -> list[Attempt]:
    ctx = AppContext.open(location)
    try:
        with ctx.store.read() as s:
            return list(s.scalars(select(Attempt).order_by(Attempt.id)))
    finally:
        ctx.close()




async def test_three_nos_show_three_and_store_three(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#no-counter", Digits).value == "0"
        for _ in range(3):
            await pilot.press("n")
        await settle(pilot)
        assert app.screen.query_one("#no-counter", Digits).value == "3"
        assert app.screen.query_one("#empty").display is False
    rows = stored(sqlite_location)
    assert [r.outcome for r in rows] == ["no", "no", "no"]


async def test_counter_moves_before_the_write_finishes(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("n")  # no settle: the optimistic update is already on screen
        assert app.screen.query_one("#no-counter", Digits).value == "1"
        await settle(pilot)
        assert app.screen.query_one("#no-counter", Digits).value == "1"


async def test_why_panel_saves_kind_and_reasons(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        panel = app.screen.query_one(WhyPanel)
        assert panel.is_open
        await pilot.press("right", "enter")  # highlight "Not for us" and choose it
        assert panel.selected_kind() == "not-for-us"
        await pilot.press("tab")
        await pilot.press(*"no budget")
        await pilot.press("tab")
        await pilot.press(*"pitched too early")
        await pilot.press("enter")
        await settle(pilot)
        assert not panel.is_open
    [row] = stored(sqlite_location)
    assert (row.rejection_kind, row.stated_reason, row.real_reason) == ("not-for-us", "no budget", "pitched too early")


async def test_why_panel_escape_skips_and_logging_goes_on(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("n")  # the open panel does not swallow the next no
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not app.screen.query_one(WhyPanel).is_open
        assert app.screen.query_one("#no-counter", Digits).value == "2"
    assert [r.rejection_kind for r in stored(sqlite_location)] == [None, None]


async def test_undo_removes_the_last_log(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("n", "y")
        await settle(pilot)
        await pilot.press("escape", "u")
        await settle(pilot)
        assert [r.outcome for r in stored(sqlite_location)] == ["no"]
        await pilot.press("u")
        await settle(pilot)
        assert stored(sqlite_location) == []
        assert app.screen.query_one("#no-counter", Digits).value == "0"
        await pilot.press("u")  # nothing left: a notice, no crash
        await settle(pilot)
        assert any("Nothing to undo" in n.message for n in app._notifications)


async def test_full_form_saves_an_attempt_with_fields(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, AttemptFormScreen)
        form.query_one("#f-target", Input).value = "Acme Corp"
        form.query_one("#f-tags", Input).value = "Cold, q4"
        form.query_one("#f-stated", Input).value = "No budget"
        form.query_one("#f-follow-up", Input).value = "2031-02-03"
        form.query_one("#f-discomfort").value = 4
        form.query_one("#f-kind").value = "not-now"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, AttemptFormScreen)
    [row] = stored(sqlite_location)
    assert (row.target, row.tags, row.stated_reason, row.discomfort, row.rejection_kind) == (
        "Acme Corp", "cold,q4", "No budget", 4, "not-now")
    assert row.follow_up_on == date(2031, 2, 3)


async def test_invalid_form_explains_and_saves_nothing(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        form.query_one("#f-follow-up", Input).value = "2031-02-30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "does not exist" in str(form.query_one("#form-error").render())
        form.query_one("#f-follow-up", Input).value = ""
        form.query_one("#f-outcome").value = "yes"
        form.query_one("#f-kind").value = "not-now"  # a kind on a yes is refused
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "only applies to a no" in str(form.query_one("#form-error").render())
        await pilot.press("escape")
        await settle(pilot)
    assert stored(sqlite_location) == []


async def test_cap_confirmation_once_then_logging_stores(sqlite_location):
    in_store(sqlite_location, lambda s, pid: __import__(
        "rejection_therapy.services.settings", fromlist=["x"]).set_goal(s, pid, Goal(2, 0, 2), date(2000, 1, 1)))
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("p", "p")
        await settle(pilot)
        assert "reached today's cap of 2" in str(app.screen.query_one("#cap-status").render())
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("o")  # y/n/p never answer the cap question
        await settle(pilot)
        assert len(stored(sqlite_location)) == 3
        await pilot.press("p")  # asked once a day only
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert len(stored(sqlite_location)) == 4
        assert "past today's cap" in str(app.screen.query_one("#cap-status").render())


async def test_declining_at_the_cap_stores_nothing(sqlite_location):
    in_store(sqlite_location, lambda s, pid: __import__(
        "rejection_therapy.services.settings", fromlist=["x"]).set_goal(s, pid, Goal(1, 0, 1), date(2000, 1, 1)))
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("y", "y")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert len(stored(sqlite_location)) == 1


async def test_small_win_from_the_dashboard(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press(*"made all my calls", "enter")
        await settle(pilot)
        assert "made all my calls" in str(app.screen.query_one("#wins").render())
    ctx = AppContext.open(sqlite_location)
    with ctx.store.read() as s:
        assert [w.text for w in s.scalars(select(Win))] == ["made all my calls"]
    ctx.close()


async def test_empty_state(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        empty = app.screen.query_one("#empty")
        assert empty.display is True
        assert "Press n after your first no" in str(empty.render())


async def test_enter_on_a_row_edits_that_attempt(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")
        app.screen.query_one("#today-attempts").focus()
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, AttemptFormScreen) and "Edit attempt" in form.form_title
        form.query_one("#f-target", Input).value = "Granite Bank"
        form.query_one("#f-outcome").value = "yes"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#no-counter", Digits).value == "0"
    [row] = stored(sqlite_location)
    assert (row.target, row.outcome) == ("Granite Bank", "yes")
