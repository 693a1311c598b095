"""A typed yes/no modal: ``push_screen(ConfirmScreen(question), callback)`` gets True/False."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ..safe import plain


class ConfirmScreen(ModalScreen[bool]):
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > #confirm-box {
        width: 64; max-width: 95%; height: auto;
        border: thick $warning 60%; background: $surface; padding: 1 2;
    }
    ConfirmScreen #confirm-title { text-style: bold; color: $warning; margin-bottom: 1; }
    ConfirmScreen #confirm-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    ConfirmScreen Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]

    def __init__(self, question: str, title: str = "Are you sure?", yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question, self.title_text, self.yes, self.no = question, title, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Label(plain(self.title_text), id="confirm-title")
            yield Static(plain(self.question, multiline=True), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(plain(f"{self.no} (n)"), id="confirm-no-button")
                yield Button(plain(f"{self.yes} (y)"), variant="warning", id="confirm-yes-button")

    def on_mount(self) -> None:
        self.query_one("#confirm-no-button", Button).focus()

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    @on(Button.Pressed, "#confirm-yes-button")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no-button")
    def _no(self) -> None:
        self.dismiss(False)
