"""Pilot test of the People screen (P): one row per person, the history on highlight, search."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from rejection_therapy.core.attempts import AttemptInput
from tests.tui_helpers import in_store, make_test_app, settle


async def test_people_screen(sqlite_location):
    def setup(s, pid):
        from rejection_therapy.services import attempts

        for data in (AttemptInput(outcome="no", target="Acme Corp", notes="[@click=app.quit]x[/]"),
                     AttemptInput(outcome="yes", target="acme  corp"),
                     AttemptInput(outcome="pending", target="Birch")):
            attempts.log_attempt(s, pid, data)

    in_store(sqlite_location, setup)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        from rejection_therapy.tui.screens.people import PeopleScreen

        assert isinstance(app.screen, PeopleScreen)
        table = app.screen.query_one("#people-table", DataTable)
        assert table.row_count == 2
        names = [str(table.get_row_at(i)[0]) for i in range(2)]
        table.move_cursor(row=names.index("acme  corp") if "acme  corp" in names else names.index("acme corp"))
        await settle(pilot)
        history = str(app.screen.query_one("#people-history", Static).render())
        assert "2 attempts" in history and "[@click=app.quit]x[/]" in history
        app.screen.query_one("#people-search", Input).value = "bir"
        await settle(pilot)
        assert table.row_count == 1
        assert app.is_running


async def test_empty_people_screen_keeps_the_app_keys(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        assert app.current_mode == "people"
        assert app.screen.query_one("#people-empty").display
        await pilot.press("d")
        await settle(pilot)
        assert app.current_mode == "dashboard"
