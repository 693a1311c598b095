"""`team init|invite|revoke|members` (the team admin, on PostgreSQL) and the members' side:
`team feed|share|withdraw|hide-name|show-name`. Registered by cli/team.py."""

from __future__ import annotations

from .team import _clean
from .team import _profile_help as _help


def register(sub, common) -> None:
    team = sub.add_parser(
        "team", parents=[common], help="team mode: members with their own login, shared lessons",
        description="Team mode on PostgreSQL: each member logs in as their own database role and "
                    "sees only their own attempts, the board and the lessons teammates shared.")
    tsub = team.add_subparsers(dest="team_command", metavar="ACTION")
    team.set_defaults(handler=_help(team), needs_store=False)

    p = tsub.add_parser("init", parents=[common],
                        help="set up a PostgreSQL database for a team (schema, roles, row-level security)")
    p.set_defaults(handler=team_init, needs_store=False)

    p = tsub.add_parser("invite", parents=[common], help="add a member: prints their connection string once")
    p.add_argument("name", help="the member's name (their profile)")
    p.add_argument("--existing", action="store_true",
                   help="give an existing profile a login (keeps its history)")
    p.add_argument("--again", action="store_true",
                   help="let a revoked member back in with a new password")
    p.set_defaults(handler=team_invite, needs_store=False)

    p = tsub.add_parser("revoke", parents=[common], help="end a member's access (their history stays)")
    p.add_argument("name")
    p.set_defaults(handler=team_revoke, needs_store=False)

    p = tsub.add_parser("members", parents=[common], help="the members and whether they can log in")
    p.set_defaults(handler=team_members, needs_store=False)

    p = tsub.add_parser("feed", parents=[common], help="the lessons teammates shared, newest first")
    p.set_defaults(handler=team_feed, needs_store=True)

    p = tsub.add_parser("share", parents=[common],
                        help="share the lesson of one of your no's (the lesson, not the name)")
    p.add_argument("attempt", metavar="ATTEMPT_ID", help="the no's number (see 'rejection-therapy list')")
    p.add_argument("--lesson", default=None, help="the text to share (default: the no's lesson)")
    p.set_defaults(handler=team_share, needs_store=True)

    p = tsub.add_parser("withdraw", parents=[common], help="take back a lesson you shared")
    p.add_argument("attempt", metavar="ATTEMPT_ID")
    p.set_defaults(handler=team_withdraw, needs_store=True)

    p = tsub.add_parser("hide-name", parents=[common],
                        help="appear as 'a teammate' on boards and in the feed")
    p.set_defaults(handler=_name_shown(False), needs_store=True)
    p = tsub.add_parser("show-name", parents=[common], help="appear by your name again")
    p.set_defaults(handler=_name_shown(True), needs_store=True)




def _admin_location(args):
    from ..config import resolve_db

    return resolve_db(args.db)


def _attempt_id(raw: str) -> int:
    from ..core.errors import ValidationError

    value = raw.strip().lstrip("#")
    if not (value.isascii() and value.isdigit()):
        raise ValidationError(f"{raw!r} is not an attempt number; see 'rejection-therapy list'.")
    return int(value)


def team_init(args, ctx) -> int:
    from ..services import team

    info = team.init(_admin_location(args))
    print(f"Team mode is set up on {_clean(info.database)!r}: {info.tables} tables with row-level "
          f"security, members in the role {info.member_role!r}, team admins in {info.admin_role!r}.")
    if info.unlisted:
        print("Members cannot use these tables until store/rls.py lists them: " + ", ".join(info.unlisted))
    print("Invite a member: rejection-therapy team invite NAME --db URL")
    return 0


def team_invite(args, ctx) -> int:
    from ..services import team

    inv = team.invite(_admin_location(args), args.name, existing=args.existing, again=args.again)
    print(f"Invited {_clean(inv.name)!r} as the database role {inv.role!r}.")
    print("Their connection string (shown this once; the password is not stored anywhere):")
    print(f"  {inv.url}")
    print("Send it privately; they run: export REJECTION_THERAPY_DB='<that string>'")
    return 0


def team_revoke(args, ctx) -> int:
    from ..services import team

    m = team.revoke(_admin_location(args), args.name)
    print(f"{_clean(m.name)!r} can no longer log in; their history stays on the board.")
    return 0


def team_members(args, ctx) -> int:
    from ..services import team

    for m in team.members(_admin_location(args)):
        state = "no login" if not m.role else ("active" if m.can_login else "revoked")
        print(f"{_clean(m.name)}  ({m.role or '-'}, {state})")
    return 0


def team_feed(args, ctx) -> int:
    from ..services import lessons

    with ctx.store.read() as s:
        items = lessons.feed(s, ctx.profile_id)
    print("\n".join(lessons.format_feed(items)))
    return 0


def team_share(args, ctx) -> int:
    from ..services import lessons

    with ctx.store.write() as s:
        item = lessons.share(s, ctx.profile_id, _attempt_id(args.attempt), args.lesson)
    print(f"Shared with the team (no target, no notes): {_clean(item.lesson)}")
    return 0


def team_withdraw(args, ctx) -> int:
    from ..core.errors import NotFoundError
    from ..services import lessons

    attempt = _attempt_id(args.attempt)
    with ctx.store.write() as s:
        done = lessons.withdraw(s, ctx.profile_id, attempt)
    if not done:
        raise NotFoundError(f"You have not shared the lesson of #{attempt}.")
    print(f"Withdrawn: the lesson of #{attempt} is no longer in the team feed.")
    return 0


def _name_shown(shown: bool):
    def handler(args, ctx) -> int:
        from ..services import profiles

        with ctx.store.write() as s:
            profiles.set_name_hidden(s, ctx.profile_id, not shown)
        print("Teammates see your name again." if shown
              else "Boards and the team feed now show you as 'a teammate'.")
        return 0

    return handler
