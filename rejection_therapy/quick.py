"""The quick path for ``log`` and ``today``: stdlib sqlite3, no SQLAlchemy import.

``try_quick(args)`` returns the exit code, or None when the full path must run instead
(see ``services.ledger.Fallback``). The steps are the ledger's (``services.ledger``), run
through its stdlib adapter (``store.fast.StdlibGateway``); the text is ``core.ledger_text``,
as the full CLI prints it. Errors are printed exactly like ``cli.run`` prints them.
Set REJECTION_THERAPY_QUICK=0 to always take the full path.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any  # args: the arguments read by quick_argv (or argparse)

ENV_QUICK = "REJECTION_THERAPY_QUICK"
COMMANDS = ("log", "today")


def enabled(args: Any) -> bool:
    if getattr(args, "rung", None):  # a ladder rung is checked by the full path
        return False
    return args.command in COMMANDS and os.environ.get(ENV_QUICK, "1") != "0"


def try_quick(args: Any) -> int | None:
    from .config import resolve_db
    from .core.errors import RTError
    from .core.ledger_text import attempt_input, log_count
    from .output import fail
    from .services import ledger

    gw = None
    state = {"written": False}
    try:
        location = resolve_db(args.db)
        data = n = None
        if args.command == "log":  # bad words fail here, before the store is touched
            data, n = attempt_input(args), log_count(args)
        gw, profile_id = ledger.open_quick(location, args.profile)
        if data is not None and n is not None:
            return _log(gw, profile_id, data, n, state)
        return _today(gw, profile_id, args)
    except ledger.Fallback:
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
        if gw is not None:
            gw.close()


def _log(gw: Any, profile_id: int, data: Any, n: int, state: dict[str, bool]) -> int:
    from .core.ledger_text import format_logged
    from .services import ledger

    with gw.write():
        logged = ledger.log(gw, profile_id, data, count=n)
    state["written"] = True
    goal = logged.goal
    sys.stdout.write(format_logged(data.outcome, logged.id, logged.day_count, goal.daily_attempts, goal.daily_cap,
                                   n, logged.local_day if data.when else None) + "\n")
    sys.stdout.flush()
    return 0


def _today(gw: Any, profile_id: int, args: Any = None) -> int:
    from .core.ledger_text import format_today
    from .services import ledger

    try:
        with gw.read():
            s = ledger.today(gw, profile_id)
            challenges = ledger.challenge_lines(gw, profile_id, s.day)
    except ledger.Fallback:
        raise
    except Exception:  # noqa: BLE001 - a read problem: the full path explains it
        raise ledger.Fallback("read failed") from None
    if getattr(args, "json", False):
        from .core.ledger_text import today_doc
        from .output import dump_json

        dump_json("today", today_doc(s, challenges))
        return 0
    sys.stdout.write(format_today(s, challenges) + "\n")
    return 0
