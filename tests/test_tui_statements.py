"""Statements per key press on the dashboard (issue 12 item 1), counted with SQLAlchemy's
``before_cursor_execute`` event on the app's own engine.

    pytest -q tests/test_tui_statements.py -s     # prints the counts
"""

from __future__ import annotations

from sqlalchemy import event

from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.services import dashboard_view
from rejection_therapy.services.context import AppContext
from rejection_therapy.services.dashboard_view import log, view
from tests.tui_helpers import make_test_app, settle

# Statements per dashboard write and its view, measured on SQLite (BEGIN IMMEDIATE counts;
# PostgreSQL's BEGIN is implicit, one fewer): log 9, set_outcome 9, edit 9, undo 8, add_win 7.
# Was 16 (log) with settings and goals read twice and the rest tables apart; 29 before views.
KEY_PRESS_LIMIT = 9


def counted(engine, statements: list[str]):
    def record(conn, cursor, statement, params, context, executemany):
        statements.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", record)
    return lambda: event.remove(engine, "before_cursor_execute", record)


def _reads_once(statements: list[str]) -> None:
    """One read of the profile's settings (and goals, rest tables), one of the challenges."""
    for table in ("settings", "goals", "rest_budgets", "rest_tokens", "challenges"):
        assert sum(f"FROM {table} " in st + " " for st in statements) == 1, (table, statements)
    assert sum(st.startswith("BEGIN") for st in statements) <= 1


def _measure(ctx, write) -> tuple[object, list[str]]:
    statements: list[str] = []
    stop = counted(ctx.store.engine, statements)
    try:
        with ctx.store.write() as s:
            result = write(s)
    finally:
        stop()
    return result, statements


def test_a_log_and_its_view_in_one_transaction(location):
    ctx = AppContext.open(location)
    try:
        with ctx.store.write() as s:
            view(s, ctx.profile_id)  # warm: the first read may create settings rows
        changed, statements = _measure(ctx, lambda s: log(s, ctx.profile_id, AttemptInput(outcome="no")))
        assert changed.view.summary.nos == 1
        print(f"\nlog + view ({location.url.split(':')[0]}): {len(statements)} statements")
        assert len(statements) <= KEY_PRESS_LIMIT
        _reads_once(statements)
    finally:
        ctx.close()


def test_undo_outcome_edit_and_win_each_in_one_transaction(location):
    ctx = AppContext.open(location)
    pid = ctx.profile_id
    try:
        with ctx.store.write() as s:
            first = log(s, pid, AttemptInput(outcome="no")).attempt_id
            second = log(s, pid, AttemptInput(outcome="pending")).attempt_id
        counts = {}
        changed, st = _measure(ctx, lambda s: dashboard_view.set_outcome(s, pid, second, "yes"))
        assert (changed.view.summary.yeses, changed.view.summary.pending) == (1, 0)
        counts["set_outcome"] = st
        changed, st = _measure(ctx, lambda s: dashboard_view.edit(
            s, pid, first, AttemptInput(outcome="pending", notes="asked again")))
        assert (changed.view.summary.nos, changed.view.summary.pending) == (0, 1)
        counts["edit"] = st
        changed, st = _measure(ctx, lambda s: dashboard_view.add_win(s, pid, "Kept dialling"))
        assert changed.view.summary.wins == ("Kept dialling",)
        counts["add_win"] = st
        changed, st = _measure(ctx, lambda s: dashboard_view.undo(s, pid, second))
        assert changed.view.summary.attempts == 1
        counts["undo"] = st
        print(f"\n({location.url.split(':')[0]}) " + ", ".join(f"{k} {len(v)}" for k, v in counts.items()))
        for name, statements in counts.items():
            assert len(statements) <= KEY_PRESS_LIMIT, (name, statements)
            _reads_once(statements)
        with ctx.store.read() as s:  # the undo took its undo record with it; the first log's stays
            assert undo_ids(s, pid) == [[first]]
    finally:
        ctx.close()


def undo_ids(session, profile_id: int) -> list[list[int]]:
    import json

    from sqlalchemy import select

    from rejection_therapy.store.models import UndoRecord

    return [json.loads(r) for r in session.scalars(select(UndoRecord.attempt_ids)
                                                   .where(UndoRecord.profile_id == profile_id))]


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
        _reads_once(key_press)


async def test_pressing_u_is_one_transaction(sqlite_location, monkeypatch):
    from rejection_therapy.tui.screens import dashboard

    monkeypatch.setattr(dashboard, "PANEL_DELAY", 30.0)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", "n")
        await settle(pilot)
        engine = app.bridge.get().store.engine
        app._watching = True
        statements: list[str] = []
        stop = counted(engine, statements)
        await pilot.press("u")
        await settle(pilot)
        stop()
        print(f"\nkey press u: {len(statements)} statements")
        assert app.screen.query_one("#no-counter").value == "1"
        assert sum(st.startswith("BEGIN") for st in statements) == 1
        assert len(statements) <= KEY_PRESS_LIMIT
        _reads_once(statements)
