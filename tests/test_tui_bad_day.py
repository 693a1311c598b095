"""Pilot tests of the bad-day protocol on the real app: the run of no's, !, the timer."""

from datetime import timedelta

from textual.widgets import Input, Switch

from rejection_therapy import clock
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.services import attempts, silence
from rejection_therapy.services import settings as settings_svc
from rejection_therapy.services.context import AppContext
from rejection_therapy.tui.screens.bad_day import BadDayScreen
from tests.tui_helpers import make_test_app, settle


def bad_day_screens(app) -> int:
    return sum(isinstance(s, BadDayScreen) for s in app.screen_stack)


async def press_no(pilot, times: int) -> None:
    for _ in range(times):
        await pilot.press("n")
        await settle(pilot)


async def test_ten_nos_offer_the_protocol_once(sqlite_location):
    from rejection_therapy.tui.widgets.bad_day_banner import BadDayBanner

    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_no(pilot, 9)
        banner = app.screen.query_one(BadDayBanner)
        assert not banner.is_open
        await press_no(pilot, 1)  # the tenth no in a row: offered in a banner, not a modal
        assert banner.is_open and bad_day_screens(app) == 0
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert isinstance(app.screen, BadDayScreen)
        assert "10 no's in a row" in str(app.screen.query_one("#bd-lead").content)
        await pilot.press("escape")
        await settle(pilot)
        assert bad_day_screens(app) == 0
        await pilot.press("x")  # the banner stays until closed
        await settle(pilot)
        assert not banner.is_open
        await press_no(pilot, 1)  # the eleventh: the run goes on, no second interruption
        assert not banner.is_open
        assert bad_day_screens(app) == 0
    ctx = AppContext.open(sqlite_location)
    try:
        with ctx.store.read() as s:
            assert attempts.count_attempts(s, ctx.profile_id, attempts.Filter(outcome="no")) == 11
    finally:
        ctx.close()


async def test_logging_keys_close_the_pause_and_still_log(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert isinstance(app.screen, BadDayScreen)
        await pilot.press("n")
        await settle(pilot)
        assert bad_day_screens(app) == 0
    ctx = AppContext.open(sqlite_location)
    try:
        with ctx.store.read() as s:
            assert attempts.count_attempts(s, ctx.profile_id) == 1
    finally:
        ctx.close()


async def test_bang_opens_it_any_time_and_shows_the_day(sqlite_location):
    ctx = AppContext.open(sqlite_location)
    try:
        with ctx.store.write() as s:
            pid = ctx.profile_id
            for kind in ("not-now", "not-now", "not-for-us"):
                attempts.log_attempt(s, pid, AttemptInput(outcome="no", kind=kind, target=f"[b]{kind}[/b]"))
            attempts.log_attempt(s, pid, AttemptInput(outcome="no", target="Old"),
                                 now=clock.now() - timedelta(days=30))
            attempts.log_attempt(s, pid, AttemptInput(outcome="pending"),
                                 now=clock.now() - timedelta(days=30))
            silence.sweep(s, pid)
    finally:
        ctx.close()
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")  # any screen
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BadDayScreen)
        assert "4 no's survived so far, 3 of them today" in str(screen.query_one("#bd-survived").content)
        review = str(screen.query_one("#bd-review").content)
        assert "Not right now: 2" in review and "Not for us: 1" in review
        assert "[b]not-now[/b]" in review  # names literal
        assert "Silence" not in review  # the silent attempt is from another day, and never a no
        await pilot.press("escape")
        await settle(pilot)
        assert bad_day_screens(app) == 0


async def test_break_timer_counts_down_pauses_and_cancels(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BadDayScreen)
        assert screen.remaining == 600  # default: 10 minutes
        screen.query_one("#bd-minutes", Input).value = "2"
        await pilot.click("#bd-start")
        assert screen.running and screen.remaining == 120
        for _ in range(3):
            screen.tick()
        assert screen.remaining == 117
        await pilot.pause()
        assert str(screen.query_one("#bd-clock").content) == "01:57"
        await pilot.click("#bd-pause")
        screen.tick()
        assert screen.remaining == 117 and "paused" in str(screen.query_one("#bd-clock").content)
        await pilot.press("ctrl+t")  # resume
        screen.tick()
        assert screen.remaining == 116
        await pilot.press("ctrl+x")  # cancel: back to the minutes set
        assert not screen.running and screen.remaining == 120
        await pilot.press("ctrl+t")
        for _ in range(120):
            screen.tick()
        assert screen.remaining == 0 and not screen.running and not screen.started


async def test_it_can_be_turned_off(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        switch = app.screen.query_one("#bd-enabled", Switch)
        assert switch.value is True
        switch.value = False
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await press_no(pilot, 10)
        assert bad_day_screens(app) == 0
        await pilot.press("exclamation_mark")  # still there on demand
        await settle(pilot)
        assert isinstance(app.screen, BadDayScreen)
    ctx = AppContext.open(sqlite_location)
    try:
        with ctx.store.read() as s:
            assert settings_svc.load(s, ctx.profile_id).bad_day_enabled is False
    finally:
        ctx.close()
