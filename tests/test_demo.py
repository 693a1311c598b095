"""The demo store (issue 11): no future wins; attempts today, a running challenge and a
competition; its temporary folder is deleted when the terminal closes (SIGHUP) or on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rejection_therapy.services.context import AppContext
from rejection_therapy.services.demo import DEMO_PROFILE, create_demo_store


def test_demo_early_in_the_morning_has_today_and_no_future_win(tmp_path, monkeypatch):
    monkeypatch.setenv("REJECTION_THERAPY_NOW", "2026-11-18T05:08:00+00:00")
    location = create_demo_store(tmp_path / "demo.db", days=20, per_day=10)
    from rejection_therapy.services import challenges, competitions, today
    from rejection_therapy.store.models import Win

    ctx = AppContext.open(location, DEMO_PROFILE)
    try:
        with ctx.store.read() as s:
            summary = today.summary(s, ctx.profile_id)
            latest_win = max(w.created_at for w in s.query(Win).all())
            running = challenges.status(s, ctx.profile_id)
            contests = competitions.list_competitions(s, ctx.profile_id)
    finally:
        ctx.close()
    assert summary.attempts >= 3
    assert latest_win.replace(tzinfo=UTC) <= datetime(2026, 11, 18, 5, 8, tzinfo=UTC)
    assert running and contests


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM])
def test_demo_folder_is_removed_when_the_terminal_closes(tmp_path, sig):
    import pty

    env = {**os.environ, "TMPDIR": str(tmp_path)}
    env.pop("NO_COLOR", None)
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "rejection_therapy", "--demo"], stdin=slave,
                            stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    os.set_blocking(master, False)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not list(Path(tmp_path).glob("rejection-therapy-demo-*/demo.db")):
            time.sleep(0.2)
        assert list(Path(tmp_path).glob("rejection-therapy-demo-*")), "the demo never started"
        time.sleep(1.0)
        proc.send_signal(sig)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and list(Path(tmp_path).glob("rejection-therapy-demo-*")):
            try:
                os.read(master, 65536)  # keep the terminal drained
            except OSError:
                pass
            time.sleep(0.1)
        assert not list(Path(tmp_path).glob("rejection-therapy-demo-*"))
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        os.close(master)


def test_sample_never_writes_a_win_after_now(sqlite_ctx, monkeypatch):
    """A win at 18:00 today showed at 05:08 (issue 11): every seed, no win after now."""
    monkeypatch.setenv("REJECTION_THERAPY_NOW", "2026-11-18T09:30:00+00:00")
    from rejection_therapy.services.sample import SampleSpec, generate
    from rejection_therapy.store.models import Win

    for seed in range(12):
        generate(sqlite_ctx.store.write, SampleSpec(profiles=2, days=2, per_day=12, seed=seed))
    with sqlite_ctx.store.read() as s:
        latest = max(w.created_at for w in s.query(Win).all())
    assert latest.replace(tzinfo=UTC) <= datetime(2026, 11, 18, 9, 30, tzinfo=UTC)
