"""Issue 15's commands: ``rest`` (rest tokens and the budget); more follow (ladder, plans, remind).

Nothing heavy at module level: services are imported inside the handlers.
"""

from __future__ import annotations

import sys


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def register(sub, common) -> None:
    p = sub.add_parser(
        "rest", parents=[common], help="spend a rest token on a day, or set the monthly rest budget",
        description="Spend one of this month's rest tokens on DAY (default today): the day neither breaks "
                    "nor extends your streak. Missed days use a token by themselves once their 48-hour "
                    "repair window closes. Without DAY and with --show, only shows what is left.",
    )
    p.add_argument("day", metavar="DAY", nargs="?", help="YYYY-MM-DD (default: today)")
    p.add_argument("--budget", metavar="N", help="rest tokens a month from today on (default 2); earlier days keep theirs")
    p.add_argument("--show", action="store_true", help="only show the tokens left this month")
    p.set_defaults(handler=cmd_rest)


def cmd_rest(args, ctx) -> int:
    from ..core.days import parse_date
    from ..core.errors import ValidationError
    from ..services import rest

    if args.show and (args.day or args.budget is not None):
        raise ValidationError("--show only shows; leave out DAY and --budget.")
    if args.budget is not None:
        if args.day:
            raise ValidationError("Give either DAY (spend a token) or --budget N (set the budget), not both.")
        with ctx.store.write() as s:
            tokens = rest.set_budget(s, ctx.profile_id, args.budget)
            st = rest.state(s, ctx.profile_id)
        _out(f"Rest budget from {st.day.isoformat()} on: {tokens} a month. Rest {st.left} left this month.")
        return 0
    if args.show:
        with ctx.store.read() as s:
            st = rest.state(s, ctx.profile_id)
        _out(f"Rest {st.left} left this month (budget {st.budget}, {st.spent} spent).")
        return 0
    day = parse_date(args.day, "rest day") if args.day else None
    with ctx.store.write() as s:
        st = rest.spend(s, ctx.profile_id, day)
    when = (day or st.day).isoformat()
    _out(f"Rest token spent on {when}. Rest {st.left} left this month.")
    return 0
