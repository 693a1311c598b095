"""Export, import and backup as the app offers them (palette): one call each, plain results.

The CLI has its own commands over the same store functions; these wrap them for the TUI so it
does not reach into store/. Each takes ``progress``, a plain ``callable(done, total)`` (see
core.progress: it only moves forward and ends at ``done == total``); it may raise to cancel,
and then nothing is written (the export's temporary file and the backup's copy are removed,
the import's transaction rolls back).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import ValidationError
from ..core.progress import Progress, Steps
from ..core.text import plural

if TYPE_CHECKING:
    from .context import AppContext


def _target(path: str) -> Path:
    text = (path or "").strip()
    if not text:
        raise ValidationError("Give a file name.")
    target = Path(text).expanduser()
    if target.is_dir():
        raise ValidationError(f"{target} is a folder; give a file name inside it.")
    if not target.parent.is_dir():
        raise ValidationError(f"The folder {target.parent} does not exist.")
    return target


def export_to(ctx: AppContext, path: str, progress: Progress | None = None) -> str:
    """Export this profile (JSON, or CSV when the name ends in .csv); returns a sentence.
    ``progress`` counts each attempt once read and once written."""
    from ..store import transfer

    target = _target(path)
    if target.exists():
        raise ValidationError(f"{target} already exists; choose another name.")
    fmt = "csv" if target.suffix.lower() == ".csv" else "json"
    with ctx.store.read() as s:
        done = transfer.export_file(s, [ctx.profile_id], fmt, str(target), progress)
    return f"Exported {plural(done.attempts, 'attempt')} to {target}."


def import_from(ctx: AppContext, path: str, progress: Progress | None = None) -> str:
    """Import an export file (checked whole first); ``progress`` counts each attempt once
    checked and once stored (or skipped as already there)."""
    from ..store import transfer, transfer_check

    target = _target(path)
    steps = Steps(progress)
    data = transfer_check.read_file(str(target), steps)
    with ctx.store.write() as s:
        result = transfer.load(s, data, steps)
    steps.finish()
    return result.sentence()


def backup_to(ctx: AppContext, path: str, progress: Progress | None = None) -> str:
    """A copy of the SQLite store; ``progress`` counts its pages."""
    from ..store import backup

    dest = backup.backup(ctx.store.location, _target(path) if path and path.strip() else None, progress)
    return f"Backup written to {dest}."


def default_names(ctx: AppContext) -> dict[str, str]:
    """Suggested file names (next to the database, or in the home folder for PostgreSQL)."""
    from ..clock import now

    stamp = f"{now():%Y-%m-%d}"
    base = ctx.store.location.path.parent if ctx.store.location.is_sqlite and ctx.store.location.path else Path.home()
    return {"export": str(base / f"rejection-therapy-{stamp}.json"),
            "backup": str(base / f"rejection-therapy-backup-{stamp}.db"),
            "import": str(base / f"rejection-therapy-{stamp}.json")}
