"""Backups that happen by themselves, ``backup --list`` and ``restore``. Stdlib only.

On the first write of each (UTC) day, ``ensure_daily`` copies the SQLite store with the
backup API into ``backups/`` next to it (``<name>.YYYY-MM-DD.db``, 0600) before the write, and
keeps the newest N daily copies (setting ``daily_backups``, default 7; 0 turns it off). A day
that already has its copy costs one ``stat``. The quick path and the full path both call it.

``restore`` refuses a file that is not a sound SQLite store of this app or that carries a
newer schema, and backs up the current store before replacing it.
"""

import json
import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from ..clock import now as clock_now
from ..core.errors import NewerSchemaError, StoreError, ValidationError
from .schema_version import KNOWN_REVISIONS

DEFAULT_KEEP = 7
_DAILY = r"^(?P<stem>.+)\.(?P<day>\d{4}-\d{2}-\d{2})\.db$"  # compiled on first use (start-up of the quick log and today, issue 12)


def folder(db: Path) -> Path:
    return db.parent / "backups"


def daily_path(db: Path, day: str) -> Path:
    return folder(db) / f"{db.stem}.{day}.db"


def _keep(db: Path) -> int:
    """The ``daily_backups`` setting (the first profile's), read cheaply; default 7."""
    try:
        conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'daily_backups' "
                               "ORDER BY profile_id LIMIT 1").fetchone()
        finally:
            conn.close()
        value = json.loads(row[0]) if row else DEFAULT_KEEP
        return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 365 else DEFAULT_KEEP
    except (sqlite3.Error, ValueError, TypeError):
        return DEFAULT_KEEP


def copy(src_path: Path, dest: Path) -> Path:
    """A consistent 0600 copy of a live store (backup API), as one self-contained file."""
    tmp = dest.with_name(dest.name + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    try:
        src = sqlite3.connect(f"{src_path.as_uri()}?mode=ro", uri=True, timeout=15)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        os.chmod(tmp, 0o600)
        os.replace(tmp, dest)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return dest


def ensure_daily(db: Path | None, now: datetime | None = None) -> Path | None:
    """Today's rolling copy, made if missing (never raises: a failed backup must not stop a log)."""
    if db is None:
        return None
    try:
        day = (now or clock_now()).date().isoformat()
        target = daily_path(db, day)
        if target.exists() or not db.is_file():
            return None
        keep = _keep(db)
        if keep == 0:
            return None
        folder(db).mkdir(mode=0o700, exist_ok=True)
        copy(db, target)
        for old in listed(db)[keep:]:
            if old.daily:
                old.path.unlink(missing_ok=True)
        return target
    except (OSError, sqlite3.Error):
        return None


class Copy(NamedTuple):
    path: Path
    day: str
    size: int
    daily: bool


def listed(db: Path) -> list[Copy]:
    """The rolling daily copies and the manual backups next to the store, newest first."""
    found: list[Copy] = []
    if folder(db).is_dir():
        for p in folder(db).iterdir():
            m = re.match(_DAILY, p.name)
            if m and m.group("stem") == db.stem:
                found.append(Copy(p, m.group("day"), p.stat().st_size, True))
            elif p.name.startswith(f"{db.stem}.before-restore-") and p.suffix == ".db":
                found.append(Copy(p, _stamp_day(p), p.stat().st_size, False))
    for p in db.parent.glob(f"{db.stem}.*.db"):
        if p != db and ("backup-" in p.name or p.name.endswith(".bak.db")):
            found.append(Copy(p, _stamp_day(p), p.stat().st_size, False))
    return sorted(found, key=lambda c: (c.day, c.path.name), reverse=True)


def _stamp_day(p: Path) -> str:
    """The day in a backup's name (…-20261118T150000Z…), else its modification day."""
    m = re.search(r"(\d{4})(\d{2})(\d{2})T\d{6}", p.name)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return datetime.fromtimestamp(p.stat().st_mtime).strftime("%Y-%m-%d")


def check_file(path: Path) -> str:
    """The schema revision of a backup file, or one sentence why it cannot be restored."""
    if not path.is_file():
        raise ValidationError(f"There is no file {path}.")
    with open(path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise ValidationError(f"{path} is not a database backup (not an SQLite file).")
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as err:
        raise ValidationError(f"{path} is damaged or not a backup of this app ({err}).") from None
    if ok != "ok":
        raise ValidationError(f"{path} is damaged (integrity check: {ok}); it was not restored.")
    rev = row[0] if row else None
    if rev not in KNOWN_REVISIONS:
        raise NewerSchemaError(f"{path} was written by a newer version of the app (schema {rev}); "
                               "upgrade the app to restore it.")
    return rev


def restore(db: Path, source: Path) -> Path:
    """Replace the store with ``source`` (checked first); returns the copy made of the current store."""
    check_file(source)
    if source.resolve() == db.resolve():
        raise ValidationError("That file is the database itself.")
    folder(db).mkdir(mode=0o700, exist_ok=True)
    before = folder(db) / f"{db.stem}.before-restore-{clock_now():%Y%m%dT%H%M%S%fZ}.db"
    n = 1
    while before.exists():  # never overwrite an earlier copy
        n += 1
        before = before.with_name(f"{db.stem}.before-restore-{clock_now():%Y%m%dT%H%M%S%fZ}-{n}.db")
    if db.is_file():
        copy(db, before)
    try:
        src = sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(db, timeout=15)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as err:
        raise StoreError(f"Restoring failed ({err}); the store was left as it was, "
                         f"and a copy of it is at {before}.") from None
    os.chmod(db, 0o600)
    return before
