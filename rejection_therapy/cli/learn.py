"""Learning from a no: follow-ups, the waiting list, ask-why, the feedback request.

    rejection-therapy followups [--due] [--all]
    rejection-therapy followups --ics FILE
    rejection-therapy followups done|snooze|drop ID [--days N]
    rejection-therapy followups set ID DATE        (any attempt; "none" removes it)
    rejection-therapy waiting
    rejection-therapy reply ID yes|no               (a late reply, even after silence)
    rejection-therapy ask-feedback ID [-o FILE]
    rejection-therapy ask-why [ID] [--answer TEXT]
"""

from __future__ import annotations

import argparse

from . import id_arg, int_arg

ACTIONS = ("list", "done", "snooze", "drop", "set")


def register(sub, common) -> None:
    p = sub.add_parser(
        "followups", parents=[common], help="list, export or update follow-ups",
        description="Open follow-ups (all by default, only due and overdue with --due). "
        "Actions: done ID, snooze ID [--days N], drop ID, set ID DATE.",
    )
    p.add_argument("action", nargs="?", default="list", choices=ACTIONS, help="what to do (default: list)")
    p.add_argument("id", nargs="?", type=id_arg("attempt"), metavar="ID", help="the attempt's number")
    p.add_argument("date", nargs="?", metavar="DATE", help="for set: YYYY-MM-DD, or 'none' to remove")
    p.add_argument("--due", action="store_true", help="only follow-ups due today or overdue")
    p.add_argument("--all", action="store_true", help="include follow-ups already done or dropped")
    p.add_argument("--ics", metavar="FILE", help="write the open follow-ups as an iCalendar file")
    p.add_argument("--days", type=int_arg("number of days"), default=None, metavar="N", help="for snooze: how many days (default 7)")
    p.set_defaults(handler=followups_cmd)

    p = sub.add_parser("waiting", parents=[common], help="attempts still waiting for a reply, with their age",
                       description="Pending attempts, oldest first, and how long until each reads as silence. "
                       "Silence is never a no; a late reply can still be logged with 'reply'.")
    p.add_argument("--silent", type=int_arg("number of silences", 0, 10_000), default=0, metavar="N", help="also list the N most recent silences")
    p.set_defaults(handler=waiting_cmd)

    p = sub.add_parser("reply", parents=[common], help="record a late reply (yes or no) on an attempt",
                       description="A reply that came in late, even after the silence window, "
                       "is stored on the original attempt; its history is kept.")
    p.add_argument("id", type=id_arg("attempt"), metavar="ID")
    p.add_argument("answer", choices=("yes", "no"))
    p.set_defaults(handler=reply_cmd)

    p = sub.add_parser("ask-feedback", parents=[common], help="print a feedback request for an attempt",
                       description="Fills your feedback template (see settings) with the attempt's name "
                       "and channel; prints it, or writes it to a file with -o.")
    p.add_argument("id", type=id_arg("attempt"), metavar="ID")
    p.add_argument("-o", "--output", metavar="FILE", help="write the message to this file")
    p.add_argument("--signature", metavar="NAME",
                   help='store NAME as your signature (written after "Thank you,"; "" clears it)')
    p.set_defaults(handler=ask_feedback_cmd)

    p = sub.add_parser("ask-why", parents=[common], help="questions to ask after a no",
                       description="Prints a few curious questions to ask after a no. With ID and "
                       "--answer, stores their answer as the attempt's stated reason.")
    p.add_argument("id", nargs="?", type=id_arg("attempt"), metavar="ID")
    p.add_argument("--answer", metavar="TEXT", help="what they said (stored as the stated reason)")
    # Printing the questions needs no database (fast); an ID opens it in the handler.
    p.set_defaults(handler=ask_why_cmd, needs_store=False)


def _short(text: str | None, n: int = 50) -> str:
    from ..core.text import strip_controls

    value = strip_controls(text or "")
    return value if len(value) <= n else value[: n - 1] + "…"


def _usage(message: str):
    from ..core.errors import ValidationError

    return ValidationError(message)


def followups_cmd(args: argparse.Namespace, ctx) -> int:
    from ..services import followups

    action = args.action
    if action != "list":
        if args.id is None:
            raise _usage(f"Give the attempt's number: rejection-therapy followups {action} ID.")
        with ctx.store.write() as s:
            if action == "done":
                f = followups.mark_done(s, ctx.profile_id, args.id)
                print(f"Follow-up #{f.id} marked done.")
            elif action == "drop":
                f = followups.drop(s, ctx.profile_id, args.id)
                print(f"Follow-up #{f.id} dropped.")
            elif action == "snooze":
                from ..core.learn import DEFAULT_SNOOZE_DAYS

                f = followups.snooze(s, ctx.profile_id, args.id, DEFAULT_SNOOZE_DAYS if args.days is None else args.days)
                print(f"Follow-up #{f.id} moved to {f.follow_up_on.isoformat()} ({f.label}).")
            else:  # set
                if not args.date:
                    raise _usage("Give a date: rejection-therapy followups set ID YYYY-MM-DD (or 'none').")
                when = None if args.date.strip().lower() in ("none", "-") else args.date
                f = followups.set_follow_up(s, ctx.profile_id, args.id, when)
                if f is None:
                    print(f"Attempt #{args.id} no longer has a follow-up.")
                else:
                    print(f"Follow-up for #{f.id} set for {f.follow_up_on.isoformat()} ({f.label}).")
        return 0

    if args.ics:
        with ctx.store.read() as s:
            n = followups.export_ics(s, ctx.profile_id, args.ics)
        print(f"Wrote {n} follow-up{'s' if n != 1 else ''} to {args.ics}. "
              "Importing it again updates the same events.")
        return 0

    with ctx.store.read() as s:
        items = followups.list_followups(s, ctx.profile_id, due_only=args.due, include_closed=args.all)
    if not items:
        if args.due:
            print("Nothing is due today. Follow-ups you add show up here on their day.")
        else:
            print("No follow-ups yet. Add one with: rejection-therapy followups set ID YYYY-MM-DD")
        return 0
    for f in items:
        when = f.label if f.state == "open" else f.state
        who = _short(f.target or f.channel, 30)
        line = f"#{f.id:<6} {f.follow_up_on.isoformat()}  {when:<18} {who:<30} {f.channel:<10} {f.outcome}"
        if f.kind_label:
            line += f" ({f.kind_label})"
        print(line)
        for label, value in (("said", f.stated_reason), ("real", f.real_reason), ("note", f.notes)):
            if value:
                print(f"         {label}: {_short(value, 70)}")
    return 0


def waiting_cmd(args: argparse.Namespace, ctx) -> int:
    from ..core.learn import age_label
    from ..services import silence

    with ctx.store.write() as s:  # the window is applied first, so the list is current
        swept = silence.sweep(s, ctx.profile_id)
        rows = silence.waiting(s, ctx.profile_id, include_silent=max(0, args.silent))
    if swept:
        print(f"{swept} attempt{'s' if swept != 1 else ''} passed the silence window and now read as silence "
              "(not a no).")
    pending = [w for w in rows if w.outcome == "pending"]
    if not rows:
        print("Nothing is waiting for a reply.")
        return 0
    if pending:
        print(f"{len(pending)} attempt{'s' if len(pending) != 1 else ''} waiting for a reply (oldest first):")
    else:
        print("Nothing is waiting for a reply.")
    for w in rows:
        if w.outcome == "pending":
            state = "silence at the next check" if w.days_left == 0 else f"silence in {w.days_left}d"
        else:
            state = f"silence (no reply after {w.window_days}d)"
        who = _short(w.target or "-", 30)
        print(f"#{w.id:<6} {w.local_day.isoformat()}  {age_label(w.age_days):<9} {who:<30} {w.channel:<10} {state}")
    print("Got an answer, even a late one? rejection-therapy reply ID yes|no")
    return 0


def reply_cmd(args: argparse.Namespace, ctx) -> int:
    from ..services import silence

    with ctx.store.write() as s:
        row = silence.record_reply(s, ctx.profile_id, args.id, args.answer)
        print(f"Attempt #{row.id} is now {row.outcome} (its day stays {row.local_day.isoformat()}).")
    return 0


def ask_feedback_cmd(args: argparse.Namespace, ctx) -> int:
    from ..services import feedback

    if args.signature is not None:
        with ctx.store.write() as s:
            feedback.set_signature(s, ctx.profile_id, args.signature)
    with ctx.store.read() as s:
        req = feedback.request_for(s, ctx.profile_id, args.id)
    if args.output:
        path = feedback.write_text(args.output, req.text)
        print(f"Wrote the feedback request for #{req.attempt_id} to {path}.")
    else:
        print(req.text, end="")
    return 0


def ask_why_cmd(args: argparse.Namespace, ctx) -> int:
    from ..core.learn import ask_why_text

    if args.answer is not None and args.id is None:
        raise _usage("Give the attempt's number: rejection-therapy ask-why ID --answer TEXT.")
    if args.id is None:
        print(ask_why_text(), end="")
        print('Store their answer with: rejection-therapy ask-why ID --answer "..."')
        return 0

    from ..config import resolve_db
    from ..services import attempts
    from ..services.context import AppContext
    from . import check_ids

    ctx = AppContext.open(resolve_db(args.db), args.profile)
    try:
        check_ids(args, ctx)
        if args.answer is not None:
            with ctx.store.write() as s:
                row = attempts.update_fields(s, ctx.profile_id, args.id, stated_reason=args.answer)
                print(f"Stored as the stated reason of #{row.id}: {row.stated_reason or '(cleared)'}")
            return 0
        with ctx.store.read() as s:
            target = attempts.get(s, ctx.profile_id, args.id).target
        print(ask_why_text(target), end="")
        print(f'Store their answer with: rejection-therapy ask-why {args.id} --answer "..."')
        return 0
    finally:
        ctx.close()
