"""``backup --list`` and ``restore FILE`` (the rolling daily copies live in store/rolling.py)."""

from __future__ import annotations

import sys


def register(sub, common) -> None:
    p = sub.choices["backup"]
    p.add_argument("--list", action="store_true", help="list the daily rolling copies and the manual backups")
    one_copy = p.get_default("handler")

    def handler(args, ctx) -> int:
        return cmd_list(args) if args.list else one_copy(args, ctx)

    p.set_defaults(handler=handler)

    r = sub.add_parser("restore", parents=[common], help="replace the database with a backup (the current one is kept)",
                       description="Checks the backup (a sound store of this app, not newer), copies the current "
                                   "database into backups/, then restores. 'backup --list' shows the copies.")
    r.add_argument("file", metavar="FILE")
    r.set_defaults(handler=cmd_restore, needs_store=False)


def _sqlite_path(args):
    from ..config import resolve_db
    from ..core.errors import ValidationError

    location = resolve_db(args.db)
    if not location.is_sqlite or location.path is None:
        raise ValidationError("This is a PostgreSQL database; its backups are made and restored with pg_dump and pg_restore.")
    return location.path


def cmd_list(args) -> int:
    from ..store import rolling

    db = _sqlite_path(args)
    copies = rolling.listed(db)
    if not copies:
        sys.stdout.write(f"No backups of {db} yet; a daily copy is made on the first change of each day.\n")
        return 0
    lines = [f"Backups of {db}, newest first:"]
    for c in copies:
        kind = "daily " if c.daily else "manual"
        lines.append(f"  {c.day}  {kind}  {c.size / 1024:>9,.0f} KB  {c.path}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def cmd_restore(args, ctx) -> int:
    from pathlib import Path

    from ..store import rolling

    db = _sqlite_path(args)
    before = rolling.restore(db, Path(args.file).expanduser())
    sys.stdout.write(f"Restored {db} from {args.file}. The database as it was is kept at {before}.\n")
    return 0
