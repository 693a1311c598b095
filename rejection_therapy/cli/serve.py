"""`serve`: the app (every screen) in a browser, with textual-serve (rejection_therapy/serve.py)."""

from __future__ import annotations


def register(sub, common) -> None:
    p = sub.add_parser(
        "serve", parents=[common], help="the app in a browser (localhost, a token in the link)",
        description="Serve the app to a browser with textual-serve. Binds to 127.0.0.1; reach it "
                    "from another machine through an SSH tunnel (ssh -L 8000:127.0.0.1:8000 HOST).")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", default="8000", help="port (default 8000)")
    p.add_argument("--i-know-this-is-public", dest="public", action="store_true",
                   help="allow a non-local --host (the token is still required)")
    p.set_defaults(handler=cmd_serve, needs_store=False)


def cmd_serve(args, ctx) -> int:
    from ..core.errors import ValidationError
    from ..serve import prepare, serve

    raw = str(args.port).strip()
    if not (raw.isascii() and raw.isdigit()):
        raise ValidationError(f"The port {args.port!r} is not a number; use e.g. --port 8000.")
    setup = prepare(args.host, int(raw), args.public)
    try:
        serve(setup, args.db, args.profile)
    except KeyboardInterrupt:
        pass
    return 0
