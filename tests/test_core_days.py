"""Days: the day-start hour, DST in three zones, and days that never move."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rejection_therapy.core import days
from rejection_therapy.core.errors import ValidationError


def at(zone: str, *parts: int) -> datetime:
    return datetime(*parts, tzinfo=days.zone(zone))


def test_half_past_one_counts_for_the_evening_before():
    instant = at("Europe/Paris", 2026, 3, 10, 1, 30)
    assert days.local_day(instant, "Europe/Paris", 4) == date(2026, 3, 9)
    assert days.local_day(instant, "Europe/Paris", 0) == date(2026, 3, 10)


def test_day_start_boundary_is_inclusive():
    assert days.local_day(at("UTC", 2026, 5, 2, 4, 0), "UTC", 4) == date(2026, 5, 2)
    assert days.local_day(at("UTC", 2026, 5, 2, 3, 59, 59), "UTC", 4) == date(2026, 5, 1)


ZONES_AND_CHANGES = [
    ("America/New_York", date(2026, 3, 8)),
    ("America/New_York", date(2026, 11, 1)),
    ("Europe/London", date(2026, 3, 29)),
    ("Europe/London", date(2026, 10, 25)),
    ("Australia/Lord_Howe", date(2026, 4, 5)),  # half-hour shift
    ("Australia/Lord_Howe", date(2026, 10, 4)),
]


@pytest.mark.parametrize("zone,change", ZONES_AND_CHANGES)
@pytest.mark.parametrize("start_hour", [0, 2, 4])
def test_days_around_dst_count_once_each(zone, change, start_hour):
    """Walk every 10 minutes across four days around a DST change: each day appears once,
    in order, with no gap, and every instant lands inside the bounds of its day."""
    begin = days.day_start_instant(change - timedelta(days=2), zone, start_hour)
    end = days.day_start_instant(change + timedelta(days=2), zone, start_hour)
    seen: list[date] = []
    t = begin
    while t < end:
        d = days.local_day(t, zone, start_hour)
        lo, hi = days.day_bounds(d, zone, start_hour)
        assert lo <= t < hi
        if not seen or seen[-1] != d:
            seen.append(d)
        t += timedelta(minutes=10)
    assert seen == [change - timedelta(days=2) + timedelta(days=i) for i in range(4)]


def test_dst_day_lengths_new_york():
    # With days starting at 04:00, the day that contains the 02:00 switch is the day before.
    lo, hi = days.day_bounds(date(2026, 3, 7), "America/New_York", 4)
    assert hi - lo == timedelta(hours=23)
    lo, hi = days.day_bounds(date(2026, 10, 31), "America/New_York", 4)
    assert hi - lo == timedelta(hours=25)
    lo, hi = days.day_bounds(date(2026, 3, 8), "America/New_York", 0)
    assert hi - lo == timedelta(hours=23)


def test_lord_howe_half_hour_day():
    lo, hi = days.day_bounds(date(2026, 4, 4), "Australia/Lord_Howe", 4)
    assert hi - lo == timedelta(hours=24, minutes=30)


def test_day_start_inside_a_dst_gap_starts_after_the_gap():
    # In New York the clocks jump from 02:00 to 03:00 on 2026-03-08.
    start = days.day_start_instant(date(2026, 3, 8), "America/New_York", 2)
    assert start.astimezone(days.zone("America/New_York")).hour == 3


@settings(max_examples=300, deadline=None)
@given(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["UTC", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata"]),
    st.integers(min_value=0, max_value=23),
)
def test_every_instant_is_inside_its_days_bounds(naive, zone, start_hour):
    instant = naive.replace(tzinfo=UTC)
    d = days.local_day(instant, zone, start_hour)
    lo, hi = days.day_bounds(d, zone, start_hour)
    assert lo <= instant < hi


@pytest.mark.parametrize("zone, start_hour, first", [
    ("America/New_York", 4, date(2026, 2, 20)), ("America/New_York", 2, date(2026, 10, 20)),
    ("Australia/Lord_Howe", 0, date(2026, 3, 20)), ("Pacific/Apia", 4, date(2011, 12, 20)),
    ("Pacific/Apia", 12, date(2011, 12, 20)),
])
def test_the_bounds_rule_gives_the_day_bounds_of_every_day(zone, start_hour, first):
    """The repairable streak's many bounds (ledger.rest_inputs) are day_bounds, DST and skips included."""
    bounds = days.bounds_rule(zone, start_hour)
    for d in (first + timedelta(days=i) for i in range(-3, 40)):
        assert bounds(d) == days.day_bounds(d, zone, start_hour), d


def test_changing_time_zone_does_not_move_past_attempts(sqlite_ctx):
    from rejection_therapy.core.attempts import AttemptInput
    from rejection_therapy.services import attempts, settings

    pid = sqlite_ctx.profile_id
    with sqlite_ctx.store.write() as s:
        settings.update(s, pid, timezone="America/New_York")
        # 2026-06-10 23:30 in New York is 03:30 UTC on the 11th.
        logged = attempts.log_attempt(s, pid, AttemptInput(outcome="no"), now=datetime(2026, 6, 11, 3, 30, tzinfo=UTC))
    assert logged.local_day == date(2026, 6, 10)
    with sqlite_ctx.store.write() as s:
        settings.update(s, pid, timezone="Asia/Tokyo", day_start_hour=0)
    with sqlite_ctx.store.read() as s:
        row = attempts.get(s, pid, logged.id)
        assert row.local_day == date(2026, 6, 10)
        assert row.tz == "America/New_York"


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "2025-02-29", "tomorrow", "", "2026/01/01", "0001-01-01"])
def test_dates_that_do_not_exist_are_refused(text):
    with pytest.raises(ValidationError):
        days.parse_date(text)


def test_leap_day_is_fine():
    assert days.parse_date("2028-02-29") == date(2028, 2, 29)


def test_unknown_zone_and_bad_hour():
    with pytest.raises(ValidationError, match="Unknown time zone"):
        days.zone("Mars/Olympus")
    with pytest.raises(ValidationError):
        days.check_day_start_hour(24)


def test_week_start_and_weekdays():
    assert days.week_start(date(2026, 11, 25), 0) == date(2026, 11, 23)
    assert days.week_start(date(2026, 11, 25), 6) == date(2026, 11, 22)
    assert days.parse_weekdays("sat,sun") == (5, 6)
    with pytest.raises(ValidationError):
        days.parse_weekdays("s")
