"""Entry point: no command opens the TUI; otherwise the CLI (quick paths first)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from .cli import build_parser, fail, run

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        try:
            from .tui.launch import launch
        except ImportError as err:  # pragma: no cover - only before the TUI exists
            return fail(f"The app cannot start: {err}")
        return launch(db=args.db, profile=args.profile, demo=args.demo)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
