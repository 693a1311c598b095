"""The optional "why?" panel shown on the dashboard after a no.

Inline (not modal), so logging goes on while it is open: `n` again just moves the panel to
the new no. It posts ``WhyPanel.Saved`` (the dashboard writes it) or ``WhyPanel.Skipped``.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from ...core.learn import ASK_WHY_QUESTIONS
from ...core.silence import KIND_LABELS, REJECTION_KINDS
from .dialog import AfterEnter
from .framed import FramedInput


class WhyPanel(AfterEnter, Vertical):
    DEFAULT_CSS = """
    WhyPanel {
        dock: bottom; height: auto; display: none;
        border: round $accent; border-title-color: $accent; background: $boost;
        padding: 0 1;
    }
    WhyPanel.-open { display: block; }
    WhyPanel #why-kind-row { height: auto; }
    WhyPanel #why-kind-label { width: auto; margin-right: 1; color: $text-muted; }
    WhyPanel #why-kind { layout: horizontal; width: 1fr; height: auto; border: none; padding: 0; background: transparent; }
    WhyPanel #why-kind > RadioButton { width: auto; margin-right: 1; }
    WhyPanel #why-inputs { height: auto; margin-top: 1; }
    WhyPanel #why-inputs FramedInput { width: 1fr; margin-right: 1; }
    WhyPanel #why-inputs #why-sting { width: 14; margin-right: 0; }
    WhyPanel #why-bottom { height: auto; margin-top: 1; }
    WhyPanel #why-questions { width: 1fr; color: $text-muted; height: auto; }
    WhyPanel #why-bottom Button { margin-left: 1; width: auto; min-width: 6; }
    """
    BINDINGS = [
        Binding("escape", "skip", "Skip why", id="why-skip"),
        Binding("ctrl+s", "save", "Save why", id="why-save"),
        Binding("ctrl+y", "copy_questions", "Copy ask-why", id="why-copy"),
        Binding("ctrl+l", "share", "Share the lesson, not the name", id="why-share"),
    ]

    @dataclass
    class Saved(Message):
        attempt_id: int
        kind: str | None
        stated_reason: str
        real_reason: str
        sting: str = ""  # how bad it felt, 1-5 (predict, then compare); "" when skipped
        share: bool = False  # also share the lesson with the team (never the target or notes)

    @dataclass
    class Skipped(Message):
        attempt_id: int | None

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.attempt_id: int | None = None
        self._ready = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="why-kind-row"):
            yield Label("Kind:", id="why-kind-label")
            with RadioSet(id="why-kind", compact=True):
                for kind in REJECTION_KINDS:
                    yield RadioButton(KIND_LABELS[kind], id=f"why-kind-{kind}", compact=True)
        with Horizontal(id="why-inputs"):
            yield FramedInput(placeholder="What they said", id="why-stated")
            yield FramedInput(placeholder="What it really was", id="why-real")
            yield FramedInput(placeholder="Sting 1-5", id="why-sting", max_length=1)
        with Horizontal(id="why-bottom"):
            yield Static(self._questions(), id="why-questions")
            yield Button("Copy", id="why-copy-button", compact=True)
            yield Button("Skip", id="why-skip-button", compact=True)
            yield Button("Save", variant="primary", id="why-save-button", compact=True)

    @staticmethod
    def _questions() -> str:
        first = "  ·  ".join(ASK_WHY_QUESTIONS[:2])
        return f"Ask why: {first}  (ctrl+y copies all {len(ASK_WHY_QUESTIONS)} questions)"

    def on_mount(self) -> None:
        self._ready = True
        if self.attempt_id is not None:
            self.open(self.attempt_id)

    def open(self, attempt_id: int) -> None:
        """Show the panel for a freshly logged no (clears what was typed for the last one)."""
        self.attempt_id = attempt_id
        if not self._ready:
            return  # on_mount opens it
        self.border_title = f"Why? · no #{attempt_id} · optional, Esc skips"
        radio = self.query_one("#why-kind", RadioSet)
        for button in radio.query(RadioButton):
            button.value = False
        self.query_one("#why-stated", Input).value = ""
        self.query_one("#why-real", Input).value = ""
        self.query_one("#why-sting", Input).value = ""
        self.add_class("-open")
        self.screen.add_class("-why-open")  # a short dashboard makes room for it
        radio.focus()

    def close(self) -> None:
        self.attempt_id = None
        self.remove_class("-open")
        self.screen.remove_class("-why-open")
        if self.screen.focused is not None and self in self.screen.focused.ancestors_with_self:
            self.screen.set_focus(None)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def closed_after_enter(self) -> bool:
        return not self.is_open

    def selected_kind(self) -> str | None:
        pressed = self.query_one("#why-kind", RadioSet).pressed_button
        if pressed is None or pressed.id is None:
            return None
        return pressed.id.removeprefix("why-kind-")

    def action_save(self, share: bool = False) -> None:
        if self.attempt_id is None:
            return
        self.post_message(self.Saved(
            self.attempt_id, self.selected_kind(),
            self.query_one("#why-stated", Input).value, self.query_one("#why-real", Input).value,
            self.query_one("#why-sting", Input).value.strip(),
            share,
        ))
        self.close()

    def action_share(self) -> None:
        """Save, and share the lesson of this no with the team (the lesson, not the name)."""
        self.action_save(share=True)

    def action_skip(self) -> None:
        attempt_id = self.attempt_id
        self.close()
        self.post_message(self.Skipped(attempt_id))

    def action_copy_questions(self) -> None:
        self.app.copy_to_clipboard("\n".join(ASK_WHY_QUESTIONS))
        self.notify("Ask-why questions copied (where the terminal allows it).", timeout=3)

    @on(Input.Submitted)
    @on(Button.Pressed, "#why-save-button")
    def _save(self, event) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#why-skip-button")
    def _skip(self, event) -> None:
        event.stop()
        self.action_skip()

    @on(Button.Pressed, "#why-copy-button")
    def _copy(self, event) -> None:
        event.stop()
        self.action_copy_questions()
