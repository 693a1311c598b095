"""A local day with no time in it (Pacific/Apia skipped 2011-12-30) neither breaks a streak
nor counts as missed, in streaks, in today's summary and in challenges (one rule:
``core.days.day_has_no_time``)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rejection_therapy.core import challenges, days
from rejection_therapy.core.streaks import compute_streak

APIA = "Pacific/Apia"
NOONS = [datetime(2011, 12, d, 12, tzinfo=days.zone(APIA)) for d in (28, 29, 31)] + [
    datetime(2012, 1, 1, 12, tzinfo=days.zone(APIA))
]


def _counts(tz: str, hour: int, instants: list[datetime]) -> dict[date, int]:
    counts: dict[date, int] = {}
    for instant in instants:
        d = days.local_day(instant, tz, hour)
        counts[d] = counts.get(d, 0) + 1
    return counts


@pytest.mark.parametrize("hour", [0, 4, 12, 23])
def test_apia_noon_attempts_make_a_streak_of_four(hour):
    counts = _counts(APIA, hour, NOONS)
    today = days.local_day(NOONS[-1], APIA, hour)
    streak = compute_streak(counts, today, 1, no_time=days.no_time_rule(APIA, hour))
    assert (streak.current, streak.longest, streak.today_done) == (4, 4, True)


@pytest.mark.parametrize(
    ("hour", "skipped"),
    [(0, date(2011, 12, 30)), (4, date(2011, 12, 30)), (12, date(2011, 12, 30)), (23, date(2011, 12, 29))],
)
def test_the_skipped_day_is_the_one_with_no_time(hour, skipped):
    around = list(days.days_in(date(2011, 12, 25), date(2012, 1, 5)))
    assert [d for d in around if days.day_has_no_time(d, APIA, hour)] == [skipped]
    rule = days.no_time_rule(APIA, hour)
    assert [d for d in around if rule(d)] == [skipped]


def test_day_bounds_agree_with_local_day_across_the_skip():
    # With days starting at 04:00, 00:00-04:00 on 12-31 (wall clock) counts for 12-30.
    start, end = days.day_bounds(date(2011, 12, 30), APIA, 4)
    assert end - start == timedelta(hours=4)
    assert days.local_day(start, APIA, 4) == date(2011, 12, 30)
    assert days.local_day(end - timedelta(seconds=1), APIA, 4) == date(2011, 12, 30)
    assert days.local_day(start - timedelta(seconds=1), APIA, 4) == date(2011, 12, 29)


def test_ordinary_daylight_saving_days_have_time_in_them():
    for tz in ("Europe/London", "America/New_York", "Australia/Lord_Howe", "Pacific/Apia"):
        for hour in (0, 1, 2, 3, 4, 23):
            rule = days.no_time_rule(tz, hour)
            skipped = [d for d in days.days_in(date(2015, 1, 1), date(2026, 12, 31)) if rule(d)]
            assert skipped == [], (tz, hour)
    assert not days.day_has_no_time(date(2026, 3, 29), "Europe/London", 1)
    assert not days.no_time_rule("Not/AZone", 4)(date(2011, 12, 30))


@pytest.mark.parametrize("hour", [0, 4, 23])
def test_challenge_counts_no_missed_day_for_the_skipped_day(hour):
    counts = _counts(APIA, hour, NOONS)
    first = min(counts)
    last_day = days.local_day(NOONS[-1], APIA, hour)
    length = (last_day - first).days + 1  # five calendar days, one of them skipped
    p = challenges.progress(counts, last_day, first, length, 1, None, no_time=days.no_time_rule(APIA, hour))
    assert (p.missed_days, p.done_days, p.current_run, p.longest_run) == (0, 4, 4, 4)
    assert p.target == 4  # the skipped day needs nothing
    assert challenges.working_days(first, last_day, no_time=days.no_time_rule(APIA, hour)) == 4


def test_at_a_noon_day_start_one_of_the_two_half_days_is_skipped():
    """Days from noon: the skip leaves two half days; asking in neither breaks the streak."""
    counts = _counts(APIA, 12, [NOONS[0], NOONS[2]])  # 12-28 and 12-31, nothing on 12-29
    streak = compute_streak(counts, date(2011, 12, 31), 1, no_time=days.no_time_rule(APIA, 12))
    assert (streak.current, streak.longest) == (1, 1)


@settings(max_examples=150, deadline=None)
@given(
    hour=st.integers(0, 23),
    kept=st.lists(st.booleans(), min_size=10, max_size=10),
)
def test_streaks_ignore_the_skip_like_a_zone_without_one(hour, kept):
    """An attempt at local noon on a run of calendar dates around the skip gives the same
    streak in Apia as the same dates (without the missing one) in UTC."""
    dates = [d for d in days.days_in(date(2011, 12, 24), date(2012, 1, 3)) if d != date(2011, 12, 30)]
    chosen = [d for d, keep in zip(dates, kept, strict=True) if keep]
    if not chosen:
        return
    apia = [datetime(d.year, d.month, d.day, 12, tzinfo=days.zone(APIA)) for d in chosen]
    counts = _counts(APIA, hour, apia)
    today = days.local_day(apia[-1], APIA, hour)
    got = compute_streak(counts, today, 1, no_time=days.no_time_rule(APIA, hour))
    # The same asks in a zone where those dates are consecutive (the skip removed).
    plain = {date(2011, 12, 1) + timedelta(days=dates.index(d)): 1 for d in chosen}
    expected = compute_streak(plain, max(plain), 1)
    assert (got.current, got.longest) == (expected.current, expected.longest)


def test_today_summary_streak_in_apia(ctx):
    from rejection_therapy.core.attempts import AttemptInput
    from rejection_therapy.services import attempts, today
    from rejection_therapy.services import settings as settings_svc

    with ctx.store.write() as s:
        settings_svc.update(s, ctx.profile_id, timezone=APIA, day_start_hour=4)
    for instant in NOONS:
        with ctx.store.write() as s:
            attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no"), now=instant.astimezone(UTC))
    with ctx.store.read() as s:
        sm = today.summary(s, ctx.profile_id, now=NOONS[-1].astimezone(UTC))
    assert sm.streak is not None and sm.streak.current == 4


def test_challenge_service_in_apia(ctx):
    from rejection_therapy.core.attempts import AttemptInput
    from rejection_therapy.services import attempts
    from rejection_therapy.services import challenges as challenges_svc
    from rejection_therapy.services import settings as settings_svc

    with ctx.store.write() as s:
        settings_svc.update(s, ctx.profile_id, timezone=APIA, day_start_hour=0)
        challenges_svc.start_challenge(s, ctx.profile_id, "custom", today=date(2011, 12, 28),
                                       start=date(2011, 12, 28), days=10, per_day=1)
    for instant in NOONS:
        with ctx.store.write() as s:
            attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no"), now=instant.astimezone(UTC))
    with ctx.store.read() as s:
        (v,) = challenges_svc.status(s, ctx.profile_id, today=date(2012, 1, 1))
    assert (v.progress.missed_days, v.progress.current_run, v.progress.target) == (0, 4, 9)
