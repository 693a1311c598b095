"""Repairable streaks and the rest budget (issue 15, item 4): core rules, services, CLI."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rejection_therapy.core import days, repair
from rejection_therapy.core.errors import ValidationError
from rejection_therapy.core.repair import RestBudget, RestInputs, forgive
from rejection_therapy.core.streaks import compute_streak

NEVER = lambda _d: False  # noqa: E731
ONE = lambda _d: 1  # noqa: E731


def inputs(zone: str, now: datetime, instants: list[datetime] = (), budget: RestBudget | None = None, manual=(),
           start_hour: int = 0, calls: list | None = None) -> RestInputs:
    by_day: dict[date, list[datetime]] = {}
    for t in instants:
        by_day.setdefault(days.local_day(t, zone, start_hour), []).append(t)

    def count_until(d, until):
        if calls is not None:
            calls.append(d)
        return sum(1 for t in by_day.get(d, []) if t <= until)

    return RestInputs(now=now, bounds=lambda d: days.day_bounds(d, zone, start_hour), budget=budget or RestBudget(),
                      manual=frozenset(manual), count_until=count_until)


def counts_of(instants, zone, start_hour=0) -> dict[date, int]:
    return dict(Counter(days.local_day(t, zone, start_hour) for t in instants))


# ---- the 48-hour window, measured in real hours across DST -----------------------------

CASES = [
    # zone, missed day, hours after it ended, repaired?
    ("UTC", date(2026, 11, 10), 47, True),
    ("UTC", date(2026, 11, 10), 48, False),  # lands on the next day, where it is that day's own
    ("UTC", date(2026, 11, 10), 49, False),
    # Berlin falls back on 25 Oct 2026: that day has 25 hours, the window ends at 23:00 on the 26th.
    ("Europe/Berlin", date(2026, 10, 24), 47, True),
    ("Europe/Berlin", date(2026, 10, 24), 48, True),
    ("Europe/Berlin", date(2026, 10, 24), 48.5, False),  # same local day, half an hour too late
    ("Europe/Berlin", date(2026, 10, 24), 49, False),
    # Berlin springs forward on 29 Mar 2026 (23 hours): the window reaches 01:00 on the 30th.
    ("Europe/Berlin", date(2026, 3, 27), 46.5, True),
    ("Europe/Berlin", date(2026, 3, 27), 47, True),
    ("Europe/Berlin", date(2026, 3, 27), 48, True),
    ("Europe/Berlin", date(2026, 3, 27), 49, False),
]


@pytest.mark.parametrize(("zone", "missed", "hours", "repaired"), CASES)
def test_repair_window_is_48_real_hours(zone, missed, hours, repaired):
    end = days.day_bounds(missed, zone, 0)[1]
    extra = end + timedelta(hours=hours)
    extra_day = days.local_day(extra, zone, 0)
    instants = [days.day_bounds(missed - timedelta(days=1), zone, 0)[0] + timedelta(hours=9)]  # the day before
    d = missed + timedelta(days=1)
    while d <= extra_day:  # each make-up day meets its own goal of 1 first
        instants.append(days.day_bounds(d, zone, 0)[0] + timedelta(minutes=1))
        d += timedelta(days=1)
    instants.append(extra)
    today = extra_day + timedelta(days=3)
    now = days.day_bounds(today, zone, 0)[0] + timedelta(hours=12)
    counts = counts_of(instants, zone)
    f = forgive(counts, today, ONE, NEVER, inputs(zone, now, instants, budget=RestBudget(default=0)))
    assert (f.marks.get(missed) == repair.REPAIRED) is repaired
    s = compute_streak(counts, extra_day, goal_for=1, marks=f.marks)
    assert s.longest == (extra_day - missed).days + 1 + (1 if repaired else -1)


def test_a_partly_covered_day_reads_its_instants_only_then():
    zone, missed = "Europe/Berlin", date(2026, 10, 24)
    end = days.day_bounds(missed, zone, 0)[1]
    instants = [end - timedelta(hours=30), end + timedelta(hours=2), end + timedelta(hours=30),
                end + timedelta(hours=48)]
    calls: list[date] = []
    f = forgive(counts_of(instants, zone), date(2026, 10, 30), ONE, NEVER,
                inputs(zone, end + timedelta(days=5), instants, calls=calls))
    assert f.marks[missed] == repair.REPAIRED
    assert calls == [date(2026, 10, 26)]  # the 25-hour day before it is fully inside


def test_the_missed_day_is_marked_never_rewritten_and_extras_go_to_the_earliest_miss():
    # Goal 2. Nov 2 missed by 1, Nov 3 missed by 2; Nov 4 logs 5 (2 own + 3 extra): both repaired.
    counts = {date(2026, 11, 1): 2, date(2026, 11, 2): 1, date(2026, 11, 4): 5}
    now = datetime(2026, 11, 9, tzinfo=UTC)
    f = forgive(counts, date(2026, 11, 9), lambda _d: 2, NEVER, inputs("UTC", now))
    assert {d: m for d, m in f.marks.items() if d <= date(2026, 11, 5)} == {
        date(2026, 11, 2): "repaired", date(2026, 11, 3): "repaired", date(2026, 11, 5): "token"}
    assert f.marks[date(2026, 11, 6)] == "open"  # its window ends exactly now (09 Nov 00:00)
    assert counts[date(2026, 11, 2)] == 1  # unchanged
    # With 2 extras only, the first miss is repaired and the second takes a token.
    f = forgive(counts | {date(2026, 11, 4): 4}, date(2026, 11, 5), lambda _d: 2, NEVER, inputs("UTC", now))
    assert (f.marks[date(2026, 11, 2)], f.marks[date(2026, 11, 3)]) == ("repaired", "token")


def test_an_open_window_neither_breaks_nor_spends():
    counts = {date(2026, 11, 16): 1, date(2026, 11, 17): 1}  # the 18th missed, today the 19th
    now = datetime(2026, 11, 19, 15, tzinfo=UTC)
    f = forgive(counts, date(2026, 11, 19), ONE, NEVER, inputs("UTC", now))
    assert f.marks == {date(2026, 11, 18): "open"}
    assert f.tokens_left(date(2026, 11, 19)) == 2
    [chance] = f.chances
    assert (chance.needed, chance.until) == (1, datetime(2026, 11, 21, tzinfo=UTC))
    assert repair.attempts_to_repair(chance, today_goal=1, today_count=0) == 2
    assert compute_streak(counts, date(2026, 11, 19), 1, marks=f.marks).current == 2


# ---- the rest budget, per month ------------------------------------------------------


def _gappy() -> dict[date, int]:
    """Goal 1: days logged in Nov and Dec 2026 except the 3rd, 5th and 7th of Nov and 1 Dec."""
    gaps = {date(2026, 11, 3), date(2026, 11, 5), date(2026, 11, 7), date(2026, 12, 1)}
    return {d: 1 for d in days.days_in(date(2026, 11, 1), date(2026, 12, 10)) if d not in gaps}


def test_budget_is_per_month_and_spent_on_the_earliest_misses():
    now = datetime(2026, 12, 10, 12, tzinfo=UTC)
    f = forgive(_gappy(), date(2026, 12, 10), ONE, NEVER, inputs("UTC", now))
    assert [d.isoformat() for d, m in sorted(f.marks.items()) if m == "token"] == [
        "2026-11-03", "2026-11-05", "2026-12-01"]
    assert date(2026, 11, 7) not in f.marks  # November's two tokens were gone: it breaks
    assert (f.spent[(2026, 11)], f.tokens_left(date(2026, 12, 10))) == (2, 1)
    s = compute_streak(_gappy(), date(2026, 12, 10), 1, marks=f.marks)
    assert (s.current, s.longest) == (32, 32)  # 8-30 Nov and 2-10 Dec; 1 Dec rested


def test_manual_tokens_count_against_their_month():
    now = datetime(2026, 12, 10, 12, tzinfo=UTC)
    f = forgive(_gappy(), date(2026, 12, 10), ONE, NEVER, inputs("UTC", now, manual=[date(2026, 11, 20)]))
    assert f.marks[date(2026, 11, 20)] == "token"
    assert f.marks[date(2026, 11, 3)] == "token" and date(2026, 11, 5) not in f.marks


def test_a_new_budget_never_changes_past_figures():
    now = datetime(2026, 12, 10, 12, tzinfo=UTC)
    before = forgive(_gappy(), date(2026, 12, 10), ONE, NEVER, inputs("UTC", now))
    raised = forgive(_gappy(), date(2026, 12, 10), ONE, NEVER,
                     inputs("UTC", now, budget=RestBudget(((date(2026, 12, 10), 5),))))
    assert raised.marks == before.marks and raised.spent == before.spent
    assert raised.tokens_left(date(2026, 12, 10)) == 4
    lowered_earlier = forgive(_gappy(), date(2026, 12, 10), ONE, NEVER,
                              inputs("UTC", now, budget=RestBudget(((date(2026, 11, 1), 0),))))
    assert not any(m == "token" for m in lowered_earlier.marks.values())


@pytest.mark.parametrize("bad", ["-1", "32", "x", "²", True, 2.0])
def test_bad_budgets_are_refused(bad):
    with pytest.raises(ValidationError, match="0 to 31"):
        repair.check_tokens(bad)


day_counts = st.dictionaries(st.integers(0, 59).map(lambda i: date(2026, 10, 1) + timedelta(days=i)),
                             st.integers(0, 4), max_size=60)


@settings(max_examples=60, deadline=None)
@given(day_counts, st.integers(1, 3), st.integers(0, 3), st.sampled_from(["UTC", "Europe/Berlin", "Pacific/Apia"]))
def test_forgiveness_never_shortens_a_streak(counts, goal, budget, zone):
    today = date(2026, 11, 29)
    now = days.day_bounds(today, zone, 4)[0] + timedelta(hours=5)
    rest = inputs(zone, now, budget=RestBudget(default=budget), start_hour=4)
    f = forgive(counts, today, lambda _d: goal, NEVER, rest)
    plain = compute_streak(counts, today, goal)
    kind = compute_streak(counts, today, goal, marks=f.marks)
    assert kind.current >= plain.current and kind.longest >= plain.longest
    for (y, m), n in f.spent.items():
        assert n <= budget, (y, m)
    for d, mark in f.marks.items():
        assert counts.get(d, 0) < goal  # only missed days are marked
        assert mark != "open" or d >= today - timedelta(days=3)


# Attempts on 40 days, some at the very first instant of their day (a window of a no-DST zone
# ends exactly there) or near a window's end on a DST day.
attempts_st = st.lists(st.tuples(st.integers(0, 39), st.sampled_from([0, 0, 1, 60, 60 * 22, 60 * 23 + 30, 60 * 47])),
                       max_size=80)


@settings(max_examples=80, deadline=None)
@given(attempts_st, st.integers(1, 3), st.sampled_from(["UTC", "Europe/Berlin", "America/New_York"]),
       st.sampled_from([0, 4]))
def test_asking_for_the_counts_in_batches_gives_the_same_forgiveness(attempts, goal, zone, start_hour):
    """core.repair.forgive with ``counts_until`` (one query for many counts, the SQLAlchemy
    adapter) marks exactly what one count at a time marks."""
    first = date(2026, 10, 10)  # Berlin and New York change their clocks in the range
    instants = sorted(days.day_bounds(first + timedelta(days=d), zone, start_hour)[0] + timedelta(minutes=m)
                      for d, m in attempts)
    today = first + timedelta(days=41)
    now = days.day_bounds(today, zone, start_hour)[0] + timedelta(hours=3)
    rest = inputs(zone, now, instants, start_hour=start_hour)
    batches: list[int] = []

    def counts_until(asks):
        batches.append(len(asks))
        return [rest.count_until(d, until) for d, until in asks]

    counts = counts_of(instants, zone, start_hour)
    one = forgive(counts, today, lambda _d: goal, NEVER, rest)
    batched = forgive(counts, today, lambda _d: goal, NEVER, rest._replace(counts_until=counts_until))
    assert batched == one
    assert len(batches) <= 3  # a walk with 0s, at most two more with the answers


def _batched_and_one_at_a_time(counts, today, rest):
    batches: list[int] = []

    def counts_until(asks):
        batches.append(len(asks))
        return [rest.count_until(day, until) for day, until in asks]

    one = forgive(counts, today, ONE, NEVER, rest)
    assert forgive(counts, today, ONE, NEVER, rest._replace(counts_until=counts_until)) == one
    return one, batches


@pytest.mark.parametrize(("zone", "missed", "hours", "repaired"), CASES)
def test_batched_counts_give_the_48_hour_window(zone, missed, hours, repaired):
    """The windows of CASES (DST included), counts asked in batches (as test_repair_window_is_48_real_hours)."""
    end = days.day_bounds(missed, zone, 0)[1]
    extra = end + timedelta(hours=hours)
    extra_day = days.local_day(extra, zone, 0)
    instants = [days.day_bounds(missed - timedelta(days=1), zone, 0)[0] + timedelta(hours=9)]
    d = missed + timedelta(days=1)
    while d <= extra_day:
        instants.append(days.day_bounds(d, zone, 0)[0] + timedelta(minutes=1))
        d += timedelta(days=1)
    instants.append(extra)
    today = extra_day + timedelta(days=3)
    now = days.day_bounds(today, zone, 0)[0] + timedelta(hours=12)
    one, _ = _batched_and_one_at_a_time(counts_of(instants, zone), today,
                                        inputs(zone, now, instants, budget=RestBudget(default=0)))
    assert (one.marks.get(missed) == repair.REPAIRED) is repaired


def test_batched_counts_read_an_extra_at_the_instant_the_window_ends():
    """Two attempts at the first instant of the third day after a miss (UTC: where its window
    ends): the first is that day's own, the second an extra "at or before" the end. Only the
    count of that instant tells, so the batch's first walk (with 0) must be walked again."""
    missed = date(2026, 11, 10)
    start = days.day_bounds(missed + timedelta(days=3), "UTC", 0)[0]
    instants = [datetime(2026, 11, 9, 9, tzinfo=UTC), datetime(2026, 11, 11, 9, tzinfo=UTC),
                datetime(2026, 11, 12, 9, tzinfo=UTC), start, start]
    rest = inputs("UTC", datetime(2026, 11, 20, tzinfo=UTC), instants, budget=RestBudget(default=0))
    one, batches = _batched_and_one_at_a_time(counts_of(instants, "UTC"), date(2026, 11, 20), rest)
    assert one.marks.get(missed) == repair.REPAIRED
    assert len(batches) == 1  # one query; the second walk needed no new count


# ---- services, both backends ---------------------------------------------------------

T = datetime(2026, 11, 18, 15, tzinfo=UTC)  # a Wednesday; days start at 04:00 UTC


def _log(ctx, when: datetime, n: int = 1) -> None:
    from rejection_therapy.core.attempts import AttemptInput
    from rejection_therapy.services import attempts

    with ctx.store.write() as s:
        for i in range(n):
            attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no"), now=when + timedelta(minutes=i))


def _setup(ctx) -> None:
    from rejection_therapy.core.goals import Goal
    from rejection_therapy.core.settings import Settings
    from rejection_therapy.services import settings as settings_svc

    with ctx.store.write() as s:
        settings_svc.save(s, ctx.profile_id, Settings(timezone="UTC"))
        settings_svc.set_goal(s, ctx.profile_id, Goal(daily_attempts=2), date(2026, 11, 1))


def test_repair_then_rest_tokens_through_the_services(ctx):
    from rejection_therapy.services import rest, today

    _setup(ctx)
    _log(ctx, T - timedelta(days=3), 2)  # Sun 15: met
    _log(ctx, T - timedelta(days=2), 1)  # Mon 16: missed by 1
    _log(ctx, T - timedelta(days=1), 3)  # Tue 17: 2 own + 1 extra -> Mon repaired
    with ctx.store.read() as s:
        sm = today.summary(s, ctx.profile_id, now=T)
    assert sm.rest.marks == {date(2026, 11, 16): "repaired"}
    assert (sm.streak.current, sm.rest.tokens_left(sm.day)) == (3, 2)
    # Nothing logged after: on Sun 22 the windows of the 18th and 19th have closed (tokens
    # go on them); the 20th and 21st can still be repaired.
    with ctx.store.read() as s:
        sm = today.summary(s, ctx.profile_id, now=T + timedelta(days=4))
    assert sm.rest.marks == {date(2026, 11, 16): "repaired", date(2026, 11, 18): "token",
                             date(2026, 11, 19): "token", date(2026, 11, 20): "open", date(2026, 11, 21): "open"}
    assert sm.streak.current == 3 and sm.rest.tokens_left(sm.day) == 0
    with ctx.store.write() as s, pytest.raises(ValidationError, match="No rest tokens left for November 2026"):
        rest.spend(s, ctx.profile_id, date(2026, 11, 22), now=T + timedelta(days=4))


def test_spending_by_hand_and_the_budget_from_today_on(ctx):
    from rejection_therapy.services import rest, today

    _setup(ctx)
    _log(ctx, T - timedelta(days=1), 2)
    with ctx.store.write() as s:
        st = rest.spend(s, ctx.profile_id, now=T)  # today
    assert (st.day, st.left, st.spent) == (date(2026, 11, 18), 1, 1)
    with ctx.store.write() as s, pytest.raises(ValidationError, match="already a rest day"):
        rest.spend(s, ctx.profile_id, date(2026, 11, 18), now=T)
    with ctx.store.write() as s, pytest.raises(ValidationError, match="met its goal"):
        rest.spend(s, ctx.profile_id, date(2026, 11, 17), now=T)
    with ctx.store.write() as s:
        rest.set_budget(s, ctx.profile_id, 4, now=T)
        assert rest.state(s, ctx.profile_id, now=T).left == 3
        assert rest.state(s, ctx.profile_id, now=T - timedelta(days=1)).left == 1  # the 17th kept 2
    with ctx.store.read() as s:
        sm = today.summary(s, ctx.profile_id, now=T)
    assert sm.rest.marks == {date(2026, 11, 18): "token"}
    assert sm.streak.current == 1  # the token day neither breaks nor extends


# ---- CLI -----------------------------------------------------------------------------


def run(capsys, *args):
    from rejection_therapy.__main__ import main

    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("quick", ["1", "0"])
def test_today_shows_the_rest_budget_and_an_open_repair(db_path, capsys, monkeypatch, quick):
    monkeypatch.setenv("REJECTION_THERAPY_QUICK", quick)
    monkeypatch.setenv("TZ", "UTC")  # a new profile takes the machine's zone
    monkeypatch.setenv("REJECTION_THERAPY_NOW", "2026-11-16T12:00:00+00:00")
    assert run(capsys, "--db", db_path, "goal", "--daily", "2")[0] == 0
    run(capsys, "--db", db_path, "log", "no")
    run(capsys, "--db", db_path, "log", "no")
    monkeypatch.setenv("REJECTION_THERAPY_NOW", "2026-11-18T12:00:00+00:00")  # the 17th was missed
    code, out, _ = run(capsys, "--db", db_path, "today")
    assert code == 0
    assert "Rest           2 left this month\n" in out
    assert "Repair         Tue 17 Nov can still be repaired: 4 more attempts by Fri 04:00" in out
    assert "Streak         1 day" in out


def test_rest_command(db_path, capsys, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("REJECTION_THERAPY_NOW", "2026-11-18T12:00:00+00:00")
    assert run(capsys, "--db", db_path, "rest", "--show")[1] == "Rest 2 left this month (budget 2, 0 spent).\n"
    assert run(capsys, "--db", db_path, "rest")[1] == "Rest token spent on 2026-11-18. Rest 1 left this month.\n"
    assert run(capsys, "--db", db_path, "rest", "2026-11-25")[1].endswith("Rest 0 left this month.\n")
    code, out, err = run(capsys, "--db", db_path, "rest", "2026-11-26")
    assert (code, out) == (2, "") and "No rest tokens left for November 2026" in err
    assert run(capsys, "--db", db_path, "rest", "2026-12-01")[0] == 0  # December has its own
    assert run(capsys, "--db", db_path, "rest", "--budget", "3")[1] == \
        "Rest budget from 2026-11-18 on: 3 a month. Rest 1 left this month.\n"
    for bad in (["rest", "--budget", "99"], ["rest", "2026-02-30"], ["rest", "2030-01-01"],
                ["rest", "2026-11-19", "--budget", "1"]):
        code, out, err = run(capsys, "--db", db_path, *bad)
        assert code == 2 and out == "" and err.count("\n") == 1, bad


def test_challenges_use_the_same_rule():
    from rejection_therapy.core.challenges import progress

    start = date(2026, 11, 2)
    counts = {start: 1, start + timedelta(days=2): 2, start + timedelta(days=3): 1}  # the 3rd missed, repaired
    today = start + timedelta(days=3)
    now = datetime(2026, 11, 5, 12, tzinfo=UTC)
    plain = progress(counts, today, start, 30, 1, None)
    kind = progress(counts, today, start, 30, 1, None, rest=inputs("UTC", now, budget=RestBudget(default=0)))
    assert (plain.longest_run, kind.longest_run, kind.current_run) == (2, 4, 4)
    assert kind.missed_days == plain.missed_days == 1  # honest: the day is marked, not rewritten
