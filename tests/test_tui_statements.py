"""Statements per key press on the dashboard (issue 12 item 1), counted with SQLAlchemy's
``before_cursor_execute`` event on the app's own engine.

    pytest -q tests/test_tui_statements.py -s     # prints the counts
"""

from __future__ import annotations

from sqlalchemy import event

from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.services.context import AppContext
from rejection_therapy.services.dashboard_view import log, view
from tests.tui_helpers import make_test_app, settle

KEY_PRESS_LIMIT = 16  # was 29 in 5 transactions before; 12 after the view work, then the undo record (2) and the rest budget (2) came in. The issue asks under 10: still open


def counted(engine, statements: list[str]):
    def record(conn, cursor, statement, params, context, executemany):
        statements.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", record)
    return lambda: event.remove(engine, "before_cursor_execute", record)


def test_a_log_and_its_view_in_one_transaction(location):
    ctx = AppContext.open(location)
    try:
        with ctx.store.write() as s:
            view(s, ctx.profile_id)  # warm: the first read may create settings rows
        statements: list[str] = []
        stop = counted(ctx.store.engine, statements)
        with ctx.store.write() as s:
            changed = log(s, ctx.profile_id, AttemptInput(outcome="no"))
        stop()
        assert changed.view.summary.nos == 1
        print(f"\nlog + view ({location.url.split(':')[0]}): {len(statements)} statements")
        assert len(statements) <= KEY_PRESS_LIMIT
        assert sum(st.startswith("SELECT key, value FROM settings") for st in statements) <= 2
        assert sum("FROM challenges" in st for st in statements) == 1
        assert sum(st.startswith("BEGIN") for st in statements) <= 1
    finally:
        ctx.close()


async def test_pressing_n_is_one_transaction_and_the_panels_follow_once(sqlite_location, monkeypatch):
    from rejection_therapy.tui.screens import dashboard

    monkeypatch.setattr(dashboard, "PANEL_DELAY", 30.0)  # measure the panels' refresh apart
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        engine = app.bridge.get().store.engine
        app._watching = True  # the change watch has its own connection; keep it out of the count
        statements: list[str] = []
        stop = counted(engine, statements)
        await pilot.press("n")
        await settle(pilot)
        key_press = list(statements)
        app.screen._refresh_panels()
        await settle(pilot)
        stop()
        print(f"\nkey press n: {len(key_press)} statements in "
              f"{sum(st.startswith('BEGIN') for st in key_press)} transaction(s); "
              f"panels once after a burst: {len(statements) - len(key_press)}")
        assert app.screen.query_one("#no-counter").value == "1"
        assert sum(st.startswith("BEGIN") for st in key_press) == 1
        assert len(key_press) <= KEY_PRESS_LIMIT
