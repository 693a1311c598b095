"""Housekeeping commands, added to the existing groups: ``challenge rename|delete``,
``compete end``, ``profile delete``. Destructive ones ask first; ``--yes`` is for scripts."""

from __future__ import annotations

import argparse
import sys

from ..core.errors import ValidationError


def _actions(parser: argparse.ArgumentParser):
    """The sub-command table of a group parser (``challenge``, ``compete``, ``profile``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError(f"{parser.prog} has no sub-commands")


def register(sub, common) -> None:
    challenge = _actions(sub.choices["challenge"])
    p = challenge.add_parser("rename", parents=[common], help="rename a challenge")
    p.add_argument("id", metavar="ID")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(handler=challenge_rename)
    p = challenge.add_parser("delete", parents=[common], help="delete a challenge (its attempts stay; asks first)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--yes", action="store_true", help="do not ask")
    p.set_defaults(handler=challenge_delete)

    compete = _actions(sub.choices["compete"])
    p = compete.add_parser("end", parents=[common], help="end a running competition now, with its winner")
    p.add_argument("name", metavar="NAME_OR_ID")
    p.set_defaults(handler=compete_end, needs_store=True)

    profile = _actions(sub.choices["profile"])
    p = profile.add_parser("delete", parents=[common], help="delete a profile and all its data (asks first)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--yes", action="store_true", help="do not ask (export first: export --profile NAME -o FILE)")
    p.set_defaults(handler=profile_delete, needs_store=True)


def _id(text: str) -> int:
    from .ledger import _id as parse_id

    return parse_id(text, "challenge")


def confirm(question: str, yes: bool) -> bool:
    """True when --yes was given or the user typed yes; refuses when nobody can answer."""
    if yes:
        return True
    if not sys.stdin.isatty():
        raise ValidationError("This deletes data and nobody can confirm it here; add --yes to go ahead.")
    sys.stderr.write(question + " Type yes to go ahead: ")
    sys.stderr.flush()
    try:
        answer = sys.stdin.readline()
    except (EOFError, OSError):
        answer = ""
    return answer.strip().lower() in ("y", "yes")


def challenge_rename(args, ctx) -> int:
    from ..services import housekeeping

    with ctx.store.write() as s:
        c = housekeeping.rename_challenge(s, ctx.profile_id, _id(args.id), args.name)
        cid, name = c.id, c.name
    print(f"Challenge #{cid} is now called {name}.")
    return 0


def challenge_delete(args, ctx) -> int:
    from ..services import challenges, housekeeping

    cid = _id(args.id)
    with ctx.store.read() as s:
        name = challenges._get(s, ctx.profile_id, cid).name
    if not confirm(f"Delete challenge #{cid} ({name})? Its attempts stay in your log.", args.yes):
        print("Nothing was deleted.")
        return 1
    with ctx.store.write() as s:
        done = housekeeping.delete_challenge(s, ctx.profile_id, cid)
    print(f"Deleted challenge #{done.id} ({done.name}); its {done.attempts_kept:,} linked attempts stay in your log.")
    return 0


def compete_end(args, ctx) -> int:
    from ..services import housekeeping
    from ..services.today import today_of

    with ctx.store.write() as s:
        row, winner = housekeeping.end_competition(s, ctx.profile_id, args.name, today_of(s, ctx.profile_id))
        name, last = row.name, row.end_day
    print(f"Competition {name!r} ended on {last.isoformat()}; " + (f"the winner is {winner}." if winner else "no winner."))
    return 0


def profile_delete(args, ctx) -> int:
    from ..config import load_state, remembered_profile, state_path
    from ..services import housekeeping

    with ctx.store.read() as s:
        info = housekeeping.profile_figures(s, args.name)
    question = (f"Delete profile {info.name!r} with its {info.attempts:,} attempts, wins, goals and challenges? "
                f"Export it first with: rejection-therapy export --profile {info.name} -o {info.name}.json.")
    if not confirm(question, args.yes):
        print("Nothing was deleted.")
        return 1
    with ctx.store.write() as s:
        housekeeping.delete_profile(s, info.id)
    location = ctx.store.location
    if (remembered_profile(location) or "").lower() == info.name.lower():
        _forget_remembered(location, load_state, state_path)
    print(f"Deleted profile {info.name!r} and its {info.attempts:,} attempts.")
    return 0


def _forget_remembered(location, load_state, state_path) -> None:
    import json

    from ..files import write_private_atomic

    state = load_state()
    state.get("profiles", {}).pop(location.key, None)
    write_private_atomic(state_path(), json.dumps(state, indent=2))
