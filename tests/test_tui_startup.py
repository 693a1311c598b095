"""Start-up (issue 12, item 5): a bare first frame, then today's figures from the ledger's
stdlib adapter before SQLAlchemy is imported; the full path brings the same figures; keys
pressed at once still log."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from textual.widgets import Digits

from rejection_therapy.clock import now as clock_now
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.goals import Goal
from rejection_therapy.services import attempts, challenges, dashboard_view, wins
from rejection_therapy.services import settings as settings_svc
from rejection_therapy.tui.first_figures import read_first
from rejection_therapy.tui.screens.dashboard import DashboardScreen
from tests.tui_helpers import in_store, make_test_app, settle

ROOT = Path(__file__).resolve().parents[1]

# The benchmark's app (bench/startup.py), reporting the heavy modules at each mark.
SCRIPT = """
import sys
from rejection_therapy.config import resolve_db
from rejection_therapy.tui import app as appmod
from rejection_therapy.tui.launch import make_app

HEAVY = ("sqlalchemy", "alembic", "plotext")

def mark(self, event):
    def report():
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in HEAVY)
        data = getattr(self.screen, "data", None)
        shown = None if data is None else data.summary.attempts
        print(f"MARK {event} heavy={heavy} attempts={shown}", flush=True)
        if event == "data":
            self.exit()
    self.call_after_refresh(report)

appmod.RejectionTherapyApp.bench_mark = mark
make_app(resolve_db(sys.argv[1]), offer_onboarding=False).run(headless=True)
"""


def _fill(s, pid: int) -> None:
    """A day with a goal, a cap from a running challenge, attempts, a win and some history."""
    now = clock_now()
    settings_svc.set_goal(s, pid, Goal(daily_attempts=5, daily_nos=3, daily_cap=12), now.date() - timedelta(days=30))
    for back in range(1, 6):
        for _ in range(5):
            attempts.log_attempt(s, pid, AttemptInput(outcome="no"), now=now - timedelta(days=back))
    for outcome in ("no", "no", "yes", "pending"):
        attempts.log_attempt(s, pid, AttemptInput(outcome=outcome, target="Acme [b]x[/b]"), now=now)
    wins.add_win(s, pid, "Asked twice", now=now)
    today = dashboard_view.view(s, pid).summary.day
    challenges.start_challenge(s, pid, "100-day", today=today, start=today - timedelta(days=3), cap=8)


def _run(location) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(location.path)], env=env, capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return [line for line in proc.stdout.splitlines() if line.startswith("MARK ")]


def test_first_frame_and_first_figures_import_no_sqlalchemy_alembic_or_plotext(sqlite_location):
    in_store(sqlite_location, _fill)  # a current store in WAL mode, as the full path leaves it
    marks = _run(sqlite_location)
    assert marks == ["MARK frame heavy=[] attempts=None", "MARK data heavy=[] attempts=4"]


async def test_the_fast_figures_equal_the_full_path_ones(sqlite_location, monkeypatch):
    in_store(sqlite_location, _fill)
    shown: list[tuple[bool, object]] = []
    original = DashboardScreen.show_data

    def record(self, data):
        if self.query("#dash-top"):  # the call that shows it (not the retry before mount)
            shown.append((self.app._store_opening, data))
        original(self, data)

    monkeypatch.setattr(DashboardScreen, "show_data", record)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        first_opening, first = shown[0]
        assert first_opening is False  # shown before the store (SQLAlchemy) was opened
        full = shown[-1][1]
        assert shown[-1][0] is True and len(shown) >= 2
        assert (first.summary, first.cap, first.effort_only) == (full.summary, full.cap, full.effort_only)
        assert first.cap == 8 and first.summary.attempts == 4 and first.summary.wins
        assert app.screen.query_one("#no-counter", Digits).value == "2"

    def full_view(s, pid):
        return dashboard_view.view(s, pid)

    view = in_store(sqlite_location, full_view)
    fast = read_first(sqlite_location, None)
    assert (fast.summary, fast.cap, fast.effort_only) == (view.summary, view.cap, view.effort_only)


async def test_keys_pressed_at_once_are_logged(sqlite_location):
    in_store(sqlite_location, _fill)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", "n", "y")  # before the figures, before SQLAlchemy is loaded
        await settle(pilot)
        assert app.screen.data.summary.attempts == 7
        assert app.screen.query_one("#no-counter", Digits).value == "4"

    def count(s, pid):
        return dashboard_view.view(s, pid).summary

    summary = in_store(sqlite_location, count)
    assert (summary.attempts, summary.nos, summary.yeses) == (7, 4, 2)


def test_other_stores_take_the_full_path(tmp_path):
    from rejection_therapy.config import resolve_db

    assert read_first(resolve_db(str(tmp_path / "none-yet.db")), None) is None  # no file yet
    assert read_first(resolve_db("postgresql+psycopg://nobody@/none?host=/nowhere"), None) is None
