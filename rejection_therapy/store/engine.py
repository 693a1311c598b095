"""The engine factory. Never an engine at import time.

SQLite: WAL, synchronous=FULL, foreign keys, a busy timeout, and write transactions that
begin IMMEDIATE (SQLAlchemy's "non-legacy SQLite transactional modes" recipe), so two
processes doing read-then-write never lose an update. Reads begin DEFERRED.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from ..config import DbLocation, data_dir, ensure_private_dir, mask_url
from ..core.errors import LockedError, NotFoundError, RTError, StoreError, ValidationError

BUSY_TIMEOUT_MS = 15000
READ_ONLY = "rt_read_only"

T = TypeVar("T")


def create_private_file(path) -> None:
    """Create the SQLite file 0600 before SQLite does (its -wal/-shm inherit the mode).

    Only the app's own data folder is created on demand; a store named with --db or
    REJECTION_THERAPY_DB is created only in a folder that exists (a typo in the path must
    not quietly start an empty store)."""
    if path.exists():
        return
    if path.parent == data_dir():
        try:
            ensure_private_dir(path.parent)
        except OSError as err:
            raise StoreError(f"Cannot create the data folder {path.parent}: {err.strerror or err}.") from None
    elif not path.parent.is_dir():
        raise NotFoundError(
            f"The folder {path.parent} does not exist; check the path, or create the folder first."
        )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    except OSError as err:
        raise StoreError(f"Cannot create the database at {path}: {err.strerror or err}.") from None
    os.close(fd)


def make_engine(location: DbLocation, *, create: bool = True) -> Engine:
    if location.is_sqlite:
        assert location.path is not None
        if create:
            create_private_file(location.path)
        elif not location.path.exists():
            raise StoreError(f"There is no database at {location.path}.")
        if location.path.is_file():
            # Read-only first: connecting switches the file to WAL, which rewrites its header,
            # so a file that is not ours, newer or damaged is refused before any connection.
            from .migrate import check_revision
            from .sqlite_file import inspect

            inspect(location.path, lambda rev: check_revision(rev, location))
        engine = create_engine(
            location.url,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        _sqlite_hooks(engine)
        return engine
    scheme = location.url.split("://", 1)[0].split("+", 1)[0].lower()
    if scheme not in ("postgresql", "postgres"):
        raise ValidationError(
            f"The database URL uses {scheme!r}, which is not supported: give a SQLite file path "
            "or a postgresql:// URL (the supported backends are SQLite and PostgreSQL).")
    try:
        return create_engine(location.url, pool_pre_ping=True, hide_parameters=True)
    except ModuleNotFoundError:
        raise StoreError(
            "PostgreSQL support is not installed; run: pip install 'rejection-therapy[postgres]'."
        ) from None
    except (SQLAlchemyError, ValueError) as err:
        raise StoreError(f"The database URL is not usable: {mask_url(str(err))}") from None


def _sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_connection.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "wal":
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if conn.get_execution_options().get(READ_ONLY):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def describe_db_error(err: BaseException, location: DbLocation | None = None) -> RTError:
    """Turn a driver error into one plain sentence (never with a password)."""
    if isinstance(err, RTError):
        return err
    text = str(getattr(err, "orig", None) or err)
    low = text.lower()
    where = location.display if location else "the database"
    if "locked" in low or "busy" in low:
        return LockedError(
            f"The database at {where} is busy (another program holds a lock); try again in a moment."
        )
    if "not a database" in low or "malformed" in low or "disk image" in low:
        return StoreError(
            f"The file at {where} is damaged or is not a rejection-therapy database; "
            "it was left untouched. Run 'rejection-therapy doctor' or restore a backup."
        )
    if "not permitted to log in" in low or "password authentication failed" in low:
        return StoreError(
            f"Cannot use the team database at {where}: this login was revoked or its password is "
            "wrong; ask the team admin for a new invitation."
        )
    if location and not location.is_sqlite and (
            "permission denied for" in low or "row-level security" in low):
        return StoreError(
            f"The team database at {where} does not let this login do that (a member reads and "
            "writes only their own rows); nothing was changed."
        )
    if "readonly" in low or "read-only" in low or "permission denied" in low:
        return StoreError(f"The database at {where} cannot be written (read-only or no permission).")
    if "unable to open" in low:
        return StoreError(f"The database at {where} cannot be opened; check the path and its folder.")
    if isinstance(err, OperationalError | DBAPIError) and location and not location.is_sqlite:
        first = mask_url(text.strip().splitlines()[0] if text.strip() else "connection failed")
        return StoreError(f"Cannot use the team database at {where}: {first}")
    return StoreError(f"The database reported a problem: {mask_url(text.splitlines()[0] if text else repr(err))}")


def guarded(fn: Callable[[], T], location: DbLocation | None = None) -> T:
    """Run ``fn`` and turn any database error into an RTError."""
    try:
        return fn()
    except RTError:
        raise
    except (SQLAlchemyError, OSError) as err:
        raise describe_db_error(err, location) from None
