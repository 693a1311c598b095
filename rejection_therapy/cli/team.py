"""Profiles and competitions: `profile add|list|use|rename`, `compete start|board|list`."""

from __future__ import annotations

import argparse
import os


def register(sub, common) -> None:
    """Add this feature's subcommands."""
    profile = sub.add_parser("profile", parents=[common], help="profiles: who is logging (add, list, use, rename)",
                             description="Several people can log into one store, each as a profile.")
    psub = profile.add_subparsers(dest="profile_command", metavar="ACTION")
    profile.set_defaults(handler=_profile_help(profile), needs_store=False)

    p = psub.add_parser("add", parents=[common], help="create a profile")
    p.add_argument("name", help="the new profile's name")
    p.add_argument("--use", action="store_true", help="also log as it from now on on this machine")
    p.set_defaults(handler=profile_add, needs_store=True)

    p = psub.add_parser("list", parents=[common], help="list the profiles (* marks the current one)")
    p.set_defaults(handler=profile_list, needs_store=True)

    p = psub.add_parser("use", parents=[common], help="log as this profile on this machine from now on")
    p.add_argument("name")
    p.set_defaults(handler=profile_use, needs_store=True)

    p = psub.add_parser("rename", parents=[common], help="rename a profile: rename [OLD] NEW")
    p.add_argument("names", nargs="+", metavar="NAME", help="NEW (renames the current profile) or OLD NEW")
    p.set_defaults(handler=profile_rename, needs_store=True)

    compete = sub.add_parser("compete", parents=[common], help="competitions: who collects the most no's",
                             description="A race between profiles over a period: most no's (or attempts).")
    csub = compete.add_subparsers(dest="compete_command", metavar="ACTION")
    compete.set_defaults(handler=_profile_help(compete), needs_store=False)

    p = csub.add_parser("start", parents=[common], help="start a competition")
    p.add_argument("name", help="a unique name, e.g. 'November'")
    p.add_argument("--period", default=None,
                   help="week (this week), month (this month, the default), or dates with --from/--to "
                        "(also YYYY-MM-DD..YYYY-MM-DD)")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", default=None, help="first day")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", default=None, help="last day (included)")
    p.add_argument("--metric", choices=["nos", "attempts"], default="nos", help="what counts (default: nos)")
    p.add_argument("--with", dest="with_names", metavar="A,B,…", default=None,
                   help="participants, comma-separated profile names (default: every profile)")
    p.set_defaults(handler=compete_start, needs_store=True)

    p = csub.add_parser("board", parents=[common], help="show a leaderboard (default: your running competition)")
    p.add_argument("name", nargs="?", default=None)
    p.set_defaults(handler=compete_board, needs_store=True)

    p = csub.add_parser("list", parents=[common], help="running competitions and the history")
    p.set_defaults(handler=compete_list, needs_store=True)

    from . import serve, team_admin

    team_admin.register(sub, common)
    serve.register(sub, common)


def _profile_help(parser: argparse.ArgumentParser):
    def show(args, ctx) -> int:
        parser.print_help()
        return 0

    return show


def _clean(text: str | None) -> str:
    from ..core.text import strip_controls

    return strip_controls(text or "")


# ---- profiles ----


def profile_add(args, ctx) -> int:
    from ..config import remember_profile
    from ..services import profiles

    with ctx.store.write() as s:
        info = profiles.create(s, args.name)
    print(f"Created profile {_clean(info.name)!r}.")
    if args.use:
        remember_profile(ctx.store.location, info.name)
        print(f"This machine now logs as {_clean(info.name)!r} on this database.")
    else:
        print(f"Log as it with --profile {_clean(info.name)!r}, or 'rejection-therapy profile use {_clean(info.name)}'.")
    return 0


def profile_list(args, ctx) -> int:
    from ..services import profiles

    with ctx.store.read() as s:
        rows = profiles.list_with_stats(s)
    width = max([len(_clean(r.name)) for r in rows] + [4])
    print(f"  {'name':<{width}}  {'attempts':>8}  {'no':>6}  last active   (last 30 days)")
    for r in rows:
        mark = "*" if r.id == ctx.profile_id else " "
        last = r.last_day.isoformat() if r.last_day else "-"
        print(f"{mark} {_clean(r.name):<{width}}  {r.attempts:>8}  {r.nos:>6}  {last}")
    return 0


def profile_use(args, ctx) -> int:
    from ..config import ENV_PROFILE, remember_profile
    from ..services import profiles

    with ctx.store.read() as s:
        info = profiles.require(s, args.name)
    remember_profile(ctx.store.location, info.name)
    print(f"This machine now logs as {_clean(info.name)!r} on {ctx.store.location.display}.")
    env = os.environ.get(ENV_PROFILE)
    if env and env.strip().lower() != info.name.lower():
        print(f"Note: {ENV_PROFILE}={_clean(env)!r} is set in this shell and still takes precedence.")
    return 0


def profile_rename(args, ctx) -> int:
    from ..config import remember_profile, remembered_profile
    from ..core.errors import ValidationError
    from ..services import profiles

    if len(args.names) > 2:
        raise ValidationError("Give the new name (renames your profile) or the old and the new name.")
    with ctx.store.write() as s:
        target = profiles.require(s, args.names[0]) if len(args.names) == 2 else ctx.profile
        info = profiles.rename(s, target.id, args.names[-1])
    location = ctx.store.location
    old = remembered_profile(location)
    if old and old.lower() == target.name.lower():
        remember_profile(location, info.name)
    print(f"Renamed {_clean(target.name)!r} to {_clean(info.name)!r}.")
    return 0


# ---- competitions ----


def compete_start(args, ctx) -> int:
    from ..services import competitions

    with ctx.store.write() as s:
        info = competitions.start(
            s, ctx.profile_id, args.name, args.period, start_day=args.start, end_day=args.end,
            metric=args.metric, with_names=args.with_names,
        )
    print(f"Started {_clean(info.name)!r}: most {info.metric_label}, {info.period_label}.")
    print("Participants: " + ", ".join(_clean(n) for n in info.participants))
    return 0


def _close_due(ctx) -> None:
    from ..services import competitions

    with ctx.store.write() as s:
        for info in competitions.close_due(s, ctx.profile_id):
            winner = _clean(info.winner) if info.winner else "nobody"
            print(f"{_clean(info.name)!r} is over. Winner: {winner}.")


def compete_board(args, ctx) -> int:
    from ..services import competitions

    _close_due(ctx)
    with ctx.store.read() as s:
        board = competitions.board(s, ctx.profile_id, args.name)
    print("\n".join(competitions.format_board(board)))
    return 0


def compete_list(args, ctx) -> int:
    from ..services import competitions

    _close_due(ctx)
    with ctx.store.read() as s:
        items = competitions.list_competitions(s, ctx.profile_id)
    if not items:
        print("No competitions yet. Start one: rejection-therapy compete start NAME --period month")
        return 0
    for c in items:
        if c.status == "running":
            state = "running"
        else:
            state = f"closed, winner {_clean(c.winner)}" if c.winner else "closed, no winner"
        you = "" if c.is_member else " (you are not in it)"
        print(f"{_clean(c.name)}: most {c.metric_label}, {c.period_label}, {state}, "
              f"{len(c.participants)} participant{'s' if len(c.participants) != 1 else ''}{you}")
    return 0
