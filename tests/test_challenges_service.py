"""Challenges against a real store: start, status, closing by itself, summary, extend, abandon."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.errors import NotFoundError, ValidationError
from rejection_therapy.core.goals import Goal
from rejection_therapy.services import attempts as attempts_svc
from rejection_therapy.services import challenges as svc
from rejection_therapy.services import settings as settings_svc
from rejection_therapy.services import wins as wins_svc
from rejection_therapy.store.models import Challenge

START = date(2026, 3, 1)


def noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def log(s, pid, day, outcome="no", channel="call", lesson=None):
    return attempts_svc.log_attempt(
        s, pid, AttemptInput(outcome=outcome, channel=channel, lesson=lesson), now=noon(day)
    )


@pytest.fixture
def pid(ctx):
    with ctx.store.write() as s:
        settings_svc.update(s, ctx.profile_id, timezone="UTC")
    return ctx.profile_id


def test_hundred_day_status_reads_day_6_of_100(ctx, pid):
    with ctx.store.write() as s:
        c = svc.start_challenge(s, pid, "100-day", today=START, start="2026-03-01")
        for i in (0, 1, 2, 4, 5):
            log(s, pid, START + timedelta(days=i), outcome="yes" if i == 1 else "no")
    with ctx.store.write() as s:
        (v,) = svc.status(s, pid, today=START + timedelta(days=5))
    assert v.id == c.id
    p = v.progress
    assert (p.day, p.length) == (6, 100)
    # The missed 4th day is still in its repair window (or takes a rest token): no cut (issue 15).
    assert p.done_days == 5 and p.missed_days == 1 and p.longest_run == 5
    assert p.attempts == 5 and p.target == 100 and p.need_per_day == 1


def test_channels_filter_progress(ctx, pid):
    with ctx.store.write() as s:
        svc.start_challenge(s, pid, "custom", today=START, start=START, days=10, total=5,
                            channels="pitch,email")
        log(s, pid, START, channel="pitch")
        log(s, pid, START, channel="call")
        log(s, pid, START, channel="email")
    with ctx.store.write() as s:
        (v,) = svc.status(s, pid, today=START)
    assert v.progress.attempts == 2 and v.channels == ("pitch", "email")


def test_bad_start_options_store_nothing(ctx, pid):
    bad = [
        ("custom", dict(days=0)),
        ("custom", dict(days=1001)),
        ("custom", dict(days=5, per_day=-1)),
        ("custom", dict(start="2026-03-10", end="2026-03-01")),
        ("custom", dict(start="2026-02-30", days=5)),
        ("nonsense", {}),
        ("quota-month", {}),  # no daily goal set and no quota given
        ("100-day", dict(start="2020-01-01")),  # would have ended already
    ]
    for preset, options in bad:
        with pytest.raises(ValidationError):
            with ctx.store.write() as s:
                svc.start_challenge(s, pid, preset, today=START, **options)
    with ctx.store.read() as s:
        assert s.execute(select(func.count()).select_from(Challenge)).scalar_one() == 0


def test_quota_month_uses_daily_goal(ctx, pid):
    with ctx.store.write() as s:
        settings_svc.set_goal(s, pid, Goal(daily_attempts=60, daily_cap=90), START)
        v = svc.start_challenge(s, pid, "quota-month", today=START, start="2026-03-01")
    assert v.target_per_day == 60 and v.daily_cap == 90 and v.rest_weekdays == (5, 6)
    assert v.length == 31 and v.progress.target == 60 * 22  # 22 weekdays in March 2026


def test_closes_by_itself_and_summary_matches_store(ctx, pid):
    with ctx.store.write() as s:
        c = svc.start_challenge(s, pid, "custom", today=START, start=START, days=5, per_day=2)
        log(s, pid, START - timedelta(days=1))  # before: not counted
        log(s, pid, START, "no", lesson="ask earlier")
        log(s, pid, START, "silence")
        log(s, pid, START + timedelta(days=1), "yes")
        log(s, pid, START + timedelta(days=1), "no")
        log(s, pid, START + timedelta(days=1), "no", lesson="smile")
        log(s, pid, START + timedelta(days=3), "pending")
        log(s, pid, START + timedelta(days=5), "no")  # after: not counted
        wins_svc.add_win(s, pid, "called anyway", now=noon(START + timedelta(days=2)))
        wins_svc.add_win(s, pid, "after the end", now=noon(START + timedelta(days=6)))
    last = START + timedelta(days=4)
    with ctx.store.write() as s:
        assert svc.status(s, pid, today=last)[0].status == "active"
    with ctx.store.write() as s:
        assert svc.status(s, pid, today=last + timedelta(days=1)) == []
    with ctx.store.write() as s:
        active, history = svc.list_challenges(s, pid, today=last + timedelta(days=2))
        sm = svc.summary(s, pid, c.id, today=last + timedelta(days=2))
    assert active == [] and [h.id for h in history] == [c.id]
    with ctx.store.read() as s:
        (none, (screen_sm,)) = svc.summaries(s, pid, today=last + timedelta(days=2))
    assert none == [] and screen_sm == sm
    row = history[0]
    assert row.status == "completed" and row.ended_on == last
    f = sm.figures
    assert (f.attempts, f.nos, f.silences, f.yeses, f.pending) == (6, 3, 1, 1, 1)
    assert f.best_day == START + timedelta(days=1) and f.best_day_count == 3
    assert f.longest_run == 2 and f.wins == 1 and f.lessons == 2
    assert sm.challenge.progress.done_days == 2 and sm.challenge.progress.missed_days == 3
    with ctx.store.read() as s:
        stored = s.get(Challenge, c.id)
        assert stored.status == "completed" and stored.ended_on == last
        # The same figures straight from the store's rows.
        from sqlalchemy import text

        p = {"pid": pid, "a": START, "b": last}
        rows = s.execute(text(
            "SELECT outcome, COUNT(*) FROM attempts WHERE profile_id = :pid "
            "AND local_day BETWEEN :a AND :b GROUP BY outcome"), p).all()
        by_outcome = {o: n for o, n in rows}
        assert f.attempts == sum(by_outcome.values())
        assert (f.nos, f.silences, f.yeses) == tuple(by_outcome.get(o, 0) for o in ("no", "silence", "yes"))
        assert f.lessons == s.execute(text(
            "SELECT COUNT(*) FROM attempts WHERE profile_id = :pid AND local_day BETWEEN :a AND :b "
            "AND lesson IS NOT NULL"), p).scalar_one()
        assert f.wins == s.execute(text(
            "SELECT COUNT(*) FROM wins WHERE profile_id = :pid AND local_day BETWEEN :a AND :b"), p).scalar_one()


def test_extend_active_and_reopen_recently_completed(ctx, pid):
    with ctx.store.write() as s:
        c = svc.start_challenge(s, pid, "custom", today=START, start=START, days=5)
        v = svc.extend(s, pid, c.id, 3, today=START)
    assert v.end_day == START + timedelta(days=7) and v.length == 8 and v.extended_days == 3
    after = START + timedelta(days=10)  # ended 2 days ago
    with ctx.store.write() as s:
        assert svc.status(s, pid, today=after) == []
        with pytest.raises(ValidationError, match="still end before today"):
            svc.extend(s, pid, c.id, 1, today=after)
    with ctx.store.write() as s:
        v = svc.extend(s, pid, c.id, 5, today=after)
    assert v.status == "active" and v.ended_on is None and v.progress.day == 11
    with ctx.store.write() as s:
        svc.status(s, pid, today=START + timedelta(days=30))
    with ctx.store.write() as s, pytest.raises(ValidationError, match="more than 7 days ago"):
        svc.extend(s, pid, c.id, 30, today=START + timedelta(days=30))


def test_abandon_needs_a_reason_and_stays_in_history(ctx, pid):
    with ctx.store.write() as s:
        c = svc.start_challenge(s, pid, "100-day", today=START)
    with ctx.store.write() as s, pytest.raises(ValidationError, match="cannot be empty"):
        svc.abandon(s, pid, c.id, "   ", today=START)
    with ctx.store.write() as s:
        v = svc.abandon(s, pid, c.id, "moving house", today=START + timedelta(days=2))
    assert v.status == "abandoned" and v.abandon_reason == "moving house"
    assert v.ended_on == START + timedelta(days=2)
    with ctx.store.write() as s:
        active, history = svc.list_challenges(s, pid, today=START + timedelta(days=3))
        assert active == [] and history[0].abandon_reason == "moving house"
        with pytest.raises(ValidationError, match="abandoned"):
            svc.extend(s, pid, c.id, 5, today=START + timedelta(days=3))
        with pytest.raises(ValidationError, match="already abandoned"):
            svc.abandon(s, pid, c.id, "again", today=START + timedelta(days=3))
        with pytest.raises(NotFoundError):
            svc.summary(s, pid, 999)


def test_effort_only_and_cap_helpers(ctx, pid):
    with ctx.store.write() as s:
        svc.start_challenge(s, pid, "pitch-sprint", today=START, start=START)
        svc.start_challenge(s, pid, "100-day", today=START, start=START, cap=4)
    with ctx.store.read() as s:
        assert svc.effort_only_active(s, pid, START)
        assert not svc.effort_only_active(s, pid, START - timedelta(days=1))
        assert svc.effective_cap(s, pid, START, None) == 4
        assert svc.effective_cap(s, pid, START, 3) == 3
        assert svc.effective_cap(s, pid, START + timedelta(days=20), 8) == 4  # only the 100-day runs


def test_several_at_once_and_defaults(ctx, pid):
    with ctx.store.write() as s:
        settings_svc.set_goal(s, pid, Goal(daily_attempts=50), START)
        svc.start_challenge(s, pid, "quota-month", today=START)
        svc.start_challenge(s, pid, "100-day", today=START)
        d = svc.defaults(s, pid, "pitch-sprint", today=START)
        assert svc.defaults(s, pid, "quota-month", today=START)["per_day"] == "50"
    assert d["total"] == "40" and d["days"] == "14" and d["effort_only"] is True
    assert d["start"] == "2026-03-18" and d["channels"] == "pitch,email,proposal" and d["cap"] == "6"
    with ctx.store.write() as s:
        assert len(svc.status(s, pid, today=START)) == 2


def test_has_finished_tells_readers_when_a_write_is_needed(ctx, pid):
    with ctx.store.write() as s:
        svc.start_challenge(s, pid, "custom", today=START, start=START, days=3)
    last = START + timedelta(days=2)
    with ctx.store.read() as s:
        assert not svc.has_finished(s, pid, last)
        assert svc.has_finished(s, pid, last + timedelta(days=1))
    with ctx.store.write() as s:
        assert svc.close_finished(s, pid, last + timedelta(days=1))
        assert not svc.has_finished(s, pid, last + timedelta(days=1))
        assert [sm.challenge.status for sm in svc.recently_closed(s, pid, last + timedelta(days=1))] == ["completed"]
        assert svc.recently_closed(s, pid, last + timedelta(days=9)) == []


@pytest.mark.parametrize(
    "first, last, days",
    [(date(2026, 3, 1), date(2026, 3, 31), 31), (date(2026, 10, 15), date(2026, 11, 15), 32)],
)
def test_dst_spanning_challenge_in_new_york(ctx, first, last, days):
    """Each local evening's attempt lands on its own day across the DST change: N days, all done."""
    from zoneinfo import ZoneInfo

    ny = ZoneInfo("America/New_York")
    pid = ctx.profile_id
    with ctx.store.write() as s:
        settings_svc.update(s, pid, timezone="America/New_York")
        c = svc.start_challenge(s, pid, "custom", today=first, start=first, end=last, per_day=1)
        d = first
        while d <= last:
            # 23:30 local, and 01:30 the next night (before the 04:00 day start: same day)
            for hour, minute, plus in ((23, 30, 0), (1, 30, 1)):
                moment = datetime.combine(d + timedelta(days=plus), time(hour, minute), tzinfo=ny)
                attempts_svc.log_attempt(s, pid, AttemptInput(outcome="no"), now=moment)
            d += timedelta(days=1)
    assert c.length == days
    with ctx.store.write() as s:
        (v,) = svc.status(s, pid, today=last)
    p = v.progress
    assert (p.day, p.length) == (days, days)
    assert p.done_days == days and p.missed_days == 0 and p.longest_run == days
    assert p.attempts == 2 * days
