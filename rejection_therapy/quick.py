"""The quick path for ``log`` and ``today``: stdlib sqlite3, no SQLAlchemy import.

``try_quick(args)`` returns the exit code, or None when the full path must run instead
(see ``store.fast.Fallback``). Errors are printed exactly like ``cli.run`` prints them.
Set REJECTION_THERAPY_QUICK=0 to always take the full path.
"""

from __future__ import annotations

import argparse
import os

ENV_QUICK = "REJECTION_THERAPY_QUICK"
COMMANDS = ("log", "today")


def enabled(args: argparse.Namespace) -> bool:
    return args.command in COMMANDS and os.environ.get(ENV_QUICK, "1") != "0"


def try_quick(args: argparse.Namespace) -> int | None:
    from .cli import fail
    from .config import resolve_db
    from .core.errors import RTError
    from .store import fast

    conn = None
    state = {"written": False}
    try:
        location = resolve_db(args.db)
        if args.command == "log":
            from .cli.ledger import attempt_input, log_count

            data = attempt_input(args)  # bad words fail here, before the store is touched
            data.extra["count"] = log_count(args)
        conn = fast.connect(location)
        profile_id, _name = fast.resolve_profile(conn, location, args.profile)
        if args.command == "log":
            return _log(conn, location, profile_id, data, state)
        return _today(conn, location, profile_id, args)
    except fast.Fallback:
        return None
    except RTError as err:
        return fail(str(err), err.exit_code)
    except KeyboardInterrupt:
        return fail("Interrupted; nothing more was written.", 130)
    except BrokenPipeError:
        return 0
    except Exception as err:  # noqa: BLE001 - anything odd: let the full path decide and explain
        if os.environ.get("REJECTION_THERAPY_DEBUG"):
            raise
        if state["written"]:  # never log twice
            return fail(f"The attempt was saved, but showing it failed ({type(err).__name__}).", 70)
        return None
    finally:
        if conn is not None:
            conn.close()


def _log(conn, location, profile_id: int, data, state: dict) -> int:
    import sqlite3
    import sys

    from .cli.ledger import format_logged
    from .store import fast

    try:
        n = data.extra.get("count", 1)
        new_id, day, count, goals = fast.log_attempt(conn, profile_id, data, count=n)
    except sqlite3.Error as err:
        raise fast.locked_error(err, location) from None
    state["written"] = True
    goal = goals.for_day(day)
    sys.stdout.write(format_logged(data.outcome, new_id, count, goal.daily_attempts, goal.daily_cap,
                                   n, day if data.when else None) + "\n")
    sys.stdout.flush()
    return 0


def _today(conn, location, profile_id: int, args=None) -> int:
    import sys

    from .cli.ledger import format_today
    from .store import fast

    try:
        s = fast.summary(conn, profile_id)
        challenges = fast.challenge_lines(conn, profile_id, s.day)
    except fast.Fallback:
        raise
    except Exception:  # noqa: BLE001 - a read problem: the full path explains it
        raise fast.Fallback("read failed") from None
    if getattr(args, "json", False):
        from .cli.json_out import print_today

        print_today(s, challenges)
        return 0
    sys.stdout.write(format_today(s, challenges) + "\n")
    return 0
