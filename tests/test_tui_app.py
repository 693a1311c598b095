"""The app shell: modes and placeholders, help, palette, modal keys, theme, effort-only,
the bad-day trigger and the onboarding hook."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.screen import ModalScreen
from textual.widgets import Static

from rejection_therapy import clock
from rejection_therapy.services import settings as settings_svc
from rejection_therapy.services.context import AppContext
from rejection_therapy.store.models import Challenge
from rejection_therapy.tui import app as app_mod
from rejection_therapy.tui.app import SCREENS, PlaceholderScreen
from rejection_therapy.tui.commands import COMMANDS, RTCommands
from rejection_therapy.tui.screens.help import HelpScreen
from rejection_therapy.tui.widgets.attempt_form import AttemptFormScreen
from tests.tui_helpers import in_store, make_test_app, settle


async def test_every_mode_key_opens_its_screen(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "DashboardScreen"
        for mode, (_module, cls_name, _title, key) in SCREENS.items():
            if not key:
                continue
            app.screen.set_focus(None)  # Settings focuses its first field, where letters are typed
            await pilot.press(key)
            await settle(pilot)
            assert app.current_mode == mode
            assert type(app.screen).__name__ in (cls_name, "PlaceholderScreen")
            assert app.is_running
        await pilot.press("escape")  # Settings has a field focused: Esc leaves it (back one step)
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert app.current_mode == "dashboard"


async def test_missing_screen_shows_coming_soon(sqlite_location, monkeypatch):
    monkeypatch.setitem(app_mod.MODES_FOR_TESTS, "charts", ("no_such_module", "Nope", "Charts", "g"))
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, PlaceholderScreen)
        assert "Coming soon" in str(app.screen.query_one(".placeholder", Static).render())


async def test_help_lists_the_keys(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(s.render()) for s in app.screen.query(Static))
        for words in ("Log a no", "Undo", "Attempt log", "Bad-day", "Command palette"):
            assert words in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_offers_every_screen_and_action(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        provider = RTCommands(app.screen)
        names = [hit.display async for hit in provider.discover()]
        assert len(names) == len(COMMANDS)
        for mode, (_m, _c, title, _k) in SCREENS.items():
            assert any(title in str(n) for n in names), mode
        hits = [hit async for hit in provider.search("log a no")]
        hits[0].command()
        await settle(pilot)
        assert app.screen.query_one("#no-counter").value == "1"


async def test_global_keys_wait_while_a_modal_is_open(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AttemptFormScreen)
        app.screen.query_one("#f-conversation").focus()
        await pilot.press("l", "q")
        await settle(pilot)
        assert app.current_mode == "dashboard" and isinstance(app.screen, AttemptFormScreen)
        assert app.is_running


async def test_theme_is_saved_and_applied_on_load(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    ctx = AppContext.open(sqlite_location)
    with ctx.store.read() as s:
        assert settings_svc.load(s, ctx.profile_id).theme == "nord"
    ctx.close()
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"


async def test_effort_only_hides_outcomes(sqlite_location):
    def start(s, pid):
        s.add(Challenge(uuid="c" * 32, profile_id=pid, preset="pitch-sprint", name="Sprint",
                        start_day=clock.now().date() - timedelta(days=10), length_days=100, effort_only=True,
                        created_at=clock.now()))

    in_store(sqlite_location, start)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("n", "escape", "y")
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#no-counter").display is False
        assert screen.query_one("#outcomes").display is False
        assert str(screen.query_one("#no-side").render()) == "Effort-only: counting pitches sent"
        assert screen.query_one("#effort-counter").value == "2"
        table = screen.query_one("#today-attempts")
        assert "outcome" not in [c.key.value for c in table.ordered_columns]


class FakeBadDay(ModalScreen[None]):
    BINDINGS = [("escape", "dismiss", "Close")]


async def test_bad_day_offered_once_per_run_of_nos(sqlite_location, monkeypatch):
    from rejection_therapy.tui.widgets.bad_day_banner import BadDayBanner

    in_store(sqlite_location, lambda s, pid: settings_svc.update(s, pid, bad_day_threshold=3))
    real = app_mod.load_class
    monkeypatch.setattr(app_mod, "load_class",
                        lambda module, name: FakeBadDay if name == "BadDayScreen" else real(module, name))
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        banner = app.screen.query_one(BadDayBanner)
        for _ in range(2):
            await pilot.press("n")
            await settle(pilot)
        assert not banner.is_open
        await pilot.press("n")
        await settle(pilot)
        assert banner.is_open
        await pilot.press("escape", "x")  # escape leaves the why? panel; x closes the banner
        await pilot.press("n")  # same run: not again
        await settle(pilot)
        assert not banner.is_open
        await pilot.press("escape", "y")  # a yes ends the run
        await settle(pilot)
        for _ in range(3):
            await pilot.press("n")
            await settle(pilot)
        assert banner.is_open
        await pilot.press("escape", "exclamation_mark")  # ! opens the protocol any time
        await settle(pilot)
        assert isinstance(app.screen, FakeBadDay)


@pytest.mark.parametrize("onboarded", [False, True])
async def test_onboarding_is_offered_on_a_fresh_store_only(sqlite_location, monkeypatch, onboarded):
    class FakeOnboarding(ModalScreen[None]):
        pass

    if onboarded:
        in_store(sqlite_location, lambda s, pid: settings_svc.update(s, pid, onboarded=True))
    real = app_mod.load_class
    monkeypatch.setattr(app_mod, "load_class",
                        lambda module, name: FakeOnboarding if name == "OnboardingScreen" else real(module, name))
    app = make_test_app(sqlite_location, onboarding=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FakeOnboarding) is (not onboarded)
