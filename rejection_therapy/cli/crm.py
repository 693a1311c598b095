"""``import --csv FILE --map "Company=to,Date=date,Result=outcome,Notes=note" [--dry-run] [--skip-bad]``:
a CRM or spreadsheet call log as attempts. Added to the existing ``import`` command."""

from __future__ import annotations

import argparse
import sys

PREVIEW = 5


def register(sub, common) -> None:
    p = sub.choices["import"]
    for action in p._actions:
        if action.dest == "file" and not action.option_strings:
            action.nargs, action.default = "?", None  # `import --csv FILE` needs no export file
    p.add_argument("--csv", metavar="FILE", help="a CRM or spreadsheet call log (CSV) to import as attempts")
    p.add_argument("--map", metavar="COL=field,…", help="which CSV column fills which field: "
                   "to, date, time, outcome, note, channel, segment, kind, said, really, tags, lesson, "
                   "follow_up, conversation (e.g. \"Company=to,Date=date,Result=outcome,Notes=note\")")
    p.add_argument("--dry-run", action="store_true", help="show what would be stored and every refused row; write nothing")
    p.add_argument("--skip-bad", action="store_true", help="import the good rows even when some are refused")
    export_handler = p.get_default("handler")

    def handler(args: argparse.Namespace, ctx) -> int:
        if args.csv is None:
            from ..core.errors import ValidationError

            if args.file is None:
                raise ValidationError("Give the file to import: an export file, or --csv FILE --map ….")
            if args.map or args.dry_run or args.skip_bad:
                raise ValidationError("--map, --dry-run and --skip-bad go with --csv FILE.")
            return export_handler(args, ctx)
        return cmd_csv(args)

    p.set_defaults(handler=handler)


def _read(path: str) -> bytes:
    from ..core.errors import ValidationError

    try:
        with open(path, "rb") as fh:
            data = fh.read(64 * 1024 * 1024 + 1)
    except FileNotFoundError:
        raise ValidationError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise ValidationError(f"{path} is a folder, not a CSV file.") from None
    except OSError as err:
        raise ValidationError(f"{path} cannot be read: {err.strerror or err}.") from None
    if len(data) > 64 * 1024 * 1024:
        raise ValidationError(f"{path} is larger than 64 MB; split it and import the parts.")
    return data


def cmd_csv(args) -> int:
    from ..config import resolve_db
    from ..core.errors import ValidationError
    from ..core.text import strip_controls
    from ..services import crm_import
    from ..services.context import AppContext

    if not args.map:
        raise ValidationError('Say which column is which with --map, e.g. --map "Company=to,Date=date,Result=outcome".')
    raw = _read(args.csv)  # read and check before the store is opened
    ctx = AppContext.open(resolve_db(args.db), args.profile)
    try:
        with ctx.store.write() as s:
            plan = crm_import.plan(s, ctx.profile_id, raw, args.map)
            if args.dry_run:
                _preview(plan, args.csv, strip_controls)
                return 0
            done = crm_import.store(s, plan, args.skip_bad)
    finally:
        ctx.close()
    skipped = f", skipped {done.skipped} bad row{'s' if done.skipped != 1 else ''}" if done.skipped else ""
    sys.stdout.write(f"Imported {done.added:,} attempt{'s' if done.added != 1 else ''} from {args.csv} "
                     f"(read as {plan.encoding}); {done.already:,} were already there{skipped}.\n")
    return 0


def _preview(plan, path: str, clean) -> None:
    out = [f"Read {path} as {plan.encoding}: {plan.total:,} rows. Dry run: nothing was written.",
           f"Would store {len(plan.good):,} attempt{'s' if len(plan.good) != 1 else ''}"
           + (", the first ones:" if plan.good else ".")]
    from datetime import UTC

    from ..core.days import zone

    for r in plan.good[:PREVIEW]:
        note = clean(r["notes"] or "").replace("\n", " ")
        local = r["created_at"].replace(tzinfo=UTC).astimezone(zone(r["tz"]))
        out.append(f"  {r['local_day'].isoformat()} {local:%H:%M}  {r['channel']:<9} {r['outcome']:<8} "
                   f"{clean(r['target'] or ''):<24} {note[:40]}".rstrip())
    if plan.bad:
        out.append(f"Would refuse {len(plan.bad):,} row{'s' if len(plan.bad) != 1 else ''}:")
        out.extend(f"  line {line}: {clean(reason)}" for line, reason in plan.bad)
    sys.stdout.write("\n".join(out) + "\n")
