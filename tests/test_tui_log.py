"""Pilot tests of the attempt log: edit, outcome, delete + undo, filters, paging on a big store."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from textual.widgets import DataTable, Input, Select, Static

from rejection_therapy import clock
from rejection_therapy.core import days
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.services import attempts as attempts_svc
from rejection_therapy.services.context import AppContext
from rejection_therapy.services.journal import PAGE
from rejection_therapy.store.models import Attempt
from rejection_therapy.tui.screens.log import AttemptLogScreen, OutcomeScreen
from rejection_therapy.tui.widgets.attempt_form import AttemptFormScreen
from tests.tui_helpers import make_test_app, settle

# Recent enough that the silence sweep leaves the pending attempt pending.
BASE = (clock.now() - timedelta(days=4)).replace(hour=15, minute=0, second=0, microsecond=0)


def seed(location, items: list[tuple[int, AttemptInput]]) -> list[int]:
    """Log attempts ``(minutes after BASE, input)``; returns their ids."""
    ctx = AppContext.open(location)
    try:
        with ctx.store.write() as s:
            return [attempts_svc.log_attempt(s, ctx.profile_id, data, now=BASE + timedelta(minutes=m)).id
                    for m, data in items]
    finally:
        ctx.close()


def row_of(location, attempt_id: int) -> dict | None:
    ctx = AppContext.open(location)
    try:
        with ctx.store.read() as s:
            row = s.get(Attempt, attempt_id)
            return attempts_svc.as_dict(row) if row else None
    finally:
        ctx.close()


def count(location) -> int:
    ctx = AppContext.open(location)
    try:
        with ctx.store.read() as s:
            return len(s.scalars(select(Attempt.id)).all())
    finally:
        ctx.close()


def cells(table: DataTable, attempt_id: int) -> list[str]:
    return [getattr(c, "plain", str(c)) for c in table.get_row(str(attempt_id))]


def shown_ids(table: DataTable) -> list[int]:
    return [int(table.coordinate_to_cell_key((i, 0)).row_key.value) for i in range(table.row_count)]


async def open_log(pilot) -> DataTable:
    await settle(pilot)
    await pilot.press("l")
    await settle(pilot)
    assert isinstance(pilot.app.screen, AttemptLogScreen)
    return pilot.app.screen.query_one("#log-table", DataTable)


THREE = [
    (0, AttemptInput(outcome="no", channel="call", target="Acme", notes="[bold]x[/] \x1b[31mred")),
    (10, AttemptInput(outcome="yes", channel="email", target="Birch", conversation=True)),
    (20, AttemptInput(outcome="pending", channel="pitch", target="Cobalt Labs")),
]


async def test_log_lists_newest_first_and_shows_user_text_literally(sqlite_location):
    ids = seed(sqlite_location, THREE)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_log(pilot)
        assert shown_ids(table) == ids[::-1]
        first = cells(table, ids[0])
        stored = row_of(sqlite_location, ids[0])
        local = BASE.astimezone(days.zone(stored["tz"]))
        assert first[0] == stored["local_day"].isoformat() and first[1] == local.strftime("%H:%M")
        assert first[2:5] == ["call", "Acme", "no"]
        assert first[-1] == "[bold]x[/] red"  # markup kept as text, the escape sequence removed
        status = str(app.screen.query_one("#log-status", Static).render())
        assert "Showing 3 of 3" in status


async def test_editing_an_attempt_changes_the_row_and_the_store(sqlite_location):
    ids = seed(sqlite_location, THREE)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_log(pilot)
        table.move_cursor(row=table.get_row_index(str(ids[0])))
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, AttemptFormScreen)
        target = form.query_one("#f-target", Input)
        assert target.value == "Acme"
        target.focus()
        target.value = ""
        await pilot.press(*"Globex")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AttemptLogScreen)
        assert cells(table, ids[0])[3] == "Globex"
        assert table.row_count == 3
    stored = row_of(sqlite_location, ids[0])
    assert stored["target"] == "Globex"
    assert stored["created_at"] == BASE and stored["outcome"] == "no"


async def test_enter_opens_the_form_and_escape_changes_nothing(sqlite_location):
    ids = seed(sqlite_location, THREE)
    before = row_of(sqlite_location, ids[2])
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_log(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AttemptFormScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AttemptLogScreen)
    assert row_of(sqlite_location, ids[2]) == before


async def test_outcome_change_keeps_the_day(sqlite_location):
    ids = seed(sqlite_location, THREE)
    day = row_of(sqlite_location, ids[2])["local_day"].isoformat()
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_log(pilot)
        assert shown_ids(table)[0] == ids[2]  # the pending pitch is on top
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("4")  # digits: a dialog never answers to n/y/p
        await settle(pilot)
        assert cells(table, ids[2])[4] == "yes"
        assert cells(table, ids[2])[0] == day
    stored = row_of(sqlite_location, ids[2])
    assert stored["outcome"] == "yes"
    assert stored["local_day"].isoformat() == day


async def test_delete_then_u_restores_the_same_attempt(sqlite_location):
    ids = seed(sqlite_location, THREE)
    before = row_of(sqlite_location, ids[1])
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_log(pilot)
        table.move_cursor(row=table.get_row_index(str(ids[1])))
        await pilot.press("x")
        await settle(pilot)
        assert table.row_count == 2
        assert str(ids[1]) not in table.rows
        assert row_of(sqlite_location, ids[1]) is None
        assert any("Press u to undo" in n.message for n in app._notifications)
        await pilot.press("u")
        await settle(pilot)
        assert table.row_count == 3
        assert shown_ids(table) == ids[::-1]
        assert cells(table, ids[1])[2:5] == ["email", "Birch", "yes"]
        assert table.cursor_row == table.get_row_index(str(ids[1]))
    assert row_of(sqlite_location, ids[1]) == before
    assert count(sqlite_location) == 3


async def test_filters_narrow_the_table(sqlite_location):
    items = [(i, AttemptInput(outcome=("no", "yes", "pending")[i % 3], channel=("call", "email")[i % 2],
                              target=f"Company {i}", notes="budget talk" if i % 4 == 0 else None))
             for i in range(12)]
    seed(sqlite_location, items)
    seed(sqlite_location, [(24 * 60 * 3, AttemptInput(outcome="no", channel="call", target="Later Inc"))])
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_log(pilot)
        assert table.row_count == 13
        await pilot.press("slash")
        assert app.focused.id == "f-search"
        await pilot.press(*"budget", "enter")
        await settle(pilot)
        assert table.row_count == 3  # i = 0, 4, 8
        assert "3 of 3 attempts matching" in str(app.screen.query_one("#log-status", Static).render())
        app.screen.query_one("#f-outcome", Select).value = "no"
        await settle(pilot)
        assert table.row_count == 1  # of 0, 4, 8 only 0 is a no
        assert all(cells(table, k)[4] == "no" for k in shown_ids(table))
        await pilot.press("ctrl+x")
        await settle(pilot)
        assert table.row_count == 13
        since = app.screen.query_one("#f-since", Input)
        since.focus()
        await pilot.press(*(BASE + timedelta(days=2)).date().isoformat(), "enter")
        await settle(pilot)
        assert [cells(table, k)[3] for k in shown_ids(table)] == ["Later Inc"]
        app.screen.query_one("#f-channel", Select).value = "email"
        await settle(pilot)
        assert table.row_count == 0
        assert app.screen.query_one("#log-empty").display is True


async def test_invalid_filter_date_is_explained_and_nothing_breaks(sqlite_location):
    seed(sqlite_location, THREE)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_log(pilot)
        until = app.screen.query_one("#f-until", Input)
        until.focus()
        await pilot.press(*"2026-02-30", "enter")
        await settle(pilot)
        status = str(app.screen.query_one("#log-status", Static).render())
        assert "does not exist in the calendar" in status
        assert until.has_class("-invalid")
        assert table.row_count == 3  # the last good result stays
        until.value = ""
        await pilot.press("enter")
        await settle(pilot)
        assert "Showing 3 of 3" in str(app.screen.query_one("#log-status", Static).render())
        assert app.is_running


async def test_big_store_opens_with_one_page_and_pages_on_demand(sqlite_location):
    from rejection_therapy.services.sample import SampleSpec, generate

    ctx = AppContext.open(sqlite_location)
    try:
        total = generate(ctx.store.write, SampleSpec(days=200, per_day=34, rich=False, seed=3))
    finally:
        ctx.close()
    assert total >= 5000
    app = make_test_app(sqlite_location, "demo")
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_log(pilot)
        assert table.row_count == PAGE
        assert f"Showing {PAGE} of {total:,}" in str(app.screen.query_one("#log-status", Static).render())
        first_page = shown_ids(table)
        await pilot.press("end")
        await settle(pilot)
        assert table.row_count == 2 * PAGE
        ids = shown_ids(table)
        assert ids[:PAGE] == first_page and len(set(ids)) == 2 * PAGE
        # The rows are in the log's order: newest day first, then newest instant.
        screen = app.screen
        keys = [(screen.rows[i].local_day, screen.rows[i].cursor[1]) for i in ids]
        assert keys == sorted(keys, reverse=True)


async def test_empty_log_says_how_to_start(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_log(pilot)
        assert table.row_count == 0
        empty = app.screen.query_one("#log-empty", Static)
        assert empty.display is True
        assert "No attempts yet" in str(empty.render())
        await pilot.press("x")  # nothing to delete: a message, no crash
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, AttemptLogScreen)


async def test_clicking_a_note_with_markup_does_nothing(sqlite_location):
    ids = seed(sqlite_location, [(0, AttemptInput(outcome="no", target="[red]T[/]",
                                                   notes="[@click=app.quit]boom[/] \x1b]8;;x\x07"))])
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_log(pilot)
        assert cells(table, ids[0])[3] == "[red]T[/]"
        assert cells(table, ids[0])[-1] == "[@click=app.quit]boom[/]"
        await pilot.click("#log-table", offset=(90, 1))
        await settle(pilot)
        assert app.is_running
