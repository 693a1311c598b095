"""Writers that read a row and write it back lose nothing; readers never wait for writers.

Each writer is a thread with its own Store (its own engine, so its own connection), all
released at once by a barrier, on SQLite and PostgreSQL (the ``location`` fixture). The
final state must equal the sum of the changes that were confirmed (committed without an
error), and the outcome history must be a chain.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, timedelta

import pytest

from rejection_therapy import clock
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.errors import ValidationError
from rejection_therapy.core.goals import Goal
from rejection_therapy.services import attempts, challenges, competitions, followups
from rejection_therapy.services import settings as settings_svc
from rejection_therapy.services.context import AppContext
from rejection_therapy.store.db import Store
from rejection_therapy.store.models import OutcomeChange

THREADS = 4
ROUNDS = 6


def hammer(location, work, threads: int = THREADS, rounds: int = ROUNDS):
    """Run ``work(session, thread, round)`` in a write transaction, rounds times per thread;
    returns (results of the confirmed transactions, errors)."""
    stores = [Store.open(location) for _ in range(threads)]
    barrier = threading.Barrier(threads)
    confirmed: list = []
    errors: list = []

    def run(k: int) -> None:
        barrier.wait(timeout=60)
        for i in range(rounds):
            try:
                with stores[k].write() as s:
                    result = work(s, k, i)
                confirmed.append(result)
            except Exception as err:  # noqa: BLE001 - collected and asserted below
                errors.append(err)

    pool = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
    try:
        for t in pool:
            t.start()
        for t in pool:
            t.join(timeout=120)
    finally:
        for store in stores:
            store.close()
    return confirmed, errors


@pytest.fixture
def pid(ctx):
    with ctx.store.write() as s:
        settings_svc.update(s, ctx.profile_id, timezone="UTC", day_start_hour=0)
    return ctx.profile_id


def test_challenge_extend_keeps_every_confirmed_extension(ctx, pid, location):
    today = clock.now().date()
    with ctx.store.write() as s:
        cid = challenges.start_challenge(s, pid, "custom", today=today, start=today, days=30, total=5).id

    def work(s, k, i):
        challenges.extend(s, pid, cid, 1, today=today)
        return 1

    confirmed, errors = hammer(location, work)
    assert errors == []
    with ctx.store.read() as s:
        stored = challenges._get(s, pid, cid).extended_days
    assert stored == sum(confirmed) == THREADS * ROUNDS


def test_a_challenge_is_abandoned_once(ctx, pid, location):
    today = clock.now().date()
    with ctx.store.write() as s:
        cid = challenges.start_challenge(s, pid, "custom", today=today, start=today, days=30, total=5).id

    def work(s, k, i):
        return challenges.abandon(s, pid, cid, f"reason {k}", today=today).abandon_reason

    confirmed, errors = hammer(location, work, rounds=1)
    assert len(confirmed) == 1, confirmed
    assert len(errors) == THREADS - 1
    assert all(isinstance(e, ValidationError) and "already abandoned" in str(e) for e in errors), errors
    with ctx.store.read() as s:
        assert challenges._get(s, pid, cid).abandon_reason == confirmed[0]


def test_outcome_history_is_a_chain_under_concurrent_changes(ctx, pid, location):
    with ctx.store.write() as s:
        aid = attempts.log_attempt(s, pid, AttemptInput(outcome="pending", channel="call")).id
    cycle = ("yes", "no", "pending")

    def work(s, k, i):  # half the writers go through a full edit, which records the change too
        if k % 2:
            attempts.update_fields(s, pid, aid, outcome=cycle[(k + i) % 3], notes=f"edit {k}.{i}")
        else:
            attempts.set_outcome(s, pid, aid, cycle[(k + i) % 3])

    _confirmed, errors = hammer(location, work)
    assert errors == []
    with ctx.store.read() as s:
        changes = list(s.query(OutcomeChange).filter_by(attempt_id=aid).order_by(OutcomeChange.id))
        final = attempts.get(s, pid, aid).outcome
    assert changes, "no outcome was changed"
    previous = "pending"
    for c in changes:
        assert c.old_outcome == previous, [(c.old_outcome, c.new_outcome) for c in changes]
        assert c.new_outcome != c.old_outcome
        previous = c.new_outcome
    assert final == previous


def test_the_silence_sweep_and_a_reply_at_once_keep_the_chain(ctx, pid, location):
    from rejection_therapy.services import silence

    old = clock.now() - timedelta(days=30)
    with ctx.store.write() as s:
        aid = attempts.log_attempt(s, pid, AttemptInput(outcome="pending", channel="call"), now=old).id
    cycle = ("yes", "pending", "no", "pending")

    def work(s, k, i):
        if k % 2:
            silence.sweep(s, pid)
        else:
            attempts.set_outcome(s, pid, aid, cycle[(k + i) % 4])

    _confirmed, errors = hammer(location, work, rounds=10)
    assert errors == []
    with ctx.store.read() as s:
        changes = [(c.old_outcome, c.new_outcome)
                   for c in s.query(OutcomeChange).filter_by(attempt_id=aid).order_by(OutcomeChange.id)]
        final = attempts.get(s, pid, aid).outcome
    previous = "pending"
    for old_outcome, new_outcome in changes:
        assert old_outcome == previous, changes
        previous = new_outcome
    assert final == previous


def test_follow_up_snoozes_add_up(ctx, pid, location):
    today = clock.now().date()
    start = today + timedelta(days=3)
    with ctx.store.write() as s:
        aid = attempts.log_attempt(s, pid, AttemptInput(outcome="no", channel="call", follow_up_on=start)).id

    def work(s, k, i):
        followups.snooze(s, pid, aid, 1)
        return 1

    confirmed, errors = hammer(location, work)
    assert errors == []
    with ctx.store.read() as s:
        on = attempts.get(s, pid, aid).follow_up_on
    assert on == start + timedelta(days=sum(confirmed))


def test_goal_for_the_same_day_is_an_upsert(ctx, pid, location):
    day = date(2026, 11, 18)

    def work(s, k, i):
        settings_svc.set_goal(s, pid, Goal(daily_attempts=k * 10 + i + 1), day)
        return k * 10 + i + 1

    confirmed, errors = hammer(location, work, rounds=3)
    assert errors == []
    with ctx.store.read() as s:
        history = settings_svc.goal_history(s, pid)
        goal = history.for_day(day)
    assert goal.daily_attempts in confirmed


def test_settings_changed_at_once_keep_every_field(ctx, pid, location):
    fields = ("follow_up_days", "bad_day_threshold", "silence_days", "first_weekday")

    def work(s, k, i):
        value = i + 10 if fields[k] != "first_weekday" else i % 7
        settings_svc.update(s, pid, **{fields[k]: value})

    _confirmed, errors = hammer(location, work)
    assert errors == []
    with ctx.store.read() as s:
        stored = settings_svc.load(s, pid)
    assert (stored.follow_up_days, stored.bad_day_threshold, stored.silence_days, stored.first_weekday) == (
        ROUNDS + 9, ROUNDS + 9, ROUNDS + 9, (ROUNDS - 1) % 7)


def test_competition_started_twice_at_once_gives_one_and_a_sentence(ctx, pid, location):
    def work(s, k, i):
        return competitions.start(s, pid, "Race", period="month").id

    confirmed, errors = hammer(location, work, rounds=1)
    assert len(confirmed) == 1
    assert len(errors) == THREADS - 1
    assert all(isinstance(e, ValidationError) and "already exists" in str(e) for e in errors), errors


# ---- readers never wait for a writer -------------------------------------------------------


def test_readers_go_on_while_another_program_holds_a_write_transaction(db_path, capsys, monkeypatch):
    from rejection_therapy.__main__ import main
    from rejection_therapy.store import engine, fast

    db = str(db_path)
    assert main(["--db", db, "log", "no", "--channel", "call"]) == 0
    # A short busy timeout: the old code failed after waiting for it, the fixed one never waits.
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)
    monkeypatch.setattr(fast, "BUSY_TIMEOUT_MS", 300)
    monkeypatch.setenv("REJECTION_THERAPY_QUICK", "0")
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE settings SET value = value WHERE 0")
    try:
        for argv in (["list"], ["export"], ["today"], ["chart", "effort"], ["review"]):
            capsys.readouterr()
            code = main(["--db", db, *argv])
            err = capsys.readouterr().err
            assert code == 0, (argv, err)
            assert "busy" not in err
        monkeypatch.setenv("REJECTION_THERAPY_QUICK", "1")  # the stdlib path reads without waiting too
        assert main(["--db", db, "today"]) == 0, capsys.readouterr().err
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_the_first_open_of_an_empty_store_still_creates_the_profile(location):
    ctx = AppContext.open(location)
    try:
        assert ctx.profile.name
        again = AppContext.open(location)
        try:
            assert again.profile_id == ctx.profile_id
        finally:
            again.close()
    finally:
        ctx.close()
