"""Rules pinned at their boundaries: the silence window as the production sweep applies it,
the streak's floor of one attempt when no daily goal is set, the funnel's rounding up."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from rejection_therapy.core import silence as silence_rules
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.funnel import Funnel
from rejection_therapy.core.streaks import compute_streak
from rejection_therapy.services import attempts, silence, today

NOW = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("age", "silent"),
    [
        (timedelta(days=13), False),
        (timedelta(days=14) - timedelta(seconds=1), False),
        (timedelta(days=14), True),
        (timedelta(days=15), True),
    ],
)
def test_the_sweep_applies_the_core_silence_rule(ctx, age, silent):
    """Production (services.silence.sweep) and core (is_silent) agree at 13, 14 and 15 days."""
    with ctx.store.write() as s:
        logged = attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="pending"), now=NOW - age)
    assert silence_rules.is_silent("pending", NOW - age, NOW, 14) is silent
    with ctx.store.write() as s:
        assert silence.sweep(s, ctx.profile_id, NOW) == int(silent)
    with ctx.store.read() as s:
        assert attempts.get(s, ctx.profile_id, logged.id).outcome == ("silence" if silent else "pending")


def test_the_sweep_asks_the_core_rule(ctx, monkeypatch):
    """One rule: the sweep decides with core.silence.is_silent, not a copy of it."""
    with ctx.store.write() as s:
        attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="pending"), now=NOW - timedelta(days=20))
    asked = []
    monkeypatch.setattr(silence, "is_silent", lambda *a: asked.append(a) or False)
    with ctx.store.write() as s:
        assert silence.sweep(s, ctx.profile_id, NOW) == 0
    assert len(asked) == 1


def test_with_no_daily_goal_a_day_without_attempts_breaks_the_streak():
    d = date(2026, 11, 10)
    counts = {d: 1, d + timedelta(days=2): 1}
    streak = compute_streak(counts, d + timedelta(days=2), goal_for=0)
    assert (streak.current, streak.longest) == (1, 1)
    streak = compute_streak(counts, d + timedelta(days=2), goal_for=lambda _d: 0)
    assert (streak.current, streak.longest) == (1, 1)


def test_today_summary_without_a_goal_counts_a_gap_as_a_break(ctx):
    from rejection_therapy.services import rest

    # No rest tokens, and a gap older than the 48-hour repair window: a plain miss.
    with ctx.store.write() as s:
        rest.set_budget(s, ctx.profile_id, 0, now=NOW - timedelta(days=10))
    for days_ago in (6, 5, 0):
        with ctx.store.write() as s:
            attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no"), now=NOW - timedelta(days=days_ago))
    with ctx.store.read() as s:
        sm = today.summary(s, ctx.profile_id, now=NOW)
    assert sm.goal.daily_attempts == 0
    assert sm.streak is not None and (sm.streak.current, sm.streak.longest) == (1, 2)


def test_funnel_rounds_a_fractional_cost_up():
    f = Funnel(attempts=5, conversations=1, yeses=2, since_last_yes=1)
    assert f.attempts_per_yes == 2.5
    assert f.attempts_to_next_yes == 2  # ceil(2.5) - 1
    assert "costs 3 attempts" in f.sentence()
    assert Funnel(attempts=7, conversations=0, yeses=2).attempts_to_next_yes == 4
