"""Team benchmark: the monthly leaderboard, one member's dashboard (summary and rank panel) and
the team feed on a big store, on SQLite and on PostgreSQL without and with row-level security
(team mode: measured through a member's own login role). Goal: under 50 ms each (medians).

    python bench/team.py                      # bench/data/store-5m.db (50 profiles, 3 years)
    python bench/team.py --store PATH.db      # another SQLite store
    python bench/team.py --pg-url URL         # use this (empty or already loaded) PostgreSQL
    python bench/team.py --no-pg              # SQLite only
    python bench/team.py --no-rls             # PostgreSQL without team mode only
    python bench/team.py --size 1m            # a ~1M-attempt store (20 members), built here
    python bench/team.py --pg-admin-url URL [--size 5m] [--drop]
        # the 5M store built on that server with SQL (bench/team_store.py, ~5 min once; reused
        # as rt_bench_5m while its comment says it is complete), measured as its owner (no
        # policies apply) and after team init through a member's login; --drop removes it

Without bench/data/store-5m.db (made by ``bench/generate.py --size 5m``), a store of the same
shape is generated first with services.sample (bench/data/team-5m.db). Without --pg-url a
throw-away PostgreSQL server is started on a Unix socket in a temp dir (as the postgres user
when run as root), loaded with COPY from the SQLite store, measured, and stopped.
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
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DATA = ROOT / "bench" / "data"
SHARED_STORE = DATA / "store-5m.db"
OWN_STORE = DATA / "team-5m.db"
COMPETITION = "Bench month"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
BOARDS: list[list[tuple[str, int, int]]] = []  # one board per backend, compared at the end


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ---- the stores ----------------------------------------------------------------------------


# A smaller store of the same shape, built with bench/generate.py's own builder, for machines
# where the 5M store takes too long to build and load (20 members, 3 years, ~1M attempts).
SIZE_1M = dict(profiles=20, days=3 * 365, per_day=146, rich=False, tz="Europe/London", generated=4)


def build_1m() -> Path:
    import json

    import generate

    out = DATA / "store-1m.db"
    if out.exists():
        return out
    generate.SIZES.setdefault("1m", SIZE_1M)
    DATA.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("REJECTION_THERAPY_DATA_DIR", str(DATA / "state"))
    tmp = DATA / "store-1m.tmp.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    log(f"building {out} {SIZE_1M}…")
    info = generate.build("1m", tmp, datetime.now(UTC).date(), 7)
    os.replace(tmp, out)
    out.with_suffix(".json").write_text(json.dumps(info, indent=2) + "\n")
    log(f"built {info['attempts']:,} attempts in {info['build_seconds']} s")
    return out


def ensure_sqlite_store(path: Path | None) -> Path:
    from rejection_therapy.config import resolve_db
    from rejection_therapy.services.sample import SampleSpec, generate
    from rejection_therapy.store.db import Store

    if path is not None:
        return path
    if SHARED_STORE.exists():
        return SHARED_STORE
    if OWN_STORE.exists():
        return OWN_STORE
    DATA.mkdir(parents=True, exist_ok=True)
    log(f"generating {OWN_STORE} (50 profiles, 3 years, ~5M attempts; a few minutes)…")
    tmp = OWN_STORE.with_suffix(".tmp.db")
    tmp.unlink(missing_ok=True)
    store = Store.open(resolve_db(str(tmp)))
    t0 = time.perf_counter()
    total = generate(store.write, SampleSpec(profiles=50, days=3 * 365, per_day=125, rich=False, seed=11),
                     progress=lambda n: log(f"  {n:,} attempts ({time.perf_counter() - t0:.0f} s)")
                     if n % 500_000 < 20_000 else None)
    store.close()
    os.replace(tmp, OWN_STORE)
    log(f"generated {total:,} attempts in {time.perf_counter() - t0:.0f} s")
    return OWN_STORE


def cleanup(store) -> None:
    """Remove the benchmark's competition again (the shared store stays as it was made)."""
    from sqlalchemy import delete, select

    from rejection_therapy.store.models import Competition, CompetitionEntry

    with store.write() as s:
        ids = [r[0] for r in s.execute(select(Competition.id).where(Competition.name == COMPETITION))]
        if ids:
            s.execute(delete(CompetitionEntry).where(CompetitionEntry.competition_id.in_(ids)))
            s.execute(delete(Competition).where(Competition.id.in_(ids)))


def prepare(store) -> tuple[int, int]:
    """(member id, attempts): the member who logged last; a monthly competition of everyone."""
    from sqlalchemy import func, select

    from rejection_therapy.services import competitions
    from rejection_therapy.store.models import Attempt, Competition

    with store.read() as s:
        total = s.execute(select(func.count()).select_from(Attempt)).scalar_one()
        member = s.execute(
            select(Attempt.profile_id).order_by(Attempt.id.desc()).limit(1)
        ).scalar_one()
        exists = s.execute(select(Competition.id).where(Competition.name == COMPETITION)).first()
    if not exists:
        # The last 30 days (not "this month": on the 1st a month's board is nearly empty).
        from datetime import timedelta

        from rejection_therapy.clock import now

        last = now().date()
        with store.write() as s:
            competitions.start(s, member, COMPETITION, "dates", start_day=last - timedelta(days=29),
                               end_day=last)
    return member, total


LESSONS = 5000


def share_lessons(store) -> None:
    """Give the feed something to show: LESSONS shared lessons spread over the members."""
    from sqlalchemy import func, select

    from rejection_therapy.store.models import Attempt, SharedLesson

    with store.read() as s:
        have = s.execute(select(func.count()).select_from(SharedLesson)).scalar_one()
    if have >= LESSONS:
        return
    with store.write() as s:
        rows = s.execute(
            select(Attempt.id, Attempt.profile_id, Attempt.channel, Attempt.local_day, Attempt.created_at)
            .where(Attempt.outcome == "no", Attempt.id % 97 == 0).order_by(Attempt.id.desc()).limit(LESSONS)
        ).all()
        s.execute(SharedLesson.__table__.insert(), [
            {"uuid": f"{r.id:032x}", "profile_id": r.profile_id, "attempt_id": r.id, "kind": "not-now",
             "channel": r.channel, "lesson": f"lesson of no #{r.id}: ask about timing first",
             "day": r.local_day, "shared_at": r.created_at} for r in rows])


def cleanup_lessons(store) -> None:
    from sqlalchemy import delete

    from rejection_therapy.store.models import SharedLesson

    with store.write() as s:
        s.execute(delete(SharedLesson))


def median_ms(fn, repeat: int) -> tuple[float, float]:
    """(median, 95th percentile) in ms of ``repeat`` timed runs after one warm-up run."""
    fn()  # warm the caches once
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def figures(store, member: int, info: dict[str, object]) -> dict[str, object]:
    """The measured calls, by figure name (each one worker's read, as the app makes it)."""
    from rejection_therapy.services import competitions

    def board():
        with store.read() as s:
            b = competitions.board(s, member, COMPETITION)
        info["board"] = b

    def my_ranks():  # what the dashboard's competition panel loads (its own worker)
        with store.read() as s:
            competitions.panel(s, member)

    def summary():  # the dashboard's main view: the summary, the challenges' cap (one worker)
        from rejection_therapy.services import dashboard_view

        with store.read() as s:
            dashboard_view.view(s, member)

    def feed():
        from rejection_therapy.services import lessons

        with store.read() as s:
            info["feed"] = len(lessons.feed(s, member))

    return {
        "30-day leaderboard (board)": board,
        "dashboard view (dashboard_view.view)": summary,
        "dashboard competition panel (panel)": my_ranks,
        "team feed (lessons.feed)": feed,
    }


def measure(store, member: int, repeat: int) -> dict[str, tuple[float, float]]:
    info: dict[str, object] = {}
    out = {name: median_ms(fn, repeat) for name, fn in figures(store, member, info).items()}
    note(info)
    return out


def note(info: dict[str, object]) -> None:
    log(f"  feed: {info['feed']} lessons shown")
    b = info["board"]
    ties = sum(1 for s in b.standings if s.reached_at is not None)
    log(f"  board: {len(b.standings)} people, leader {b.standings[0].name} {b.standings[0].count}, "
        f"{ties} tied (tie-break queries)")
    BOARDS.append([(s.name, s.count, s.rank) for s in b.standings])


def measure_paired(sides: dict[str, tuple[object, int]], repeat: int) -> dict[str, dict[str, tuple[float, float]]]:
    """The same figures on several set-ups, run in turns (A, B, A, B…) so that the load of a
    shared machine falls on each alike: {set-up: {figure: (median, p95)}}."""
    infos = {label: {} for label in sides}
    calls = {label: figures(store, member, infos[label]) for label, (store, member) in sides.items()}
    times: dict[str, dict[str, list[float]]] = {label: {} for label in sides}
    for name in next(iter(calls.values())):
        for label in sides:
            calls[label][name]()  # warm the caches once
        for _ in range(repeat):
            for label in sides:
                t0 = time.perf_counter()
                calls[label][name]()
                times[label].setdefault(name, []).append((time.perf_counter() - t0) * 1000)
    out = {}
    for label in sides:
        log(label)
        note(infos[label])
        out[label] = {}
        for name, ts in times[label].items():
            ts.sort()
            out[label][name] = (statistics.median(ts), ts[min(len(ts) - 1, round(0.95 * (len(ts) - 1)))])
    return out


# ---- PostgreSQL ----------------------------------------------------------------------------


class PgServer:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="rt-bench-pg-"))
        self.as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_pg:
            shutil.chown(self.dir, "postgres")

    def run(self, *args: str) -> None:
        subprocess.run([*self.as_pg, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self) -> str:
        data = self.dir / "data"
        self.run(str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale")
        self.run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(self.dir / "log"), "-w", "-t", "60",
                 "-o", f"-k {self.dir} -c listen_addresses='' -c shared_buffers=256MB -c fsync=off", "start")
        self.run(str(PG_BIN / "psql"), "-h", str(self.dir), "-U", "postgres", "-q", "-c", "CREATE DATABASE rt_bench")
        return f"postgresql+psycopg://postgres@/rt_bench?host={self.dir}"

    def stop(self) -> None:
        try:
            self.run(str(PG_BIN / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


def load_into_pg(sqlite_path: Path, store) -> None:
    """Copy every table from the SQLite store (COPY, in id order), then fix sequences, ANALYZE."""
    from sqlalchemy import text

    from rejection_therapy.store.models import Base

    src = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    raw = store.engine.raw_connection()
    try:
        conn = raw.driver_connection
        with conn.cursor() as cur:
            cur.execute("TRUNCATE " + ", ".join(t.name for t in Base.metadata.sorted_tables) + " CASCADE")
            # day_totals is copied as it is: the triggers that keep it must not count again.
            cur.execute("ALTER TABLE attempts DISABLE TRIGGER USER")
            for table in Base.metadata.sorted_tables:
                cols = [c.name for c in table.columns]
                bools = {i for i, c in enumerate(table.columns) if c.type.python_type is bool}
                t0 = time.perf_counter()
                n = 0
                rows = src.execute(f"SELECT {', '.join(cols)} FROM {table.name}")
                with cur.copy(f"COPY {table.name} ({', '.join(cols)}) FROM STDIN") as copy:
                    while batch := rows.fetchmany(50_000):
                        for row in batch:
                            if bools:
                                row = [bool(v) if i in bools and v is not None else v for i, v in enumerate(row)]
                            copy.write_row(row)
                        n += len(batch)
                if n:
                    log(f"  {table.name}: {n:,} rows in {time.perf_counter() - t0:.0f} s")
            cur.execute("ALTER TABLE attempts ENABLE TRIGGER USER")
        conn.commit()
    finally:
        raw.close()
        src.close()
    with store.engine.begin() as c:
        for table in Base.metadata.sorted_tables:
            if "id" in table.columns and table.columns["id"].autoincrement in (True, "auto"):
                c.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                               f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE"))


def measure_rls(pg, url: str, repeat: int) -> dict[str, tuple[float, float]]:
    """The same figures through the member's own connection (see member_login)."""
    ctx = member_login(pg, url)
    try:
        return measure(ctx.store, ctx.profile_id, repeat)
    finally:
        ctx.close()


def member_login(pg, url: str):
    """team init on the loaded database, the measured member invited (their existing profile
    gets a login); their app context, checked to see only their own attempts."""
    from sqlalchemy import select

    from rejection_therapy.config import resolve_db
    from rejection_therapy.services import team
    from rejection_therapy.services.context import AppContext
    from rejection_therapy.store.models import Attempt, Profile

    with pg.read() as s:
        member = s.execute(select(Attempt.profile_id).order_by(Attempt.id.desc()).limit(1)).scalar_one()
        name = s.execute(select(Profile.name, Profile.role_name).where(Profile.id == member)).one()
    t0 = time.perf_counter()
    info = team.init(resolve_db(url))
    log(f"team init: {info.tables} tables under row-level security in {time.perf_counter() - t0:.1f} s")
    if name.role_name is None:
        invite_url = team.invite(resolve_db(url), name.name, existing=True).url
    else:  # a second run on the same database: same role, a fresh password
        from sqlalchemy import make_url, text

        password = __import__("secrets").token_urlsafe(24)
        with pg.engine.begin() as c:
            c.exec_driver_sql(f'ALTER ROLE "{name.role_name}" LOGIN PASSWORD '
                              f"'{team.scram_verifier(password)}'")
            c.execute(text("SELECT 1"))
        invite_url = make_url(url).set(username=name.role_name, password=password).render_as_string(False)
    ctx = AppContext.open(resolve_db(invite_url))
    assert ctx.profile_id == member, "the member's login opened someone else's profile"
    with ctx.store.read() as s:
        visible = {r[0] for r in s.execute(select(Attempt.profile_id).distinct())}
    assert visible == {member}, f"row-level security let the member see {sorted(visible)}"
    log(f"PostgreSQL + RLS as role {ctx.profile.name!r}: sees only their own attempts")
    return ctx


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=None, help="the SQLite store to measure")
    parser.add_argument("--pg-url", default=None, help="a PostgreSQL URL (loaded from the store if empty)")
    parser.add_argument("--no-pg", action="store_true", help="measure SQLite only")
    parser.add_argument("--size", choices=["5m", "1m", "100k"], default="5m",
                        help="without --store: the 5M store (default) or a ~1M one built here")
    parser.add_argument("--no-rls", action="store_true", help="skip team mode (row-level security)")
    parser.add_argument("--repeat", type=int, default=21, help="timed runs per figure (median shown)")
    parser.add_argument("--pg-admin-url", default=None,
                        help="build (or reuse) rt_bench_SIZE on this server with SQL and measure it "
                             "before and after team init (a role with CREATEDB and CREATEROLE); no SQLite")
    parser.add_argument("--drop", action="store_true", help="with --pg-admin-url: drop rt_bench_SIZE at the end")
    args = parser.parse_args()
    if args.pg_admin_url:
        return main_pg(args)

    from rejection_therapy.config import resolve_db
    from rejection_therapy.store.db import Store

    path = build_1m() if args.store is None and args.size == "1m" else ensure_sqlite_store(args.store)
    results: dict[str, dict[str, tuple[float, float]]] = {}
    store = Store.open(resolve_db(str(path)))
    member, total = prepare(store)
    share_lessons(store)
    try:
        log(f"SQLite {path.name}: {total:,} attempts, member #{member}")
        results["SQLite"] = measure(store, member, args.repeat)
    finally:
        cleanup(store)
        cleanup_lessons(store)
        store.close()

    server = None
    if not args.no_pg:
        try:
            url = args.pg_url
            if url is None:
                server = PgServer()
                url = server.start()
            pg = Store.open(resolve_db(url))
            from sqlalchemy import text

            with pg.engine.connect() as c:
                have = c.execute(text("SELECT COUNT(*) FROM attempts")).scalar_one()
            if have != total:
                log(f"loading {total:,} attempts into PostgreSQL…")
                t0 = time.perf_counter()
                load_into_pg(path, pg)
                log(f"loaded in {time.perf_counter() - t0:.0f} s")
            member_pg, total_pg = prepare(pg)
            share_lessons(pg)
            log(f"PostgreSQL: {total_pg:,} attempts, member #{member_pg}")
            results["PostgreSQL"] = measure(pg, member_pg, args.repeat)
            if not args.no_rls:
                results["PostgreSQL + RLS"] = measure_rls(pg, url, args.repeat)
            pg.close()
        finally:
            if server is not None:
                server.stop()

    return report(results, total, args.repeat)


def main_pg(args: argparse.Namespace) -> int:
    """The 5M store built on the server (bench/team_store.py), measured as its owner (the
    table owner bypasses row-level security: no policy applies) and, after team init, through
    a member's own login (policies on), in turns."""
    import team_store

    from rejection_therapy.clock import now
    from rejection_therapy.config import resolve_db
    from rejection_therapy.store.db import Store

    size = args.size if args.size in team_store.SIZES else "5m"
    results: dict[str, dict[str, tuple[float, float]]] = {}
    try:
        url, _built = team_store.ensure(args.pg_admin_url, size, now().date())
        pg = Store.open(resolve_db(url))
        try:
            member, total = prepare(pg)
            share_lessons(pg)
            log(f"PostgreSQL {team_store.db_name(size)}: {total:,} attempts, member #{member}")
            sides: dict[str, tuple[object, int]] = {"PG, no policies": (pg, member)}
            ctx = None if args.no_rls else member_login(pg, url)
            if ctx is not None:
                sides["PG + RLS (member)"] = (ctx.store, ctx.profile_id)
            try:
                results = measure_paired(sides, args.repeat)
            finally:
                if ctx is not None:
                    ctx.close()
        finally:
            pg.close()
    finally:
        if args.drop:
            team_store.drop(args.pg_admin_url, size)
    return report(results, total, args.repeat)


def report(results: dict[str, dict[str, tuple[float, float]]], total: int, repeat: int) -> int:
    if len(BOARDS) >= 2:
        same = all(b == BOARDS[0] for b in BOARDS)
        log("boards on every backend are " + ("identical" if same else "DIFFERENT"))
        if not same:
            return 1
    print(f"\nteam benchmark: {total:,} attempts, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
          f"median (p95) of {repeat} runs, goal < 50 ms")
    print(f"{'':36}" + "".join(f"{name:>22}" for name in results))
    for figure in next(iter(results.values())):
        cells = "".join(f"{results[b][figure][0]:>12.1f} ms ({results[b][figure][1]:>3.0f})" for b in results)
        print(f"{figure:36}{cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
