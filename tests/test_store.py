"""The store: migrations with a backup first, refusals that never write, permissions."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import textwrap
from pathlib import Path

import pytest

from rejection_therapy.config import resolve_db
from rejection_therapy.core.errors import NewerSchemaError, StoreError
from rejection_therapy.store import migrate
from rejection_therapy.store.db import Store
from rejection_therapy.store.schema_version import HEAD, KNOWN_REVISIONS


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tables(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def test_known_revisions_match_alembic_history():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(cfg)
    history = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert tuple(history) == KNOWN_REVISIONS
    assert script.get_current_head() == HEAD


def test_empty_file_is_migrated_to_head(db_path):
    store = Store.open(resolve_db(str(db_path)))
    store.close()
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
    assert {"attempts", "wins", "challenges", "competitions", "reviews", "goals"} <= tables(db_path)
    assert store.backup_path is None  # nothing to back up in a new file


def test_models_match_the_migrations(db_path):
    """Autogenerate against a migrated file finds nothing to do."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from rejection_therapy.store.models import Base

    store = Store.open(resolve_db(str(db_path)))
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    store.close()
    assert diff == []


def test_reopening_a_current_file_does_not_write_it(db_path):
    Store.open(resolve_db(str(db_path))).close()
    before = digest(db_path)
    Store.open(resolve_db(str(db_path))).close()
    assert digest(db_path) == before


def test_newer_stamped_file_is_refused_untouched(db_path):
    Store.open(resolve_db(str(db_path))).close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = digest(db_path)
    with pytest.raises(NewerSchemaError, match="newer version"):
        Store.open(resolve_db(str(db_path)))
    assert digest(db_path) == before
    assert not list(db_path.parent.glob("*.bak.db"))


def test_damaged_file_is_refused_untouched(db_path):
    db_path.write_bytes(b"this is not a database at all" * 200)
    before = digest(db_path)
    with pytest.raises(StoreError, match="damaged"):
        Store.open(resolve_db(str(db_path)))
    assert digest(db_path) == before


def test_someone_elses_database_is_refused(db_path):
    con = sqlite3.connect(db_path)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="did not create"):
        Store.open(resolve_db(str(db_path)))
    assert tables(db_path) == {"customers"}


def test_locked_database_gives_a_plain_message(db_path, monkeypatch):
    from rejection_therapy.core.attempts import AttemptInput
    from rejection_therapy.core.errors import LockedError
    from rejection_therapy.services import attempts
    from rejection_therapy.services.context import AppContext
    from rejection_therapy.store import engine as engine_mod

    AppContext.open(resolve_db(str(db_path))).close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(engine_mod, "BUSY_TIMEOUT_MS", 200)
    store = Store(resolve_db(str(db_path)), engine_mod.make_engine(resolve_db(str(db_path))))
    try:
        with pytest.raises(LockedError, match="busy"):
            with store.write() as s:
                attempts.log_attempt(s, 1, AttemptInput(outcome="no"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        store.close()
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 0
    con.close()


def test_files_are_private(tmp_path, monkeypatch):
    data = tmp_path / "fresh-data"
    monkeypatch.setenv("REJECTION_THERAPY_DATA_DIR", str(data))
    from rejection_therapy.core.attempts import AttemptInput
    from rejection_therapy.services import attempts
    from rejection_therapy.services.context import AppContext

    location = resolve_db(None)
    assert location.path.parent == data
    ctx = AppContext.open(location)
    with ctx.store.write() as s:
        attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no"))
    assert stat.S_IMODE(os.stat(data).st_mode) == 0o700
    for name in ("rejection-therapy.db", "rejection-therapy.db-wal", "rejection-therapy.db-shm"):
        assert stat.S_IMODE(os.stat(data / name).st_mode) == 0o600, name
    ctx.close()
    backup = migrate.backup_sqlite(location.path, data / "copy.bak.db")
    assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600


# ---- migrating a file from the first schema, with a test-only second revision ----

SECOND = textwrap.dedent(
    '''
    import sqlalchemy as sa
    from alembic import op

    revision = "0003_test"
    down_revision = "{head}"
    branch_labels = None
    depends_on = None

    def upgrade():
        op.create_table("extra_things", sa.Column("id", sa.Integer, primary_key=True))
        with op.batch_alter_table("attempts") as batch:
            batch.add_column(sa.Column("mood", sa.Integer, nullable=True))
        {fail}

    def downgrade():
        pass
    '''
)


@pytest.fixture
def next_version(tmp_path, monkeypatch):
    """Pretend this app is one schema revision newer than the first schema."""

    def install(fail: bool) -> None:
        mig = tmp_path / "migrations"
        shutil.copytree(migrate.MIGRATIONS_DIR, mig, ignore=shutil.ignore_patterns("__pycache__"))
        body = SECOND.replace("{fail}", "raise RuntimeError('boom')" if fail else "pass")
        body = body.replace("{head}", KNOWN_REVISIONS[-1])
        (mig / "versions" / "0003_test.py").write_text(body)
        monkeypatch.setattr(migrate, "MIGRATIONS_DIR", mig)
        monkeypatch.setattr(migrate, "HEAD", "0003_test")
        monkeypatch.setattr(migrate, "KNOWN_REVISIONS", (*KNOWN_REVISIONS, "0003_test"))

    return install


def first_schema_file_with_data(db_path: Path) -> int:
    from rejection_therapy.core.attempts import AttemptInput
    from rejection_therapy.services import attempts
    from rejection_therapy.services.context import AppContext

    ctx = AppContext.open(resolve_db(str(db_path)))
    with ctx.store.write() as s:
        for _ in range(3):
            attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome="no", notes="kept"))
    ctx.close()
    return 3


def test_first_schema_file_is_backed_up_then_migrated(db_path, next_version):
    first_schema_file_with_data(db_path)
    next_version(fail=False)
    store = Store.open(resolve_db(str(db_path)))
    store.close()
    assert store.backup_path is not None
    backup = Path(store.backup_path)
    assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600
    con = sqlite3.connect(backup)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    assert con.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 3
    con.close()
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0003_test"
    assert con.execute("SELECT COUNT(*), MIN(notes) FROM attempts").fetchone() == (3, "kept")
    assert "mood" in [r[1] for r in con.execute("PRAGMA table_info(attempts)")]
    con.close()


def test_failed_migration_leaves_the_database_as_it_was(db_path, next_version):
    first_schema_file_with_data(db_path)
    before_tables = tables(db_path)
    next_version(fail=True)
    with pytest.raises(StoreError, match="left as it was"):
        Store.open(resolve_db(str(db_path)))
    assert tables(db_path) == before_tables
    assert not any(t.startswith("_alembic_tmp") for t in tables(db_path))
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    assert con.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 3
    assert "mood" not in [r[1] for r in con.execute("PRAGMA table_info(attempts)")]
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


# ---- the real history: a file written by the first schema, opened by this app ----


def make_first_schema_file(db_path: Path) -> None:
    """A file as the first release (0001_initial) left it, with a few attempts."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{db_path}")
    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_initial")
    engine.dispose()
    con = sqlite3.connect(db_path)
    con.execute("INSERT INTO profiles (id, name, created_at) VALUES (1, 'me', '2026-01-01 00:00:00.000000')")
    rows = [("2026-11-01", "no"), ("2026-11-01", "no"), ("2026-11-01", "yes"), ("2026-11-02", "silence")]
    for i, (day, outcome) in enumerate(rows):
        con.execute(
            "INSERT INTO attempts (uuid, profile_id, created_at, local_day, tz, channel, outcome, "
            "conversation, updated_at) VALUES (?, 1, ?, ?, 'UTC', 'call', ?, 0, ?)",
            (f"u{i}", f"{day} 12:00:00.000000", day, outcome, f"{day} 12:00:00.000000"),
        )
    con.commit()
    con.close()


def test_first_schema_file_migrates_to_head_with_totals(db_path):
    make_first_schema_file(db_path)
    store = Store.open(resolve_db(str(db_path)))
    store.close()
    backup = sqlite3.connect(store.backup_path)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_initial"
    backup.close()
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    assert con.execute("SELECT local_day, attempts, nos FROM day_totals ORDER BY local_day").fetchall() == [
        ("2026-11-01", 3, 2), ("2026-11-02", 1, 0)]
    con.close()


def test_day_totals_follow_every_write(ctx):
    """Inserts, outcome changes, edits, deletes and undo keep the rollup equal to the log."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import text

    from rejection_therapy.core.attempts import AttemptInput
    from rejection_therapy.services import attempts

    t0 = datetime(2026, 11, 20, 12, tzinfo=UTC)
    pid = ctx.profile_id
    with ctx.store.write() as s:
        ids = [attempts.log_attempt(s, pid, AttemptInput(outcome=o), now=t0 + timedelta(hours=i)).id
               for i, o in enumerate(["no", "no", "pending", "yes", "no"])]
        attempts.set_outcome(s, pid, ids[2], "no")
        attempts.set_outcome(s, pid, ids[0], "yes")
        snapshot = attempts.delete_attempt(s, pid, ids[1])
    with ctx.store.write() as s:
        attempts.restore(s, snapshot)
        attempts.delete_attempt(s, pid, ids[4])

    def both(s):
        rollup = s.execute(text("SELECT local_day, attempts, nos FROM day_totals WHERE attempts > 0 "
                                "ORDER BY local_day")).all()
        truth = s.execute(text("SELECT local_day, COUNT(*), SUM(CASE WHEN outcome = 'no' THEN 1 ELSE 0 END) "
                               "FROM attempts GROUP BY local_day ORDER BY local_day")).all()
        return [tuple(r) for r in rollup], [tuple(r) for r in truth]

    with ctx.store.read() as s:
        rollup, truth = both(s)
    assert rollup == truth
    assert [r[1:] for r in truth] == [(4, 2)]
