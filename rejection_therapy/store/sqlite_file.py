"""Look at a SQLite file without writing a byte to it (stdlib only).

Opening a file through the engine switches it to WAL, which rewrites header bytes 18-19
(and 24-27, 92-99). So every path inspects the file first, read-only: its header, then
through a ``mode=ro`` URI its stamp. Only a file that is ours, known to this version and
intact is ever opened for writing. ``store.fast`` uses ``header`` the same way.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable
from pathlib import Path

from ..core.errors import NewerSchemaError, StoreError
from .schema_version import KNOWN_REVISIONS

MAGIC = b"SQLite format 3\x00"
NOT_OURS = "not-ours"


def header(path: Path) -> bytes:
    """The first 100 bytes of the file (fewer for a short file)."""
    with open(path, "rb") as fh:
        return fh.read(100)


def is_wal(head: bytes) -> bool:
    """Bytes 18 and 19 are 2 once a database is in WAL mode."""
    return len(head) >= 20 and head[:16] == MAGIC and head[18] == 2 and head[19] == 2


def read_only_uri(path: Path, head: bytes, *, immutable_when_closed: bool = False) -> str:
    """A URI that opens the file without writing to it.

    ``mode=ro`` still creates the -wal and -shm files of a WAL database (never changing the
    file itself). ``doctor`` must create nothing: when there is no -wal file no program has
    the database open (the last one to close removes it), so it reads the file as immutable.
    The open path does not, because a program may start writing while it looks."""
    if immutable_when_closed and is_wal(head) and not Path(f"{path}-wal").exists():
        return f"{path.as_uri()}?mode=ro&immutable=1"
    return f"{path.as_uri()}?mode=ro"


def damaged(path: Path) -> StoreError:
    return StoreError(
        f"The file at {path} is damaged or is not a rejection-therapy database; "
        "it was left untouched. Run 'rejection-therapy doctor' or restore a backup."
    )


def not_ours(where: str) -> StoreError:
    return StoreError(
        f"The database at {where} holds tables that rejection-therapy did not "
        "create; it was left untouched. Point --db at another file."
    )


def newer(where: str, rev: str) -> NewerSchemaError:
    return NewerSchemaError(
        f"The database at {where} was written by a newer version of "
        f"rejection-therapy (schema {rev}); it was left untouched. Upgrade the app to open it."
    )


def check_revision(rev: str | None, where: str, known: tuple[str, ...] = KNOWN_REVISIONS) -> None:
    if rev == NOT_OURS:
        raise not_ours(where)
    if rev is not None and rev not in known:
        raise newer(where, rev)


def inspect(path: Path, check: Callable[[str | None], None] | None = None) -> str | None:
    """Check an existing file before anything writes to it; returns its stamp (None: empty).

    Raises a StoreError (the file was not touched) for a file that is not a database, is
    damaged, is someone else's, or was stamped by a newer version. A file of ours still in
    rollback-journal mode (as ``backup`` writes it) is checked page by page (quick_check)
    before it may be switched to WAL."""
    try:
        head = header(path)
    except OSError as err:
        raise StoreError(f"The database at {path} cannot be read: {err.strerror or err}.") from None
    if not head:
        return None  # an empty file: a new store
    if head[:16] != MAGIC or len(head) < 100:
        raise damaged(path)
    try:
        conn = sqlite3.connect(read_only_uri(path, head), uri=True, timeout=15)
    except sqlite3.Error:
        raise damaged(path) from None
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        rev: str | None = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            rev = row[0] if row else None
        elif tables:
            rev = NOT_OURS
        (check or (lambda r: check_revision(r, str(path))))(rev)
        if rev is not None and not is_wal(head):
            if [r[0] for r in conn.execute("PRAGMA quick_check(1)")] != ["ok"]:
                raise damaged(path)
        return rev
    except sqlite3.Error as err:
        low = str(err).lower()
        if "locked" in low or "busy" in low:
            from .engine import describe_db_error

            raise describe_db_error(err) from None
        if "unable to open" in low or "readonly" in low:
            raise StoreError(f"The database at {path} cannot be opened; check the file and its folder.") from None
        raise damaged(path) from None
    finally:
        conn.close()


def outside_reason(err: BaseException, folder: Path | str) -> str | None:
    """What the machine (not the data) refuses, as a clause that says what to do ("there is
    no space left on …; free some space and try again"); None for any other error."""
    text = str(getattr(err, "orig", None) or err).lower()
    code = getattr(getattr(err, "orig", None) or err, "errno", None)
    if code in (errno.ENOSPC, errno.EDQUOT) or "disk is full" in text or "no space" in text:
        return f"there is no space left on the disk that holds {folder}; free some space and try again"
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in text or "read-only" in text \
            or "permission denied" in text:
        return (f"the folder {folder} cannot be written (read-only or no permission); "
                "make it writable or move the database, and try again")
    return None
