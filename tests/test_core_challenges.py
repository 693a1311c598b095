"""Challenge rules: presets, validation, day X of N, done/missed days, runs, need per day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rejection_therapy.core import challenges as ch
from rejection_therapy.core.days import day_bounds, local_day
from rejection_therapy.core.errors import ValidationError

TODAY = date(2026, 11, 23)  # a Monday


def test_hundred_day_status_from_spec():
    start = date(2026, 3, 1)
    counts = {start + timedelta(days=i): 1 for i in (0, 1, 2, 4, 5)}  # day 4 missed
    p = ch.progress(counts, start + timedelta(days=5), start, 100, 1, None)
    assert (p.day, p.length) == (6, 100)
    assert p.done_days == 5
    assert p.missed_days == 1
    assert p.longest_run == 3
    assert p.current_run == 2
    assert p.attempts == 5 and p.target == 100
    assert p.remaining == 95 and p.days_left == 95 and p.need_per_day == 1
    assert p.state == "running"


def test_today_not_yet_done_is_not_missed():
    start = date(2026, 3, 1)
    p = ch.progress({start: 1}, start + timedelta(days=1), start, 10, 1, None)
    assert p.done_days == 1 and p.missed_days == 0 and p.day == 2


def test_rest_weekdays_are_neither_missed_nor_break_a_run():
    start = date(2026, 11, 2)  # Monday
    counts = {start + timedelta(days=i): 3 for i in range(5)}  # Mon..Fri
    counts[start + timedelta(days=7)] = 3  # next Monday
    p = ch.progress(counts, start + timedelta(days=7), start, 28, 3, None, rest_weekdays=(5, 6))
    assert p.missed_days == 0
    assert p.done_days == 6
    assert p.longest_run == 6
    assert p.rest_days == 2
    assert p.target == 3 * 20  # 20 working days in four weeks


def test_day_under_per_day_target_is_missed():
    start = date(2026, 11, 2)
    p = ch.progress({start: 2, start + timedelta(days=1): 5}, start + timedelta(days=2), start, 10, 5, None)
    assert p.done_days == 1 and p.missed_days == 1


def test_channels_and_days_outside_box_do_not_count():
    start = date(2026, 11, 2)
    counts = {start - timedelta(days=1): 9, start: 1, start + timedelta(days=10): 9}
    p = ch.progress(counts, start + timedelta(days=20), start, 5, None, 10)
    assert p.attempts == 1 and p.state == "finished" and p.day == 5
    assert p.remaining == 9 and p.days_left == 0 and p.need_per_day == 9


def test_total_target_need_per_day():
    start = TODAY
    p = ch.progress({TODAY: 4}, TODAY, start, 14, None, 40)
    # 36 left over 14 days (today included) → 3 a day
    assert p.need_per_day == 3 and p.done_days == 1


def test_upcoming_challenge():
    p = ch.progress({}, TODAY, TODAY + timedelta(days=3), 10, 1, None)
    assert p.state == "upcoming" and p.day == 0 and p.starts_in == 3 and p.days_left == 10


@pytest.mark.parametrize(
    "zone, start, end, days",
    [
        ("America/New_York", date(2026, 3, 1), date(2026, 3, 31), 31),  # spring forward 8 March
        ("America/New_York", date(2026, 10, 20), date(2026, 11, 10), 22),  # fall back 1 November
        ("Europe/London", date(2026, 3, 20), date(2026, 4, 5), 17),
    ],
)
def test_dst_spanning_challenge_has_right_number_of_days(zone, start, end, days):
    spec = ch.build_spec("custom", start, start=start, end=end)
    assert spec.length_days == days
    # Walk the local days by their real UTC bounds: each day appears once, none skipped.
    seen = []
    d = start
    instant = day_bounds(start, zone)[0]
    while d <= end:
        seen.append(local_day(instant + timedelta(hours=12), zone))
        d += timedelta(days=1)
        instant = day_bounds(d, zone)[0]
    assert seen == [start + timedelta(days=i) for i in range(days)]
    assert ch.end_day(spec.start_day, spec.length_days) == end
    # Day X on the last local day is N (not N±1 from a 23- or 25-hour day).
    last_noon = day_bounds(end, zone)[0] + timedelta(hours=8)
    assert ch.day_number(start, days, local_day(last_noon, zone)) == days


def test_dst_hundred_days_ny():
    start = date(2026, 1, 1)
    spec = ch.build_spec("100-day", start, start=start)
    assert ch.end_day(spec.start_day, spec.length_days) == date(2026, 4, 10)
    assert (datetime(2026, 4, 11, tzinfo=UTC) - datetime(2026, 1, 1, tzinfo=UTC)).days == 100


def test_presets_defaults():
    spec = ch.build_spec("100-day", TODAY)
    assert (spec.start_day, spec.length_days, spec.target_per_day, spec.effort_only) == (TODAY, 100, 1, False)
    sprint = ch.build_spec("pitch-sprint", TODAY)
    assert sprint.start_day == date(2026, 12, 18) and sprint.length_days == 14
    assert ch.end_day(sprint.start_day, 14) == date(2026, 12, 31)
    assert sprint.target_total == 40 and sprint.effort_only and sprint.daily_cap == 6
    assert sprint.channels == ("pitch", "email", "proposal")
    quota = ch.build_spec("quota-month", TODAY, daily_goal=60, goal_cap=90)
    assert quota.target_per_day == 60 and quota.rest_weekdays == (5, 6) and quota.daily_cap == 90
    assert quota.start_day == TODAY and quota.length_days == 30
    dec = ch.build_spec("quota-month", TODAY, start="2026-12-01", daily_goal=60)
    assert dec.length_days == 31 and dec.name == "Call-quota month December 2026"
    assert ch.build_spec("sprint", TODAY, start="2027-03-01", effort_only=False).effort_only is False


def test_sprint_channels_limited_to_known():
    spec = ch.build_spec("pitch-sprint", TODAY, known_channels=("call", "email"))
    assert spec.channels == ("email",)
    assert ch.build_spec("pitch-sprint", TODAY, channels="all").channels == ()


@pytest.mark.parametrize(
    "options, words",
    [
        (dict(days=0), "0 days"),
        (dict(days=1001), "1,001 days"),
        (dict(days="abc"), "whole number"),
        (dict(days=5, per_day=-1), "below zero"),
        (dict(days=5, total=-3), "below zero"),
        (dict(days=5, per_day=0), "at least 1"),
        (dict(start="2026-03-01", end="2026-02-01"), "before the start"),
        (dict(start="2026-02-30", days=3), "does not exist"),
        (dict(start="2026-1-x", days=3), "YYYY-MM-DD"),
        (dict(start="2026-01-01", end="2028-12-31"), "1,096 days"),
        (dict(days=5, per_day=2, total=10), "not both"),
        (dict(), "needs a length"),
        (dict(days=5, rest="mon,tue,wed,thu,fri,sat,sun"), "rest day"),
        (dict(days=5, per_day=5, cap=3), "below the target"),
        (dict(days=5, channels="fax", ), "not one of your channels"),
        (dict(days=5, start="2026-01-01", end="2026-01-03"), "not 5"),
    ],
)
def test_bad_options_refused(options, words):
    with pytest.raises(ValidationError) as err:
        ch.build_spec("custom", TODAY, known_channels=("call", "email"), **options)
    assert words in str(err.value)
    assert str(err.value).endswith(".")


def test_unknown_preset():
    with pytest.raises(ValidationError, match="no challenge preset called 'marathon'"):
        ch.build_spec("marathon", TODAY)


def test_quota_month_needs_a_quota():
    with pytest.raises(ValidationError, match="needs a quota"):
        ch.build_spec("quota-month", TODAY, daily_goal=0)


def test_extension_limits():
    assert ch.check_extension("10", 100, 0) == 10
    with pytest.raises(ValidationError, match="1,000"):
        ch.check_extension(901, 100, 0)
    with pytest.raises(ValidationError):
        ch.check_extension(0, 100, 0)


def test_summary_math_best_day_is_earliest_on_tie():
    d = date(2026, 5, 1)
    f = ch.summarize({"no": 3, "yes": 1, "silence": 2}, {d: 3, d + timedelta(days=1): 3}, 2, 1, 4)
    assert (f.attempts, f.nos, f.yeses, f.silences) == (6, 3, 1, 2)
    assert f.best_day == d and f.best_day_count == 3 and f.wins == 1 and f.lessons == 4


def test_text_bar():
    assert ch.text_bar(0.5, 10) == "[#####-----]  50%"
    assert ch.text_bar(2, 4) == "[####] 100%"


# ---------------------------------------------------------------- properties

days_st = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))


@given(start=days_st, length=st.integers(1, 1000), offset=st.integers(-50, 1100),
       pattern=st.lists(st.integers(0, 3), min_size=0, max_size=60),
       per_day=st.integers(1, 3), rest=st.sets(st.integers(0, 6), max_size=6))
def test_progress_invariants(start, length, offset, pattern, per_day, rest):
    today = start + timedelta(days=offset)
    counts = {start + timedelta(days=i): n for i, n in enumerate(pattern) if n}
    p = ch.progress(counts, today, start, length, per_day, None, rest_weekdays=rest)
    assert 0 <= p.day <= length
    assert p.end_day - p.start_day == timedelta(days=length - 1)
    elapsed = (min(today, p.end_day) - start).days + 1 if today >= start else 0
    assert p.done_days + p.missed_days <= elapsed
    assert p.longest_run <= p.done_days
    assert p.current_run <= p.longest_run
    assert p.attempts == sum(n for d, n in counts.items() if d <= min(p.end_day, today))
    assert p.remaining == max(0, p.target - p.attempts)
    if p.remaining and p.days_left:
        assert p.need_per_day * p.days_left >= p.remaining > (p.need_per_day - 1) * p.days_left
    if p.state == "running":
        assert p.day == (today - start).days + 1


@given(start=days_st, length=st.integers(1, 1000), extended=st.integers(0, 500))
def test_end_day_and_span_agree(start, length, extended):
    end = ch.end_day(start, length, extended)
    # A stored challenge is read as at most MAX_DAYS long (core.challenge_days.stored_lengths).
    assert ch.span_days(start, end) == min(length + extended, ch.MAX_DAYS)


@given(start=days_st, end_offset=st.integers(0, 999))
def test_build_spec_length_matches_calendar(start, end_offset):
    end = start + timedelta(days=end_offset)
    spec = ch.build_spec("custom", start, start=start, end=end)
    assert spec.length_days == end_offset + 1
    assert ch.end_day(spec.start_day, spec.length_days) == end


option_text = st.one_of(
    st.none(), st.integers(-5, 1500).map(str), st.integers(-5, 1500),
    st.sampled_from(["", "x", "2026-02-30", "2026-12-01", "2026-11-01", "1e3", " 7 "]),
)


@given(
    preset=st.sampled_from([*ch.PRESETS, "nope"]),
    start=st.one_of(st.none(), days_st), end=st.one_of(st.none(), days_st),
    days=option_text, per_day=option_text, total=option_text, cap=option_text,
    rest=st.one_of(st.none(), st.sampled_from(["sat,sun", "none", "mon,tue,wed,thu,fri,sat,sun", "xyz"])),
    channels=st.one_of(st.none(), st.sampled_from(["all", "call", "call,email", "fax", " , "])),
    goal=st.integers(0, 100),
)
def test_build_spec_refuses_with_a_sentence_or_gives_a_sane_spec(
    preset, start, end, days, per_day, total, cap, rest, channels, goal
):
    try:
        spec = ch.build_spec(preset, TODAY, start=start, end=end, days=days, per_day=per_day, total=total,
                             cap=cap, rest=rest, channels=channels, daily_goal=goal,
                             known_channels=("call", "email", "pitch"))
    except ValidationError as err:
        assert str(err).endswith(".") and len(str(err)) > 20
        return
    assert ch.MIN_DAYS <= spec.length_days <= ch.MAX_DAYS
    assert (spec.target_per_day or 0) >= 1 or (spec.target_total or 0) >= 1
    assert not (spec.target_per_day and spec.target_total)
    assert spec.daily_cap is None or spec.daily_cap >= 1
    assert len(spec.rest_weekdays) < 7
    if start is not None and end is not None:
        assert spec.start_day == start and ch.end_day(spec.start_day, spec.length_days) == end
