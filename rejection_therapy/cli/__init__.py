"""The command line. Imports nothing from tui/ and nothing heavy at module level.

Each feature module below exposes ``register(sub, common)``: it adds its subcommands to the
argparse sub-parsers, with ``parents=[common]`` (--db, --profile), and sets
``handler=function(args, ctx) -> int`` where ``ctx`` is an opened AppContext. A module that
needs no store (e.g. ``backup`` of a file) sets ``needs_store=False`` and gets ``ctx=None``.
Handlers import services lazily, so ``--help`` never loads SQLAlchemy.
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Sequence

from .. import __version__
from ..core.errors import ValidationError
from ..output import SafeStream, fail, raw_stdout  # noqa: F401 (the commands import them from here)

FEATURES = ("ledger", "challenges", "insights", "team", "learn", "exposure", "edit", "housekeeping", "settings_cmd", "people",
            "json_out", "crm", "backups", "completion")


class UsageError(ValidationError):
    """argparse could not read the command line (exit 2, SystemExit as argparse does)."""


class Parser(argparse.ArgumentParser):
    """argparse with one-sentence errors: a usage mistake raises UsageError (one line on
    stderr, exit 2) instead of printing a usage block. Sub-parsers inherit the class."""

    def error(self, message: str):  # noqa: D401 - argparse's hook
        found = re.match(r"argument [^:]+: ([A-Z].*)$", message, re.DOTALL)
        if found:  # our own sentence, raised by a type= function
            text = found.group(1)
        else:
            text = message[:1].upper() + message[1:]
            text = text.rstrip(".") + f"; see '{self.prog} --help'"
        raise UsageError(" ".join(text.split()).rstrip(".") + ".")


class Id(int):
    """An id parsed from argv; ``what`` names it in "There is no attempt #N."."""

    what = "attempt"


def id_arg(what: str = "attempt"):
    """argparse ``type=`` for an id: 1 to core.numbers.MAX_ID, larger ids are not found."""
    from ..core.numbers import parse_id

    def parse(text: str) -> Id:
        value = Id(parse_id(text, what))
        value.what = what
        return value

    parse.__name__ = f"{what} number"
    return parse


def int_arg(what: str, minimum: int | None = None, maximum: int | None = None):
    """argparse ``type=`` for a whole number (ASCII digits only) in [minimum, maximum]. A bad
    value raises ValidationError, which argparse lets through: exit 2 with that sentence."""
    from ..core.numbers import parse_int

    def parse(text: str) -> int:
        return parse_int(text, what, minimum=minimum, maximum=maximum)

    parse.__name__ = what
    return parse


def in_store(ctx, fn, *args, write: bool = True):
    """``fn(session, profile_id, *args)`` (a service call) in one transaction of the store:
    a write (committed) or, with ``write=False``, a read. Its result is the handler's to show."""
    with ctx.store.write() if write else ctx.store.read() as s:
        return fn(s, ctx.profile_id, *args)


def check_ids(args: argparse.Namespace, ctx) -> None:
    """Ids the store cannot hold are not found, without a query (PostgreSQL ids are 32-bit)."""
    from ..core.numbers import MAX_ID, MAX_ID_POSTGRESQL, check_id

    limit = MAX_ID_POSTGRESQL if ctx.store.dialect == "postgresql" else MAX_ID
    for value in vars(args).values():
        if isinstance(value, Id):
            check_id(value, value.what, limit)


def common_parser() -> argparse.ArgumentParser:
    # SUPPRESS: a subcommand's --db must not reset the value given before the command.
    from ..quick_argv import COMMON, add_to

    common = Parser(add_help=False, argument_default=argparse.SUPPRESS)
    add_to(common, COMMON)  # one spec with the quick path's reader (quick_argv)
    return common


def build_parser() -> argparse.ArgumentParser:
    import importlib

    common = common_parser()
    parser = Parser(
        prog="rejection-therapy",
        description="Log every attempt, watch effort grow. With no command, opens the app.",
        # Its own copy: argparse shares parent actions, and set_defaults below would
        # otherwise give the subcommands' --db a default that overwrites "--db X COMMAND".
        parents=[common_parser()],
    )
    parser.set_defaults(db=None, profile=None)
    parser.add_argument("--version", action="version", version=f"rejection-therapy {__version__}")
    parser.add_argument("--demo", action="store_true", help="open the app on a temporary demo database")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in FEATURES:
        module = importlib.import_module(f"{__name__}.{name}")
        module.register(sub, common)
    return parser


def write_colored(text: str) -> None:
    """Text the app drew with SGR colours: colours kept, every other control escaped."""
    from ..core.text import printable

    raw_stdout().write(printable(text, keep_colors=True))


def run(args: argparse.Namespace) -> int:
    """Open the store as the profile, run the handler, turn every error into one sentence."""
    from ..core.errors import RTError

    ctx = None
    try:
        if getattr(args, "needs_store", True):
            from ..config import resolve_db
            from ..services.context import AppContext

            ctx = AppContext.open(resolve_db(args.db), args.profile)
            check_ids(args, ctx)
        return int(args.handler(args, ctx) or 0)
    except RTError as err:
        return fail(str(err), err.exit_code)
    except KeyboardInterrupt:
        return fail("Interrupted; nothing more was written.", 130)
    except BrokenPipeError:
        return 0
    except Exception as err:  # noqa: BLE001 - the last guard: no traceback for the user
        if os.environ.get("REJECTION_THERAPY_DEBUG"):
            raise
        return fail(f"Unexpected error ({type(err).__name__}): {err}. Nothing was changed.", 70)
    finally:
        if ctx is not None:
            ctx.close()


def main(argv: Sequence[str] | None = None) -> int:
    """The same entry point as ``python -m rejection_therapy``."""
    from ..__main__ import main as entry

    return entry(argv)
