"""The dashboard, the why? panel and the attempt log at 80x24 and 100x30, colour on.

Issue 11 items 7 and 10: the cap message wraps instead of being cut; a long target keeps
Outcome and Note on today's table (cells end in "…"); the follow-ups panel is not clipped;
the no-goal line reads as English; the why? panel leaves today's attempts in view; the
attempt log keeps its Note column at 80 columns.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.goals import Goal
from rejection_therapy.services import attempts, followups
from rejection_therapy.services import settings as settings_svc
from rejection_therapy.tui.widgets.why_panel import WhyPanel
from tests.tui_helpers import in_store, make_test_app, settle
from tests.tui_text import screen_text, words

SIZES = [(80, 24), (100, 30), (120, 40)]
LONG = "Neighbour with a very long name indeed, Esq."


def set_goal(goal: Goal):
    return lambda s, pid: settings_svc.set_goal(s, pid, goal, date(2000, 1, 1))


@pytest.mark.parametrize("size", SIZES[:2])
async def test_cap_message_wraps_and_is_never_cut(sqlite_location, size):
    in_store(sqlite_location, set_goal(Goal(2, 0, 2)))
    app = make_test_app(sqlite_location)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("p", "p")
        await settle(pilot)
        shown = words(screen_text(app))
        message = "You reached today's cap of 2. That is a full day's work: consider stopping here."
        for word in message.split():
            assert word in shown, f"{word!r} is cut at {size}"


@pytest.mark.parametrize("size", SIZES)
async def test_long_target_keeps_every_column_and_ends_in_an_ellipsis(sqlite_location, size):
    in_store(sqlite_location, lambda s, pid: attempts.log_attempt(
        s, pid, AttemptInput(outcome="no", channel="call", target=LONG, notes="asked twice, said later")))
    app = make_test_app(sqlite_location)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        text = screen_text(app)
        header = next(line for line in text.splitlines() if "Time" in line and "Channel" in line)
        for column in ("Time", "Channel", "Target", "Outcome", "Note"):
            assert column in header, f"{column} is off the table at {size}"
        row = next(line for line in text.splitlines() if "Neighbour" in line)
        assert "no" in row.split() and ("asked" in row)
        if size[0] < 120:
            assert "…" in row  # the target is cut with an ellipsis, not pushed off


@pytest.mark.parametrize("size", SIZES[:2])
async def test_followups_panel_is_not_clipped(sqlite_location, size):
    def seed(s, pid):
        today = followups.today_of(s, pid)
        for i in range(6):
            attempts.log_attempt(s, pid, AttemptInput(
                outcome="no", channel="email", target=f"Firm {i}",
                follow_up_on=today - timedelta(days=i + 1),
                stated_reason="Bad timing, call back next year when the budget is there"))

    in_store(sqlite_location, seed)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        panels = app.screen.query_one("#panels")
        assert panels.max_scroll_y == 0  # nothing scrolled out of view
        text = screen_text(app)
        assert "6 overdue" in text
        # Short terminals show one item (the count says the rest); taller ones say "…and N more".
        assert ("more" in text) == (size[1] >= 30)
        panel = app.screen.query_one("FollowUpPanel")
        assert panel.region.bottom <= app.screen.query_one("#dash-bottom").region.y
        assert app.screen.query_one("#today-attempts").region.height >= 3


@pytest.mark.parametrize("size", SIZES[:2])
async def test_no_goal_wording(sqlite_location, size):
    in_store(sqlite_location, set_goal(Goal(5, 0, None)))
    app = make_test_app(sqlite_location)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "no daily no goal" not in text
        assert "No goal for no's today" in text


@pytest.mark.parametrize("size", SIZES[:2])
async def test_why_panel_leaves_todays_attempts_in_view(sqlite_location, size):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("n", "n", "n")
        await settle(pilot)
        why = app.screen.query_one(WhyPanel)
        assert why.is_open
        table = app.screen.query_one("#today-attempts")
        assert not table.region.overlaps(why.region)
        assert table.region.height >= 4  # the header and today's three rows
        assert why.region.bottom <= app.size.height - 1  # above the footer, not under it
        rows = [line for line in screen_text(app).splitlines() if line.count(" no ") or line.rstrip("│ ").endswith(" no")]
        assert len(rows) >= 3


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_attempt_log_keeps_the_note_column(sqlite_location, size):
    in_store(sqlite_location, lambda s, pid: attempts.log_attempt(
        s, pid, AttemptInput(outcome="no", channel="call", target=LONG, notes="remember the dog")))
    app = make_test_app(sqlite_location)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        text = screen_text(app)
        header = next(line for line in text.splitlines() if "Day" in line and "Channel" in line)
        assert "Note" in header
        # at 80 columns the Note column gives way to a whole Kind ("no priority"): it keeps the
        # note's start, never drops the column
        assert ("remember" if size[0] >= 100 else "rememb") in text
