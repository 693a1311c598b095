"""Build the realistic benchmark stores with services.sample (the demo's generator).

    python bench/generate.py --size 100k   # → bench/data/store-100k.db  (5 profiles × 365 days)
    python bench/generate.py --size 5m     # → bench/data/store-5m.db    (50 profiles × 3 years)

Mostly no's and silence, few yes's; weekdays busier than weekends; a time zone per store.
The store is made by the app itself (Alembic schema, profiles, settings, goals), then the
attempts are bulk-loaded: the three secondary attempt indexes are dropped during the load
and rebuilt after it (sorting once is far faster than 5M random index inserts), with a
large page cache and synchronous=OFF for the load only. A JSON file beside each store
records its parameters and row counts. Refuses to overwrite an existing store (--force).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
sys.path.insert(0, str(HERE.parent))

# profiles, days, per_day (mean attempts on a working day), rich text, time zone, and how
# many profiles services.sample generates (the others are varied copies made in SQL).
SIZES = {
    "100k": dict(profiles=5, days=365, per_day=79, rich=True, tz="America/New_York", generated=5),
    "5m": dict(profiles=50, days=3 * 365, per_day=146, rich=False, tz="Europe/London", generated=10),
}
SECONDARY = ("ix_attempts_profile_day", "ix_attempts_pending", "ix_attempts_follow_up")


def store_path(size: str) -> Path:
    return DATA / f"store-{size}.db"


class RawInserts:
    """A session whose bulk inserts of attempts and wins go straight to the DBAPI
    executemany inside the session's own transaction (SQLAlchemy's per-row parameter
    processing costs more than SQLite itself). Values are written in SQLAlchemy's own
    SQLite formats (store.fast.sql_value). Everything else is the real session."""

    def __init__(self, session) -> None:
        self._s = session

    def execute(self, stmt, params=None, *args, **kwargs):
        table = getattr(getattr(stmt, "table", None), "name", None)
        if isinstance(params, list) and params and table in ("attempts", "wins") and stmt.is_insert:
            from rejection_therapy.store.fast import sql_value

            cols = list(params[0])
            sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            raw = self._s.connection().connection.driver_connection
            raw.executemany(sql, [tuple(sql_value(r[c]) for c in cols) for r in params])
            return None
        if params is None:
            return self._s.execute(stmt, *args, **kwargs)
        return self._s.execute(stmt, params, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._s, name)


def clone_profiles(raw: sqlite3.Connection, generated: int, wanted: int, seed: int) -> int:
    """Add members ``generated+1..wanted``, each a varied copy of a generated member: a
    random 80–100 % of its attempts, moved by a few minutes (same local day: the sample
    only logs between 07:00 and 20:59), with new uuids; its settings and goals copied.
    INSERT … SELECT runs in SQLite's C code: ~10x faster than generating rows in Python."""
    import random

    rng = random.Random(seed)
    base_ids = [r[0] for r in raw.execute("SELECT id FROM profiles ORDER BY id")][:generated]
    added = 0
    shift = "strftime('%Y-%m-%d %H:%M:%S', {c}, '+{m} minutes') || substr({c}, 20)"
    for n in range(generated + 1, wanted + 1):
        base = base_ids[(n - 1) % len(base_ids)]
        cur = raw.execute("INSERT INTO profiles (name, created_at) SELECT ?, created_at FROM profiles WHERE id = ?",
                          (f"member-{n:02d}", base))
        pid = cur.lastrowid
        raw.execute("INSERT INTO settings (profile_id, key, value) SELECT ?, key, value FROM settings "
                    "WHERE profile_id = ?", (pid, base))
        raw.execute("INSERT INTO goals (profile_id, valid_from, daily_attempts, daily_nos, daily_cap, per_channel, "
                    "created_at) SELECT ?, valid_from, daily_attempts, daily_nos, daily_cap, per_channel, created_at "
                    "FROM goals WHERE profile_id = ?", (pid, base))
        keep, minutes = rng.randint(800, 1000), rng.randint(1, 9)
        cur = raw.execute(
            "INSERT INTO attempts (uuid, profile_id, created_at, local_day, tz, channel, target, segment, tags, "
            "discomfort, outcome, outcome_at, conversation, rejection_kind, stated_reason, real_reason, notes, "
            "follow_up_on, follow_up_state, lesson, challenge_id, updated_at) "
            f"SELECT lower(hex(randomblob(16))), ?, {shift.format(c='created_at', m=minutes)}, local_day, tz, "
            "channel, target, segment, tags, discomfort, outcome, "
            f"CASE WHEN outcome_at IS NULL THEN NULL ELSE {shift.format(c='outcome_at', m=minutes)} END, "
            "conversation, rejection_kind, stated_reason, real_reason, notes, follow_up_on, follow_up_state, "
            f"lesson, NULL, {shift.format(c='updated_at', m=minutes)} "
            "FROM attempts WHERE profile_id = ? AND abs(random()) % 1000 < ? ORDER BY id",
            (pid, base, keep))
        added += cur.rowcount
        print(f"  member-{n:02d}: {cur.rowcount:,} attempts copied from profile {base}", flush=True)
    return added


def build(size: str, out: Path, end_day: date, seed: int) -> dict:
    from sqlalchemy import event

    from rejection_therapy.config import resolve_db
    from rejection_therapy.services import sample
    from rejection_therapy.store.db import Store

    params = SIZES[size]
    store = Store.open(resolve_db(str(out)))
    t0 = time.perf_counter()
    with store.engine.begin() as conn:
        ddl = {name: sql for name, sql in conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'attempts'")}
        for name in SECONDARY:
            conn.exec_driver_sql(f"DROP INDEX {name}")

    def bulk_pragmas(dbapi_connection, _record):  # runs after the store's own connect hook
        dbapi_connection.execute("PRAGMA synchronous = OFF")
        dbapi_connection.execute("PRAGMA cache_size = -1000000")

    event.listen(store.engine, "connect", bulk_pragmas)
    store.engine.dispose()  # new connections get the load pragmas

    @contextmanager
    def bulk_session():
        with store.write() as s:
            yield RawInserts(s)
    last = [time.perf_counter()]

    def progress(n: int) -> None:
        if time.perf_counter() - last[0] > 10:
            last[0] = time.perf_counter()
            print(f"  {n:,} attempts ({time.perf_counter() - t0:.0f} s)", flush=True)

    spec = sample.SampleSpec(profiles=params["generated"], days=params["days"], per_day=params["per_day"],
                             end_day=end_day, seed=seed, tz=params["tz"], rich=params["rich"])
    total = sample.generate(bulk_session, spec, progress)
    if params["profiles"] > params["generated"]:
        with store.write() as s:
            raw = s.connection().connection.driver_connection
            total += clone_profiles(raw, params["generated"], params["profiles"], seed)
    load_s = time.perf_counter() - t0
    with store.engine.begin() as conn:
        for name in SECONDARY:
            conn.exec_driver_sql(ddl[name])
    store.close()
    conn = sqlite3.connect(out)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    built_s = time.perf_counter() - t0
    conn = sqlite3.connect(out)
    counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ("profiles", "attempts", "wins", "goals", "settings")}
    outcomes = dict(conn.execute("SELECT outcome, COUNT(*) FROM attempts GROUP BY outcome").fetchall())
    conn.close()
    os.chmod(out, 0o600)
    return {"size": size, "path": str(out), **params, "end_day": end_day.isoformat(), "seed": seed,
            "attempts": total, "rows": counts, "outcomes": outcomes,
            "load_seconds": round(load_s, 1), "build_seconds": round(built_s, 1),
            "bytes": out.stat().st_size, "built_at": datetime.now(UTC).isoformat(timespec="seconds")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", choices=sorted(SIZES), required=True)
    ap.add_argument("--out", type=Path, help="default: bench/data/store-SIZE.db")
    ap.add_argument("--end-day", type=date.fromisoformat, default=date.today(),
                    help="last day with data (default: today, so 'today' has attempts)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--force", action="store_true", help="replace an existing store")
    args = ap.parse_args()
    out = (args.out or store_path(args.size)).absolute()
    if out.exists() and not args.force:
        print(f"{out} exists; use it, or pass --force to rebuild.", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{out}{suffix}").unlink(missing_ok=True)
    # Keep the app's state (remembered profile) away from the user's data folder.
    os.environ.setdefault("REJECTION_THERAPY_DATA_DIR", str(out.parent / "state"))
    print(f"Building {out} ({SIZES[args.size]})", flush=True)
    info = build(args.size, out, args.end_day, args.seed)
    out.with_suffix(".json").write_text(json.dumps(info, indent=2) + "\n")
    print(json.dumps(info, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
