"""The stdlib quick path writes exactly what the SQLAlchemy path writes, and stays light."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rejection_therapy import clock
from rejection_therapy.__main__ import main
from rejection_therapy.config import resolve_db
from rejection_therapy.core import attempts as core_attempts
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.goals import Goal
from rejection_therapy.core.ledger_text import format_today
from rejection_therapy.core.settings import Settings
from rejection_therapy.services import attempts as attempts_svc
from rejection_therapy.services import ledger
from rejection_therapy.services import settings as settings_svc
from rejection_therapy.services import today as today_svc
from rejection_therapy.services import wins as wins_svc
from rejection_therapy.services.context import AppContext
from rejection_therapy.store import fast

UUID = "0123456789abcdef0123456789abcdef"

INPUTS = [
    AttemptInput(outcome="no", channel="Call", target="Acme", segment="smb", tags=["a", "B", "a"],
                 discomfort=4, conversation=True, kind="not-now", stated_reason="No budget",
                 real_reason="Too early", notes="two\nlines", lesson="Ask first"),
    AttemptInput(outcome="yes", channel=None, follow_up_on="2027-02-28"),
    AttemptInput(outcome="pending", notes="\x1b[31mred\x1b[0m text"),
    AttemptInput(outcome="no", guess_pct="20%", dread="4"),  # predict, then compare (issue 15)
]
# 01:30 in New York on a DST night (counts for the evening before with a 04:00 day start),
# and an instant with no microseconds (SQLAlchemy still writes .000000).
NOWS = [datetime(2026, 11, 1, 5, 30, 0, 123456, tzinfo=UTC), datetime(2026, 3, 8, 7, 0, 0, tzinfo=UTC)]


def _store(path: Path) -> AppContext:
    ctx = AppContext.open(resolve_db(str(path)))
    with ctx.store.write() as s:
        settings_svc.save(s, ctx.profile_id, Settings(timezone="America/New_York", day_start_hour=4))
        settings_svc.set_goal(s, ctx.profile_id, Goal(5, 2, 9, {"call": 3}), datetime(2026, 1, 1).date())
    return ctx


def _raw(path: Path, table: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT *, typeof(created_at) FROM {table} ORDER BY id").fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("data", INPUTS)
@pytest.mark.parametrize("now", NOWS)
def test_both_paths_write_identical_rows(tmp_path, monkeypatch, data, now):
    monkeypatch.setattr(core_attempts, "uuid4_hex", lambda: UUID)  # both paths build rows with it
    a, b = tmp_path / "orm.db", tmp_path / "quick.db"
    ctx_a, ctx_b = _store(a), _store(b)
    try:
        with ctx_a.store.write() as s:
            logged = attempts_svc.log_attempt(s, ctx_a.profile_id, data, now=now)
        gw, pid = ledger.open_quick(resolve_db(str(b)), None)
        with gw.write():
            quick = ledger.log(gw, pid, data, now=now)
        gw.close()
        new_id, day, count = quick.id, quick.local_day, quick.day_count
    finally:
        ctx_a.close()
        ctx_b.close()
    assert (new_id, day, count) == (logged.id, logged.local_day, logged.day_count)
    row_a, row_b = _raw(a, "attempts"), _raw(b, "attempts")
    assert row_a == row_b
    assert row_a[0][-1] == "text"


def test_sql_value_matches_sqlalchemy_formats():
    assert fast.sql_value(datetime(2026, 1, 2, 3, 4, 5)) == "2026-01-02 03:04:05.000000"
    assert fast.sql_value(datetime(2026, 1, 2, 3, 4, 5, 7, tzinfo=UTC)) == "2026-01-02 03:04:05.000007"
    assert fast.sql_value(datetime(2026, 1, 2).date()) == "2026-01-02"
    assert fast.sql_value(True) == 1 and fast.sql_value(False) == 0 and fast.sql_value(None) is None


def _rich_day(path: Path, now: datetime) -> AppContext:
    ctx = _store(path)
    with ctx.store.write() as s:
        for i, outcome in enumerate(["no", "no", "yes", "pending", "no", "silence"]):
            attempts_svc.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no" if outcome == "silence" else outcome,
                                                                     conversation=i % 2 == 0), now=now)
        attempts_svc.set_outcome(s, ctx.profile_id, 6, "silence", now=now)
        for back in range(1, 4):
            attempts_svc.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no"),
                                     now=now - timedelta(days=back))
        settings_svc.mark_rest_day(s, ctx.profile_id, (now - timedelta(days=5)).date())
        wins_svc.add_win(s, ctx.profile_id, "Kept going", now=now)
    return ctx


def test_today_summary_is_the_same_on_both_paths(tmp_path):
    now = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
    ctx = _rich_day(tmp_path / "rt.db", now)
    try:
        with ctx.store.read() as s:
            orm = today_svc.summary(s, ctx.profile_id, now=now)
    finally:
        ctx.close()
    gw = fast.StdlibGateway.open(resolve_db(str(tmp_path / "rt.db")))
    try:
        with gw.read():
            quick = ledger.today(gw, 1, now=now)
    finally:
        gw.close()
    assert quick == orm
    assert (quick.attempts, quick.nos, quick.yeses, quick.pending, quick.silences) == (6, 3, 1, 1, 1)
    assert format_today(quick) == format_today(orm)


def test_today_command_prints_the_same_on_both_paths(tmp_path, capsys, monkeypatch):
    db = tmp_path / "rt.db"
    ctx = _rich_day(db, clock.now())
    ctx.close()
    outputs = []
    for flag in ("1", "0"):
        monkeypatch.setenv("REJECTION_THERAPY_QUICK", flag)
        assert main(["--db", str(db), "today"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert outputs[0].startswith("Today, ")


def _in_subprocess(code: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)


PROBE = """
import sys, json
from rejection_therapy.__main__ import main
try:
    code = main({argv!r})
except SystemExit as e:
    code = e.code
heavy = sorted(m for m in ("sqlalchemy", "sqlalchemy.orm", "textual", "alembic", "plotext") if m in sys.modules)
print(json.dumps({{"code": code, "heavy": heavy}}), file=sys.stderr)
"""


def _probe(argv: list[str], **env) -> dict:
    proc = _in_subprocess(PROBE.format(argv=argv), env)
    return json.loads(proc.stderr.strip().splitlines()[-1])


def test_quick_log_and_today_never_import_sqlalchemy(tmp_path):
    db = str(tmp_path / "rt.db")
    first = _probe(["--db", db, "log", "no"])  # no file yet: the full path creates it
    assert first["code"] == 0 and "sqlalchemy" in first["heavy"]
    for argv in (["--db", db, "log", "no", "--kind", "not-now", "--tag", "x"], ["--db", db, "today"]):
        result = _probe(argv)
        assert result == {"code": 0, "heavy": []}, argv
    bad = _probe(["--db", db, "log", "maybe"])
    assert bad["code"] == 2 and bad["heavy"] == []


@pytest.mark.parametrize("argv", [["--help"], ["log", "--help"], ["today", "--help"], ["export", "--help"]])
def test_help_does_not_import_heavy_modules(argv):
    result = _probe(argv)
    assert result == {"code": 0, "heavy": []}


def test_falls_back_when_the_schema_is_not_current(tmp_path, capsys):
    db = tmp_path / "rt.db"
    assert main(["--db", str(db), "log", "no"]) == 0
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '0000_other'")
    conn.commit()
    conn.close()
    with pytest.raises(fast.Fallback):
        fast.connect(resolve_db(str(db)))
    capsys.readouterr()
    assert main(["--db", str(db), "log", "no"]) != 0
    assert "newer version" in capsys.readouterr().err


def test_falls_back_without_file_or_profile(tmp_path):
    with pytest.raises(fast.Fallback):
        fast.connect(resolve_db(str(tmp_path / "none.db")))
    with pytest.raises(fast.Fallback):
        fast.connect(resolve_db("postgresql://u@localhost/x"))
    ctx = AppContext.open(resolve_db(str(tmp_path / "rt.db")))
    ctx.close()
    location = resolve_db(str(tmp_path / "rt.db"))
    gw, pid = ledger.open_quick(location, None)
    assert pid == 1
    gw.close()
    with pytest.raises(ledger.Fallback):
        ledger.open_quick(location, "someone-else")
    conn = sqlite3.connect(location.path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM profiles")
    conn.commit()
    conn.close()
    with pytest.raises(ledger.Fallback):
        ledger.open_quick(location, None)


def test_quick_log_keeps_the_file_private(tmp_path):
    db = tmp_path / "rt.db"
    assert main(["--db", str(db), "log", "no"]) == 0
    assert main(["--db", str(db), "log", "no"]) == 0
    for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        if p.exists():
            assert p.stat().st_mode & 0o077 == 0, p


def test_uuid4_hex_is_a_random_version_4_uuid():
    import uuid

    seen = {core_attempts.uuid4_hex() for _ in range(200)}
    assert len(seen) == 200
    for text in seen:
        value = uuid.UUID(text)
        assert value.hex == text and value.version == 4 and value.variant == uuid.RFC_4122
