"""Shared fixtures: every store is a real file in tmp_path (never :memory:), and service
tests run on SQLite and, when REJECTION_THERAPY_TEST_PG_URL is set, on PostgreSQL too."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from rejection_therapy.config import DbLocation, resolve_db

PG_ENV = "REJECTION_THERAPY_TEST_PG_URL"
# Every test runs on a pinned clock (never the wall clock). CI runs the suite again with
# RT_TEST_NOW set to awkward days: the 1st of a month, 29 February, a DST change, 31 December.
PINNED_NOW = os.environ.get("RT_TEST_NOW", "2026-11-18T15:00:00+00:00")


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real data folder; start with no db/profile from the environment."""
    monkeypatch.setenv("REJECTION_THERAPY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("REJECTION_THERAPY_DB", raising=False)
    monkeypatch.delenv("REJECTION_THERAPY_PROFILE", raising=False)
    monkeypatch.setenv("REJECTION_THERAPY_NOW", PINNED_NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "rt.db"


@pytest.fixture
def sqlite_location(db_path: Path) -> DbLocation:
    return resolve_db(str(db_path))


def _fresh_pg_database(admin_url: str) -> tuple[str, str]:
    """Create an empty database on the test server; return (its URL, its name).

    The URL is rebuilt with SQLAlchemy (a Unix-socket ``?host=/tmp/dir`` keeps its slashes)."""
    from sqlalchemy import create_engine, make_url, text

    name = f"rt_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    return url, name


def _drop_pg_database(admin_url: str, name: str) -> None:
    """Drop a test database. ``WITH (FORCE)`` ends our own leftover sessions, but it refuses
    (InsufficientPrivilege) when an autovacuum worker happens to be in the database, since the
    test role may not signal it; a plain DROP cancels autovacuum by itself, so that is the retry."""
    import time

    from sqlalchemy import create_engine, exc, text

    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        for attempt in range(40):
            sql = f'DROP DATABASE IF EXISTS "{name}"' + (" WITH (FORCE)" if attempt % 2 == 0 else "")
            try:
                with engine.connect() as conn:
                    conn.execute(text(sql))
                return
            except exc.DBAPIError:
                if attempt == 39:
                    raise
                time.sleep(0.1)
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def location(request: pytest.FixtureRequest, db_path: Path):
    """A fresh, empty database on each backend (PostgreSQL only when the server is there)."""
    if request.param == "sqlite":
        yield resolve_db(str(db_path))
        return
    admin = os.environ.get(PG_ENV)
    if not admin:
        pytest.skip(f"{PG_ENV} is not set (CI starts a PostgreSQL server and sets it)")
    url, name = _fresh_pg_database(admin)
    try:
        yield resolve_db(url)
    finally:
        _drop_pg_database(admin, name)


@pytest.fixture
def ctx(location: DbLocation):
    from rejection_therapy.services.context import AppContext

    context = AppContext.open(location)
    yield context
    context.close()


@pytest.fixture
def sqlite_ctx(sqlite_location: DbLocation):
    from rejection_therapy.services.context import AppContext

    context = AppContext.open(sqlite_location)
    yield context
    context.close()


@pytest.fixture(params=["quick", "full"])
def path_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a CLI test once on the quick path and once on the full one."""
    monkeypatch.setenv("REJECTION_THERAPY_QUICK", "1" if request.param == "quick" else "0")
    return str(request.param)
