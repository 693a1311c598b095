"""Schema checks on open, and migrations with a backup first.

The normal start only reads ``alembic_version`` (no Alembic import). When the stamp is
older than this app, a SQLite file is first copied with the SQLite backup API, then Alembic
runs inside one transaction, so a failed migration leaves the database as it was. A stamp
this app does not know (a newer version wrote it) is refused and the file is never written.
"""

from __future__ import annotations

import glob
import hashlib
import os
import sqlite3
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from ..clock import now as clock_now
from ..config import DbLocation
from ..core.errors import NewerSchemaError, StoreError
from . import sqlite_file
from .engine import READ_ONLY, describe_db_error
from .schema_version import HEAD, KNOWN_REVISIONS
from .sqlite_file import NOT_OURS

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def read_revision(conn: Connection) -> str | None:
    """The stamped revision, None for an empty database, NOT_OURS for someone else's."""
    try:
        with conn.begin_nested() if conn.in_transaction() else conn.begin():
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None
    except SQLAlchemyError as err:
        message = str(getattr(err, "orig", None) or err).lower()
        if "no such table" not in message and "does not exist" not in message:
            raise describe_db_error(err) from None  # damaged, locked…: say that, not "not ours"
    from sqlalchemy import inspect

    tables = [t for t in inspect(conn).get_table_names() if not t.startswith("sqlite_")]
    return NOT_OURS if tables else None


def check_revision(rev: str | None, location: DbLocation) -> None:
    sqlite_file.check_revision(rev, location.display, KNOWN_REVISIONS)


def _fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _remove(path: Path | str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except OSError:
            pass


def backup_sqlite(src_path: Path, dest: Path) -> Path:
    """Copy a live SQLite database with the backup API into a new 0600 file.

    The copy is made under a temporary name and renamed when complete, so a failure (full
    disk, read-only folder) never leaves a partial backup. When an earlier backup of the same
    kind (same name up to its time stamp) holds exactly the same bytes, that one is kept and
    returned instead: retrying a failing migration does not pile up copies."""
    tmp = dest.with_name(f".{dest.name}.part")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        src = sqlite3.connect(f"{src_path.as_uri()}?mode=ro", uri=True, timeout=15)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        os.chmod(tmp, 0o600)
        fresh = _fingerprint(tmp)
        prefix = dest.name.rsplit("-", 1)[0] + "-"
        for old in sorted(dest.parent.glob(f"{glob.escape(prefix)}*.bak.db"), reverse=True):
            if old.stat().st_size == os.stat(tmp).st_size and _fingerprint(old) == fresh:
                _remove(tmp)
                return old
        final, n = dest, 0
        while True:  # never replace an existing backup (two attempts in the same microsecond)
            try:
                os.link(tmp, final)
                break
            except FileExistsError:
                n += 1
                final = dest.with_name(dest.name.replace(".bak.db", f"-{n}.bak.db"))
            except OSError:  # a file system without hard links
                if final.exists():
                    n += 1
                    final = dest.with_name(dest.name.replace(".bak.db", f"-{n}.bak.db"))
                    continue
                os.replace(tmp, final)
                return final
        _remove(tmp)
        return final
    except BaseException:
        _remove(tmp)
        raise


def backup_name(db_path: Path, tag: str) -> Path:
    stamp = clock_now().strftime("%Y%m%dT%H%M%S%fZ")
    return db_path.with_name(f"{db_path.stem}.{tag}-{stamp}.bak.db")


def ensure_schema(engine: Engine, location: DbLocation) -> str | None:
    """Bring the database to HEAD. Returns the path of a pre-migration backup, if one was made."""
    folder = location.path.parent if location.path else location.display
    try:
        with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
            rev = read_revision(conn)
        check_revision(rev, location)
        if rev == HEAD:
            return None
        backup = None
        if location.is_sqlite and rev is not None:
            assert location.path is not None
            try:
                backup = str(backup_sqlite(location.path, backup_name(location.path, f"before-{HEAD}")))
            except (OSError, sqlite3.Error) as err:
                why = sqlite_file.outside_reason(err, folder)
                if why is None:
                    raise StoreError(
                        f"Could not back up the database at {location.display} before upgrading it "
                        f"({err}); nothing was changed."
                    ) from None
                raise StoreError(f"The database at {location.display} needs an upgrade, with a backup "
                                 f"first, but {why} (nothing was changed).") from None
        try:
            _upgrade(engine, location)
        except (StoreError, NewerSchemaError):
            raise
        except Exception as err:  # noqa: BLE001 - any failure: the transaction rolled back
            kept = f" A copy made before the attempt is at {backup}." if backup else ""
            why = sqlite_file.outside_reason(err, folder)
            if why is not None:
                kept = f" (a copy made before the attempt is at {backup})" if backup else ""
                raise StoreError(f"Upgrading the database at {location.display} failed and it was left "
                                 f"as it was: {why}{kept}.") from None
            raise StoreError(
                f"Upgrading the database at {location.display} failed ({type(err).__name__}); "
                f"it was left as it was.{kept}"
            ) from err
        return backup
    except (StoreError, NewerSchemaError):
        raise
    except (SQLAlchemyError, OSError) as err:
        why = sqlite_file.outside_reason(err, folder)
        if why is not None:
            raise StoreError(f"The database at {location.display} cannot be used: {why}.") from None
        raise describe_db_error(err, location) from None


def _upgrade(engine: Engine, location: DbLocation) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:  # BEGIN IMMEDIATE on SQLite: one migrator at a time
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(740212)"))
        rev = read_revision(conn)  # another process may have migrated while we waited
        check_revision(rev, location)
        if rev == HEAD:
            return
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
