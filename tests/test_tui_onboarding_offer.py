"""Onboarding is offered while no goal has been chosen, whatever was logged (issue 11 item 15)."""

from __future__ import annotations

from datetime import date

import pytest

from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.goals import Goal
from rejection_therapy.services import attempts, onboarding
from rejection_therapy.services import settings as settings_svc
from rejection_therapy.tui.screens.onboarding import OnboardingScreen
from tests.tui_helpers import in_store, make_test_app, settle


def test_offer_rule_on_both_backends(location):
    assert in_store(location, onboarding.should_offer)
    in_store(location, lambda s, pid: attempts.log_attempt(s, pid, AttemptInput(outcome="no")))
    assert in_store(location, onboarding.should_offer)  # logging first changes nothing
    in_store(location, lambda s, pid: settings_svc.set_goal(s, pid, Goal(10, 0, None), date(2000, 1, 1)))
    assert not in_store(location, onboarding.should_offer)
    assert in_store(location, onboarding.goal_note) == "10 attempts a day · no cap"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_offered_after_a_cli_log(sqlite_location, size):
    from rejection_therapy.cli import main

    assert main(["--db", str(sqlite_location.path), "log", "no"]) == 0
    app = make_test_app(sqlite_location, onboarding=True)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OnboardingScreen)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_not_offered_when_a_goal_was_set_and_skip_never_says_no_goal(sqlite_location, size):
    in_store(sqlite_location, lambda s, pid: settings_svc.set_goal(s, pid, Goal(60, 20, 100), date(2000, 1, 1)))
    app = make_test_app(sqlite_location, onboarding=True)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, OnboardingScreen)
        app.action_onboarding()  # from the palette
        await settle(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        await pilot.press("escape")
        await settle(pilot)
        notes = [n.message for n in app._notifications]
        assert not any("No goal" in m for m in notes)
        assert any("Your goal stays: 60 attempts a day" in m for m in notes)
