"""``today`` and the dashboard say "Day 12 of 100 · today's ask done" (issue 13, item 8),
and a backdated attempt fills a challenge day as if logged on time (item 1)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from rejection_therapy import clock
from rejection_therapy.core import days
from rejection_therapy.core.challenge_line import ChallengeRow, ask_status, headline
from tests.cli_helpers import run

WED = date(2026, 11, 18)


def today() -> date:
    return days.local_day(clock.now(), "UTC", 4)


@pytest.mark.parametrize("count, per_day, rest, words", [
    (0, None, False, "today's ask not done yet"), (1, 1, False, "today's ask done"),
    (2, 4, False, "today 2 of 4"), (4, 4, False, "today's 4 done"), (0, 1, True, "rest day"),
])
def test_ask_status(count, per_day, rest, words):
    assert ask_status(count, per_day, rest) == words


def test_headline_counts_only_its_channels_and_days():
    c = ChallengeRow(1, "Sprint", WED - timedelta(11), 14, 0, 3, "pitch,email", None)
    assert headline(c, WED, {"pitch": 2, "call": 5}) == "Sprint: Day 12 of 14 · today 2 of 3"
    assert headline(c, WED + timedelta(3), {}) is None
    assert headline(c, WED - timedelta(12), {}) is None


def test_today_shows_each_running_challenge_both_paths(db_path, capsys, path_kind):  # noqa: F811
    start = today() - timedelta(days=11)
    code, _, err = run(capsys, "--db", db_path, "challenge", "start", "100-day", "--start", start.isoformat())
    assert code == 0, err
    _, out, _ = run(capsys, "--db", db_path, "today")
    assert "Challenge      100-day rejection challenge: Day 12 of 100 · today's ask not done yet" in out
    run(capsys, "--db", db_path, "log", "no")
    _, out, _ = run(capsys, "--db", db_path, "today")
    assert "Day 12 of 100 · today's ask done" in out


def test_backdated_attempt_fills_a_challenge_day(db_path, capsys):
    run(capsys, "--db", db_path, "log", "no")
    start = today() - timedelta(days=1)
    run(capsys, "--db", db_path, "challenge", "start", "100-day", "--start", start.isoformat())
    _, out, _ = run(capsys, "--db", db_path, "challenge", "status")
    assert "1 day done, 1 missed" in out
    run(capsys, "--db", db_path, "log", "no", "--date", "yesterday")
    _, out, _ = run(capsys, "--db", db_path, "challenge", "status")
    assert "2 days done, 0 missed" in out


async def test_dashboard_panel_says_whether_todays_ask_is_done(sqlite_location):
    from rejection_therapy.tui.widgets.challenge_panel import ChallengePanel
    from tests.tui_helpers import in_store, make_test_app, settle

    def setup(s, pid):
        from rejection_therapy.services import challenges

        challenges.start_challenge(s, pid, "100-day")

    in_store(sqlite_location, setup)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(ChallengePanel)
        assert "day 1 of 100" in str(panel.render()).lower() and "today's ask not done yet" in str(panel.render())
        await pilot.press("n")
        await settle(pilot)
        app.screen._refresh_panels()  # the panels follow a log after PANEL_DELAY; do not wait for it
        await settle(pilot)
        assert "today's ask done" in str(panel.render())


@pytest.mark.parametrize("period", [(), ("--week",), ("--challenge", "1")])
def test_review_shows_each_running_challenge_as_today_does(db_path, capsys, period):
    """The review (month, week, challenge) says the line `today` says, in text and in --json."""
    start = today() - timedelta(days=11)
    run(capsys, "--db", db_path, "challenge", "start", "100-day", "--start", start.isoformat())
    run(capsys, "--db", db_path, "log", "no")
    _, today_out, _ = run(capsys, "--db", db_path, "today", "--json")
    line = "100-day rejection challenge: Day 12 of 100 · today's ask done"
    assert json.loads(today_out)["challenges"] == [line]
    code, out, err = run(capsys, "--db", db_path, "review", *period)
    assert code == 0, err
    assert "## Running challenges (today)\n\n- 100-day rejection challenge: Day 12 of 100 · today's ask done\n" in out
    code, out, _ = run(capsys, "--db", db_path, "review", *period, "--json")
    assert code == 0 and json.loads(out)["challenges"] == [line]


def test_review_without_a_running_challenge_has_no_section(db_path, capsys):
    run(capsys, "--db", db_path, "log", "no")
    _, out, _ = run(capsys, "--db", db_path, "review")
    assert "Running challenges" not in out
    _, out, _ = run(capsys, "--db", db_path, "review", "--json")
    assert json.loads(out)["challenges"] == []


async def test_review_screen_shows_the_challenge_day(sqlite_location):
    from tests.tui_helpers import in_store, make_test_app, settle
    from tests.tui_text import flowing

    def setup(s, pid):
        from rejection_therapy.services import challenges

        challenges.start_challenge(s, pid, "100-day", start=today() - timedelta(days=11))

    in_store(sqlite_location, setup)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert "- 100-day rejection challenge: Day 12 of 100 · today's ask not done yet" in screen.markdown_text
        shown = flowing(app)  # what the 80x24 screen shows, wrapped lines joined
        assert "Running challenges (today)" in shown
        assert "100-day rejection challenge: Day 12 of 100 · today's ask not done yet" in shown
