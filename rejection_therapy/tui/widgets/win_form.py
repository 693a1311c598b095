"""The small-win modal: text and an optional attempt to link it to.

    app.push_screen(WinFormScreen(), done)    # done((text, attempt_id)) or done(None)
    WinFormScreen(text=w.text, attempt_id=w.attempt_id, title="Edit win")  # for edits
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from ...core.errors import ValidationError
from ...core.text import clean_text
from ..safe import plain
from .dialog import Dialog, EnterInput

PROMPT = "Made all your calls? Had a good conversation? Learned something about your pitch?"


def parse_attempt_id(raw: str) -> int | None:
    raw = raw.strip().lstrip("#")
    if not raw:
        return None
    if not raw.isdigit() or int(raw) <= 0:
        raise ValidationError("The attempt number is a whole number such as 12 (or leave it empty).")
    return int(raw)


class WinFormScreen(Dialog[tuple[str, int | None] | None]):
    DEFAULT_CSS = """
    WinFormScreen { align: center middle; }
    WinFormScreen > #win-box {
        width: 72; max-width: 96%; height: auto;
        border: thick $success 50%; background: $surface; padding: 1 2;
    }
    WinFormScreen #win-title { text-style: bold; color: $success; }
    WinFormScreen #win-prompt { color: $text-muted; margin-bottom: 1; }
    WinFormScreen #win-error { color: $error; text-style: bold; height: auto; }
    WinFormScreen #win-error.-empty { display: none; }
    WinFormScreen #win-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    WinFormScreen #win-buttons Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="win-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="win-cancel"),
    ]

    def __init__(self, text: str = "", attempt_id: int | None = None, title: str = "A small win") -> None:
        super().__init__()
        self.initial_text, self.initial_attempt, self.form_title = text, attempt_id, title

    def compose(self) -> ComposeResult:
        with Vertical(id="win-box"):
            yield Label(plain(self.form_title), id="win-title")
            yield Static(PROMPT, id="win-prompt")
            yield EnterInput(self.initial_text, placeholder="what went well", id="win-text")
            yield EnterInput("" if self.initial_attempt is None else str(self.initial_attempt),
                        placeholder="attempt # it belongs to (optional)", id="win-attempt")
            yield Static("", id="win-error", classes="-empty")
            with Horizontal(id="win-buttons"):
                yield Button("Cancel (Esc)", id="win-cancel-button")
                yield Button("Save (Enter)", variant="success", id="win-save-button")

    def on_mount(self) -> None:
        self.query_one("#win-text", Input).focus()

    def action_save(self) -> None:
        try:
            text = clean_text(self.query_one("#win-text", Input).value, "win", max_len=1000, required=True)
            attempt_id = parse_attempt_id(self.query_one("#win-attempt", Input).value)
        except ValidationError as err:
            error = self.query_one("#win-error", Static)
            error.update(plain(str(err)))
            error.remove_class("-empty")
            return
        self.dismiss((text or "", attempt_id))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#win-save-button")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#win-cancel-button")
    def _cancel(self) -> None:
        self.action_cancel()
