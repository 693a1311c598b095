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
import sys
from collections.abc import Sequence

from .. import __version__
from ..config import mask_url

FEATURES = ("ledger", "challenges", "insights", "team", "learn", "edit", "housekeeping", "settings_cmd", "people", "json_out", "crm", "backups", "completion")


def common_parser() -> argparse.ArgumentParser:
    # SUPPRESS: a subcommand's --db must not reset the value given before the command.
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument("--db", metavar="PATH_OR_URL", help="database file or URL (default: your data folder; env REJECTION_THERAPY_DB)")
    common.add_argument("--profile", metavar="NAME", help="act as this profile (env REJECTION_THERAPY_PROFILE)")
    return common


def build_parser() -> argparse.ArgumentParser:
    import importlib

    common = common_parser()
    parser = argparse.ArgumentParser(
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


def fail(message: str, code: int = 1) -> int:
    print(f"rejection-therapy: {mask_url(message)}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    """Open the store as the profile, run the handler, turn every error into one sentence."""
    from ..core.errors import RTError

    ctx = None
    try:
        if getattr(args, "needs_store", True):
            from ..config import resolve_db
            from ..services.context import AppContext

            ctx = AppContext.open(resolve_db(args.db), args.profile)
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
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    return run(args)
