"""``list``'s filters beyond dates, outcome and channel: --to, --tag, --kind, --text,
--challenge (kept apart from cli/ledger.py so each part stays small)."""

from __future__ import annotations


def add_list_filters(p) -> None:
    p.add_argument("--to", dest="target", metavar="NAME", help="attempts whose target contains NAME (any case)")
    p.add_argument("--tag", metavar="T", help="attempts carrying this tag")
    p.add_argument("--kind", metavar="KIND", help="no's of this kind: not-now, not-for-us, not-a-priority, unknown")
    p.add_argument("--text", metavar="TEXT", help="TEXT anywhere in target, segment, notes, reasons, tags, lesson")
    p.add_argument("--challenge", metavar="ID|NAME", help="attempts that count for this challenge, by number or name (its days and channels)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON (schema in docs/json/list.schema.json)")
    fmt.add_argument("--csv", action="store_true", help="one flat CSV row per attempt, with an id column")


def list_filter(args, session, profile_id: int):
    """The services.attempts.Filter of ``list``, by the rule the log screen uses too
    (services.list_query: natural dates, a challenge by number or name)."""
    from ..core.list_query import ListQuery
    from ..services.list_query import build_filter

    return build_filter(session, profile_id, ListQuery(
        since=args.since, until=args.until, outcome=args.outcome, channel=args.channel, kind=args.kind,
        text=args.text, target=args.target, tag=args.tag, challenge=args.challenge))
