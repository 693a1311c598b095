"""The dashboard listens (issue 12 item 2): each feature panel shows the typed message it is
posted, a broken panel is hidden and reported once, keys pressed faster than the UI settles
end in what the store holds, and no screen writes state on the app."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select
from textual.widgets import Digits

from rejection_therapy import clock
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.services import attempts
from rejection_therapy.services.context import AppContext
from rejection_therapy.store.models import Attempt
from tests.tui_helpers import in_store, make_test_app, settle

TUI = Path(__file__).resolve().parent.parent / "rejection_therapy" / "tui"


def stored(location) -> list[tuple[int, str]]:
    ctx = AppContext.open(location)
    try:
        with ctx.store.read() as s:
            return [(a.id, a.outcome) for a in s.scalars(select(Attempt).order_by(Attempt.id))]
    finally:
        ctx.close()


def shown(app) -> tuple[str, str]:
    counts = app.screen.query_one("#outcomes").render()
    return app.screen.query_one("#no-counter", Digits).value, str(counts)


async def test_keys_faster_than_the_ui_end_in_what_the_store_holds(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", "n", "y", "escape", "n", "p", "escape", "u", "u")  # no settling in between
        await settle(pilot)
        rows = stored(sqlite_location)
        assert [o for _, o in rows] == ["no", "no", "yes"]
        nos, counts = shown(app)
        assert nos == "2"
        assert re.search(r"Yes's\s+1", counts) and re.search(r"Pending\s+0", counts)
        assert "Removed attempt" in " ".join(n.message for n in app._notifications)


async def test_an_outcome_set_quickly_on_the_log_shows_and_is_stored(sqlite_location):
    first = in_store(sqlite_location, lambda s, pid: attempts.log_attempt(s, pid, AttemptInput(outcome="pending")).id)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("o", "4")  # the dialog and its answer before anything settles
        await settle(pilot)
        table = app.screen.query_one("#log-table")
        assert str(table.get_row(str(first))[4]) == "yes"
        await pilot.press("d")
        await settle(pilot)
        nos, counts = shown(app)
        assert re.search(r"Yes's\s+1", counts) and re.search(r"Pending\s+0", counts)
    assert stored(sqlite_location) == [(first, "yes")]


async def test_each_panel_shows_its_own_message_and_a_broken_one_is_hidden_once(sqlite_location, monkeypatch):
    from rejection_therapy.tui.screens import dashboard
    from rejection_therapy.tui.widgets.challenge_panel import ChallengePanel
    from rejection_therapy.tui.widgets.followup_panel import FollowUpPanel, FollowUpsFetched

    def seed(s, pid):
        today = attempts.log_attempt(s, pid, AttemptInput(outcome="no")).local_day
        attempts.log_attempt(s, pid, AttemptInput(outcome="no", target="Acme", follow_up_on=today), now=clock.now())

    in_store(sqlite_location, seed)

    def broken(self, ctx):
        raise RuntimeError("panel went wrong")

    monkeypatch.setattr(ChallengePanel, "fetched", broken)
    monkeypatch.setattr(dashboard, "PANEL_DELAY", 0.01)
    seen: list[object] = []
    original = FollowUpPanel.on_follow_ups_fetched

    def spy(self, message):
        seen.append(message)
        original(self, message)

    monkeypatch.setattr(FollowUpPanel, "on_follow_ups_fetched", spy)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(FollowUpPanel)
        assert panel.display and "Acme" in str(panel.render())
        assert isinstance(seen[-1], FollowUpsFetched) and seen[-1].due.total == 1
        assert not app.screen.query_one(ChallengePanel).display
        await pilot.press("n", "escape")  # the panels follow the key; the broken one is not reported again
        await settle(pilot)
        await pilot.pause(0.1)
        await settle(pilot)
        reported = [n.message for n in app._notifications if "panel went wrong" in n.message]
        assert len(reported) == 1
        assert len(seen) >= 2
        assert app.screen.query_one("#no-counter", Digits).value == "3"


async def test_the_follow_up_panel_fits_its_lines_to_the_height(sqlite_location):
    from rejection_therapy.tui.widgets.followup_panel import FollowUpPanel

    def seed(s, pid):
        today = attempts.log_attempt(s, pid, AttemptInput(outcome="no")).local_day
        for name in ("Acme", "Birch", "Cobalt"):
            attempts.log_attempt(s, pid, AttemptInput(outcome="no", target=name, follow_up_on=today), now=clock.now())

    in_store(sqlite_location, seed)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(FollowUpPanel)
        assert all(n in str(panel.render()) for n in ("Acme", "Birch", "Cobalt"))
        await pilot.resize_terminal(120, 24)
        await settle(pilot)
        text = str(panel.render())
        assert sum(n in text for n in ("Acme", "Birch", "Cobalt")) == 1
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert all(n in str(panel.render()) for n in ("Acme", "Birch", "Cobalt"))


async def test_panels_take_their_height_back_after_a_resize(tmp_path):
    """On the demo store (a scrollbar in the panels' column): 80x24 → 120x40 → 80x24 leaves
    the follow-up panel two lines high again, not the six it had (its text came in before
    the resize's own layout when the height was posted at once)."""
    from rejection_therapy.config import resolve_db
    from rejection_therapy.tui.launch import make_app
    from rejection_therapy.tui.widgets.followup_panel import FollowUpPanel

    app = make_app(resolve_db(str(tmp_path / "demo.db")), demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(FollowUpPanel)
        assert panel.size.height == 2
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert panel.size.height > 2
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.pause(0.2)
        assert panel.size.height == 2


def test_no_screen_writes_state_on_the_app():
    written = []
    for path in TUI.rglob("*.py"):
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"self\.app\.\w+ = |setattr\(self\.app|node\.app\.\w+(\.\w+)* = ", line) \
                    and "self.app.theme = " not in line:
                written.append(f"{path.name}:{n}: {line.strip()}")
    assert written == []
    assert not (TUI / "messages.py").exists()
