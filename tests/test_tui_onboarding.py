"""Pilot tests of onboarding: first run on an empty store, the four paths, skip, the palette."""

from __future__ import annotations

from textual.widgets import Input, Static

from rejection_therapy.core.goals import Goal
from rejection_therapy.services import onboarding
from rejection_therapy.services import settings as settings_svc
from rejection_therapy.services.context import AppContext
from rejection_therapy.tui.screens.onboarding import OnboardingScreen
from tests.tui_helpers import burst, make_test_app, settle


def stored(location):
    ctx = AppContext.open(location)
    try:
        with ctx.store.read() as s:
            day = onboarding.today(s, ctx.profile_id)
            return settings_svc.load(s, ctx.profile_id), settings_svc.current_goal(s, ctx.profile_id, day)
    finally:
        ctx.close()


async def test_first_run_offers_the_paths_and_the_sales_quota_sets_the_goal(sqlite_location):
    app = make_test_app(sqlite_location, onboarding=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        await pilot.press("enter")  # the first path is highlighted: sales call quota
        await settle(pilot)
        assert not isinstance(app.screen, OnboardingScreen)
        assert any("60 attempts a day" in n.message for n in app._notifications)
    settings, goal = stored(sqlite_location)
    assert settings.onboarded is True and settings.default_channel == "call"
    assert goal == Goal(daily_attempts=60, daily_nos=20, daily_cap=100)

    app = make_test_app(sqlite_location, onboarding=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, OnboardingScreen)  # asked once


async def test_number_keys_choose_a_path(sqlite_location):
    app = make_test_app(sqlite_location, onboarding=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
    settings, goal = stored(sqlite_location)
    assert goal == Goal(daily_attempts=3, daily_nos=0, daily_cap=6)
    assert settings.default_channel == "pitch" and settings.onboarded


async def test_a_choice_is_final_when_keys_come_faster_than_the_modal_closes(sqlite_location):
    """Found by hand at 80x24: "3" then Enter at once applied the 100-day path and then the
    sales quota over it (two notices, the sales goal stored)."""
    app = make_test_app(sqlite_location, onboarding=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "3", "enter", "1", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, OnboardingScreen)
        assert [n.title for n in app._notifications].count("Your goal is set") == 1
    settings, goal = stored(sqlite_location)
    assert goal == Goal(daily_attempts=1, daily_nos=0, daily_cap=None)
    assert settings.onboarded


async def test_custom_path_with_typed_numbers_and_an_error_first(sqlite_location):
    app = make_test_app(sqlite_location, onboarding=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        assert app.focused.id == "custom-attempts"
        await pilot.press(*"12", "tab", *"4", "tab", *"5", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OnboardingScreen)  # refused: the cap is below the goal
        assert "below the daily goal" in str(screen.query_one("#custom-msg", Static).render())
        assert stored(sqlite_location)[1] == Goal()
        cap = screen.query_one("#custom-cap", Input)
        cap.value = "20"
        cap.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, OnboardingScreen)
    settings, goal = stored(sqlite_location)
    assert goal == Goal(daily_attempts=12, daily_nos=4, daily_cap=20) and settings.onboarded


async def test_skip_marks_onboarded_and_the_palette_brings_it_back(sqlite_location):
    app = make_test_app(sqlite_location, onboarding=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, OnboardingScreen)
        assert stored(sqlite_location)[0].onboarded is True
        assert stored(sqlite_location)[1] == Goal()
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Onboarding")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        await pilot.press("3")
        await settle(pilot)
    assert stored(sqlite_location)[1] == Goal(daily_attempts=1, daily_nos=0, daily_cap=None)


async def test_the_100_day_path_starts_the_challenge_unless_unticked(sqlite_location, tmp_path):
    from rejection_therapy.config import resolve_db
    from rejection_therapy.services import challenges

    app = make_test_app(sqlite_location, onboarding=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")
        assert app.screen.query_one("#start-challenge").display is True
        await pilot.press("enter")
        await settle(pilot)
    ctx = AppContext.open(sqlite_location)
    try:
        with ctx.store.read() as s:
            running = challenges.status(s, ctx.profile_id)
            assert [c.preset for c in running] == ["100-day"]
    finally:
        ctx.close()

    other = resolve_db(str(tmp_path / "other.db"))
    app = make_test_app(other, onboarding=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.screen.query_one("#start-challenge").value = False
        await pilot.press("3")
        await settle(pilot)
    ctx = AppContext.open(other)
    try:
        with ctx.store.read() as s:
            assert challenges.status(s, ctx.profile_id) == []
            assert settings_svc.current_goal(s, ctx.profile_id, onboarding.today(s, ctx.profile_id)).daily_attempts == 1
    finally:
        ctx.close()
