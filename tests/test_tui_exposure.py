"""Pilot tests of issue 15 in the TUI: guesses in the form and the why? panel, the
calibration chart, and the rest budget beside the streak."""

from __future__ import annotations

from sqlalchemy import select
from textual.widgets import Input, OptionList

from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.services import attempts
from rejection_therapy.services.context import AppContext
from rejection_therapy.store.models import Attempt
from rejection_therapy.tui.widgets.attempt_form import AttemptFormScreen
from rejection_therapy.tui.widgets.plot import PlotextWidget
from rejection_therapy.tui.widgets.why_panel import WhyPanel
from tests.tui_helpers import in_store, make_test_app, settle


def stored(location) -> list[Attempt]:
    ctx = AppContext.open(location)
    try:
        with ctx.store.read() as s:
            return list(s.scalars(select(Attempt).order_by(Attempt.id)))
    finally:
        ctx.close()


async def test_full_form_takes_guess_dread_and_sting(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, AttemptFormScreen)
        form.query_one("#f-guess", Input).value = "25%"
        form.query_one("#f-dread").value = 4
        form.query_one("#f-sting").value = 2
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, AttemptFormScreen)
    [row] = stored(sqlite_location)
    assert (row.outcome, row.guess_pct, row.dread, row.sting) == ("no", 25, 4, 2)


async def test_full_form_explains_a_bad_guess_and_stays_open(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#f-guess", Input).value = "120"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AttemptFormScreen)
        assert "0 to 100" in str(app.screen.query_one("#form-error").render())
    assert stored(sqlite_location) == []


async def test_why_panel_notes_the_sting_and_escape_skips_it(sqlite_location):
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        panel = app.screen.query_one(WhyPanel)
        panel.query_one("#why-sting", Input).value = "2"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not panel.is_open
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")  # one key skips
        await settle(pilot)
    rows = stored(sqlite_location)
    assert [r.sting for r in rows] == [2, None]


async def test_charts_screen_lists_the_calibration_chart(sqlite_location):
    def seed(s, pid):
        attempts.log_attempt(s, pid, AttemptInput(outcome="yes", guess_pct=20, dread=3))
        attempts.log_attempt(s, pid, AttemptInput(outcome="no", guess_pct=16, dread=4, sting=2))

    in_store(sqlite_location, seed)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        options = app.screen.query_one("#chart-list", OptionList)
        options.highlighted = options.get_option_index("calibration")
        await settle(pilot)
        text = app.screen.query_one(PlotextWidget).text
        assert "You expected yes 18 % of the time; 50 % said yes." in text
        assert "it felt 2.0 of 5" in text


async def test_dashboard_shows_the_rest_budget_under_the_streak(sqlite_location):
    from textual.widgets import Label

    from rejection_therapy.services import rest

    def seed(s, pid):
        attempts.log_attempt(s, pid, AttemptInput(outcome="no"))
        rest.set_budget(s, pid, 3)

    in_store(sqlite_location, seed)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = str(app.screen.query_one("#streak", Label).render())
        assert text.splitlines() == ["Streak 1 day · longest 1", "Rest 3 left this month"]


async def test_ladder_screen_adds_climbs_and_suggests(sqlite_location):
    from textual.widgets import Select, Static

    from rejection_therapy.services import ladder

    def seed(s, pid):
        ladder.add(s, pid, "Ask for a discount", 2)
        ladder.add(s, pid, "[b]Cold[/b] call", 4)
        attempts.log_attempt(s, pid, AttemptInput(outcome="no", discomfort=3))

    in_store(sqlite_location, seed)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("L")
        await settle(pilot)
        assert type(app.screen).__name__ == "LadderScreen"
        assert "Next: [b]Cold[/b] call · 4/5" in str(app.screen.query_one("#ladder-next", Static).render())
        options = app.screen.query_one("#ladder-list", OptionList)
        assert options.option_count == 2
        await pilot.press("i")
        await pilot.press(*"Ask a stranger")
        app.screen.query_one("#ladder-level", Select).value = 5
        app.screen.query_one("#ladder-text", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert options.option_count == 3
        options.focus()
        options.highlighted = 1  # 4/5, the cold call
        await pilot.press("x")
        await settle(pilot)
        assert "Next: Ask a stranger · 5/5" in str(app.screen.query_one("#ladder-next", Static).render())
    rungs = in_store(sqlite_location, ladder.list_rungs)
    assert [(r.text, r.discomfort, r.done_on is not None) for r in rungs] == [
        ("Ask for a discount", 2, False), ("[b]Cold[/b] call", 4, True), ("Ask a stranger", 5, False)]


async def test_full_form_links_an_attempt_to_its_rung(sqlite_location):
    from rejection_therapy.services import ladder

    in_store(sqlite_location, lambda s, pid: ladder.add(s, pid, "Ask for a discount", 3))
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#f-rung", Input).value = "#1"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [row] = stored(sqlite_location)
    assert (row.rung_id, row.discomfort) == (1, 3)


async def test_dashboard_shows_the_plan_whose_moment_has_come(sqlite_location):
    from rejection_therapy import clock
    from rejection_therapy.services import plans, settings

    def seed(s, pid):
        settings.update(s, pid, timezone="UTC")
        at = clock.now()
        plans.add(s, pid, f"If it is {at:%H:%M}, then I dial [b]ten[/b] numbers")
        plans.add(s, pid, "If someone says not now, then I ask when")

    in_store(sqlite_location, seed)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        nudge = app.screen.query_one("#plan-nudge")
        assert nudge.display
        assert "then I dial [b]ten[/b] numbers" in str(nudge.render())


async def test_dashboard_offers_a_fresh_start_on_challenge_day_one(sqlite_location):
    from rejection_therapy.services import challenges

    in_store(sqlite_location, lambda s, pid: challenges.start_challenge(s, pid, "custom", days="10", total="5",
                                                                      name="[b]Ask[/b] sprint"))
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#fresh-start")
        assert box.display
        assert "Fresh start · Day 1 of [b]Ask[/b] sprint." in str(box.render())


async def test_dashboard_says_what_is_left_near_the_end_of_the_goal(sqlite_location):
    from textual.widgets import Label

    from rejection_therapy.core.goals import Goal
    from rejection_therapy.services import settings, today

    def seed(s, pid):
        settings.set_goal(s, pid, Goal(daily_attempts=4), today.today_of(s, pid))
        for _ in range(3):
            attempts.log_attempt(s, pid, AttemptInput(outcome="no"))

    in_store(sqlite_location, seed)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Rest 2 left this month · 1 to go today" in str(app.screen.query_one("#streak", Label).render())


async def test_settings_set_the_rest_budget_from_today_on(sqlite_location):
    from rejection_therapy.services import rest, today
    from tests.test_tui_settings import message, open_settings, type_into

    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_settings(pilot)
        assert screen.query_one("#set-rest_budget", Input).value == "2"
        await type_into(pilot, screen, "rest_budget", "40")
        assert message(screen, "rest_budget").startswith("Not saved: The rest budget must be")
        await type_into(pilot, screen, "rest_budget", "4")
        assert message(screen, "rest_budget") == "Saved from today on."

    def check(s, pid):
        return rest.budget_on(s, pid, today.today_of(s, pid))

    assert in_store(sqlite_location, check) == 4
