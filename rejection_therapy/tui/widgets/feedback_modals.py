"""The Follow-ups screen's modals: snooze for how many days, the feedback request (editable;
copy it or write it to a file) and the feedback template editor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static, TextArea

from ...core import learn
from ..base import run_db
from ..safe import plain
from ..state import app_state
from .dialog import Dialog, EnterInput, open_dialog

if TYPE_CHECKING:
    from ...core.settings import Settings


class SnoozeScreen(Dialog[int | None]):
    """How many days to snooze a follow-up."""

    DEFAULT_CSS = """
    SnoozeScreen { align: center middle; }
    SnoozeScreen > Vertical { width: 48; height: auto; padding: 1 2; border: thick $primary; background: $surface; }
    SnoozeScreen #snooze-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    SnoozeScreen Button { margin-left: 1; }
    SnoozeScreen #snooze-error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="fb.ss-dismiss")]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Snooze for how many days?")
            yield EnterInput(str(learn.DEFAULT_SNOOZE_DAYS), type="integer", id="snooze-days")
            yield Static("", id="snooze-error")
            with Horizontal(id="snooze-buttons"):
                yield Button("Cancel", id="snooze-cancel")
                yield Button("Snooze", variant="primary", id="snooze-ok")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#snooze-ok")
    def _ok(self, event) -> None:
        event.stop()
        try:
            days = learn.check_snooze_days(self.query_one(Input).value)
        except Exception as err:  # noqa: BLE001 - ValidationError: say it, keep the modal open
            self.query_one("#snooze-error", Static).update(plain(str(err)))
            return
        self.dismiss(days)

    @on(Button.Pressed, "#snooze-cancel")
    def _cancel(self, event) -> None:
        event.stop()
        self.dismiss(None)


class FeedbackScreen(Dialog[None]):
    """The feedback request, editable; copy it (ctrl+y) or write it to a file (ctrl+s)."""

    DEFAULT_CSS = """
    FeedbackScreen { align: center middle; }
    FeedbackScreen > Vertical { width: 84; max-width: 96%; height: auto; max-height: 95%;
        padding: 1 2; border: thick $accent; background: $surface; }
    FeedbackScreen #fb-title { text-style: bold; margin-bottom: 1; }
    FeedbackScreen TextArea { height: 14; }
    FeedbackScreen #fb-file-row { height: auto; margin-top: 1; }
    FeedbackScreen #fb-file-row Input { width: 1fr; }
    FeedbackScreen #fb-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    FeedbackScreen Button { margin-left: 1; }
    FeedbackScreen #fb-hint { color: $text-muted; height: auto; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close", id="fb.fs-close"),
        Binding("ctrl+y", "copy", "Copy", id="fb.fs-copy"),
        Binding("ctrl+s", "save_file", "Save to file", id="fb.fs-save-file"),
    ]

    def __init__(self, attempt_id: int, text: str, target: str | None) -> None:
        super().__init__()
        self.attempt_id, self.text, self.target = attempt_id, text, target

    def compose(self) -> ComposeResult:
        with Vertical():
            title = Text(f"Feedback request for #{self.attempt_id}: ")
            title.append_text(plain(self.target or "(no name)"))
            yield Label(title, id="fb-title")
            yield TextArea(self.text, id="fb-text", soft_wrap=True, show_line_numbers=False)
            yield Static("Edit it here; ctrl+y copies it, ctrl+s writes it to the file below.", id="fb-hint")
            with Horizontal(id="fb-file-row"):
                yield EnterInput(f"feedback-{self.attempt_id}.txt", placeholder="file name", id="fb-file")
            with Horizontal(id="fb-buttons"):
                yield Button("Close", id="fb-close")
                yield Button("Save to file", id="fb-save")
                yield Button("Copy", variant="primary", id="fb-copy")

    def on_mount(self) -> None:
        self.query_one("#fb-copy", Button).focus()

    @property
    def current_text(self) -> str:
        return self.query_one("#fb-text", TextArea).text

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.current_text)
        self.notify("Copied (where the terminal allows it). Save it to a file if pasting does not work.",
                    timeout=4)

    def action_save_file(self) -> None:
        from ...services import feedback

        name, text = self.query_one("#fb-file", Input).value.strip(), self.current_text
        if not name:
            self.notify("Give a file name first.", severity="warning")
            return
        run_db(self, lambda _ctx: feedback.write_text(name, text),
               lambda path: self.notify(Text(f"Written to {path}"), timeout=5))

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#fb-copy")
    def _copy(self, event) -> None:
        event.stop()
        self.action_copy()

    @on(Button.Pressed, "#fb-save")
    @on(Input.Submitted, "#fb-file")
    def _save(self, event) -> None:
        event.stop()
        self.action_save_file()

    @on(Button.Pressed, "#fb-close")
    def _close(self, event) -> None:
        event.stop()
        self.dismiss(None)


class TemplateScreen(Dialog[str | None]):
    """Edit the feedback template; returns the new text, "" to reset, None to cancel."""

    DEFAULT_CSS = """
    TemplateScreen { align: center middle; }
    TemplateScreen > Vertical { width: 84; max-width: 96%; height: auto; max-height: 95%;
        padding: 1 2; border: thick $primary; background: $surface; }
    TemplateScreen TextArea { height: 14; }
    TemplateScreen #tpl-hint { color: $text-muted; height: auto; margin-bottom: 1; }
    TemplateScreen #tpl-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    TemplateScreen Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="fb.ts-dismiss"), Binding("ctrl+s", "save", "Save", id="fb.ts-save")]

    def __init__(self, template: str) -> None:
        super().__init__()
        self.template = template

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Feedback request template", classes="title")
            yield Static("{name} becomes the attempt's name, {channel} its channel, {date} its day. "
                         "Plain text; keep it short and kind.", id="tpl-hint", markup=False)
            yield TextArea(self.template, id="tpl-text", soft_wrap=True)
            with Horizontal(id="tpl-buttons"):
                yield Button("Cancel", id="tpl-cancel")
                yield Button("Reset to default", id="tpl-reset")
                yield Button("Save (ctrl+s)", variant="primary", id="tpl-save")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    @on(Button.Pressed, "#tpl-save")
    def _save(self, event) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#tpl-reset")
    def _reset(self, event) -> None:
        event.stop()
        self.dismiss("")

    @on(Button.Pressed, "#tpl-cancel")
    def _cancel(self, event) -> None:
        event.stop()
        self.dismiss(None)


def open_feedback_request(node: Any, attempt_id: int) -> None:
    """Fill the feedback template for the attempt (in a worker) and show it in FeedbackScreen."""
    from ...services import feedback

    def load(ctx: Any) -> Any:
        with ctx.store.read() as s:
            return feedback.request_for(s, ctx.profile_id, attempt_id)

    run_db(node, load, lambda req: open_dialog(node, FeedbackScreen(req.attempt_id, req.text, req.target)))


def edit_template(node: Any) -> None:
    """Open the template editor; save (or reset) the template and refresh the app's settings."""
    from ...services import feedback

    def load(ctx: Any) -> str:
        with ctx.store.read() as s:
            return feedback.template(s, ctx.profile_id)

    def save(text: str | None) -> None:
        if text is None:
            return
        value = text or None  # "" resets to the default

        def write(ctx: Any) -> Settings:
            with ctx.store.write() as s:
                feedback.set_template(s, ctx.profile_id, value)
                from ...services import settings as settings_svc

                return settings_svc.load(s, ctx.profile_id)

        def saved(new_settings: Settings) -> None:
            app_state(node).settings = new_settings
            node.notify("Feedback template saved." if value else "Feedback template reset.", timeout=3)

        run_db(node, write, saved)

    run_db(node, load, lambda tpl: open_dialog(node, TemplateScreen(tpl), save))
