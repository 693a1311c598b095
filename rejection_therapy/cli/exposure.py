"""Issue 15's commands: ``rest`` (rest tokens and the budget); more follow (ladder, plans, remind).

Nothing heavy at module level: services are imported inside the handlers.
"""

from __future__ import annotations

import sys

from . import in_store


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

    lad = sub.add_parser("ladder", parents=[common], help="the comfort ladder: asks you are working up to",
                         description="A ladder of asks rated 1-5 for discomfort. The next rung is just above "
                                     "the hardest ask of your last 7 days.")
    lsub = lad.add_subparsers(dest="ladder_command", metavar="add|list|done|next|remove", required=True)
    a = lsub.add_parser("add", parents=[common], help="add a rung")
    a.add_argument("text", metavar="TEXT", help='the ask, e.g. "Ask for a discount"')
    a.add_argument("--discomfort", "-d", metavar="1-5", required=True, help="how hard it feels, 1 to 5")
    a.set_defaults(handler=cmd_ladder_add)
    a = lsub.add_parser("list", parents=[common], help="the ladder, easiest first, and the hardest ask of each week")
    a.set_defaults(handler=cmd_ladder_list)
    a = lsub.add_parser("done", parents=[common], help="mark a rung climbed (today)")
    a.add_argument("rung_id", metavar="ID")
    a.set_defaults(handler=cmd_ladder_done)
    a = lsub.add_parser("next", parents=[common], help="the rung just above what you did last week")
    a.set_defaults(handler=cmd_ladder_next)
    a = lsub.add_parser("remove", parents=[common], help="take a rung off the ladder")
    a.add_argument("rung_id", metavar="ID")
    a.set_defaults(handler=cmd_ladder_remove)

    pl = sub.add_parser("plans", parents=[common], help="if-then plans: list, add, remove",
                        description="If-then plans of your daily goal and challenges. A plan that names a time "
                                    "(and weekdays) shows on the dashboard when its moment comes.")
    psub = pl.add_subparsers(dest="plans_command", metavar="list|add|edit|remove")
    pl.set_defaults(handler=cmd_plans_list)
    a = psub.add_parser("list", parents=[common], help="every plan")
    a.set_defaults(handler=cmd_plans_list)
    a = psub.add_parser("add", parents=[common], help="add a plan to the daily goal (or a challenge)")
    a.add_argument("text", metavar="TEXT", help='"If it is 9:00 on a weekday, then I dial the first ten numbers"')
    a.add_argument("--challenge", metavar="ID", help="the challenge it belongs to")
    a.set_defaults(handler=cmd_plans_add)
    a = psub.add_parser("edit", parents=[common], help="change a plan's text (the review's Adjust step)")
    a.add_argument("plan_id", metavar="ID")
    a.add_argument("text", metavar="TEXT", help="the plan's new text, \"If …, then …\"")
    a.set_defaults(handler=cmd_plans_edit)
    a = psub.add_parser("remove", parents=[common], help="remove a plan")
    a.add_argument("plan_id", metavar="ID")
    a.set_defaults(handler=cmd_plans_remove)

    r = sub.add_parser("remind", parents=[common], help="a reminder for cron or a systemd timer",
                       description="Remind yourself of today's effort: a desktop notification (with the "
                                   "optional notify extra), a terminal notification, or a line on stdout. "
                                   "Never after the cap or on a rest day, and never a count of no's.")
    r.add_argument("--if-below-goal", action="store_true", help="only when today's attempts are below the goal")
    r.add_argument("--at", metavar="HH:MM", help="only in the hour from HH:MM (local time), for timers that fire often")
    r.set_defaults(handler=cmd_remind)


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
        st = in_store(ctx, rest.state, write=False)
        _out(f"Rest {st.left} left this month (budget {st.budget}, {st.spent} spent).")
        return 0
    day = parse_date(args.day, "rest day") if args.day else None
    st = in_store(ctx, rest.spend, day)
    when = (day or st.day).isoformat()
    _out(f"Rest token spent on {when}. Rest {st.left} left this month.")
    return 0


def _rung_id(value: str) -> int:
    from .ledger import _id

    return _id(value, "rung number")


def _rung_line(r) -> str:
    from ..core.text import strip_controls

    state = f"climbed {r.done_on.isoformat()}" if r.done_on else "open"
    return f"#{r.id:<4} {r.discomfort}/5  {strip_controls(r.text)}  ({state})"


def cmd_ladder_add(args, ctx) -> int:
    from ..services import ladder

    r = in_store(ctx, ladder.add, args.text, args.discomfort)
    _out(f"Rung #{r.id} added: {_rung_line(r)}")
    return 0


def cmd_ladder_list(args, ctx) -> int:
    from ..services import ladder

    v = in_store(ctx, ladder.view, write=False)
    if not v.rungs:
        _out('Your ladder is empty. Add a rung: rejection-therapy ladder add "Ask for a discount" --discomfort 2')
        return 0
    _out("\n".join(_rung_line(r) for r in v.rungs))
    if v.next:
        _out(f"Next: #{v.next.id} {v.next.text}")
    if v.weeks:
        _out(f"Hardest ask per week: {v.line()}  ({v.weeks[0][0].isoformat()} to {v.weeks[-1][0].isoformat()}, "
             f"now {v.weeks[-1][1]}/5)")
    return 0


def cmd_ladder_done(args, ctx) -> int:
    from ..services import ladder

    r = in_store(ctx, ladder.done, _rung_id(args.rung_id))
    _out(f"Rung #{r.id} climbed on {r.done_on.isoformat()}. Braver than last week.")
    return 0


def cmd_ladder_next(args, ctx) -> int:
    from ..services import ladder

    v = in_store(ctx, ladder.view, write=False)
    if v.next is None:
        _out("No open rung. Add one: rejection-therapy ladder add TEXT --discomfort N")
        return 0
    base = f"hardest ask of the last 7 days: {v.level}/5" if v.level else "nothing rated in the last 7 days"
    _out(f"Next rung: #{v.next.id} {v.next.text} ({v.next.discomfort}/5; {base}).")
    return 0


def cmd_ladder_remove(args, ctx) -> int:
    from ..services import ladder

    r = in_store(ctx, ladder.remove, _rung_id(args.rung_id))
    _out(f"Rung #{r.id} removed.")
    return 0


def cmd_plans_list(args, ctx) -> int:
    from ..core.text import strip_controls
    from ..services import plans

    items = in_store(ctx, plans.list_plans, write=False)
    if not items:
        _out('No if-then plans yet. Add one: rejection-therapy plans add "If it is 9:00 on a weekday, then I call"')
        return 0
    _out("\n".join(strip_controls(plans.describe(p)) for p in items))
    return 0


def cmd_plans_add(args, ctx) -> int:
    from ..services import plans
    from .ledger import _id

    challenge = _id(args.challenge, "challenge number") if args.challenge else None
    p = in_store(ctx, plans.add, args.text, challenge)
    _out(f"Plan {plans.describe(p)}")
    return 0


def cmd_plans_edit(args, ctx) -> int:
    from ..services import plans
    from .ledger import _id

    with ctx.store.write() as s:
        p = plans.update(s, ctx.profile_id, _id(args.plan_id, "plan number"), args.text)
    _out(f"Plan {plans.describe(p)}")
    return 0


def cmd_plans_remove(args, ctx) -> int:
    from ..services import plans
    from .ledger import _id

    p = in_store(ctx, plans.remove, _id(args.plan_id, "plan number"))
    _out(f"Plan #{p.id} removed.")
    return 0


def cmd_remind(args, ctx) -> int:
    from ..core.remind import parse_at
    from ..services import remind

    at = parse_at(args.at)
    with ctx.store.read() as s:
        decision = remind.decide(s, ctx.profile_id, if_below_goal=args.if_below_goal, at=at)
    if decision.remind:
        remind.deliver(decision.text)
    return 0
