"""Pilot tests of the settings screen: saved at once, kept across restarts, bad values refused in place."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, Select, Static

from rejection_therapy.services import onboarding
from rejection_therapy.services import settings as settings_svc
from rejection_therapy.services.context import AppContext
from rejection_therapy.tui.screens.settings import SettingsScreen
from tests.tui_helpers import make_test_app, settle


def stored(location):
    ctx = AppContext.open(location)
    try:
        with ctx.store.read() as s:
            day = onboarding.today(s, ctx.profile_id)
            return settings_svc.load(s, ctx.profile_id), settings_svc.current_goal(s, ctx.profile_id, day)
    finally:
        ctx.close()


async def open_settings(pilot) -> SettingsScreen:
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SettingsScreen)
    return pilot.app.screen


async def type_into(pilot, screen, key: str, text: str) -> None:
    field = screen.query_one(f"#set-{key}", Input)
    field.focus()
    await pilot.pause()
    field.value = ""
    await pilot.press(*text, "enter")
    await settle(pilot)


def message(screen, key: str) -> str:
    return str(screen.query_one(f"#msg-{key}", Static).render())


async def test_settings_survive_a_restart(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_settings(pilot)
        await type_into(pilot, screen, "daily_attempts", "60")
        assert message(screen, "daily_attempts").startswith("Saved")
        await type_into(pilot, screen, "daily_cap", "100")
        await type_into(pilot, screen, "silence_days", "21")
        await type_into(pilot, screen, "rest_weekdays", "sat sun")
        assert screen.query_one("#set-rest_weekdays", Input).value == "sat, sun"
        await type_into(pilot, screen, "per_channel", "call=50, email=10")
        hide = screen.query_one("#set-hide_streaks", Checkbox)
        hide.focus()
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("escape")  # leave the field so the global key works
        await pilot.press("q")
    settings, goal = stored(sqlite_location)
    assert (goal.daily_attempts, goal.daily_cap, dict(goal.per_channel)) == (60, 100, {"call": 50, "email": 10})
    assert settings.silence_days == 21 and settings.rest_weekdays == (5, 6) and settings.hide_streaks is True

    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_settings(pilot)
        assert screen.query_one("#set-daily_attempts", Input).value == "60"
        assert screen.query_one("#set-daily_cap", Input).value == "100"
        assert screen.query_one("#set-silence_days", Input).value == "21"
        assert screen.query_one("#set-per_channel", Input).value == "call=50, email=10"
        assert screen.query_one("#set-rest_weekdays", Input).value == "sat, sun"
        assert screen.query_one("#set-hide_streaks", Checkbox).value is True


async def test_invalid_value_is_explained_in_place_and_not_saved(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_settings(pilot)
        await type_into(pilot, screen, "day_start_hour", "25")
        assert message(screen, "day_start_hour") == "Not saved: The day-start hour must be a whole number from 0 to 23."
        field = screen.query_one("#set-day_start_hour", Input)
        assert field.value == "25" and field.has_class("-invalid")  # what was typed stays, to fix it
        await type_into(pilot, screen, "timezone", "Mars/Olympus")
        assert "Unknown time zone 'Mars/Olympus'" in message(screen, "timezone")
        await type_into(pilot, screen, "daily_attempts", "50")
        await type_into(pilot, screen, "daily_cap", "10")
        assert "is below the daily goal (50)" in message(screen, "daily_cap")
        await type_into(pilot, screen, "channels", "email, pitch")
        assert "The default channel 'call' is not in the list of channels." in message(screen, "channels")
        # Escape puts the stored value back in the field.
        screen.query_one("#set-day_start_hour", Input).focus()
        await pilot.press("escape")
        await settle(pilot)
        assert field.value == "4" and not field.has_class("-invalid")
        assert app.is_running
    settings, goal = stored(sqlite_location)
    assert settings.day_start_hour == 4
    assert settings.timezone != "Mars/Olympus"
    assert settings.channels[0] == "call" and settings.default_channel == "call"
    assert goal.daily_attempts == 50 and goal.daily_cap is None


async def test_theme_applies_at_once_and_is_stored(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_settings(pilot)
        theme = screen.query_one("#set-theme", Select)
        choice = next(name for name in sorted(app.available_themes) if name != app.theme)
        theme.value = choice
        await settle(pilot)
        assert app.theme == choice
    assert stored(sqlite_location)[0].theme == choice


async def test_channels_feed_the_default_channel_choice(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_settings(pilot)
        await type_into(pilot, screen, "channels", "call, email, linkedin")
        default = screen.query_one("#set-default_channel", Select)
        default.value = "linkedin"
        await settle(pilot)
        assert message(screen, "default_channel").startswith("Saved")
    settings, _goal = stored(sqlite_location)
    assert settings.channels == ("call", "email", "linkedin") and settings.default_channel == "linkedin"


async def test_today_can_be_marked_a_rest_day(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_settings(pilot)
        rest = screen.query_one("#set-rest_today", Checkbox)
        assert rest.value is False
        rest.focus()
        await pilot.press("space")
        await settle(pilot)
        assert message(screen, "rest_today") == "Saved for today."
    ctx = AppContext.open(sqlite_location)
    try:
        with ctx.store.read() as s:
            day = onboarding.today(s, ctx.profile_id)
            assert settings_svc.rest_days(s, ctx.profile_id) == [day]
    finally:
        ctx.close()
