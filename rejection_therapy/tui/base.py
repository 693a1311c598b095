"""How screens reach the store: off the UI thread, errors as notifications.

``app.bridge`` opens the AppContext in a worker after the first frame; ``run_db(node, fn,
done)`` runs ``fn(ctx)`` in a thread worker and hands the result to ``done`` on the UI
thread. An RTError becomes an error notification; any other exception becomes a
notification with the password masked. The app never crashes on a database error.

    class MyScreen(DataScreen):
        def load_data(self, ctx):            # worker thread
            with ctx.store.read() as s:
                return services.x.summary(s, ctx.profile_id)
        def show_data(self, data): ...       # UI thread
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.dom import DOMNode
from textual.screen import Screen

from ..config import mask_url
from ..core.errors import RTError

if TYPE_CHECKING:
    from .app_services import DataChanged

T = TypeVar("T")
log = logging.getLogger("rejection_therapy.tui")


class StoreBridge:
    """Opens the AppContext once (in a worker) and hands it to every later worker."""

    def __init__(self, opener: Callable[[], Any], on_open: Callable[[Any], None] | None = None) -> None:
        self._opener = opener
        self._on_open = on_open  # runs before any worker gets the context (the change watch)
        self._ready = threading.Event()
        self.ctx: Any = None
        self.error: RTError | None = None

    def open(self) -> None:
        try:
            self.ctx = self._opener()
            if self._on_open is not None:
                try:
                    self._on_open(self.ctx)
                except Exception as err:  # noqa: BLE001 - the app works without it
                    log.warning("after opening the store: %s", mask_url(repr(err)))
        except RTError as err:
            self.error = err
        except Exception as err:  # noqa: BLE001
            self.error = RTError(f"The database could not be opened: {mask_url(str(err))}")
        finally:
            self._ready.set()

    def get(self, timeout: float = 60) -> Any:
        if not self._ready.wait(timeout):
            raise RTError("The database is taking too long to open; is another program holding it?")
        if self.error is not None:
            raise self.error
        return self.ctx

    def cancel(self, reason: str = "The app is closing.") -> None:
        """Wake every worker waiting in get() (the app exits before the store opened)."""
        if not self._ready.is_set():
            self.error = RTError(reason)
            self._ready.set()

    @property
    def ready(self) -> bool:
        return self._ready.is_set() and self.error is None

    def close(self) -> None:
        if self.ctx is not None:
            self.ctx.close()


def report_error(app, err: BaseException) -> None:
    """Show an error as a notification (called on the UI thread)."""
    if isinstance(err, RTError):
        # markup=False: error sentences quote user text ("a profile named '[/x]'…").
        app.notify(str(err), title="Nothing was changed", severity="error", timeout=8, markup=False)
    else:
        log.error("unexpected error: %s", mask_url(repr(err)))
        app.notify(
            f"Something went wrong ({type(err).__name__}): {mask_url(str(err))}",
            title="Unexpected error",
            severity="error",
            timeout=10,
            markup=False,
        )


def run_db(
    node: DOMNode,
    fn: Callable[[Any], T],
    done: Callable[[T], None] | None = None,
    *,
    group: str = "db",
    exclusive: bool = False,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Run ``fn(ctx)`` in a thread worker; ``done(result)`` runs on the UI thread."""
    app = node.app

    def work() -> None:
        try:
            result = fn(app.bridge.get())
        except BaseException as err:  # noqa: BLE001 - every error becomes a notification
            app.call_from_thread(on_error or (lambda e: report_error(app, e)), err)
            return
        if done is not None:
            app.call_from_thread(done, result)

    node.run_worker(work, thread=True, group=group, exclusive=exclusive, exit_on_error=False)


class DataScreen(Screen):
    """A screen that (re)loads its data in a worker whenever it is shown."""

    def on_screen_resume(self) -> None:
        self.reload()

    def on_data_changed(self, _message: DataChanged) -> None:  # another writer
        self.reload()

    def reload(self) -> None:
        run_db(self, self.load_data, self.show_data, group=f"load-{id(self)}", exclusive=True)

    def load_data(self, ctx: Any) -> Any:  # worker thread
        return None

    def show_data(self, data: Any) -> None:  # UI thread
        pass


def undo_last(screen: Any, restore: Callable[[Any, dict[str, Any]], T], done: Callable[[T], None]) -> None:
    """Undo on a screen that keeps ``undo_stack`` (snapshots of deleted rows): take the newest
    off and put it back with ``restore(session, snapshot)`` in one write, in a worker; a
    warning when there is nothing to undo, an error notification when the store refuses."""
    if not screen.undo_stack:
        screen.notify("Nothing to undo.", severity="warning")
        return
    snapshot = screen.undo_stack.pop()

    def work(ctx: Any) -> T:
        with ctx.store.write() as s:
            return restore(s, snapshot)

    run_db(screen, work, done, on_error=lambda err: report_error(screen.app, err))
