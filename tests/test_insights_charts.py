"""Each chart builds from a known small store and shows the expected values.

The known store (``fill_known``) is shared with the review, CLI and TUI tests.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import insert

from rejection_therapy import clock
from rejection_therapy.core.goals import Goal
from rejection_therapy.insights import charts, queries
from rejection_therapy.insights.charts import Options
from rejection_therapy.services import settings as settings_svc
from rejection_therapy.services.charts import chart_data
from rejection_therapy.store.models import Attempt, Challenge, Win

NOV = date(2026, 11, 4)  # "today" of the known store


def _row(pid, day: date, hh: int, mm: int, channel: str, outcome: str, *, conv=False, kind=None,
         stated=None, real=None, segment=None, lesson=None, tz="UTC", utc_hour=None, target=None):
    instant = datetime(day.year, day.month, day.day, utc_hour if utc_hour is not None else hh, mm)
    return {
        "uuid": uuid.uuid4().hex, "profile_id": pid, "created_at": instant, "local_day": day, "tz": tz,
        "channel": channel, "target": target, "segment": segment, "tags": None, "discomfort": None,
        "outcome": outcome, "outcome_at": None if outcome == "pending" else instant,
        "conversation": conv, "rejection_kind": kind, "stated_reason": stated, "real_reason": real,
        "notes": None, "follow_up_on": None, "follow_up_state": None, "lesson": lesson,
        "challenge_id": None, "updated_at": instant,
    }


def local_today(ctx) -> date:
    """The app's today for the profile (its zone and day-start hour on the pinned clock): at
    00:30 UTC with days starting at 04:00 that is the day before the clock's UTC date."""
    from rejection_therapy.services.today import today_of

    with ctx.store.read() as s:
        return today_of(s, ctx.profile_id)


def fill_known(ctx, today: date = NOV) -> None:
    """15 attempts: 5 in the month before ``today``'s month, 10 in the days up to ``today``.

    Days are placed relative to ``today`` (Nov 2, 3, 4 and Oct 15 for the default) so the CLI
    tests can use the real date.
    """
    pid = ctx.profile_id
    d2, d3, d4 = today - timedelta(days=2), today - timedelta(days=1), today
    oct15 = today - timedelta(days=20)
    rows = [
        _row(pid, d2, 9, 15, "call", "no", conv=True, kind="not-now", stated="No budget",
             real="Didn't see the value", segment="smb", target="Acme"),
        _row(pid, d2, 9, 40, "call", "no", conv=True, kind="not-now", stated="no budget",
             real="No budget.", segment="smb"),
        _row(pid, d2, 14, 0, "email", "silence", segment="agency"),
        _row(pid, d2, 15, 0, "email", "silence", segment="agency"),
        _row(pid, d3, 9, 5, "call", "yes", conv=True, segment="smb", lesson="Ask who decides"),
        _row(pid, d3, 13, 30, "dm", "no", kind="not-for-us", stated="We have a vendor",
             real="Wrong person [@click=app.quit]x[/]", segment="agency"),
        _row(pid, d3, 13, 45, "dm", "no", conv=True, kind="not-a-priority", stated="Not interested"),
        _row(pid, d3, 9, 30, "call", "no"),
        # 09:00 in New York is 14:00 UTC (EST in November): counts for hour 9 on its weekday.
        _row(pid, d4, 9, 0, "call", "pending", conv=True, tz="America/New_York", utc_hour=14),
        _row(pid, d4, 16, 0, "call", "no", kind="not-now"),
        _row(pid, oct15, 10, 0, "call", "no", conv=True, kind="not-for-us"),
        _row(pid, oct15, 10, 10, "call", "no", kind="not-for-us"),
        _row(pid, oct15, 10, 20, "call", "no"),
        _row(pid, oct15, 10, 30, "call", "silence"),
        _row(pid, oct15, 10, 40, "call", "silence"),
    ]
    with ctx.store.write() as s:
        settings_svc.set_goal(s, pid, Goal(daily_attempts=4, daily_cap=20), today - timedelta(days=60))
        s.execute(insert(Attempt.__table__), rows)
        s.execute(insert(Win.__table__), [
            {"uuid": uuid.uuid4().hex, "profile_id": pid, "created_at": datetime(d2.year, d2.month, d2.day, 18),
             "local_day": d2, "text": "Made all my calls", "attempt_id": None},
            {"uuid": uuid.uuid4().hex, "profile_id": pid, "created_at": datetime(d3.year, d3.month, d3.day, 18),
             "local_day": d3, "text": "Good talk [b]bold[/b] *yes*", "attempt_id": None},
        ])


def start_effort_only(ctx, today: date) -> None:
    with ctx.store.write() as s:
        s.add(Challenge(uuid=uuid.uuid4().hex, profile_id=ctx.profile_id, preset="pitch-sprint",
                        name="Q4 sprint", start_day=today - timedelta(days=3), length_days=14,
                        target_total=40, effort_only=True, status="active", extended_days=0,
                        created_at=clock.now()))


@pytest.fixture
def known(ctx):
    fill_known(ctx)
    return ctx


def build(ctx, name, **kw):
    kw.setdefault("days", 30)
    with ctx.store.read() as s:
        bundle = chart_data(s, ctx.profile_id, name, today=NOV, **kw)
    return bundle, charts.render(bundle, Options(width=100, height=20))


def test_effort_chart_has_totals_goal_and_dates(known):
    bundle, text = build(known, "effort")
    assert bundle.data.attempts[-3:] == [4, 4, 2]
    assert bundle.data.goal[-1] == 4
    assert "15 attempts in 30 days" in text
    # Rates over the 21 days since the first attempt (Oct 15), not the whole window (issue 11)
    flat = " ".join(text.split())
    assert "0.7 a day over 21 days since your first attempt" in flat
    assert "goal met on 3 of 21 days (goal 4 a day)" in flat
    assert "Nov 04" in text and "Oct 06" in text  # the date axis
    assert "flat line: the goal" in text


def test_effort_chart_365_days_draws_a_line(known):
    bundle, text = build(known, "effort", days=365)
    assert len(bundle.data.days) == 365
    assert "15 attempts in 365 days" in text and "line: attempts per day" in text


def test_channel_filter_narrows_every_count(known):
    _, text = build(known, "effort", channel="Email")
    assert "2 attempts in 30 days" in text and "channel email" in text


def test_cumulative_counts_all_time_nos(known):
    bundle, text = build(known, "cumulative", days=10)
    assert bundle.data.attempts[0] == 5  # October's attempts carried in
    assert "15 attempts so far, 9 no's survived" in text


def test_calendar_heatmap(known):
    bundle, text = build(known, "calendar")
    assert bundle.period.end - bundle.period.start == timedelta(days=364)
    assert f"15 attempts on 4 of 365 days; busiest day {NOV - timedelta(days=20)} (5)" in text
    assert bundle.data.levels[NOV] == 2 and bundle.data.levels[NOV - timedelta(days=1)] == 3
    assert "Mo" in text and "Nov" in text


def test_weekday_hour_uses_each_attempts_own_zone(known):
    with known.store.read() as s:
        grid = queries.weekday_hour(s, known.profile_id, NOV - timedelta(days=2), NOV)
    wd = NOV.weekday()
    assert grid[(wd, 9)].attempts == 1 and grid[(wd, 9)].conversations == 1
    assert (wd, 14) not in grid
    _, text = build(known, "hours")
    assert "15 attempts by local hour" in text
    _, text = build(known, "answers")
    assert "6 conversations from 15 attempts (40%)" in text


def test_kinds_per_week(known):
    _, text = build(known, "kinds")
    assert "9 no's: Not right now 3, Not for us 3, Not a priority 1, Unknown 2" in text
    assert "no's per week" in text


def test_channels_compared(known):
    bundle, text = build(known, "channels")
    assert [b.key for b in bundle.data] == ["call", "dm", "email"]
    assert "15 attempts over 3 channels" in text
    lines = {line.split()[0]: line for line in text.splitlines() if line[:5] in ("call ", "email", "dm   ")}
    assert lines["call"].split()[1:3] == ["11", "5"] and lines["call"].endswith("18%")
    assert lines["email"].endswith("100%")


def test_funnel_sentence(known):
    bundle, text = build(known, "funnel")
    f = bundle.data.funnel
    assert (f.attempts, f.conversations, f.yeses, f.since_last_yes) == (15, 6, 1, 5)
    assert "15 attempts → 6 conversations (40%) → 1 yes" in text
    assert "At your rate, a yes costs 15 attempts; 10 more to go, on average." in text
    assert "Silence is not a no: 4 went unanswered, 9 said no." in text


def test_effort_only_mode_hides_outcome_charts(known):
    start_effort_only(known, NOV)
    for name in ("answers", "kinds", "channels", "funnel"):
        bundle, text = build(known, name)
        assert bundle.hidden and bundle.data is None
        assert "effort-only" in text and "Q4 sprint" in text
        assert "yes" not in text.split("\n", 1)[1].replace("effort-only", "")
    bundle, text = build(known, "cumulative")
    assert "15 attempts so far" in text and "no's survived" not in text
    _, text = build(known, "effort")
    assert "15 attempts in 30 days" in text


def test_challenge_period_and_goal(known):
    start_effort_only(known, NOV)
    with known.store.read() as s:
        ch_id = s.query(Challenge.id).scalar()
    bundle, text = build(known, "effort", challenge=f"#{ch_id}")  # as the challenge commands print it
    assert bundle.period.start == NOV - timedelta(days=3) and bundle.period.end == NOV
    assert bundle.data.goal == [3, 3, 3, 3]  # 40 in 14 days → 3 a day
    assert "challenge “Q4 sprint”" in text


def test_colour_only_with_a_palette(known):
    bundle, plain_text = build(known, "effort")
    assert "\x1b[" not in plain_text
    coloured = charts.render(bundle, Options(width=80, height=16, palette=charts.Palette()))
    assert "\x1b[" in coloured


def test_empty_store_charts_build(ctx):
    for name in ("effort", "cumulative", "calendar", "hours", "answers", "kinds", "channels", "funnel"):
        _, text = build(ctx, name)
        assert text.strip()
    _, text = build(ctx, "funnel")
    assert "No attempts yet" in text


def test_progress_since_the_last_yes_only_counts_up_to_the_end_day(known):
    with known.store.read() as s:
        pid = known.profile_id
        assert queries.since_last_yes(s, pid, NOV) == 5
        assert queries.since_last_yes(s, pid, NOV - timedelta(days=1)) == 3  # the yes's own day
        assert queries.since_last_yes(s, pid, NOV - timedelta(days=2)) == 9  # before any yes
        assert queries.since_last_yes(s, pid, NOV, queries.Filter(channel="dm")) == 2


ALL_CHARTS = ("effort", "cumulative", "calendar", "hours", "answers", "kinds", "channels", "funnel")


def add_rated_cells(ctx, today: date = NOV) -> None:
    """Two more weekday × hour cells with enough attempts for a rate (1 of 4, 3 of 4): the
    "answers" shading then has rates below the top one (a float index crashed on those)."""
    day = today - timedelta(days=7)
    rows = [_row(ctx.profile_id, day, 11, m, "call", "no", conv=m < 10) for m in (0, 20, 40, 50)]
    rows += [_row(ctx.profile_id, day, 15, m, "call", "no", conv=m < 40) for m in (0, 20, 30, 50)]
    with ctx.store.write() as s:
        s.execute(insert(Attempt.__table__), rows)


@pytest.mark.parametrize("size", [(80, 20), (100, 28), (120, 36)])
def test_every_chart_draws_with_colour_on(known, size):
    """The shading code runs only with a palette: a float index crashed "answers" (issue 11)."""
    add_rated_cells(known)
    for name in ALL_CHARTS:
        with known.store.read() as s:
            bundle = chart_data(s, known.profile_id, name, today=NOV, days=30)
        text = charts.render(bundle, Options(width=size[0], height=size[1], palette=charts.Palette()))
        assert "\x1b[" in text, name


def test_effort_on_a_one_day_old_store_rates_one_day(ctx):
    """Issue 11: "goal met on 1 of 1 days … 3.3 a day" over "30 days" on a day-old store."""
    with ctx.store.write() as s:
        settings_svc.set_goal(s, ctx.profile_id, Goal(daily_attempts=3, daily_cap=20), NOV)
        s.execute(insert(Attempt.__table__), [_row(ctx.profile_id, NOV, 9, m, "call", "no") for m in (1, 2, 3)])
    _, text = build(ctx, "effort")
    flat = " ".join(text.split())
    assert "3 attempts in 30 days, 3.0 a day over 1 day since your first attempt" in flat
    assert "goal met on 1 of 1 day " in flat and "1 days" not in flat
