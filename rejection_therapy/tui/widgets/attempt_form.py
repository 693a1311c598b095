"""The full attempt form, a typed modal used for new attempts and for edits.

    def done(data: AttemptInput | None) -> None: ...
    app.push_screen(AttemptFormScreen(initial=services.attempts.to_input(row), title="Edit #12"), done)

It dismisses with a validated ``AttemptInput`` (discomfort as int, follow-up as a date, tags
as a list) or ``None`` when cancelled. Invalid values are explained in the form and it stays
open. The channel list comes from ``channels`` or, when not given, from the app's loaded
settings (``app.settings.channels``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from ...core.attempts import AttemptInput, clean_fields
from ...core.errors import ValidationError
from ...core.settings import DEFAULT_CHANNELS, Settings
from ...core.silence import KIND_LABELS, OUTCOMES, REJECTION_KINDS
from ...core.text import strip_controls
from ..safe import plain
from .dialog import Dialog, open_dialog
from .framed import FramedInput

OUTCOME_LABELS = {"no": "No", "yes": "Yes", "pending": "Pending (waiting for a reply)", "silence": "Silence"}
DISCOMFORT = [("1 · easy", 1), ("2", 2), ("3", 3), ("4", 4), ("5 · terrifying", 5)]
FEEL = [("1 · barely", 1), ("2", 2), ("3", 3), ("4", 4), ("5 · crushing", 5)]  # dread and sting


def _text(value: Any) -> str:
    """A stored value as editable text, without escape sequences or control characters."""
    return "" if value is None else strip_controls(str(value), multiline=True)


def _tags(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


class AttemptFormScreen(Dialog[AttemptInput | None]):
    DEFAULT_CSS = """
    AttemptFormScreen { align: center middle; }
    AttemptFormScreen > #form-box {
        width: 100; max-width: 98%; height: auto; max-height: 96%;
        border: thick $primary 50%; background: $panel; padding: 0 1;
    }
    AttemptFormScreen #form-title { text-style: bold; color: $accent; padding: 0 1; }
    AttemptFormScreen #form-scroll { height: auto; max-height: 1fr; }
    AttemptFormScreen #form-grid {
        grid-size: 4; grid-columns: 11 1fr 11 1fr; grid-gutter: 1 2; grid-rows: auto; height: auto;
        padding: 1 1 0 1;
    }
    AttemptFormScreen .form-label { height: 1; color: $text-muted; width: 100%; }
    AttemptFormScreen .wide { column-span: 3; }
    /* Selects and the note wear the same one-row frame as the FramedInput fields */
    AttemptFormScreen #form-grid Select.-textual-compact > SelectCurrent {
        border: none !important; border-left: vkey $primary !important; border-right: vkey $primary !important;
        background: $surface;
    }
    AttemptFormScreen #form-grid Select.-textual-compact:focus > SelectCurrent {
        border-left: vkey $accent !important; border-right: vkey $accent !important;
    }
    AttemptFormScreen #f-notes, AttemptFormScreen #f-notes:focus {
        height: 3; min-height: 3; padding: 0; border: none; border-left: vkey $primary; border-right: vkey $primary;
    }
    AttemptFormScreen #f-notes:focus { border-left: vkey $accent; border-right: vkey $accent; }
    AttemptFormScreen #form-error { color: $error; text-style: bold; padding: 0 1; height: auto; }
    AttemptFormScreen #form-error.-empty { display: none; }
    AttemptFormScreen #form-buttons { height: auto; align-horizontal: right; margin-bottom: 1; }
    AttemptFormScreen #form-buttons Button { margin-left: 2; }
    /* A short terminal (80x24): no blank rows between the fields, one-row buttons, so every
       field shows without scrolling */
    AttemptFormScreen.-short #form-grid { grid-gutter: 0 2; }
    AttemptFormScreen.-short #form-buttons { margin: 1 0 0 0; }
    AttemptFormScreen.-short #form-buttons Button { height: 1; border: none; min-width: 10; }
    """
    SHORT = 32  # terminal rows below which the form drops its spacing
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="form-cancel"),
    ]

    def __init__(
        self,
        initial: AttemptInput | None = None,
        title: str = "New attempt",
        channels: Sequence[str] | None = None,
    ) -> None:
        super().__init__()
        self.initial = initial or AttemptInput()
        self.form_title = title
        self._channels = channels

    def _settings(self) -> Settings:
        loaded = getattr(self.app, "settings", None)
        return loaded if isinstance(loaded, Settings) else Settings()

    def _channel_options(self) -> list[tuple[str, str]]:
        settings = self._settings()
        channels = list(self._channels or settings.channels or DEFAULT_CHANNELS)
        current = self.initial.channel
        if current and current not in channels:
            channels.append(current)
        return [(c, c) for c in channels]

    def compose(self) -> ComposeResult:
        init = self.initial
        settings = self._settings()
        channel = init.channel or settings.default_channel
        options = self._channel_options()
        if channel not in [v for _l, v in options]:
            channel = options[0][1]
        kind_options = [(KIND_LABELS[k], k) for k in REJECTION_KINDS]
        with Vertical(id="form-box"):
            yield Label(plain(self.form_title), id="form-title")
            with VerticalScroll(id="form-scroll"), Grid(id="form-grid"):
                yield Label("Outcome", classes="form-label")
                yield Select([(OUTCOME_LABELS[o], o) for o in OUTCOMES], value=init.outcome or "no",
                             allow_blank=False, id="f-outcome", compact=True)
                yield Label("Channel", classes="form-label")
                yield Select(options, value=channel, allow_blank=False, id="f-channel", compact=True)
                yield Label("Target", classes="form-label")
                yield FramedInput(_text(init.target), placeholder="who you asked", id="f-target")
                yield Label("Segment", classes="form-label")
                yield FramedInput(_text(init.segment), placeholder="smb, agency…", id="f-segment")
                yield Label("Tags", classes="form-label")
                yield FramedInput(_tags(init.tags), placeholder="comma separated", id="f-tags")
                yield Label("Discomfort", classes="form-label")
                yield Select(DISCOMFORT, value=init.discomfort if init.discomfort in range(1, 6) else Select.NULL,
                             prompt="1–5 (optional)", id="f-discomfort", compact=True)
                yield Label("Kind of no", classes="form-label")
                yield Select(kind_options, value=init.kind if init.kind in REJECTION_KINDS else Select.NULL,
                             prompt="(only for a no)", id="f-kind", compact=True)
                yield Label("", classes="form-label")
                yield Checkbox("Real conversation", bool(init.conversation), id="f-conversation", compact=True)
                yield Label("They said", classes="form-label")
                yield FramedInput(_text(init.stated_reason), placeholder="what they said", id="f-stated", classes="wide")
                yield Label("Really was", classes="form-label")
                yield FramedInput(_text(init.real_reason), placeholder="what you think it really was",
                                  id="f-real", classes="wide")
                yield Label("Follow up", classes="form-label")
                yield FramedInput(_text(init.follow_up_on), placeholder="YYYY-MM-DD", id="f-follow-up")
                yield Label("Lesson", classes="form-label")
                yield FramedInput(_text(init.lesson), placeholder="one line to remember", id="f-lesson")
                yield Label("Yes chance", classes="form-label")
                yield FramedInput(_text(init.guess_pct), placeholder="% you expect", id="f-guess", max_length=4)
                yield Label("Dread", classes="form-label")
                yield Select(FEEL, value=init.dread if init.dread in range(1, 6) else Select.NULL,
                             prompt="before, 1–5", id="f-dread", compact=True)
                yield Label("Sting", classes="form-label")
                yield Select(FEEL, value=init.sting if init.sting in range(1, 6) else Select.NULL,
                             prompt="after, 1–5", id="f-sting", compact=True)
                yield Label("Ladder rung", classes="form-label")
                yield FramedInput(_text(init.rung_id), placeholder="rung # (optional)", id="f-rung", max_length=9)
                yield Label("When", classes="form-label")
                yield FramedInput(_text(init.when), placeholder="now · or yesterday 18:30, last fri, 2026-11-17 09:30",
                                  id="f-when", classes="wide")
                yield Label("Note", classes="form-label")
                yield TextArea(_text(init.notes), id="f-notes", classes="wide", soft_wrap=True,
                               show_line_numbers=False, tab_behavior="focus")
            yield Static("", id="form-error", classes="-empty")
            with Horizontal(id="form-buttons"):
                yield Button("Cancel (Esc)", id="form-cancel-button")
                yield Button("Save (ctrl+s)", variant="primary", id="form-save-button")

    def on_resize(self) -> None:
        self.set_class(self.app.size.height < self.SHORT, "-short")

    def on_mount(self) -> None:
        self.set_class(self.app.size.height < self.SHORT, "-short")
        self.query_one("#f-outcome", Select).focus()
        self._as_opened = self.collect()

    def has_unsaved_text(self) -> bool:
        """Something was typed or changed since the form opened (Escape and ctrl+q ask)."""
        opened = getattr(self, "_as_opened", None)
        return opened is not None and self.collect() != opened

    def _value(self, selector: str) -> Any:
        value = self.query_one(selector, Select).value
        return None if value is Select.NULL else value

    def collect(self) -> AttemptInput:
        """What the form holds, as an AttemptInput (not yet validated)."""
        q = self.query_one
        return self.initial._replace(
            outcome=self._value("#f-outcome") or "no",
            channel=self._value("#f-channel"),
            target=q("#f-target", Input).value,
            segment=q("#f-segment", Input).value,
            tags=q("#f-tags", Input).value,
            discomfort=self._value("#f-discomfort"),
            conversation=q("#f-conversation", Checkbox).value,
            kind=self._value("#f-kind"),
            stated_reason=q("#f-stated", Input).value,
            real_reason=q("#f-real", Input).value,
            follow_up_on=q("#f-follow-up", Input).value.strip() or None,
            lesson=q("#f-lesson", Input).value,
            notes=q("#f-notes", TextArea).text,
            guess_pct=q("#f-guess", Input).value.strip() or None,
            dread=self._value("#f-dread"),
            sting=self._value("#f-sting"),
            rung_id=self._rung(q("#f-rung", Input).value),
            when=" ".join(q("#f-when", Input).value.split()) or None,
        )

    @staticmethod
    def _rung(text: str) -> int | None:
        text = text.strip().lstrip("#")
        if not text:
            return None
        if not (text.isascii() and text.isdigit()) or int(text) < 1:
            raise ValidationError("The ladder rung is its number, as in the Ladder screen (L).")
        return int(text)

    def validated(self) -> AttemptInput:
        """The form's values checked with the same rule the store uses (raises ValidationError)."""
        data = self.collect()  # the rung's existence is checked by the service
        clean = clean_fields(data, self._settings())
        follow_up: date | None = clean["follow_up_on"]
        if data.when and data.when != self.initial.when:
            self._check_when(data.when)
        return data._replace(
            channel=clean["channel"], target=clean["target"], segment=clean["segment"],
            tags=clean["tags"].split(",") if isinstance(clean["tags"], str) else clean["tags"],
            discomfort=clean["discomfort"], kind=clean["rejection_kind"],
            stated_reason=clean["stated_reason"], real_reason=clean["real_reason"],
            notes=clean["notes"], follow_up_on=follow_up, lesson=clean["lesson"],
            guess_pct=clean["guess_pct"], dread=clean["dread"], sting=clean["sting"],
        )

    def _check_when(self, when: str) -> None:
        """The same backdating rule the store applies (the profile's first day is checked on save)."""
        from ...clock import now
        from ...core import dates

        settings = self._settings()
        dates.instant_for(when, settings.timezone, settings.day_start_hour, now(), None)

    def show_error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(plain(message))
        error.set_class(not message, "-empty")

    def action_save(self) -> None:
        try:
            data = self.validated()
        except ValidationError as err:
            self.show_error(str(err))
            return
        self.dismiss(data)

    def action_cancel(self) -> None:
        """Escape: close; when something was typed, ask before throwing it away."""
        if not self.has_unsaved_text():
            self.dismiss(None)
            return
        from .confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        open_dialog(self, ConfirmScreen("Throw away what you typed in this form?", title="Discard?",
                                           yes="Discard", no="Keep editing"), answered)

    @on(Select.Changed, "#f-outcome")
    def _outcome_changed(self, event: Select.Changed) -> None:
        # A kind only applies to a no: clear it when the outcome changes away from no.
        if event.value != "no":
            self.query_one("#f-kind", Select).clear()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-save-button")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel-button")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
