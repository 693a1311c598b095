"""Dialogs and fast fingers: keys that arrive in one burst (as a terminal delivers them) act
once, on the dialog they were meant for. Before ``widgets/dialog.py`` the second Enter of
"Enter Enter" in a form or a list dismissed the dialog a second time, which popped the screen
under it and crashed the app (ScreenStackError), and a row's Enter opened two editors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from .test_tui_fit_80 import demo_ready, open_demo
from .tui_helpers import burst, settle


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .snapshot_helpers import make_demo_template

    return make_demo_template(tmp_path_factory.mktemp("demo-bursts"))


def count(tmp_path: Path, table: str) -> int:
    with sqlite3.connect(tmp_path / "store" / "demo.db") as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def stack(app) -> list[str]:
    return [type(s).__name__ for s in app.screen_stack]


async def after_burst(app, pilot, *keys: str) -> None:
    burst(app, *keys)
    await settle(pilot)
    await pilot.pause(0.1)
    await settle(pilot)
    assert app._exception is None, app._exception


async def test_win_form_enter_enter_saves_one_win(demo_template, tmp_path, monkeypatch):
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await demo_ready(app, pilot)
        wins = count(tmp_path, "wins")
        await pilot.press("w")
        await settle(pilot)
        await after_burst(app, pilot, "x", "enter", "enter")
        assert stack(app) == ["DashboardScreen"]
    assert count(tmp_path, "wins") == wins + 1


async def test_attempt_form_enter_enter_logs_one(demo_template, tmp_path, monkeypatch):
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await demo_ready(app, pilot)
        attempts = count(tmp_path, "attempts")
        app.screen.action_attempt_form()
        await settle(pilot)
        app.screen.query_one("#f-target").focus()
        await after_burst(app, pilot, "x", "enter", "enter")
        assert stack(app) == ["DashboardScreen"]
    assert count(tmp_path, "attempts") == attempts + 1


@pytest.mark.parametrize("mode,key,editor", [("log", "enter", "AttemptFormScreen"),
                                             ("wins", "enter", "WinFormScreen")])
async def test_row_enter_enter_opens_one_editor(mode, key, editor, demo_template, tmp_path, monkeypatch):
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await demo_ready(app, pilot, mode)
        await after_burst(app, pilot, key, key)
        assert stack(app)[1:] == [editor]


async def test_challenge_preset_and_form_enter_enter(demo_template, tmp_path, monkeypatch):
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await demo_ready(app, pilot, "challenges")
        challenges = count(tmp_path, "challenges")
        await pilot.press("plus")
        await settle(pilot)
        await after_burst(app, pilot, "enter", "enter")  # the preset list: one form opens
        assert stack(app) == ["ChallengesScreen", "ChallengeFormScreen"]
        await after_burst(app, pilot, "enter", "enter")  # the form: one challenge starts
        assert stack(app) == ["ChallengesScreen"]
        assert count(tmp_path, "challenges") == challenges + 1


async def test_abandon_reason_enter_enter(demo_template, tmp_path, monkeypatch):
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await demo_ready(app, pilot, "challenges")
        await pilot.press("a")
        await settle(pilot)
        assert stack(app) == ["ChallengesScreen", "AskScreen"]
        await after_burst(app, pilot, "z", "enter", "enter")
        assert stack(app) == ["ChallengesScreen"]


async def test_outcome_list_enter_enter(demo_template, tmp_path, monkeypatch):
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await demo_ready(app, pilot, "log")
        await pilot.press("o")
        await settle(pilot)
        await after_burst(app, pilot, "enter", "enter")
        assert stack(app) == ["AttemptLogScreen"]
        assert sum(n.title == "" and "is now" in n.message for n in app._notifications) <= 1


async def test_snooze_enter_enter(demo_template, tmp_path, monkeypatch):
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await demo_ready(app, pilot, "followups")
        await pilot.press("z")
        await settle(pilot)
        assert stack(app) == ["FollowUpsScreen", "SnoozeScreen"]
        await after_burst(app, pilot, "enter", "enter")
        assert stack(app) == ["FollowUpsScreen"]
        assert sum("snoozed" in n.message for n in app._notifications) == 1


async def test_profile_name_enter_enter_adds_one(demo_template, tmp_path, monkeypatch):
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await demo_ready(app, pilot, "profiles")
        profiles = count(tmp_path, "profiles")
        await pilot.press("a")
        await settle(pilot)
        await after_burst(app, pilot, "Z", "enter", "enter")
        assert stack(app) == ["ProfilesScreen"]
        assert not any(n.severity == "error" for n in app._notifications)
    assert count(tmp_path, "profiles") == profiles + 1


def last(tmp_path: Path, sql: str):
    with sqlite3.connect(tmp_path / "store" / "demo.db") as db:
        return db.execute(sql).fetchone()


async def test_why_reason_enter_n_saves_the_reason_and_logs_the_next_no(demo_template, tmp_path, monkeypatch):
    """The salesperson's loop: n, the why? panel, a reason, Enter, n for the next no. In one
    burst the n reached the reason's field before its Enter was handled: "xn" was saved and
    the next no was never logged."""
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await demo_ready(app, pilot)
        attempts = count(tmp_path, "attempts")
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#why-stated").focus()
        await after_burst(app, pilot, "x", "enter", "n")
    assert count(tmp_path, "attempts") == attempts + 2
    assert last(tmp_path, "SELECT stated_reason FROM attempts ORDER BY id DESC LIMIT 1 OFFSET 1") == ("x",)


async def test_win_text_enter_n_saves_the_text_typed_before_enter(demo_template, tmp_path, monkeypatch):
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await demo_ready(app, pilot)
        attempts = count(tmp_path, "attempts")
        await pilot.press("w")
        await settle(pilot)
        await after_burst(app, pilot, "x", "enter", "n")
        assert stack(app) == ["DashboardScreen"]
    assert last(tmp_path, "SELECT text FROM wins ORDER BY id DESC LIMIT 1") == ("x",)
    assert count(tmp_path, "attempts") == attempts + 1  # the n after Enter logged a no


async def test_refused_enter_keeps_what_was_typed_after_it(demo_template, tmp_path, monkeypatch):
    """An Enter the form refuses leaves the dialog open: the keys after it stay in the field."""
    from textual.widgets import Input

    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await demo_ready(app, pilot)
        await pilot.press("w")
        await settle(pilot)
        app.screen.query_one("#win-attempt").focus()
        await after_burst(app, pilot, "z", "enter", "9")  # "z" is not an attempt number
        assert stack(app) == ["DashboardScreen", "WinFormScreen"]
        assert app.screen.query_one("#win-attempt", Input).value == "z9"


PLAN = [*"If a, then b"]


def typed(text: list[str]) -> list[str]:
    return ["space" if k == " " else k for k in text]


async def test_plan_enter_enter_adds_one_plan_in_the_challenge_form(demo_template, tmp_path, monkeypatch):
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await demo_ready(app, pilot, "challenges")
        await pilot.press("plus")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#pe-input").focus()
        await after_burst(app, pilot, *typed(PLAN), "enter", "enter")
        assert stack(app) == ["ChallengesScreen", "ChallengeFormScreen"]  # the second Enter did not start it
        assert app.screen.plans == ["If a, then b"]


async def test_plan_enter_enter_stores_one_plan_in_settings(demo_template, tmp_path, monkeypatch):
    app = await open_demo(demo_template, tmp_path, monkeypatch)
    plans = count(tmp_path, "plans")
    async with app.run_test(size=(80, 24)) as pilot:
        await demo_ready(app, pilot, "settings")
        app.screen.query_one("#pe-input").focus()
        await after_burst(app, pilot, *typed(PLAN), "enter", "enter")
    assert count(tmp_path, "plans") == plans + 1


async def test_cap_question_enter_enter_answers_once(demo_template, tmp_path, monkeypatch):
    """The cap dialog: Enter presses the highlighted safe answer; the second Enter of the burst
    pressed it again and popped the dashboard under it (a crash)."""
    from .snapshot_helpers import low_cap

    app = await open_demo(demo_template, tmp_path, monkeypatch)
    low_cap(app.location)
    attempts = count(tmp_path, "attempts")
    async with app.run_test(size=(80, 24)) as pilot:
        await demo_ready(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        assert stack(app) == ["DashboardScreen", "ConfirmScreen"]
        await after_burst(app, pilot, "enter", "enter")
        assert stack(app) == ["DashboardScreen"]
    assert count(tmp_path, "attempts") == attempts  # "Stop for today": nothing logged
