"""The dashboard's first figures at the speed of a bare app (issue 12, item 5).

After its first frame the dashboard asks the app for today's figures
(``FirstFigures.load_first_figures``). On a current SQLite store in WAL mode they come from
the ledger's stdlib adapter (``services.ledger.dashboard``: the services and rules of the
quick path), read in a thread worker while the dashboard mounts its widgets; the dashboard
opens the store (the SQLAlchemy import) only once they are painted (an import in a thread
slows the UI thread through the GIL). Anything else (a new store, an
older schema, PostgreSQL, the demo, a failed read) takes the full path at once. Keys pressed
before the store is open wait for it in their workers (``base.StoreBridge.get``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, NamedTuple

log = logging.getLogger("rejection_therapy.tui")


class Figures(NamedTuple):
    """``services.ledger.DashboardFigures``, in a class whose unpickling (tui.prefetch) needs
    only the core modules of the summary, not the ledger and its sqlite3 adapter."""

    summary: Any  # core.today.TodaySummary
    cap: int | None
    effort_only: bool


def read_first(location: Any, profile: str | None) -> Figures | None:
    """``Figures`` read through the ledger's stdlib adapter (``services.ledger.dashboard``), or
    None when the full path must bring them (the reason is logged)."""
    from ..services import ledger

    try:
        gw, profile_id = ledger.open_quick(location, profile)
    except Exception as err:  # noqa: BLE001 - Fallback, or anything odd: the full path decides
        log.info("first figures: full path (%s)", type(err).__name__)
        return None
    try:
        with gw.read():
            figures = ledger.dashboard(gw, profile_id)
        return Figures(figures.summary, figures.cap, figures.effort_only)
    except Exception as err:  # noqa: BLE001 - the full path explains a read problem
        log.info("first figures: full path after %s", type(err).__name__)
        return None
    finally:
        gw.close()


class FirstFigures:
    """Mixin of the app: ``load_first_figures(show)`` hands the dashboard its first figures,
    or None (the dashboard then opens the store: the SQLAlchemy import)."""

    first_reader: Callable[[], Any] | None = None  # set by launch.make_app
    prefetch: Any = None  # launch.make_app: the child process reading them (tui.prefetch)
    _first_pending = False  # the first figures are being read

    def drop_first_reader(self) -> None:
        """The app ends before the dashboard asked for its figures: reap the reading child."""
        if self.first_reader is not None and self.prefetch is not None:
            self.first_reader = None
            self.prefetch.close()

    def open_store_fallback(self) -> None:
        """The app's start-up timer: open the store, unless the first figures are still being
        read (the dashboard opens it once they are on screen; a write must not finish first)."""
        app: Any = self
        if self._first_pending:
            app.set_timer(1.0, self.open_store_fallback)
        else:
            app.open_store()

    def load_first_figures(self, show: Callable[[Any], None]) -> None:
        app: Any = self
        reader, self.first_reader = self.first_reader, None
        if reader is None:
            show(None)
            return

        def work() -> None:
            try:
                figures = reader()
            except Exception:  # noqa: BLE001 - read_first catches what it expects
                log.exception("first figures failed")
                figures = None
            app.call_from_thread(self._first_figures_read, figures, show)

        self._first_pending = True
        app.run_worker(work, thread=True, group="first-figures", exit_on_error=False)

    def _first_figures_read(self, figures: Any, show: Callable[[Any], None]) -> None:
        app: Any = self
        self._first_pending = False
        if figures is not None:
            theme = figures.summary.settings.theme  # the user's theme with the first figures
            if theme in app.available_themes and theme != app.theme:
                app.theme = theme  # not saved back: the app saves theme changes once the store is open
        show(figures)
