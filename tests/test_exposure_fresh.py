"""Fresh starts and the last stretch (issue 15, item 6)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rejection_therapy.core import fresh as rules
from rejection_therapy.core.attempts import AttemptInput


@pytest.mark.parametrize(("day", "challenge", "reason"), [
    (date(2026, 11, 16), None, "A new week"),  # a Monday
    (date(2026, 12, 1), None, "A new month: December"),  # a Tuesday, the 1st
    (date(2026, 11, 18), "Ask 100", "Day 1 of Ask 100"),
    (date(2026, 11, 18), None, None),
])
def test_fresh_start_days(day, challenge, reason):
    assert rules.fresh_start_reason(day, challenge) == reason


def test_the_last_stretch_says_what_is_left():
    assert rules.to_go(17, 20, "today") == "3 to go today"
    assert rules.to_go(16, 20) is None
    assert rules.to_go(85, 100) == "15 to go"  # the last 15 %
    assert rules.to_go(84, 100) is None
    assert rules.to_go(20, 20) is None and rules.to_go(0, 0) is None
    assert rules.to_go(0, 3) is None and rules.to_go(2, 3) == "1 to go"  # past halfway only
    assert rules.last_week_line(0, 0).startswith("Last week was quiet")
    assert rules.last_week_line(1, 1) == "Last week: 1 attempt on 1 day."


@given(st.integers(0, 500), st.integers(0, 500))
def test_to_go_is_never_a_failure_count(done, target):
    text = rules.to_go(done, target)
    if text is not None:
        left = int(text.split()[0].replace(",", ""))
        assert 0 < left == target - done and left <= max(3, -(-target * 15 // 100)) and 2 * done > target


def test_fresh_view_on_a_monday_and_challenge_stretch(ctx):
    from rejection_therapy.core.settings import Settings
    from rejection_therapy.services import attempts, challenges, fresh, plans, settings

    monday = datetime(2026, 11, 16, 12, tzinfo=UTC)
    with ctx.store.write() as s:
        settings.save(s, ctx.profile_id, Settings(timezone="UTC"))
        for back in (1, 2, 2, 5, 9):  # 4 attempts on 3 days in the week before; one older
            attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no"), now=monday - timedelta(days=back))
    with ctx.store.read() as s:
        v = fresh.view(s, ctx.profile_id, now=monday)
    assert v.fresh == ("Fresh start · A new week. Last week: 4 attempts on 3 days. "
                       "One plan for this week? (plans add \"If …, then …\")")
    with ctx.store.write() as s:
        plans.add(s, ctx.profile_id, "If it is 9:00 on a weekday, then I call")
        c = challenges.start_challenge(s, ctx.profile_id, "custom", today=date(2026, 11, 17), start="2026-11-17",
                                       days="10", total="6", name="Sprint")
        for _ in range(4):
            attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no"), now=monday + timedelta(days=1))
    with ctx.store.read() as s:
        v = fresh.view(s, ctx.profile_id, now=monday + timedelta(days=1))
    assert v.fresh.startswith("Fresh start · Day 1 of Sprint.") and v.fresh.endswith("This week: If it is 9:00 on a weekday, then I call")
    assert v.stretch == ["Sprint: 2 to go"]
    with ctx.store.read() as s:
        assert fresh.view(s, ctx.profile_id, now=monday + timedelta(days=2)).fresh is None
    assert c.name == "Sprint"
