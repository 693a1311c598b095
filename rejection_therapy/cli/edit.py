"""Correcting the record from the command line: ``edit``, ``delete``, ``undo``.

``undo`` takes back the last log or delete made from any interface (CLI, quick path, app)
within a day; the record of it is kept in the store (services.undo).
"""

from __future__ import annotations

import sys

from .ledger import KINDS, _id, add_when_options


def register(sub, common) -> None:
    p = sub.add_parser("edit", parents=[common], help="change an attempt's fields or move it to another day",
                       description="Change only the fields given (an empty value clears one). "
                                   "--date moves the attempt; the day rule decides its day.")
    p.add_argument("attempt_id", metavar="ID", help="the attempt's number")
    p.add_argument("--outcome", metavar="O", help="no, yes, pending or silence (kept in its history)")
    p.add_argument("--to", dest="target", metavar="NAME", help="who you asked")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--kind", metavar="KIND", help="for a no: " + ", ".join(KINDS))
    p.add_argument("--said", metavar="TEXT", help="the stated reason")
    p.add_argument("--really", metavar="TEXT", help="the real reason")
    p.add_argument("--channel", metavar="C")
    p.add_argument("--segment", metavar="S")
    p.add_argument("--lesson", metavar="TEXT")
    p.add_argument("--follow-up", metavar="DATE", help="date to reconnect")
    p.add_argument("--discomfort", metavar="1-5")
    add_when_options(p)
    p.set_defaults(handler=cmd_edit)

    p = sub.add_parser("delete", parents=[common], help="delete an attempt (undo brings it back)")
    p.add_argument("attempt_id", metavar="ID")
    p.set_defaults(handler=cmd_delete)

    p = sub.add_parser("undo", parents=[common], help="take back the last log or delete (within a day)",
                       description="Takes back the last log or delete made from any interface within a day.")
    p.set_defaults(handler=cmd_undo)


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def cmd_edit(args, ctx) -> int:
    from ..core import dates
    from ..services import ledger_edit
    from .ledger import when_of

    attempt_id = _id(args.attempt_id)
    changes = {k: getattr(args, attr) for k, attr in (
        ("outcome", "outcome"), ("target", "target"), ("note", "note"), ("kind", "kind"), ("said", "said"),
        ("really", "really"), ("channel", "channel"), ("segment", "segment"), ("lesson", "lesson"),
        ("follow_up", "follow_up"), ("discomfort", "discomfort"),
    ) if getattr(args, attr) is not None}
    if changes.get("follow_up"):
        from ..services import today

        with ctx.store.read() as s:
            now_day = today.today_of(s, ctx.profile_id)
        changes["follow_up"] = dates.parse_day(changes["follow_up"], now_day, "follow-up date", ahead=True)
    with ctx.store.write() as s:
        done = ledger_edit.edit_fields(s, ctx.profile_id, attempt_id, changes, when_of(args))
    moved = f"; moved from {done.moved_from.isoformat()}" if done.moved_from else ""
    _out(f"Attempt #{done.id} updated ({', '.join(done.changed)}); it counts for {done.local_day.isoformat()}{moved}.")
    return 0


def cmd_delete(args, ctx) -> int:
    from ..services import ledger_edit

    attempt_id = _id(args.attempt_id)
    with ctx.store.write() as s:
        done = ledger_edit.delete(s, ctx.profile_id, attempt_id)
    _out(f"Deleted attempt #{done.id} ({done.what}, {done.local_day.isoformat()}). "
         "Bring it back with: rejection-therapy undo (within a day).")
    return 0


def cmd_undo(args, ctx) -> int:
    from ..services import undo

    with ctx.store.write() as s:
        done = undo.undo_last(s, ctx.profile_id)
    if done is None:
        _out("Nothing to undo: no log or delete in the last day.")
        return 0
    _out(done.sentence())
    return 0
