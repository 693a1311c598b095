"""Several members logging at once into one store: nothing lost, the right board.

Real processes (multiprocessing, spawn), each opening the store as its own profile like a
member's app does, logging one attempt per transaction and reading the board as it goes.
"""

from __future__ import annotations

import multiprocessing as mp
from datetime import timedelta

import pytest

from rejection_therapy import clock

PER_PROCESS = 250


def outcome_of(k: int, j: int) -> str:
    """Process k logs a no, except every (k+2)-th attempt which is silence (never counted)."""
    return "silence" if j % (k + 2) == 0 else "no"


def expected_nos(k: int) -> int:
    return sum(1 for j in range(PER_PROCESS) if outcome_of(k, j) == "no")


def member(url: str, name: str, k: int, barrier, results) -> None:
    from rejection_therapy.config import resolve_db
    from rejection_therapy.core.attempts import AttemptInput
    from rejection_therapy.services import attempts, competitions
    from rejection_therapy.services.context import AppContext

    ctx = AppContext.open(resolve_db(url), name)
    try:
        barrier.wait(timeout=120)
        for j in range(PER_PROCESS):
            with ctx.store.write() as s:
                attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome=outcome_of(k, j), channel="call"))
            if j % 50 == 49:
                with ctx.store.read() as s:
                    competitions.board(s, ctx.profile_id, "Race")
        results.put((name, "ok"))
    except BaseException as err:  # noqa: BLE001 - report to the parent
        results.put((name, f"{type(err).__name__}: {err}"))
    finally:
        ctx.close()


def run_members(location, n: int) -> None:
    from rejection_therapy.services import competitions, profiles
    from rejection_therapy.services import settings as settings_svc
    from rejection_therapy.services.context import AppContext

    names = [f"Member {k}" for k in range(n)]
    ctx = AppContext.open(location)
    with ctx.store.write() as s:
        for name in names:
            pid = profiles.create(s, name).id
            settings_svc.update(s, pid, timezone="UTC", day_start_hour=0)
        today = clock.now().date()
        competitions.start(
            s, ctx.profile_id, "Race", "dates", start_day=today - timedelta(days=1),
            end_day=today + timedelta(days=1), with_names=names,
        )
    ctx.close()

    spawn = mp.get_context("spawn")
    barrier = spawn.Barrier(n)
    results = spawn.Queue()
    procs = [spawn.Process(target=member, args=(location.url, name, k, barrier, results)) for k, name in enumerate(names)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=600)
    outcomes = dict(results.get(timeout=10) for _ in procs)
    assert all(p.exitcode == 0 for p in procs)
    assert outcomes == {name: "ok" for name in names}

    ctx = AppContext.open(location)
    with ctx.store.read() as s:
        from sqlalchemy import func, select

        from rejection_therapy.store.models import Attempt

        total = s.execute(select(func.count()).select_from(Attempt)).scalar_one()
        board = competitions.board(s, ctx.profile_id, "Race")
    ctx.close()
    assert total == n * PER_PROCESS
    want = sorted(((f"Member {k}", expected_nos(k)) for k in range(n)), key=lambda x: -x[1])
    assert [(r.name, r.count) for r in board.standings] == want
    assert [r.rank for r in board.standings] == list(range(1, n + 1))
    assert board.standings[-1].gap == want[0][1] - want[-1][1]


@pytest.mark.parametrize("location", ["postgres"], indirect=True)
def test_four_processes_four_profiles_on_postgresql(location):
    run_members(location, 4)


@pytest.mark.parametrize("location", ["sqlite"], indirect=True)
def test_two_processes_two_profiles_on_sqlite(location):
    run_members(location, 2)
