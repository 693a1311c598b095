"""Dashboard panels: a click on the follow-up panel opens the Follow-ups screen."""

from __future__ import annotations

from rejection_therapy import clock
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.services import attempts
from rejection_therapy.services.context import AppContext
from tests.tui_helpers import make_test_app, settle


async def test_click_on_follow_up_panel_opens_follow_ups(sqlite_location):
    ctx = AppContext.open(sqlite_location)
    with ctx.store.write() as s:
        today = attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no")).local_day
        attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no", target="Acme", follow_up_on=today),
                             now=clock.now())
    ctx.close()
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        from rejection_therapy.tui.widgets.followup_panel import FollowUpPanel

        panel = app.screen.query_one(FollowUpPanel)
        assert panel.display
        await pilot.click(FollowUpPanel)
        await settle(pilot)
        assert app.current_mode == "followups"


async def test_click_on_challenge_panel_opens_challenges(sqlite_location):
    from rejection_therapy.services import challenges

    ctx = AppContext.open(sqlite_location)
    with ctx.store.write() as s:
        challenges.start_challenge(s, ctx.profile_id, "100-day")
    ctx.close()
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        from rejection_therapy.tui.widgets.challenge_panel import ChallengePanel

        assert app.screen.query_one(ChallengePanel).display
        await pilot.click(ChallengePanel)
        await settle(pilot)
        assert app.current_mode == "challenges"
