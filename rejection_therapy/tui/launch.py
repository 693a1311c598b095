"""Building and running the app: one factory for the CLI, the tests and the benchmark."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import DbLocation, mask_url, resolve_db
from .prefetch import Prefetch

if TYPE_CHECKING:
    from .app import RejectionTherapyApp


def make_app(
    location: DbLocation,
    profile: str | None = None,
    *,
    demo: bool = False,
    offer_onboarding: bool = True,
) -> RejectionTherapyApp:
    """The app on ``location`` as ``profile``. With ``demo`` the (temporary) file at
    ``location`` is filled with sample data first, in the same worker that opens it."""

    def opener():
        from ..services.context import AppContext

        if demo:
            from ..services.demo import DEMO_PROFILE, create_demo_store

            create_demo_store(location.path)
            return AppContext.open(location, DEMO_PROFILE)
        return AppContext.open(location, profile)

    def read():  # today's figures through the stdlib adapter, before SQLAlchemy
        from .first_figures import read_first

        return read_first(location, profile)

    # Started before Textual is imported: on a second core where it can (tui/prefetch.py)
    prefetch = None if demo else Prefetch.start(read)
    from .app import RejectionTherapyApp

    app = RejectionTherapyApp(opener, location, offer_onboarding=offer_onboarding and not demo, demo=demo,
                              first_reader=None if prefetch is None else prefetch.result)
    app.prefetch = prefetch
    return app


def demo_location() -> tuple[DbLocation, Path]:
    """A fresh temporary folder and the demo database file inside it."""
    folder = Path(tempfile.mkdtemp(prefix="rejection-therapy-demo-"))
    return resolve_db(str(folder / "demo.db")), folder


def _clean_up_on_signals(app: RejectionTherapyApp, folder: Path) -> None:
    """Closing the terminal (SIGHUP) or a kill (SIGTERM) during --demo: delete the temporary
    demo folder at once, then let the app close and restore the terminal."""
    import signal

    def handler(signum: int, _frame) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        signal.signal(signum, signal.SIG_DFL)
        try:
            app.exit(return_code=128 + signum)
        except Exception:  # noqa: BLE001 - the app is not running: end the process the default way
            os.kill(os.getpid(), signum)

    for sig in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(sig, handler)


def launch(db: str | None = None, profile: str | None = None, demo: bool = False) -> int:
    """Run the app in the terminal; returns the exit code."""
    import sys

    folder: Path | None = None
    try:
        if demo:
            location, folder = demo_location()
        else:
            location = resolve_db(db)
        app = make_app(location, profile, demo=demo)
        if folder is not None:
            _clean_up_on_signals(app, folder)
        app.run()
        return app.return_code or 0
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # noqa: BLE001 - the last guard: one sentence, no password
        print(f"rejection-therapy: the app stopped ({type(err).__name__}): {mask_url(str(err))}", file=sys.stderr)
        return 70
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
