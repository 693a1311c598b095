"""Export, import or back up from the palette: a file name, a progress bar, one line of result.

The work runs in a thread worker (services.data_files) and reports ``progress(done, total)``;
the bar follows it (at most every PAINT_EVERY seconds, and always at the end), so the app
stays responsive on a file of 100,000 attempts. The result stays in the dialog ("Exported
12,345 attempts to FILE."); bad input (a missing folder, an unwritable path, a file that is
not an export) is one sentence under the name, with nothing written, and the name can be
fixed and tried again. Esc while it runs cancels: nothing is written.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, ProgressBar, Static

from ...core.errors import RTError
from ..base import report_error
from ..safe import plain
from ..widgets.dialog import Dialog, EnterInput

PAINT_EVERY = 0.05  # seconds between two bar updates from the worker

Job = Callable[[Any, str, Callable[[int, int], None]], str]  # (ctx, path, progress) -> sentence


class Cancelled(RTError):
    """Esc while the job runs (raised from the progress callback, in the worker)."""


class DataFileScreen(Dialog[str | None]):
    DEFAULT_CSS = """
    DataFileScreen { align: center middle; }
    DataFileScreen > Vertical { width: 72; max-width: 95%; height: auto; padding: 1 2;
        border: thick $primary 50%; background: $surface; }
    DataFileScreen .title { text-style: bold; color: $primary; margin-bottom: 1; }
    DataFileScreen #df-error { color: $error; height: auto; }
    DataFileScreen #df-progress { margin-top: 1; }
    DataFileScreen #df-result { height: auto; margin-top: 1; }
    DataFileScreen #df-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    DataFileScreen Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="df.cancel")]

    def __init__(self, title: str, value: str, job: Job, verb: str) -> None:
        super().__init__()
        self.title_text, self.value, self.job, self.verb = title, value, job, verb
        self.running = False
        self.result: str | None = None
        self._cancel = threading.Event()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(plain(self.title_text), classes="title")
            yield EnterInput(value=self.value, placeholder="a file name", id="df-input", max_length=1000)
            yield Static("", id="df-error")
            yield ProgressBar(id="df-progress", show_eta=True)
            yield Static("", id="df-result")
            with Horizontal(id="df-buttons"):
                yield Button("Cancel (esc)", id="df-cancel")
                yield Button(f"{self.verb} (enter)", variant="primary", id="df-start")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self.query_one(Input).focus()

    # ---- running ---------------------------------------------------------------------

    @on(Input.Submitted)
    @on(Button.Pressed, "#df-start")
    def start(self) -> None:
        if self.result is not None:  # done: Enter closes
            self.dismiss(self.result)
            return
        if self.running:
            return
        path = self.query_one(Input).value
        self.running = True
        self._cancel.clear()
        self.query_one("#df-error", Static).update("")
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)  # indeterminate until the job knows its size
        bar.display = True
        for eta in bar.query("ETAStatus"):
            eta.display = True
        self.query_one(Input).disabled = True
        self.query_one("#df-start", Button).disabled = True
        app, painted = self.app, [0.0]

        def progress(done: int, total: int) -> None:  # worker thread
            if self._cancel.is_set():
                raise Cancelled(f"{self.verb} cancelled; nothing was written.")
            now = time.monotonic()
            if done >= total or now - painted[0] >= PAINT_EVERY:
                painted[0] = now
                app.call_from_thread(self._paint, done, total)

        def work() -> None:
            try:
                sentence = self.job(app.bridge.get(), path, progress)
            except BaseException as err:  # noqa: BLE001 - every error is said in the dialog
                app.call_from_thread(self._failed, err)
                return
            app.call_from_thread(self._done, sentence)

        self.run_worker(work, thread=True, group="data-file", exclusive=True, exit_on_error=False)

    def _paint(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done if total else 1)

    def _done(self, sentence: str) -> None:
        self.running = False
        self.result = sentence
        bar = self.query_one(ProgressBar)
        bar.update(total=bar.total or 1, progress=bar.total or 1)
        for eta in bar.query("ETAStatus"):  # "--:--:--" once done says nothing
            eta.display = False
        self.query_one("#df-result", Static).update(plain(sentence))
        self.query_one("#df-cancel", Button).display = False
        close = self.query_one("#df-start", Button)
        close.label, close.disabled = "Close (enter)", False
        close.focus()

    def _failed(self, err: BaseException) -> None:
        self.running = False
        self.query_one(ProgressBar).display = False
        box = self.query_one(Input)
        box.disabled = False
        self.query_one("#df-start", Button).disabled = False
        box.focus()
        if isinstance(err, RTError):
            self.query_one("#df-error", Static).update(plain(str(err)))
        else:
            self.query_one("#df-error", Static).update("Nothing was written.")
            report_error(self.app, err)  # masked, logged: never a traceback

    # ---- leaving ---------------------------------------------------------------------

    @on(Button.Pressed, "#df-cancel")
    def action_cancel(self) -> None:
        if self.running:  # stop the job; the dialog stays to say nothing was written
            self._cancel.set()
            self.query_one("#df-error", Static).update("Stopping…")
            return
        self.dismiss(self.result)
