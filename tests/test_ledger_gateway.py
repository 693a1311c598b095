"""Every method of the ledger's gateway gives the same answers on both adapters: the stdlib
one (``store.fast.StdlibGateway``, SQLite) and the SQLAlchemy one (``store.gateway.SqlGateway``,
SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from rejection_therapy.core.attempts import AttemptInput, build_attempt_row
from rejection_therapy.core.goals import Goal
from rejection_therapy.core.settings import Settings
from rejection_therapy.core.today import as_date, as_instant
from rejection_therapy.services import attempts, ledger, profiles, wins
from rejection_therapy.services import settings as settings_svc
from rejection_therapy.store.fast import StdlibGateway
from rejection_therapy.store.gateway import SqlGateway

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
DAY = date(2026, 11, 20)


def _fill(ctx) -> None:
    pid = ctx.profile_id
    with ctx.store.write() as s:
        settings_svc.save(s, pid, Settings(timezone="Europe/Berlin", day_start_hour=4, default_channel="email"))
        settings_svc.set_goal(s, pid, Goal(3, 1, 9, {"call": 2}), date(2026, 1, 1))
        settings_svc.set_goal(s, pid, Goal(5, 2, None), date(2026, 11, 1))
        settings_svc.mark_rest_day(s, pid, date(2026, 11, 15))
        profiles.create(s, "Second One")
        for back, outcome in [(0, "no"), (0, "yes"), (0, "pending"), (1, "no"), (3, "no")]:
            attempts.log_attempt(s, pid, AttemptInput(outcome=outcome, target=f"t{back}", notes="n",
                                                      conversation=outcome == "yes",
                                                      kind="not-now" if outcome == "no" else None),
                                 now=NOW - timedelta(days=back, minutes=back * 7))
        wins.add_win(s, pid, "Kept going", now=NOW)


def _answers(gw, pid: int) -> dict:
    """Every read method, with values normalised to Python types (SQLite gives text)."""
    return {
        "settings": sorted((str(k), str(v)) for k, v in gw.settings_rows(pid)),
        "profile": gw.find_profile(None),
        "profile_by_name": gw.find_profile("second one"),
        "no_profile": gw.find_profile("nobody"),
        "day_count": gw.day_count(pid, DAY),
        "goal_rows": [(as_date(d), a, n, c, p) for d, a, n, c, p in gw.goal_rows(pid)],
        "day_totals": sorted((as_date(d), int(a), int(n)) for d, a, n in gw.day_totals(pid, DAY)),
        "day_attempts": [(int(i), as_instant(t), ch, tg, o, bool(cv), k, nt)
                         for i, t, ch, tg, o, cv, k, nt in gw.day_attempts(pid, DAY)],
        "rest_days": [as_date(r[0]) for r in gw.rest_days(pid)],
        "wins_of_day": [(int(i), t, a) for i, t, a in gw.wins_of_day(pid, DAY)],
        "day_count_until": [gw.day_count_until(pid, DAY, t) for t in
                            (NOW - timedelta(microseconds=1), NOW, NOW + timedelta(hours=1))],
        # the same in one query; 150 pairs take two statements (queries.COUNTS_UNTIL_BATCH)
        "day_counts_until": gw.day_counts_until(pid, [(DAY, t) for t in
                                                      (NOW - timedelta(microseconds=1), NOW, NOW + timedelta(hours=1))]),
        "day_counts_until_150": gw.day_counts_until(pid, [(DAY - timedelta(days=i % 5), NOW) for i in range(150)]),
    }


def _insert(gw, pid: int) -> int:
    row = build_attempt_row(AttemptInput(outcome="no", channel="call"), ledger.settings_of(gw, pid), pid, NOW)
    return gw.insert_attempt(row)


EXPECTED = {
    "profile": (1, None),  # the name depends on the machine's user: checked apart
    "profile_by_name": ("Second One",),
    "no_profile": None,
    "day_count": 3,
    "goal_rows": [(date(2026, 1, 1), 3, 1, 9, '{"call": 2}'), (date(2026, 11, 1), 5, 2, None, None)],
    "day_totals": [(date(2026, 11, 17), 1, 1), (date(2026, 11, 19), 1, 1), (DAY, 3, 1)],
    "rest_days": [date(2026, 11, 15)],
    "day_count_until": [0, 3, 3],  # the three of the day were logged at NOW: "at or before"
    "day_counts_until": [0, 3, 3],
    "day_counts_until_150": [3, 1, 0, 1, 0] * 30,  # DAY, the 19th, 18th, 17th, 16th (days back, by NOW)
}


def _check(answers: dict) -> None:
    assert answers["profile"][0] == 1
    assert answers["profile_by_name"][1] == "Second One"
    for key in ("no_profile", "day_count", "goal_rows", "day_totals", "rest_days", "day_count_until",
                "day_counts_until", "day_counts_until_150"):
        assert answers[key] == EXPECTED[key], key
    assert [a[4] for a in answers["day_attempts"]] == ["pending", "yes", "no"]  # newest first
    assert answers["day_attempts"][0][1] == NOW and answers["day_attempts"][1][5] is True
    assert [w[1] for w in answers["wins_of_day"]] == ["Kept going"]
    assert ('timezone', '"Europe/Berlin"') in answers["settings"]


def test_sqlalchemy_adapter_on_both_backends(ctx):
    _fill(ctx)
    with ctx.store.write() as s:
        gw = SqlGateway(s)
        answers = _answers(gw, ctx.profile_id)
        new_id = _insert(gw, ctx.profile_id)
        assert gw.day_count(ctx.profile_id, DAY) == 4
    _check(answers)
    assert new_id > max(a[0] for a in answers["day_attempts"])


def test_stdlib_adapter_answers_what_the_sqlalchemy_one_does(sqlite_ctx, sqlite_location):
    _fill(sqlite_ctx)
    with sqlite_ctx.store.read() as s:
        orm = _answers(SqlGateway(s), sqlite_ctx.profile_id)
    gw = StdlibGateway.open(sqlite_location)
    try:
        with gw.read():
            quick = _answers(gw, sqlite_ctx.profile_id)
        with gw.write():
            new_id = _insert(gw, sqlite_ctx.profile_id)
            assert gw.day_count(sqlite_ctx.profile_id, DAY) == 4
    finally:
        gw.close()
    _check(quick)
    assert quick == orm
    assert new_id > max(a[0] for a in quick["day_attempts"])
    with sqlite_ctx.store.read() as s:
        assert attempts.get(s, sqlite_ctx.profile_id, new_id).channel == "call"


def test_a_failed_write_leaves_nothing(sqlite_ctx, sqlite_location):
    gw = StdlibGateway.open(sqlite_location)
    try:
        with pytest.raises(ValueError), gw.write():
            _insert(gw, sqlite_ctx.profile_id)
            raise ValueError("boom")
        with gw.read():
            assert gw.day_count(sqlite_ctx.profile_id, DAY) == 0
    finally:
        gw.close()


def test_the_ledger_runs_the_same_steps_on_both_adapters(sqlite_ctx, sqlite_location):
    _fill(sqlite_ctx)
    with sqlite_ctx.store.read() as s:
        orm = ledger.today(SqlGateway(s), sqlite_ctx.profile_id, now=NOW)
    gw = StdlibGateway.open(sqlite_location)
    try:
        with gw.read():
            quick = ledger.today(gw, sqlite_ctx.profile_id, now=NOW)
    finally:
        gw.close()
    assert quick == orm
    assert (quick.attempts, quick.goal.daily_attempts, quick.wins) == (3, 5, ("Kept going",))
