"""The app sees other writers (issue 11 item 16): a log from another process (SQLite) or
another connection (PostgreSQL) shows on the dashboard within seconds, with no screen change."""

from __future__ import annotations

import subprocess
import sys

import pytest

from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.services import attempts
from rejection_therapy.services.context import AppContext
from rejection_therapy.services.watch import ChangeWatch
from tests.tui_helpers import in_store, make_test_app, settle


def test_probe_sees_a_commit_from_another_connection(location):
    ctx = AppContext.open(location)
    try:
        watch = ChangeWatch(ctx.store)
        assert watch.changed() is False  # the baseline
        assert watch.changed() is False  # nothing happened
        in_store(location, lambda s, pid: attempts.log_attempt(s, pid, AttemptInput(outcome="no")))
        assert watch.changed() is True
        assert watch.changed() is False
        watch.close()
    finally:
        ctx.close()


async def wait_for(pilot, condition, seconds: float = 8.0) -> bool:
    for _ in range(int(seconds / 0.1)):
        if condition():
            return True
        await pilot.pause(0.1)
    return condition()


def cli_log(location, outcome: str) -> None:
    """`rejection-therapy log` in another process (the real quick path on SQLite)."""
    done = subprocess.run([sys.executable, "-m", "rejection_therapy", "--db", location.url, "log", outcome],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_dashboard_shows_a_log_from_another_writer(location, size):
    app = make_test_app(location)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        counter = app.screen.query_one("#no-counter")
        dashboard = app.screen
        assert counter.value == "0"
        if location.is_sqlite:
            cli_log(location, "no")
        else:
            in_store(location, lambda s, pid: attempts.log_attempt(s, pid, AttemptInput(outcome="no")))
        assert await wait_for(pilot, lambda: counter.value == "1"), "the dashboard did not see the write"
        assert app.screen is dashboard and app.current_mode == "dashboard"  # no screen change
        assert app.screen.query_one("#today-attempts").row_count == 1
