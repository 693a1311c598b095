"""Print benchmark medians for the ledger on the stores bench/generate.py built.

    python bench/run.py                 # every store found in bench/data/
    python bench/run.py --runs 21 --sizes 100k

Whole processes, interleaved with the floor so both see the same load (beside: floor, ratio):
  floor        python -c: stdlib sqlite3 connects, inserts one row, commits
  log          rejection-therapy log no   (the quick path)
  today        rejection-therapy today    (the quick path)
  log (full)   the same with REJECTION_THERAPY_QUICK=0 (SQLAlchemy), for comparison
Service calls (in process, warm, through the ORM store):
  today's summary (services.today.summary), a 365-day count by day, the streak.

The package is byte-compiled first (as pip does on install; PYTHONDONTWRITEBYTECODE=1
would otherwise make every run compile it from source). The attempts logged by the
benchmark are deleted afterwards, so the shared stores keep
their contents. Goals (issue 12): log and today within 2.0x the floor, every dashboard
query under 50 ms on the 5,000,000 store.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
sys.path.insert(0, str(HERE.parent))

FLOOR = ("import sqlite3; c = sqlite3.connect({path!r}); "
         "c.execute('CREATE TABLE IF NOT EXISTS t (a TEXT)'); c.execute('INSERT INTO t VALUES (1)'); c.commit()")


def cli_command() -> list[str]:
    exe = Path(sys.executable).with_name("rejection-therapy")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "rejection_therapy"]


def median_ms(cmd: list[str], runs: int, env: dict | None = None) -> float:
    times = []
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)  # warm the page cache
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def _once(cmd: list[str], env: dict | None) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return (time.perf_counter() - t) * 1000


def interleaved(floor_cmd, commands: dict, runs: int) -> tuple[float, dict[str, float]]:
    """Run the floor right before each command, round after round, so that both see the
    same machine load; returns the floor's median and each command's median."""
    for cmd, env in [floor_cmd, *commands.values()]:
        _once(cmd, env)  # warm the page cache
    floors: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (cmd, env) in commands.items():
            floors.append(_once(*floor_cmd))
            times[name].append(_once(cmd, env))
    return statistics.median(floors), {name: statistics.median(t) for name, t in times.items()}


def median_call_ms(fn, runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def service_figures(db: Path, runs: int, member: str) -> dict[str, float]:
    from sqlalchemy import Date, bindparam, text

    from rejection_therapy.config import resolve_db
    from rejection_therapy.core.streaks import compute_streak, rest_checker
    from rejection_therapy.services import profiles
    from rejection_therapy.services import settings as settings_svc
    from rejection_therapy.services import today as today_svc
    from rejection_therapy.store import queries
    from rejection_therapy.store.db import Store

    store = Store.open(resolve_db(str(db)))
    try:
        with store.read() as s:
            pid = profiles.get_by_name(s, member).id
            day = today_svc.today_of(s, pid)
            start = day - timedelta(days=364)
            per_day = text("SELECT local_day, COUNT(*) FROM attempts WHERE profile_id = :p "
                           "AND local_day BETWEEN :a AND :b GROUP BY local_day").bindparams(
                bindparam("a", type_=Date), bindparam("b", type_=Date))
            totals = text(queries.DAY_TOTALS).bindparams(bindparam("day", type_=Date))

            def summary():
                return today_svc.summary(s, pid)

            def year_by_day():
                return s.execute(per_day, {"p": pid, "a": start, "b": day}).all()

            def streak():
                st = settings_svc.load(s, pid)
                goals = settings_svc.goal_history(s, pid)
                counts = {r[0] if not isinstance(r[0], str) else datetime.fromisoformat(r[0]).date(): r[1]
                          for r in s.execute(totals, {"profile_id": pid, "day": day}).all()}
                rest = rest_checker(st.rest_weekdays, settings_svc.rest_days(s, pid))
                return compute_streak(counts, day, lambda d: goals.for_day(d).daily_attempts, rest)

            figures = {
                "today's summary (service)": median_call_ms(summary, runs),
                "365-day count by day (query)": median_call_ms(year_by_day, runs),
                "streak (query + rule)": median_call_ms(streak, runs),
            }
            figures["_attempts_today"] = summary().attempts
            return figures
    finally:
        store.close()


def bench_store(db: Path, runs: int, floor_path: Path, member: str) -> None:
    env = dict(os.environ, REJECTION_THERAPY_DATA_DIR=str(Path(tempfile.mkdtemp(prefix="rt-bench-"))),
               REJECTION_THERAPY_PROFILE=member)
    full_env = dict(env, REJECTION_THERAPY_QUICK="0")
    cli = cli_command()
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    before = conn.execute("SELECT COALESCE(MAX(id), 0) FROM attempts").fetchone()[0]
    conn.close()
    print(f"\n== {db.name}: {rows:,} attempts (member {member}) ==")
    floor_cmd = ([sys.executable, "-c", FLOOR.format(path=str(floor_path))], None)
    commands = {
        "log no (quick path)": ([*cli, "--db", str(db), "log", "no"], env),
        "today (quick path)": ([*cli, "--db", str(db), "today"], env),
        "log no (full SQLAlchemy path)": ([*cli, "--db", str(db), "log", "no"], full_env),
        "today (full SQLAlchemy path)": ([*cli, "--db", str(db), "today"], full_env),
    }
    try:
        floor, whole = interleaved(floor_cmd, commands, runs)
    finally:
        conn = sqlite3.connect(db)
        with conn:
            conn.execute("DELETE FROM attempts WHERE id > ?", (before,))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    print(f"{'whole process (median of ' + str(runs) + ')':<34} {'ms':>8} {'floor ms':>9} {'ratio':>6}")
    for name, ms in whole.items():
        print(f"{name:<34} {ms:8.1f} {floor:9.1f} {ms / floor:5.2f}x")
    services = service_figures(db, runs, member)
    print(f"{'service call (median of ' + str(runs) + ')':<34} {'ms':>8}")
    for name, ms in services.items():
        if not name.startswith("_"):
            print(f"{name:<34} {ms:8.2f}")
    print(f"(today has {services['_attempts_today']:,} attempts for {member})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--sizes", nargs="*", default=["100k", "5m"])
    ap.add_argument("--member", default="member-01", help="the profile to act as")
    args = ap.parse_args()
    stores = [DATA / f"store-{size}.db" for size in args.sizes if (DATA / f"store-{size}.db").exists()]
    if not stores:
        print("No stores yet: python bench/generate.py --size 100k (and --size 5m)", file=sys.stderr)
        return 1
    # pip compiles bytecode at install time; this checkout may run with
    # PYTHONDONTWRITEBYTECODE=1, which would make every run compile the package from source.
    import compileall

    compileall.compile_dir(str(HERE.parent / "rejection_therapy"), quiet=1)
    tmp = Path(tempfile.mkdtemp(prefix="rt-floor-"))
    try:
        py = median_ms([sys.executable, "-c", "pass"], args.runs)
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
              f"'python -c pass' {py:.1f} ms; {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
        for db in stores:
            bench_store(db, args.runs, tmp / "floor.db", args.member)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
