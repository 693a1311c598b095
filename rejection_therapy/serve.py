"""`rejection-therapy serve`: the Textual app in a browser, with textual-serve.

Safe by default: it binds to localhost (a team lead reaches it through an SSH tunnel), a
non-local address needs ``--i-know-this-is-public``, and every request needs the random token
printed on start: ``/?token=…`` once (the page then sets an HttpOnly, SameSite=Strict cookie
that the websocket and the static files carry). A request without it gets 403 and never
starts the app. The database URL reaches the app through the environment, never the command
line (``ps`` would show a password).

Imports neither Textual nor SQLAlchemy: each browser session runs the app in its own process.
"""

from __future__ import annotations

import errno
import hmac
import ipaddress
import os
import secrets
import shlex
import socket
import sys
from dataclasses import dataclass

from .core.errors import ValidationError

COOKIE = "rt_serve_token"
PUBLIC_FLAG = "--i-know-this-is-public"


@dataclass(frozen=True)
class ServeSetup:
    host: str
    port: int
    token: str

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/?token={self.token}"


def is_local(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_host(host: str, public: bool) -> str:
    host = (host or "").strip()
    if not host:
        raise ValidationError("Give a host to serve on, e.g. --host 127.0.0.1.")
    if not is_local(host) and not public:
        raise ValidationError(
            f"Serving on {host!r} lets anyone who can reach this machine open the app; use an SSH "
            f"tunnel to 127.0.0.1 instead, or add {PUBLIC_FLAG} (the token is still required)."
        )
    return host


def check_port(host: str, port: int) -> None:
    """Refuse a port that is in use (or not ours to take) before anything starts."""
    if not 1 <= port <= 65535:
        raise ValidationError(f"The port {port} is not a port; use 1 to 65535 (default 8000).")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    probe = socket.socket(family, socket.SOCK_STREAM)
    try:
        probe.bind((host.strip("[]"), port))
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            raise ValidationError(
                f"The port {port} on {host} is in use by another program; pick another with --port."
            ) from None
        raise ValidationError(f"Cannot serve on {host}:{port}: {err.strerror or err}.") from None
    finally:
        probe.close()


def token_ok(request, token: str) -> bool:
    given = request.query.get("token") or request.cookies.get(COOKIE) or ""
    return hmac.compare_digest(given.encode(), token.encode())


def make_server(setup: ServeSetup, command: str):
    """A textual-serve Server whose every route asks for the token."""
    from aiohttp import web
    from textual_serve.server import Server

    class TokenServer(Server):
        async def _make_app(self):
            app = await super()._make_app()

            @web.middleware
            async def require_token(request, handler):
                if not token_ok(request, setup.token):
                    return web.Response(status=403, text="This rejection-therapy server needs the "
                                        "link with its token (printed when it started).\n")
                response = await handler(request)
                if request.query.get("token") and isinstance(response, web.Response):
                    response.set_cookie(COOKIE, setup.token, httponly=True, samesite="Strict")
                return response

            app.middlewares.append(require_token)
            return app

        async def on_startup(self, app) -> None:
            print(f"Serving rejection-therapy on {setup.url}", flush=True)
            print("Open that link (it holds the token); Ctrl+C stops the server.", flush=True)

    host = f"[{setup.host}]" if ":" in setup.host else setup.host
    return TokenServer(command, host=setup.host, port=setup.port, title="rejection-therapy",
                       public_url=f"http://{host}:{setup.port}")


def app_command(profile: str | None) -> str:
    parts = [sys.executable, "-m", "rejection_therapy"]
    if profile:
        parts += ["--profile", profile]
    return shlex.join(parts)


def prepare(host: str, port: int, public: bool) -> ServeSetup:
    host = check_host(host, public)
    check_port(host, port)
    return ServeSetup(host, port, secrets.token_urlsafe(24))


def serve(setup: ServeSetup, db: str | None, profile: str | None) -> None:
    """Run until Ctrl+C. The app processes inherit the database through the environment."""
    try:
        import textual_serve  # noqa: F401
    except ModuleNotFoundError:
        raise ValidationError(
            "Serving needs textual-serve; install it with: pip install 'rejection-therapy[serve]'."
        ) from None
    if db:
        os.environ["REJECTION_THERAPY_DB"] = db
    make_server(setup, app_command(profile)).serve()
