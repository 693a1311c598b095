"""`rejection-therapy challenge …`: start, status, list, extend, abandon, summary."""

from __future__ import annotations

from . import id_arg, in_store

PRESET_LINE = "100-day | pitch-sprint | quota-month | custom"


def register(sub, common) -> None:
    """Add this feature's subcommands."""
    p = sub.add_parser(
        "challenge", parents=[common], help="time-boxed challenges (100-day, pitch sprint, quota month…)",
        description="Time-boxed challenges. Progress counts attempts, whatever the answer.",
    )
    p.set_defaults(handler=_status)
    csub = p.add_subparsers(dest="challenge_command", metavar="ACTION")

    s = csub.add_parser(
        "start", parents=[common], help="start a challenge from a preset",
        description=(
            "Start a challenge. Presets: 100-day (one ask a day for 100 days); pitch-sprint (40 pitches "
            "over the last 14 days of the quarter, cap 6 a day, effort-only, channels pitch,email,proposal); "
            "quota-month (your daily goal on every weekday of a month, weekends off); custom (your own rules)."
        ),
    )
    s.add_argument("preset", metavar="PRESET", help=PRESET_LINE)
    s.add_argument("--start", metavar="YYYY-MM-DD", help="first day (default: today; pitch sprint: 14 days before the quarter ends)")
    s.add_argument("--days", metavar="N", help="length in days, 1 to 1000")
    s.add_argument("--end", metavar="YYYY-MM-DD", help="last day (instead of --days)")
    s.add_argument("--per-day", metavar="N", help="target of attempts per day")
    s.add_argument("--total", metavar="N", help="target of attempts in total")
    s.add_argument("--channels", metavar="A,B", help="channels that count (default: all; pitch sprint: pitch,email,proposal); 'all' for every channel")
    s.add_argument("--rest", metavar="sat,sun", help="rest weekdays ('none' for none)")
    s.add_argument("--cap", metavar="N", help="per-day cap for this challenge (0 for none)")
    s.add_argument("--if-then", action="append", metavar="TEXT",
                   help='an if-then plan, e.g. "If it is 9:00 on a weekday, then I call" (repeatable)')
    eff = s.add_mutually_exclusive_group()
    eff.add_argument("--effort-only", dest="effort_only", action="store_const", const=True,
                     help="hide replies and yes/no counts while it runs")
    eff.add_argument("--show-replies", dest="effort_only", action="store_const", const=False,
                     help="keep showing replies (turns effort-only off)")
    s.add_argument("--name", metavar="TEXT", help="a name for it")
    s.set_defaults(handler=_start)

    st = csub.add_parser("status", parents=[common], help="every active challenge: day X of N, done/missed, need per day")
    st.set_defaults(handler=_status)
    ls = csub.add_parser("list", parents=[common], help="active challenges and the history")
    ls.set_defaults(handler=_list)
    ex = csub.add_parser("extend", parents=[common], help="add days to a challenge (or reopen one that just ended)")
    ex.add_argument("id", metavar="ID", type=id_arg("challenge"))
    ex.add_argument("days", metavar="DAYS")
    ex.set_defaults(handler=_extend)
    ab = csub.add_parser("abandon", parents=[common], help="stop a challenge, with a reason")
    ab.add_argument("id", metavar="ID", type=id_arg("challenge"))
    ab.add_argument("--reason", metavar="TEXT", required=True, help="why you stop (kept in the history)")
    ab.set_defaults(handler=_abandon)
    sm = csub.add_parser("summary", parents=[common], help="a challenge's figures: attempts, no's, best day…")
    sm.add_argument("id", metavar="ID", type=id_arg("challenge"))
    sm.set_defaults(handler=_summary)


# ---------------------------------------------------------------- formatting (plain text)


def describe(v) -> list[str]:
    """Lines for one challenge (shared by status and list)."""
    from ..core.challenges import format_weekdays, n_days, text_bar

    p = v.progress
    lines = [f"#{v.id} {v.name}  ({v.start_day} to {v.end_day}{', extended by ' + str(v.extended_days) + ' days' if v.extended_days else ''})"]
    if v.status == "active":
        if p.state == "upcoming":
            lines.append(f"  starts on {v.start_day} (in {n_days(p.starts_in)}); {p.length} days, target {v.target_label}")
        else:
            lines.append(f"  day {p.day} of {p.length}   {text_bar(p.fraction)}  {p.attempts} of {p.target} attempts")
            lines.append(f"  {n_days(p.done_days)} done, {p.missed_days} missed, longest run {p.longest_run}, today {p.today_count}")
            if p.remaining == 0:
                lines.append("  target reached: everything from here is extra")
            else:
                lines.append(f"  need {p.need_per_day} a day over {p.days_left} working day{'s' if p.days_left != 1 else ''} left to finish on target ({p.remaining} to go)")
    else:
        when = f" on {v.ended_on}" if v.ended_on else ""
        lines.append(f"  {v.status}{when}: {p.attempts} of {p.target} attempts, {n_days(p.done_days)} done, {p.missed_days} missed, longest run {p.longest_run}")
        if v.abandon_reason:
            lines.append(f"  reason: {v.abandon_reason}")
    rules = [f"counts {v.channels_label}"]
    if v.rest_weekdays:
        rules.append(f"rest {format_weekdays(v.rest_weekdays)}")
    if v.daily_cap:
        rules.append(f"cap {v.daily_cap} a day")
    if v.effort_only:
        rules.append("effort-only")
    lines.append("  " + ", ".join(rules))
    return lines


def summary_lines(sm) -> list[str]:
    v, f = sm.challenge, sm.figures
    from ..core.challenges import n_days

    best = f"{f.best_day} ({f.best_day_count} attempts)" if f.best_day else "none yet"
    lines = [f"#{v.id} {v.name}  ({v.start_day} to {v.end_day}, {v.status})", f"  attempts      {f.attempts}"]
    if v.effort_only and v.status == "active":
        lines.append("  replies       hidden while this effort-only challenge runs")
    else:
        lines += [f"  no's          {f.nos}", f"  silences      {f.silences}", f"  yes's         {f.yeses}"]
        if f.pending:
            lines.append(f"  still pending {f.pending}")
    lines += [
        f"  best day      {best}",
        f"  longest run   {n_days(f.longest_run)}",
        f"  wins logged   {f.wins}",
        f"  lessons       {f.lessons}",
    ]
    return lines


# ---------------------------------------------------------------- handlers


def _start(args, ctx) -> int:
    from ..services import challenges as svc
    from ..services.today import today_of

    options = {k: getattr(args, k, None) for k in
               ("start", "days", "end", "per_day", "total", "channels", "rest", "cap", "effort_only", "name")}
    with ctx.store.write() as s:
        today = today_of(s, ctx.profile_id)
        v = svc.start_challenge(s, ctx.profile_id, args.preset, today=today, **options)
        from ..services import plans

        # issue 15: the challenge's if-then plans, in the same transaction
        added = plans.add_all(s, ctx.profile_id, getattr(args, "if_then", None) or (), v.id)
    print(f"Started challenge #{v.id}: {v.name}.")
    for p in added:
        print(f"Plan {plans.describe(p)}")
    print("\n".join(describe(v)))
    return 0


def _status(args, ctx) -> int:
    from ..services import challenges as svc
    from ..services.today import today_of

    with ctx.store.write() as s:
        today = today_of(s, ctx.profile_id)
        closed = svc.close_finished(s, ctx.profile_id, today)
        views = svc.status(s, ctx.profile_id, today)
        summaries = [svc.summary(s, ctx.profile_id, cid, today) for cid in closed]
    for sm in summaries:
        print(f"Challenge #{sm.challenge.id} ended on {sm.challenge.end_day}. Summary:")
        print("\n".join(summary_lines(sm)))
        print()
    if not views:
        print("No challenge is running. Start one with: rejection-therapy challenge start " + PRESET_LINE)
        return 0
    for v in views:
        print("\n".join(describe(v)))
    return 0


def _list(args, ctx) -> int:
    from ..services import challenges as svc
    from ..services.today import today_of

    with ctx.store.write() as s:
        today = today_of(s, ctx.profile_id)
        active, history = svc.list_challenges(s, ctx.profile_id, today)
    print("Active:" if active else "Active: none")
    for v in active:
        print("\n".join(describe(v)))
    print("History:" if history else "History: none yet")
    for v in history:
        print("\n".join(describe(v)))
    return 0


def _extend(args, ctx) -> int:
    from ..services import challenges as svc

    v = in_store(ctx, svc.extend, args.id, args.days)
    print(f"Challenge #{v.id} now runs to {v.end_day} ({v.length} days).")
    return 0


def _abandon(args, ctx) -> int:
    from ..services import challenges as svc

    v = in_store(ctx, svc.abandon, args.id, args.reason)
    print(f"Challenge #{v.id} abandoned on {v.ended_on}. It stays in the history with your reason.")
    return 0


def _summary(args, ctx) -> int:
    from ..services import challenges as svc

    with ctx.store.write() as s:
        sm = svc.summary(s, ctx.profile_id, args.id)
    print("\n".join(summary_lines(sm)))
    return 0
