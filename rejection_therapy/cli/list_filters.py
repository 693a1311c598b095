"""``list``'s filters beyond dates, outcome and channel: --to, --tag, --kind, --text,
--challenge (kept apart from cli/ledger.py so each part stays small)."""

from __future__ import annotations


def add_list_filters(p) -> None:
    p.add_argument("--to", dest="target", metavar="NAME", help="attempts whose target contains NAME (any case)")
    p.add_argument("--tag", metavar="T", help="attempts carrying this tag")
    p.add_argument("--kind", metavar="KIND", help="no's of this kind: not-now, not-for-us, not-a-priority, unknown")
    p.add_argument("--text", metavar="TEXT", help="TEXT anywhere in target, segment, notes, reasons, tags, lesson")
    p.add_argument("--challenge", metavar="ID", help="attempts that count for this challenge (its days and channels)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON (schema in docs/json/list.schema.json)")
    fmt.add_argument("--csv", action="store_true", help="one flat CSV row per attempt, with an id column")


def list_filter(args, session, profile_id: int):
    """The services.attempts.Filter of ``list`` (dates may be natural: yesterday, -7d, last monday)."""
    from ..core import dates
    from ..core.errors import ValidationError
    from ..services import attempts, today
    from .ledger import _id

    now_day = today.today_of(session, profile_id)
    since = dates.parse_day(args.since, now_day, "start date") if args.since else None
    until = dates.parse_day(args.until, now_day, "end date") if args.until else None
    channels = None
    if args.challenge is not None:
        from ..services import challenge_views, challenges

        c = challenges._get(session, profile_id, _id(args.challenge, "challenge"))
        since = max(since, challenge_views.start_of(c)) if since else challenge_views.start_of(c)
        until = min(until, challenge_views.end_of(c)) if until else challenge_views.end_of(c)
        channels = challenge_views._channels(c) or None
    if since and until and since > until:
        raise ValidationError("The start date is after the end date; nothing could match.")
    return attempts.Filter(since=since, until=until, outcome=args.outcome, channel=args.channel, kind=args.kind,
                           search=args.text, target=args.target, tag=args.tag, channels=channels)
