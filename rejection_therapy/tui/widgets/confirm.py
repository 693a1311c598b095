"""A typed yes/no modal: ``push_screen(ConfirmScreen(question), callback)`` gets True/False.

Keys: Enter presses the focused button (the safe answer has the focus), Escape answers no,
``o`` answers yes. The logging keys (n, y, p) never answer a question: a fast typist's next
``n`` must not be taken as "stop" or "go on". While the dialog is up they are ignored, and
the dialog says so (and says it again, with the key, when one is pressed).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from ..safe import plain
from .dialog import Dialog

LOGGING_KEYS = ("n", "y", "p")
IGNORED_NOTE = "n, y and p do not log while this question is open: answer it first."


class ConfirmScreen(Dialog[bool]):
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > #confirm-box {
        width: 64; max-width: 95%; height: auto;
        border: thick $warning 60%; background: $surface; padding: 1 2;
    }
    ConfirmScreen #confirm-title { text-style: bold; color: $warning; margin-bottom: 1; }
    ConfirmScreen #confirm-note { color: $text-muted; margin-top: 1; }
    ConfirmScreen #confirm-note.-pressed { color: $warning; text-style: bold; }
    ConfirmScreen #confirm-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    ConfirmScreen Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("o", "answer(True)", "Yes", id="confirm.yes"),
        Binding("escape", "answer(False)", "No", id="confirm.no"),
        Binding(",".join(LOGGING_KEYS), "ignored", "Logging keys wait", id="confirm.ignored", show=False),
    ]

    def __init__(self, question: str, title: str = "Are you sure?", yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question, self.title_text, self.yes, self.no = question, title, yes, no
        self.ignored = 0  # logging keys pressed while the question was open

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Label(plain(self.title_text), id="confirm-title")
            yield Static(plain(self.question, multiline=True), id="confirm-question")
            yield Static(IGNORED_NOTE, id="confirm-note")
            with Horizontal(id="confirm-buttons"):
                yield Button(plain(f"{self.no} (Esc)"), id="confirm-no-button")
                yield Button(plain(f"{self.yes} (o)"), variant="warning", id="confirm-yes-button")

    def on_mount(self) -> None:
        self.query_one("#confirm-no-button", Button).focus()
        if self.ignored:
            self._show_ignored()

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    def action_ignored(self) -> None:
        self.ignored += 1
        if self.is_mounted:
            self._show_ignored()

    def _show_ignored(self) -> None:
        note = self.query_one("#confirm-note", Static)
        times = "once" if self.ignored == 1 else f"{self.ignored} times"
        note.update(f"A logging key was pressed {times} and ignored: nothing was logged. "
                    f"o: {self.yes.lower()} · Esc: {self.no.lower()}.")
        note.add_class("-pressed")

    @on(Button.Pressed, "#confirm-yes-button")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no-button")
    def _no(self) -> None:
        self.dismiss(False)
