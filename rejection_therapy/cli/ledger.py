"""The ledger commands: log, outcome, win, today, goal, list, export, import, backup, doctor.

Nothing heavy at module level: services are imported inside the handlers. The text of
``log`` and ``today`` and the attempt ``log`` builds are in ``core.ledger_text``, shared with
the stdlib quick path (``rejection_therapy.quick``), which prints byte-for-byte the same.
"""

from __future__ import annotations

import sys
from datetime import date

from ..core.ledger_text import attempt_input, format_logged, format_today, log_count, when_of  # noqa: F401 (shared with quick)
from ..core.text import plural
from ..quick_argv import LOG, LOG_OUTCOME, TODAY, WHEN, add_to
from . import id_arg

KINDS = ("not-now", "not-for-us", "not-a-priority", "unknown")


# ---------------------------------------------------------------- parser


def register(sub, common) -> None:
    register_quick(sub, common)
    register_rest(sub, common)


def register_quick(sub, common, only: str | None = None) -> None:
    """``log`` and ``today`` (also used alone by the quick path's small parser, which builds
    ``only`` the command it runs: each option costs a formatter)."""
    if only in (None, "log"):
        _register_log(sub, common)
    if only in (None, "today"):
        p = sub.add_parser("today", parents=[common], help="today's attempts vs goal, streak and cap")
        add_to(p, TODAY)
        p.set_defaults(handler=cmd_today)


def _register_log(sub, common) -> None:
    p = sub.add_parser("log", parents=[common], help="log an attempt: no, yes or pending",
                       description="Log one attempt. Prints its id and today's count.")
    dest, metavar, help_text = LOG_OUTCOME
    p.add_argument(dest, metavar=metavar, help=help_text)
    add_to(p, LOG)  # one spec with the quick path's reader (quick_argv)
    p.set_defaults(handler=cmd_log)


def add_when_options(p) -> None:
    add_to(p, WHEN)


def register_rest(sub, common) -> None:
    p = sub.add_parser("outcome", parents=[common], help="set or change an attempt's outcome",
                       description="Set the outcome of an attempt; it keeps its day.")
    p.add_argument("attempt_id", metavar="ID", type=id_arg("attempt"), help="the attempt's number")
    p.add_argument("outcome", metavar="no|yes|silence|pending")
    p.add_argument("--sting", metavar="1-5", help="how bad the no actually felt, 1 to 5")
    p.set_defaults(handler=cmd_outcome)

    p = sub.add_parser("win", parents=[common], help="add a small win to the journal")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--attempt", metavar="ID", type=id_arg("attempt"), help="tie the win to an attempt")
    p.set_defaults(handler=cmd_win)

    p = sub.add_parser("goal", parents=[common], help="show or set the daily goal and cap",
                       description="Set goals from today on (earlier days keep theirs). "
                                   "Without options, shows the current goal. --cap 0 removes the cap.")
    p.add_argument("--daily", metavar="N", help="attempts a day")
    p.add_argument("--no-goal", metavar="K", help="no's to collect a day")
    p.add_argument("--cap", metavar="M", help="the daily cap (burnout guard); 0 for none")
    p.add_argument("--channel", nargs=2, action="append", metavar=("C", "N"), help="a goal for one channel (repeatable)")
    p.add_argument("--if-then", action="append", metavar="TEXT",
                   help='add an if-then plan to the daily goal, e.g. "If it is 9:00 on a weekday, then I call" (repeatable)')
    p.set_defaults(handler=cmd_goal)

    p = sub.add_parser("list", parents=[common], help="list attempts, newest first")
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--until", metavar="DATE")
    p.add_argument("--outcome", metavar="O")
    p.add_argument("--channel", metavar="C")
    p.add_argument("--limit", metavar="N", default="50", help="at most N rows (default 50)")
    from .list_filters import add_list_filters

    add_list_filters(p)
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("export", parents=[common], help="export your data as JSON or CSV")
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    p.add_argument("--all-profiles", action="store_true", help="every profile, not only yours")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("import", parents=[common], help="import an export file (never duplicates)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=cmd_import, needs_store=False)

    p = sub.add_parser("backup", parents=[common], help="copy the database to a backup file")
    p.add_argument("file", metavar="FILE", nargs="?", help="where to write (default: next to the database)")
    p.set_defaults(handler=cmd_backup, needs_store=False)

    p = sub.add_parser("doctor", parents=[common], help="check the database without changing it")
    p.add_argument("--full", action="store_true", help="PRAGMA integrity_check instead of quick_check (slower)")
    p.set_defaults(handler=cmd_doctor, needs_store=False)


# ---------------------------------------------------------------- helpers


def _int(value: str | None, what: str) -> int | None:
    from ..core.numbers import parse_int

    return None if value is None else parse_int(value, what)


def _id(value: str, what: str = "attempt"):
    """An id typed in argv (core.numbers.parse_id: ASCII digits, 1 to MAX_ID)."""
    from . import id_arg

    return id_arg(what)(value)


def _date(value: str | None, what: str) -> date | None:
    from ..core.days import parse_date

    return parse_date(value, what) if value else None


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


# ---------------------------------------------------------------- handlers


def cmd_log(args, ctx) -> int:
    from ..services import attempts

    data, n = attempt_input(args), log_count(args)
    with ctx.store.write() as s:
        logged = attempts.log_attempt(s, ctx.profile_id, data, count=n)
    goal = logged.goal
    _out(format_logged(data.outcome, logged.id, logged.day_count, goal.daily_attempts, goal.daily_cap,
                       n, logged.local_day if data.when else None))
    return 0


def cmd_outcome(args, ctx) -> int:
    from ..services import attempts

    attempt_id = args.attempt_id
    from ..core.silence import check_outcome

    outcome = check_outcome(args.outcome)
    sting = getattr(args, "sting", None)
    with ctx.store.write() as s:
        row = attempts.set_outcome(s, ctx.profile_id, attempt_id, outcome, sting=sting)
        day = row.local_day
    felt = f" It stung {row.sting} of 5." if row.sting is not None and sting is not None else ""
    _out(f"Attempt #{attempt_id} is now {outcome}; it still counts for {day.isoformat()}.{felt}")
    return 0


def cmd_win(args, ctx) -> int:
    from ..services import wins

    attempt_id = args.attempt
    with ctx.store.write() as s:
        win = wins.add_win(s, ctx.profile_id, args.text, attempt_id)
    _out(f"Win #{win.id} saved for {win.local_day.isoformat()}.")
    return 0


def cmd_today(args, ctx) -> int:
    from ..services import challenge_today, today

    with ctx.store.read() as s:
        summary = today.summary(s, ctx.profile_id)
        challenges = challenge_today.lines(s, ctx.profile_id, summary.day)
    if getattr(args, "json", False):
        from .json_out import print_today

        print_today(summary, challenges)
        return 0
    _out(format_today(summary, challenges))
    return 0


def cmd_goal(args, ctx) -> int:
    from ..core.goals import Goal
    from ..core.text import clean_name
    from ..services import settings, today

    changes: dict = {}
    if args.daily is not None:
        changes["daily_attempts"] = _int(args.daily, "daily attempt goal")
    if args.no_goal is not None:
        changes["daily_nos"] = _int(args.no_goal, "daily no goal")
    if args.cap is not None:
        cap = _int(args.cap, "daily cap")
        changes["daily_cap"] = cap or None
    with ctx.store.write() as s:
        day = today.today_of(s, ctx.profile_id)
        goal: Goal = settings.current_goal(s, ctx.profile_id, day)
        if changes or args.channel:
            if args.channel:
                per = dict(goal.per_channel)
                for channel, n in args.channel:
                    per[clean_name(channel, "channel").lower()] = _int(n, f"daily goal for {channel}")
                changes["per_channel"] = {c: n for c, n in per.items() if n}
            goal = settings.set_goal(s, ctx.profile_id, goal._replace(**changes), day)
            head = f"Goal from {day.isoformat()} on:"
        else:
            head = "Current goal:"
    parts = [f"{goal.daily_attempts:,} attempts a day", f"{goal.daily_nos:,} no's a day",
             f"cap {goal.daily_cap:,}" if goal.daily_cap else "no cap"]
    parts += [f"{c} {n:,}" for c, n in sorted(goal.per_channel.items())]
    _out(f"{head} {', '.join(parts)}.")
    if getattr(args, "if_then", None):  # issue 15: plans of the daily goal
        from ..services import plans

        with ctx.store.write() as s:
            added = plans.add_all(s, ctx.profile_id, args.if_then)
        _out("\n".join(f"Plan {plans.describe(p)}" for p in added))
    return 0


def cmd_list(args, ctx) -> int:
    from ..core import days
    from ..core.funnel import is_conversation
    from ..core.numbers import parse_int
    from ..services import attempts

    limit = parse_int(args.limit, "limit", minimum=1, maximum=100_000)
    from .list_filters import list_filter

    with ctx.store.read() as s:
        f = list_filter(args, s, ctx.profile_id)
        rows = attempts.list_attempts(s, ctx.profile_id, f, limit=limit)
        if args.json or args.csv:
            from .json_out import print_list

            print_list(rows, args.csv)
            return 0
        lines = []
        for r in rows:
            local = days.local_time(r.created_at, r.tz)
            lines.append(_list_line((f"#{r.id}", r.local_day.isoformat(), f"{local:%H:%M}", r.channel, r.outcome,
                                     "yes" if is_conversation(r.outcome, r.conversation) else "",
                                     r.target or "", r.rejection_kind or "", r.notes or "")))
    if not lines:
        _out("No attempts match.")
    else:
        _out("\n".join([_list_line(LIST_HEADER), *lines]))
    return 0


# Fixed columns: a long target or note is cut with an ellipsis and never shifts the others
# (the full text is in `export`). The last column (the note) is cut at its width too.
LIST_HEADER = ("ID", "Day", "Time", "Channel", "Outcome", "Conv", "Target", "Kind", "Note")
LIST_WIDTHS = (7, 10, 5, 10, 8, 4, 20, 14, 30)


def _list_cell(text: str, width: int) -> str:
    from ..core.text import strip_controls

    text = " ".join(strip_controls(str(text)).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _list_line(cells) -> str:
    return " ".join(_list_cell(c, w).ljust(w) for c, w in zip(cells, LIST_WIDTHS, strict=True)).rstrip()


def cmd_export(args, ctx) -> int:
    from ..services import exchange as transfer

    ids = None if args.all_profiles else [ctx.profile_id]
    with ctx.store.read() as s:
        if args.output:
            done = transfer.export_file(s, ids, args.format, args.output)
            print(f"Exported {plural(done.profiles, 'profile')} and {plural(done.attempts, 'attempt')} "
                  f"to {args.output}.", file=sys.stderr)
        else:
            from . import raw_stdout

            transfer.export(s, ids, args.format, raw_stdout())  # data: byte-exact, not escaped
    return 0


def cmd_import(args, ctx) -> int:
    from ..config import resolve_db
    from ..services import exchange

    data = exchange.read_file(args.file)  # parse and check the whole file before opening the store
    result = exchange.import_into(resolve_db(args.db), data)
    _out(result.sentence())
    return 0


def cmd_backup(args, ctx) -> int:
    from ..config import resolve_db
    from ..services import exchange as backup

    dest = backup.backup(resolve_db(args.db), args.file)
    _out(f"Backup written to {dest}.")
    return 0


def cmd_doctor(args, ctx) -> int:
    from ..config import resolve_db
    from ..services import doctor

    report = doctor.check(resolve_db(args.db), full=args.full)
    _out(report.text())
    return 0 if report.ok else 1
