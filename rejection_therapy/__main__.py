"""Entry point: no command opens the TUI; otherwise the CLI (quick paths first).

``log`` and ``today`` on a current SQLite store run on the stdlib quick path
(``rejection_therapy.quick``) and never import SQLAlchemy; everything else, and anything
unusual, takes the full path in ``cli.run``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Everything it prints (results, error sentences, both paths) goes
    through ``cli.SafeStream``; a usage mistake prints one sentence and exits 2 (SystemExit,
    as argparse does)."""
    argv = _dash_dates(list(sys.argv[1:] if argv is None else argv))
    from .output import SafeStream

    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    try:
        args = _parse(argv)
        if isinstance(args, int):
            return args
        if args.command is not None:
            return _run(args, argv)
    finally:
        sys.stdout, sys.stderr = streams
    return _launch(args)


def _parse(argv: list[str]):
    """The parsed arguments, or the exit code after one sentence on stderr. A usage mistake
    (cli.UsageError) leaves as SystemExit(2), as argparse does; a bad value (a number that is
    not one, an id that cannot exist) returns its exit code like any command's error.

    A plain ``log`` or ``today`` line is read without argparse (``quick_argv``, same spec);
    anything else, and every mistake, by argparse."""
    from .core.text import has_undecodable
    from .output import fail

    for n, word in enumerate(argv, 1):
        if has_undecodable(word):
            return fail(f"Argument {n} is not valid UTF-8 text; type it again in UTF-8.", 2)
        if "\x00" in word:  # no shell passes one; a program calling main() might
            return fail(f"Argument {n} holds a NUL character.", 2)
    if "--demo" in argv and _command_word([a for a in argv if a != "--demo"]) is not None:
        return fail("--demo only opens the app on a temporary demo store (deleted when the app "
                    "closes); run `rejection-therapy --demo` on its own.", 2)
    from .quick_argv import parse

    args = parse(argv)
    return args if args is not None else _argparse(argv)


def _argparse(argv: list[str]):
    """argv read by argparse: the parsed arguments (with the command's handler), or the exit code."""
    from .cli import UsageError
    from .core.errors import RTError
    from .output import fail

    try:
        parser = _parser_for(argv)
        _keep_global_options(parser)
        return parser.parse_args(argv)
    except UsageError as err:
        fail(str(err), err.exit_code)
        raise SystemExit(err.exit_code) from None
    except RTError as err:
        return fail(str(err), err.exit_code)


def _launch(args) -> int:
    from .output import fail

    try:
        from .tui.launch import launch
    except ImportError as err:  # pragma: no cover - only before the TUI exists
        return fail(f"The app cannot start: {err}")
    return launch(db=args.db, profile=args.profile, demo=args.demo)


def _run(args, argv: list[str]) -> int:
    from . import quick

    if quick.enabled(args):
        code = quick.try_quick(args)
        if code is not None:
            return code
    if not hasattr(args, "handler"):  # read by quick_argv: the full path needs argparse's reading
        args = _argparse(argv)
        if isinstance(args, int):
            return args
    from .cli import run

    return run(args)


def _dash_dates(argv: list[str]) -> list[str]:
    """``--date -3d`` means ``--date=-3d`` (argparse would read -3d as an option)."""
    out: list[str] = []
    for word in argv:
        if out and out[-1] in ("--date", "--since", "--until") and word[:1] == "-" and word[1:2].isdigit():
            out[-1] = f"{out[-1]}={word}"
            continue
        out.append(word)
    return out


def _command_word(argv: list[str]) -> str | None:
    """The subcommand named in argv (skipping the global options and their values)."""
    i = 0
    while i < len(argv):
        word = argv[i]
        if word in ("--db", "--profile"):
            i += 2
            continue
        if word.startswith("-"):
            i += 1
            continue
        return word
    return None


def _parser_for(argv: list[str]):
    """The full parser imports and builds every feature's ~35 subcommands (tens of ms);
    ``log`` and ``today`` get a parser with only themselves, which parses them identically."""
    from . import quick

    command = _command_word(argv)
    if command not in quick.COMMANDS or any(a in ("-h", "--help", "--version") for a in argv[:1]):
        from .cli import build_parser

        return build_parser()
    from .cli import Parser, common_parser
    from .cli.ledger import register_quick

    common = common_parser()
    parser = Parser(prog="rejection-therapy", parents=[common])
    parser.set_defaults(db=None, profile=None, demo=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    register_quick(sub, common, only=command)
    return parser


def _keep_global_options(parser) -> None:
    """``--db X log`` must keep X. The --db/--profile actions are shared (argparse
    ``parents``) between the main parser and every subcommand, and ``set_defaults(db=None)``
    on the main parser gives them a default the subcommand then writes over X. Suppress the
    actions' defaults; the main parser's own defaults still fill in None when nothing is given."""
    import argparse

    for action in parser._actions:
        if action.dest in ("db", "profile"):
            action.default = argparse.SUPPRESS


if __name__ == "__main__":
    sys.exit(main())
