"""The team benchmark's PostgreSQL store, built on the server itself (bench/team.py --pg-admin-url).

Generating 5M attempts in Python and copying them over took longer than a session; here one
``INSERT … SELECT FROM generate_series`` writes the attempts (the day-totals trigger off and
the secondary indexes dropped, both put back after), one ``INSERT … SELECT … GROUP BY`` fills
the day_totals rollup, then VACUUM ANALYZE. The database is named by size (``rt_bench_5m``)
and reused while its comment says it is complete, so later runs measure at once; ``--drop``
removes it and the team roles it made.

Shape (like bench/generate.py): 50 members, 3 years ending today, ~91 attempts a member and
day (5,000,000 in all); the share of no's differs by member (40-58 %) so the board is not a
tie, and each attempt's instant is unique per member and day.
"""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta

SIZES = {"5m": (50, 3 * 365, 5_000_000), "1m": (20, 3 * 365, 1_000_000), "100k": (10, 365, 100_000)}
DONE = "rt-bench complete"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def db_name(size: str) -> str:
    return f"rt_bench_{size}"


def _admin_engine(admin_url: str):
    from sqlalchemy import create_engine

    return create_engine(admin_url, isolation_level="AUTOCOMMIT")


def ensure(admin_url: str, size: str, today: date) -> tuple[str, bool]:
    """(URL of the benchmark database, built now?); reused when a complete one exists."""
    from sqlalchemy import make_url, text

    name = db_name(size)
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    engine = _admin_engine(admin_url)
    try:
        with engine.connect() as c:
            comment = c.execute(text(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = :n"),
                {"n": name}).first()
            if comment is not None and (comment[0] or "").startswith(DONE):
                log(f"reusing {name} ({comment[0]})")
                return url, False
            if comment is not None:
                log(f"{name} is incomplete: dropping it")
                c.execute(text(f'DROP DATABASE "{name}"'))
            c.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    build(url, size, today)
    engine = _admin_engine(admin_url)
    try:
        with engine.connect() as c:
            c.execute(text(f"COMMENT ON DATABASE \"{name}\" IS '{DONE} {size} {today.isoformat()}'"))
    finally:
        engine.dispose()
    return url, True


def build(url: str, size: str, today: date) -> None:
    from sqlalchemy import text

    from rejection_therapy.config import resolve_db
    from rejection_therapy.store.db import Store

    profiles, days, total = SIZES[size]
    per_day = -(-total // (profiles * days))
    first = today - timedelta(days=days - 1)
    store = Store.open(resolve_db(url))  # the schema, by the app's own migrations
    t_all = time.perf_counter()
    try:
        with store.engine.begin() as c:
            c.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
            c.execute(text(
                "INSERT INTO profiles (id, name, created_at, hide_name) "
                "SELECT i, 'Member ' || lpad(i::text, 2, '0'), CAST(:first AS timestamp), false "
                "FROM generate_series(1, :p) i"), {"first": first, "p": profiles})
            indexes = [r[0] for r in c.execute(text(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'attempts' AND indexname LIKE 'ix_%'"))]
            c.execute(text("DO $$ DECLARE i text; BEGIN FOR i IN SELECT indexname FROM pg_indexes "
                           "WHERE tablename = 'attempts' AND indexname LIKE 'ix_%' LOOP "
                           "EXECUTE 'DROP INDEX ' || quote_ident(i); END LOOP; END $$"))
            c.execute(text("ALTER TABLE attempts DISABLE TRIGGER USER"))
            c.execute(text("SELECT setseed(0.14)"))
            t0 = time.perf_counter()
            # g → member (g % P), then day (back from today) and slot in the day.
            c.execute(text("""
                INSERT INTO attempts (uuid, profile_id, created_at, local_day, tz, channel, outcome,
                                      outcome_at, conversation, updated_at)
                SELECT md5(g::text), p, at, day, 'UTC',
                       (ARRAY['email', 'call', 'linkedin', 'in person', 'dm'])[1 + (g / 7) % 5],
                       o, CASE WHEN o = 'pending' THEN NULL ELSE at + interval '1 hour' END, false, at
                FROM (
                    SELECT g, 1 + g % :p AS p, CAST(:last AS date) - (g / :p) / :n AS day,
                           CAST(:last AS timestamp) - ((g / :p) / :n) * interval '1 day'
                             + interval '8 hours' + (((g / :p) % :n) * 300 + g % :p) * interval '1 second' AS at,
                           CASE WHEN r < 0.40 + (g % :p % 7) * 0.03 THEN 'no'
                                WHEN r < 0.80 THEN 'silence' WHEN r < 0.93 THEN 'yes'
                                ELSE 'pending' END AS o
                    FROM (SELECT g, random() AS r FROM generate_series(0, :total - 1) g) s
                ) t
            """), {"p": profiles, "n": per_day, "last": today, "total": total})
            log(f"  attempts: {total:,} rows in {time.perf_counter() - t0:.0f} s")
            t0 = time.perf_counter()
            for sql in indexes:
                c.exec_driver_sql(sql)
            log(f"  attempts' indexes again in {time.perf_counter() - t0:.0f} s")
            c.execute(text("ALTER TABLE attempts ENABLE TRIGGER USER"))
            t0 = time.perf_counter()
            c.execute(text(
                "INSERT INTO day_totals (profile_id, local_day, attempts, nos) "
                "SELECT profile_id, local_day, count(*), count(*) FILTER (WHERE outcome = 'no') "
                "FROM attempts GROUP BY profile_id, local_day ORDER BY local_day, profile_id"))  # as days are added
            log(f"  day_totals in {time.perf_counter() - t0:.0f} s")
            for table in ("profiles", "attempts"):
                c.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                               f"(SELECT max(id) FROM {table}))"))
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("VACUUM ANALYZE"))
    finally:
        store.close()
    log(f"built {total:,} attempts in PostgreSQL in {time.perf_counter() - t_all:.0f} s")


def drop(admin_url: str, size: str) -> None:
    """Drop the benchmark database and the roles team init and invite made for it."""
    from sqlalchemy import text

    name = db_name(size)
    engine = _admin_engine(admin_url)
    try:
        with engine.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            for (role,) in c.execute(text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"),
                                     {"p": f"{name}\\_%"}).all():
                c.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    finally:
        engine.dispose()
    log(f"dropped {name} and its roles")
