"""Pilot tests: the attempt form's When field backdates a new attempt, and editing it from
the log screen moves an attempt to another day (issue 13, item 1)."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input

from rejection_therapy import clock
from rejection_therapy.core import days
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.services import attempts as attempts_svc
from rejection_therapy.services.context import AppContext
from rejection_therapy.tui.screens.log import AttemptLogScreen
from rejection_therapy.tui.widgets.attempt_form import AttemptFormScreen
from tests.test_tui_log import open_log, row_of
from tests.tui_helpers import make_test_app, settle


def seed(location, items):
    """Like test_tui_log.seed, but relative to the pinned clock read inside the test."""
    base = clock.now() - timedelta(days=2)
    ctx = AppContext.open(location)
    try:
        with ctx.store.write() as s:
            return [attempts_svc.log_attempt(s, ctx.profile_id, data, now=base + timedelta(minutes=m)).id
                    for m, data in items]
    finally:
        ctx.close()


def today():
    return days.local_day(clock.now(), "UTC", 4)


async def test_form_when_field_backdates_a_new_attempt(sqlite_location):
    seed(sqlite_location, [(0, AttemptInput(outcome="no"))])
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.action_attempt_form()
        await settle(pilot)
        form = app.screen
        assert isinstance(form, AttemptFormScreen)
        when = form.query_one("#f-when", Input)
        when.value = "tomorrow"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and "future" in str(form.query_one("#form-error").render())
        when.value = "yesterday 09:30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, AttemptFormScreen)
    stored = row_of(sqlite_location, 2)
    assert stored["local_day"] == today() - timedelta(days=1)
    assert stored["created_at"].strftime("%H:%M") == "09:30"


async def test_editing_the_when_field_moves_the_attempt(sqlite_location):
    ids = seed(sqlite_location, [(0, AttemptInput(outcome="no", target="Acme"))])
    before = row_of(sqlite_location, ids[0])
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await open_log(pilot)
        table.move_cursor(row=0)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        when = form.query_one("#f-when", Input)
        local = before["created_at"].astimezone(days.zone(before["tz"]))
        assert when.value == f"{local:%Y-%m-%d %H:%M}"
        target_day = before["local_day"] - timedelta(days=1)
        when.value = target_day.isoformat()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AttemptLogScreen), str(app.screen.query_one("#form-error").render())
        assert table.row_count == 1
    after = row_of(sqlite_location, ids[0])
    assert after["local_day"] == target_day
    assert after["created_at"].strftime("%H:%M") == local.strftime("%H:%M")
    assert after["target"] == "Acme"
