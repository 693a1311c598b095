"""``--json`` on the read commands, and ``list --csv``.

Every JSON document carries ``"schema": "<name>"`` and ``"schema_version": 1``; the schemas are
in ``docs/json/<name>.schema.json`` and a test validates each command's output against its
schema. A field is added without a version change; a field that changes meaning or goes away
raises the version. Text is as stored (JSON escapes it); nothing is shortened.

``register`` also adds ``review --week [YYYY-Www]`` (the weekly review). It adds ``--json`` to commands that live in other modules (challenge status, list,
summary; compete board, list; waiting; doctor) by wrapping their handlers, so those modules
stay as they are.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import fields, is_dataclass
from datetime import UTC, date, datetime
from typing import Any

from ..core.ledger_text import today_doc  # both paths print it (quick.py without this module)
from ..output import dump_json as dump


def plain(value: Any) -> Any:
    """Dataclasses and NamedTuple records, dates, instants, tuples and mappings as JSON-ready values."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a NamedTuple record (core.settings …)
        return {name: plain(getattr(value, name)) for name in value._fields}
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value.tzinfo else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if hasattr(value, "items") and callable(value.items):
        return {str(k): plain(v) for k, v in value.items()}
    return value


# ---------------------------------------------------------------- today (both paths) and list


def print_today(s, challenges: list[str]) -> None:
    dump("today", today_doc(s, challenges))


def attempt_doc(r) -> dict[str, Any]:
    from ..core import days
    from ..core.text import split_tags

    local = days.local_time(r.created_at, r.tz)
    return {
        "id": r.id, "day": r.local_day.isoformat(), "at": plain(r.created_at), "local_time": f"{local:%H:%M}",
        "tz": r.tz, "channel": r.channel, "outcome": r.outcome, "conversation": bool(r.conversation),
        "target": r.target, "segment": r.segment, "tags": split_tags(r.tags), "kind": r.rejection_kind,
        "said": r.stated_reason, "really": r.real_reason, "note": r.notes,
        "follow_up": plain(r.follow_up_on), "lesson": r.lesson, "discomfort": r.discomfort,
    }


CSV_COLUMNS = ("id", "day", "local_time", "at", "tz", "channel", "outcome", "conversation", "target", "segment",
               "tags", "kind", "said", "really", "note", "follow_up", "lesson", "discomfort")


def print_list(rows, as_csv: bool) -> None:
    docs = [attempt_doc(r) for r in rows]
    if not as_csv:
        dump("list", {"attempts": docs})
        return
    import csv

    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for d in docs:
        w.writerow([_cell(d[c]) for c in CSV_COLUMNS])


def _cell(value: Any) -> Any:
    """A CSV cell; text that a spreadsheet would run as a formula starts with a quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        value = ",".join(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


# ---------------------------------------------------------------- wrapped commands


def _challenge_doc(v) -> dict[str, Any]:
    p = v.progress
    return {
        "id": v.id, "name": v.name, "preset": v.preset, "status": v.status, "start_day": plain(v.start_day),
        "end_day": plain(v.end_day), "length": v.length, "target_per_day": v.target_per_day,
        "target_total": v.target_total, "channels": list(v.channels), "effort_only": v.effort_only,
        "ended_on": plain(v.ended_on), "abandon_reason": v.abandon_reason,
        "progress": {"state": p.state, "day": p.day, "attempts": p.attempts, "target": p.target,
                     "done_days": p.done_days, "missed_days": p.missed_days, "longest_run": p.longest_run,
                     "today_count": p.today_count, "remaining": p.remaining, "need_per_day": p.need_per_day},
    }


def challenge_status(args, ctx) -> int:
    from ..services import challenges as svc
    from ..services.today import today_of

    with ctx.store.write() as s:
        today = today_of(s, ctx.profile_id)
        svc.close_finished(s, ctx.profile_id, today)
        views = svc.status(s, ctx.profile_id, today)
    dump("challenges", {"challenges": [_challenge_doc(v) for v in views]})
    return 0


def challenge_list(args, ctx) -> int:
    from ..services import challenges as svc
    from ..services.today import today_of

    with ctx.store.write() as s:
        active, history = svc.list_challenges(s, ctx.profile_id, today_of(s, ctx.profile_id))
    dump("challenges", {"challenges": [_challenge_doc(v) for v in [*active, *history]]})
    return 0


def challenge_summary(args, ctx) -> int:
    from ..services import challenges as svc

    with ctx.store.write() as s:
        sm = svc.summary(s, ctx.profile_id, args.id)
    dump("challenge-summary", {"challenge": _challenge_doc(sm.challenge), "figures": plain(sm.figures)})
    return 0


def _competition_doc(c) -> dict[str, Any]:
    return {"id": c.id, "name": c.name, "metric": c.metric, "start_day": plain(c.start_day),
            "end_day": plain(c.end_day), "status": c.status, "winner": c.winner,
            "participants": list(c.participants), "is_member": c.is_member}


def compete_board(args, ctx) -> int:
    from ..services import competitions

    with ctx.store.write() as s:
        competitions.close_due(s, ctx.profile_id)
    with ctx.store.read() as s:
        b = competitions.board(s, ctx.profile_id, args.name)
    dump("board", {"competition": _competition_doc(b.competition), "today": plain(b.today),
                   "days_left": b.days_left,
                   "standings": [{"name": x.name, "count": x.count, "rank": x.rank, "gap": x.gap,
                                  "trend": list(x.trend)} for x in b.standings]})
    return 0


def compete_list(args, ctx) -> int:
    from ..services import competitions

    with ctx.store.write() as s:
        competitions.close_due(s, ctx.profile_id)
    with ctx.store.read() as s:
        items = competitions.list_competitions(s, ctx.profile_id)
    dump("competitions", {"competitions": [_competition_doc(c) for c in items]})
    return 0


def waiting(args, ctx) -> int:
    from ..services import silence

    with ctx.store.write() as s:
        silence.sweep(s, ctx.profile_id)
        rows = silence.waiting(s, ctx.profile_id, include_silent=max(0, args.silent))
    dump("waiting", {"attempts": [{
        "id": w.id, "day": plain(w.local_day), "at": plain(w.created_at), "channel": w.channel, "target": w.target,
        "note": w.notes, "age_days": w.age_days, "window_days": w.window_days, "days_left": w.days_left,
        "outcome": w.outcome} for w in rows]})
    return 0


def doctor(args, ctx) -> int:
    from ..config import resolve_db
    from ..services import doctor as svc

    report = svc.check(resolve_db(args.db), full=args.full)
    dump("doctor", {"ok": report.ok, "checks": [{"status": st, "text": t} for st, t in report.lines]})
    return 0 if report.ok else 1


def followups(args, ctx) -> int:
    from ..core.errors import ValidationError
    from ..services import followups as svc

    if args.action != "list" or args.ics:
        raise ValidationError("--json goes with listing follow-ups (no action, no --ics).")
    with ctx.store.read() as s:
        items = svc.list_followups(s, ctx.profile_id, due_only=args.due, include_closed=args.all)
    dump("followups", {"followups": [{
        "id": f.id, "follow_up_on": plain(f.follow_up_on), "state": f.state, "status": f.status, "label": f.label,
        "day": plain(f.local_day), "channel": f.channel, "target": f.target, "outcome": f.outcome,
        "kind": f.rejection_kind, "said": f.stated_reason, "really": f.real_reason, "note": f.notes,
        "lesson": f.lesson} for f in items]})
    return 0


def review(args, ctx) -> int:
    from ..core.errors import ValidationError
    from ..services import review as svc

    if args.output or args.adjust is not None:
        raise ValidationError("--json prints the review; it does not go with -o or --adjust.")
    week = getattr(args, "week", None)
    if sum(bool(x) for x in (args.month, args.challenge, week)) > 1:
        raise ValidationError("Give one of --month, --week or --challenge, not several.")
    with ctx.store.read() as s:
        r = svc.build(s, ctx.profile_id, month=args.month, challenge=args.challenge, week=week)
    f = r.figures
    prev = None
    if r.previous:
        pf = r.previous.figures
        prev = {"period": r.previous.period_key, "title": r.previous.title, "adjust": r.previous.adjust_text,
                "attempts": pf.attempts, "nos": pf.nos, "yeses": pf.yeses, "silences": pf.silences,
                "conversations": pf.conversations, "active_days": pf.active_days}
    dump("review", {
        "period": r.period_key, "title": r.title, "start": plain(r.start), "end": plain(r.end),
        "figures": {"attempts": f.attempts, "nos": f.nos, "yeses": f.yeses, "silences": f.silences,
                    "conversations": f.conversations, "active_days": f.active_days},
        "outcomes_hidden": r.outcomes_hidden,
        "kinds": [{"kind": k.kind, "count": k.count} for k in r.kinds],
        "top_reasons": [{"text": t, "count": n} for t, n in r.top_reasons],
        "wins": [{"day": plain(d), "text": t} for d, t in r.wins],
        "adjust": r.adjust_text, "previous": prev, "challenges": list(r.challenges),
    })
    return 0


def _sub(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices[name]
    raise KeyError(name)


def _wrap(p: argparse.ArgumentParser, json_handler) -> None:
    text_handler = p.get_default("handler")
    p.add_argument("--json", action="store_true", help="print JSON (schema in docs/json/)")

    def handler(args, ctx) -> int:
        return (json_handler if args.json else text_handler)(args, ctx)

    p.set_defaults(handler=handler)


def register(sub, common) -> None:
    challenge = sub.choices["challenge"]
    _wrap(_sub(challenge, "status"), challenge_status)
    _wrap(_sub(challenge, "list"), challenge_list)
    _wrap(_sub(challenge, "summary"), challenge_summary)
    compete = sub.choices["compete"]
    _wrap(_sub(compete, "board"), compete_board)
    _wrap(_sub(compete, "list"), compete_list)
    _wrap(sub.choices["waiting"], waiting)
    _wrap(sub.choices["doctor"], doctor)
    _wrap(sub.choices["followups"], followups)
    _wrap(sub.choices["review"], review)
    sub.choices["review"].add_argument(
        "--week", metavar="YYYY-Www", nargs="?", const="this",
        help="review an ISO week (Monday to Sunday; default: this week), compared with the week before")
