"""``rejection-therapy doctor``: check a store without ever writing to it.

SQLite files are opened read-only with the stdlib (``mode=ro``; no migration, no profile,
no checkpoint), so a damaged file or one stamped by a newer version is examined as it is.
Reports integrity, schema version against this app, where the data lives, file
permissions and row counts; ``ok`` is False when something needs attention.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import DbLocation, mask_url
from ..store.schema_version import HEAD, KNOWN_REVISIONS
from . import doctor_rows

TABLES = ("profiles", "attempts", "outcome_changes", "wins", "goals", "settings", "rest_days",
          "challenges", "competitions", "competition_entries", "reviews")
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class Report:
    lines: list[tuple[str, str]] = field(default_factory=list)  # (ok|warn|FAIL|info, text)

    def add(self, status: str, text: str) -> None:
        self.lines.append((status, text))

    @property
    def ok(self) -> bool:
        return not any(s in ("FAIL", "warn") for s, _ in self.lines)

    def text(self) -> str:
        out = [f"{s:<5} {t}" for s, t in self.lines]
        out.append("All good." if self.ok else "Something needs attention (see above).")
        return "\n".join(out)


def check(location: DbLocation, full: bool = False) -> Report:
    report = Report()
    if location.is_sqlite:
        assert location.path is not None
        _check_sqlite(location.path, report, full)
    else:
        _check_url(location, report)
    return report


def _where(report: Report, path: Path) -> None:
    from ..config import ENV_DATA_DIR, state_path

    report.add("info", f"Database: {path}")
    report.add("info", f"Data folder: {path.parent} (state file: {state_path()}; override with --db, "
                       f"REJECTION_THERAPY_DB or {ENV_DATA_DIR})")


def _mode(path: Path) -> int | None:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None


def _permissions(path: Path, report: Report) -> None:
    d = _mode(path.parent)
    if d is not None and d & 0o077:
        report.add("info", f"The folder {path.parent} is open to others ({d:04o}); the app's own data "
                           "folder is 0700")
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        m = _mode(p)
        if m is None:
            continue
        if m & 0o077:
            report.add("warn", f"{p.name} is readable by others ({m:04o}); run: chmod 600 '{p}'")
        else:
            report.add("ok", f"{p.name} is private ({m:04o})")


def _check_sqlite(path: Path, report: Report, full: bool) -> None:
    _where(report, path)
    if not path.exists():
        report.add("info", "There is no database yet; it is created on first use.")
        return
    if not path.is_file():
        report.add("FAIL", f"{path} is not a file.")
        return
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as err:
        report.add("FAIL", f"The database cannot be read: {err.strerror or err}.")
        return
    size = path.stat().st_size
    report.add("info", f"Size: {size:,} bytes")
    _permissions(path, report)
    if size == 0:
        report.add("info", "The file is empty; the schema is created on first use.")
        return
    if head != SQLITE_MAGIC:
        report.add("FAIL", "The file is not a SQLite database (or its header is damaged); "
                           "restore a backup. The file was not changed.")
        return
    from ..store.sqlite_file import header, is_wal, read_only_uri

    head = header(path)
    first = read_only_uri(path, head, immutable_when_closed=True).split("?", 1)[1]
    for query in dict.fromkeys((first, "mode=ro", "mode=ro&immutable=1")):
        # immutable: when no program has the file open (nothing is created beside it), or for
        # a folder we cannot write the -shm file in (reads the main file only)
        try:
            conn = sqlite3.connect(f"{path.as_uri()}?{query}", uri=True, timeout=5)
        except sqlite3.Error as err:
            report.add("FAIL", f"The database cannot be opened read-only: {err}.")
            return
        try:
            _inspect(conn, report, full, "wal" if is_wal(head) else None)
            return
        except sqlite3.OperationalError as err:
            if "unable to open" in str(err) and "immutable" not in query:
                continue
            report.add("FAIL", f"The database cannot be read: {err}. The file was not changed.")
            return
        except sqlite3.Error as err:
            report.add("FAIL", f"The database is damaged: {err}. Restore a backup; the file was not changed.")
            return
        finally:
            conn.close()


def _inspect(conn: sqlite3.Connection, report: Report, full: bool, mode: str | None = None) -> None:
    mode = mode or conn.execute("PRAGMA journal_mode").fetchone()[0]
    pragma = "integrity_check" if full else "quick_check"
    rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}(20)").fetchall()]
    if rows == ["ok"]:
        report.add("ok", f"Integrity: {pragma} passed (journal mode {mode})")
    else:
        report.add("FAIL", f"Integrity: {pragma} found problems: " + "; ".join(rows[:5]))
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    rev = None
    if "alembic_version" in tables:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        rev = row[0] if row else None
    _schema(rev, tables, report)
    if rev in KNOWN_REVISIONS:
        counts = []
        for t in TABLES:
            if t in tables:
                counts.append(f"{t} {conn.execute(f'SELECT COUNT(*) FROM {t}').fetchone()[0]:,}")
        report.add("info", "Rows: " + ", ".join(counts))
        if "settings" in tables:
            _settings(conn.execute(SETTINGS_SQL).fetchall(), report)
        doctor_rows.check(lambda sql: conn.execute(sql).fetchall(), tables, report)


SETTINGS_SQL = ("SELECT p.name, s.key, s.value FROM settings s JOIN profiles p ON p.id = s.profile_id "
                "ORDER BY p.id, s.key")


def _settings(rows: Any, report: Report) -> None:
    """Stored settings that do not pass core.settings.validate: the app uses their defaults."""
    from ..core.settings import Settings, read_mapping

    by_profile: dict[str, dict[str, str]] = {}
    for name, key, value in rows:
        by_profile.setdefault(name, {})[key] = value
    bad = 0
    for name, stored in by_profile.items():
        _, problems = read_mapping(stored)
        for key, why in problems.items():
            bad += 1
            default = getattr(Settings(), key)
            shown = default if not isinstance(default, str) or len(default) < 40 else "the default text"
            report.add("warn", f"Profile {name!r}: the stored setting {key} is not valid ({why.rstrip('.')}); "
                               f"the app uses {shown!r} until it is set again in the settings screen")
    if not bad:
        report.add("ok", "Settings: every stored value is valid")


def _schema(rev: str | None, tables: set[str], report: Report) -> None:
    if rev == HEAD:
        report.add("ok", f"Schema: {rev} (current for this app)")
    elif rev in KNOWN_REVISIONS:
        report.add("warn", f"Schema: {rev}, older than this app ({HEAD}); it is upgraded on the next "
                           "start, after a backup.")
    elif rev is not None:
        report.add("FAIL", f"Schema: {rev}, written by a newer version of rejection-therapy "
                           f"(this app knows up to {HEAD}); upgrade the app. The file was not changed.")
    elif tables - {"sqlite_sequence"}:
        report.add("FAIL", "Schema: these tables were not made by rejection-therapy; point --db elsewhere.")
    else:
        report.add("info", "Schema: empty database; the schema is created on first use.")


def _check_url(location: DbLocation, report: Report) -> None:
    report.add("info", f"Database: {mask_url(location.url)} (a shared server; back it up with pg_dump)")
    try:
        from sqlalchemy import inspect, text

        from ..store.engine import make_engine
    except ImportError as err:  # pragma: no cover
        report.add("FAIL", f"Cannot check: {err}")
        return
    try:
        engine = make_engine(location, create=False)
    except Exception as err:  # noqa: BLE001
        report.add("FAIL", str(err))
        return
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            rev = None
            if "alembic_version" in tables:
                rev = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            _schema(rev, tables, report)
            report.add("ok", "Connection: the server answered")
            if rev in KNOWN_REVISIONS:
                counts = [f"{t} {conn.execute(text(f'SELECT COUNT(*) FROM {t}')).scalar():,}"
                          for t in TABLES if t in tables]
                report.add("info", "Rows: " + ", ".join(counts))
                if "settings" in tables:
                    _settings(conn.execute(text(SETTINGS_SQL)).all(), report)
                doctor_rows.check(lambda sql: conn.execute(text(sql)).all(), tables, report)
            conn.rollback()
    except Exception as err:  # noqa: BLE001 - any driver error is a finding, never a traceback
        first = str(getattr(err, "orig", None) or err).strip().splitlines()
        report.add("FAIL", f"The server cannot be used: {mask_url(first[0] if first else type(err).__name__)}")
    finally:
        engine.dispose()
