"""``rejection-therapy backup``: a consistent copy of a live SQLite store (backup API, 0600).

Stdlib only; works while other processes write (the backup API copies a consistent
snapshot) and never writes to the source. PostgreSQL stores are backed up with pg_dump.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..clock import now as clock_now
from ..config import DbLocation
from ..core.errors import StoreError, ValidationError
from ..core.progress import Progress, Steps
from .sqlite_file import outside_reason

BUSY_TIMEOUT_S = 15
PAGES = 256  # pages copied a step when someone watches the progress (1 MiB at 4 KiB a page)


def default_path(db: Path) -> Path:
    stamp = clock_now().strftime("%Y%m%dT%H%M%SZ")
    return db.with_name(f"{db.stem}.backup-{stamp}.db")


def backup(location: DbLocation, dest: str | os.PathLike | None = None, progress: Progress | None = None) -> Path:
    """Copy the store to ``dest``; ``progress(done, total)`` counts pages (PAGES a step)."""
    if not location.is_sqlite or location.path is None:
        raise ValidationError(
            "This is a PostgreSQL database; back it up with pg_dump (for example: pg_dump -Fc DBNAME > team.dump)."
        )
    src_path = location.path
    if not src_path.is_file():
        raise StoreError(f"There is no database at {src_path} to back up.")
    target = Path(dest).expanduser().absolute() if dest else default_path(src_path)
    if target.exists():
        raise ValidationError(f"{target} already exists; choose another file name.")
    if target == src_path:
        raise ValidationError("The backup cannot overwrite the database itself.")
    if not target.parent.is_dir():
        raise ValidationError(f"The folder {target.parent} does not exist.")
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as err:
        raise ValidationError(f"Cannot create {target}: {err.strerror or err}.") from None
    os.close(fd)
    try:
        src = sqlite3.connect(f"{src_path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            dst = sqlite3.connect(target)
            try:
                if progress is None:
                    src.backup(dst)
                else:
                    steps = Steps(progress, every=1)
                    src.backup(dst, pages=PAGES, progress=lambda _status, left, total: steps.at(total - left, total))
                    steps.finish()
                dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
                problems = [r[0] for r in dst.execute("PRAGMA integrity_check(5)")]
            finally:
                dst.close()
        finally:
            src.close()
    except BaseException as err:
        _remove(target)
        why = outside_reason(err, target.parent) if isinstance(err, OSError | sqlite3.Error) else None
        if why is not None:
            raise StoreError(f"Cannot back up {src_path}: {why} (nothing was written).") from None
        if isinstance(err, sqlite3.DatabaseError):
            raise StoreError(
                f"The database at {src_path} is damaged or is not a database ({err}), so no backup "
                "was written; the file itself was not changed."
            ) from None
        raise
    if problems != ["ok"]:
        _remove(target)
        raise StoreError(
            f"The database at {src_path} is damaged (integrity check: {'; '.join(problems)[:200]}); "
            "the copy was removed, the file itself was not changed, and an earlier backup is the way back."
        )
    os.chmod(target, 0o600)
    return target


def _remove(target: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{target}{suffix}")
        except OSError:
            pass
