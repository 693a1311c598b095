"""``backup --list`` and ``restore FILE`` (the rolling daily copies live in store/rolling.py, reached
through services.backups)."""

from __future__ import annotations

import sys


def register(sub, common) -> None:
    p = sub.choices["backup"]
    p.add_argument("--list", action="store_true", help="list the daily rolling copies and the manual backups")
    p.add_argument("--encrypt", action="store_true", help="write a passphrase-encrypted copy (age format)")
    one_copy = p.get_default("handler")

    def handler(args, ctx) -> int:
        if args.list:
            return cmd_list(args)
        return cmd_encrypted_backup(args) if args.encrypt else one_copy(args, ctx)

    p.set_defaults(handler=handler)

    e = sub.choices["export"]
    e.add_argument("--encrypt", action="store_true", help="encrypt the file with a passphrase (age format; needs -o)")
    plain_export = e.get_default("handler")

    def export_handler(args, ctx) -> int:
        return cmd_encrypted_export(args, ctx, plain_export) if args.encrypt else plain_export(args, ctx)

    e.set_defaults(handler=export_handler)

    i = sub.choices["import"]
    plain_import = i.get_default("handler")

    def import_handler(args, ctx) -> int:
        if args.file and _encrypted(args.file):
            return cmd_encrypted_import(args, ctx, plain_import)
        return plain_import(args, ctx)

    i.set_defaults(handler=import_handler)

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
    from ..services import backups as rolling

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


def _encrypted(path) -> bool:
    from ..services.backups import is_encrypted

    try:
        with open(path, "rb") as fh:
            return is_encrypted(fh.read(32))
    except OSError:
        return False


def _write_private(path, data: bytes) -> None:
    from ..files import write_private_atomic

    write_private_atomic(path, data)


def _decrypted_copy(path, where):
    """The clear bytes of an encrypted file written to a private temporary file in ``where``."""
    import tempfile
    from pathlib import Path

    from ..services import backups as crypto

    with open(path, "rb") as fh:
        clear = crypto.decrypt(fh.read(), crypto.passphrase(confirm=False))
    fd, name = tempfile.mkstemp(prefix=".rt-decrypted-", dir=where)
    with open(fd, "wb") as fh:
        fh.write(clear)
    return Path(name)


def cmd_encrypted_backup(args) -> int:
    import tempfile
    from pathlib import Path

    from ..config import resolve_db
    from ..core.errors import ValidationError
    from ..services import backups as backup
    from ..services import backups as crypto

    db = _sqlite_path(args)
    secret = crypto.passphrase(confirm=True)
    target = Path(args.file).expanduser() if args.file else backup.default_path(db).with_suffix(".db.age")
    if target.exists():
        raise ValidationError(f"{target} already exists; choose another file name.")
    with tempfile.TemporaryDirectory(dir=db.parent) as tmp:
        clear = backup.backup(resolve_db(args.db), Path(tmp) / "copy.db")
        _write_private(target, crypto.encrypt(clear.read_bytes(), secret))
    sys.stdout.write(f"Encrypted backup written to {target}.\n")
    return 0


def cmd_encrypted_export(args, ctx, plain_export) -> int:
    import tempfile
    from pathlib import Path

    from ..core.errors import ValidationError
    from ..services import backups as crypto

    if not args.output:
        raise ValidationError("An encrypted export needs a file: add -o FILE.")
    target = Path(args.output).expanduser()
    secret = crypto.passphrase(confirm=True)
    with tempfile.TemporaryDirectory(dir=target.parent if target.parent.is_dir() else None) as tmp:
        clear = Path(tmp) / "export"
        args.output = str(clear)
        plain_export(args, ctx)
        _write_private(target, crypto.encrypt(clear.read_bytes(), secret))
    sys.stdout.write(f"Encrypted export written to {target}.\n")
    return 0


def cmd_encrypted_import(args, ctx, plain_import) -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        clear = _decrypted_copy(args.file, tmp)
        args.file = str(clear)
        return plain_import(args, ctx)


def cmd_restore(args, ctx) -> int:
    import tempfile
    from pathlib import Path

    from ..services import backups as rolling

    db = _sqlite_path(args)
    source = Path(args.file).expanduser()
    if _encrypted(source):
        with tempfile.TemporaryDirectory(dir=db.parent) as tmp:
            before = rolling.restore(db, _decrypted_copy(source, tmp))
    else:
        before = rolling.restore(db, source)
    sys.stdout.write(f"Restored {db} from {args.file}. The database as it was is kept at {before}.\n")
    return 0
