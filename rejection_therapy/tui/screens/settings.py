"""Settings: every field saved at once (Enter, leaving the field, or a change of choice).

A bad value is explained next to its field and not saved: the stored value stays. Goals
apply from today on; earlier days keep the goal they had (streaks do not move). The daily
goal's if-then plans are listed under the goals: add, change or drop one (widgets.plan_editor;
services.plans, as ``goal --if-then`` and ``plans``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Header, Input, Label, Select, Static
from textual.widgets._select import InvalidSelectValueError

from ...core.days import WEEKDAY_NAMES
from ...core.errors import ValidationError

# The fields (labels, hints, parsers) live in core, so `rejection-therapy settings KEY VALUE`
# validates with the same parsers: never a second validator.
from ...core.setting_fields import FIELDS, SECTIONS, Field  # noqa: F401 - Field: re-exported
from ..base import report_error, run_db
from ..safe import plain
from ..widgets.fit_footer import FitFooter
from ..widgets.framed import FramedInput
from ..widgets.plan_editor import PlanEditor, PlanEditorHost, run_plan_change
from .screen_commands import ScreenCommands

STYLES = Path(__file__).resolve().parent.parent / "styles" / "screens.tcss"


CHECK_LABELS = {"hide_streaks": "Hide", "bad_day_enabled": "On", "rest_today": "Rest"}


def _state(session: Any, profile_id: int) -> tuple[Any, Any, bool, int]:
    """What the form shows: settings, today's goal, whether today is a rest day, the rest budget."""
    from ...services import onboarding, rest
    from ...services import settings as settings_svc

    day = onboarding.today(session, profile_id)
    return (settings_svc.load(session, profile_id), settings_svc.current_goal(session, profile_id, day),
            day in settings_svc.rest_days(session, profile_id), rest.budget_on(session, profile_id, day))


class SettingsScreen(PlanEditorHost, Screen):
    COMMANDS = {ScreenCommands}
    TITLE = "Settings"
    CSS_PATH = STYLES
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    # The first field has the focus from the start, and Escape never leaves the fields with
    # nothing focused: typed letters always land in a field, never on a screen key.
    AUTO_FOCUS = "#set-daily_attempts"
    BINDINGS = [
        Binding("escape", "leave_field", "Undo typing / back", id="settings.leave"),
        Binding("ctrl+o", "app.onboarding", "Choose a path", id="settings.onboarding"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.settings: Any = None
        self.goal: Any = None
        self.rest_today = False
        self.rest_budget = 2
        self.saved: dict[str, Any] = {}  # the widget value that matches the store, per field

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="settings-body"):
            for title, help_text, fields in SECTIONS:
                yield Label(f"{title}  " + (f"[dim]{help_text}[/]" if help_text else ""),
                            classes="settings-section")
                for f in fields:
                    with Horizontal(classes="setting-row", id=f"row-{f.key}"):
                        yield Label(f.label, classes="setting-label")
                        yield self._widget(f)
                        yield Static(f.hint, id=f"msg-{f.key}", classes="setting-msg")
                if title == "Goals":
                    with Horizontal(classes="setting-row", id="row-plans"):
                        yield Label("If-then plans", classes="setting-label")
                        yield PlanEditor(id="set-plans")
            with Horizontal(id="settings-actions"):
                yield Button("Choose a starting path again (ctrl+o)", id="run-onboarding")
        yield FitFooter()

    def _widget(self, f: Field) -> Any:
        wid = f"set-{f.key}"
        if f.kind == "check":
            return Checkbox(CHECK_LABELS.get(f.key, "On"), id=wid, compact=True)
        if f.kind == "select":
            options: list[tuple[str, Any]] = []
            if f.key == "first_weekday":
                options = [(name.capitalize(), i) for i, name in enumerate(WEEKDAY_NAMES)]
            elif f.key == "theme":
                options = [(name, name) for name in sorted(self.app.available_themes)]
            return Select(options, id=wid, allow_blank=f.key == "default_channel", compact=True)
        suggester = None
        if f.key == "timezone":
            from zoneinfo import available_timezones

            from textual.suggester import SuggestFromList

            suggester = SuggestFromList(sorted(available_timezones()), case_sensitive=False)
        return FramedInput(id=wid, suggester=suggester)  # one row, with a visible frame

    def on_screen_resume(self) -> None:
        def load(ctx: Any) -> Any:
            with ctx.store.read() as s:
                return _state(s, ctx.profile_id)

        run_db(self, load, self._show_all, group="settings-load", exclusive=True)
        self._plans(None)

    # ---------------------------------------------------------------- the goal's plans
    def _plans(self, change: Any, clear: bool = False) -> None:
        from ...services import plans

        run_plan_change(self, self.query_one(PlanEditor), change, plans.goal_plans, clear)

    # ---------------------------------------------------------------- showing
    def _stored(self, f: Field) -> Any:
        if f.target == "rest":
            return self.rest_today
        if f.target == "budget":
            return f.show(self.rest_budget)
        source = self.goal if f.target == "goal" else self.settings
        value = getattr(source, f.key)
        return f.show(value) if f.kind == "input" else value

    def _show_all(self, loaded: tuple[Any, Any, bool, int]) -> None:
        self.settings, self.goal, self.rest_today, self.rest_budget = loaded
        self._channel_options()
        for f in FIELDS.values():
            self._show_field(f)

    def _channel_options(self) -> None:
        select = self.query_one("#set-default_channel", Select)
        with self.prevent(Select.Changed):
            select.set_options([(plain(c), c) for c in self.settings.channels])

    def _show_field(self, f: Field, message: str | None = None) -> None:
        value = self._stored(f)
        self.saved[f.key] = value
        widget = self.query_one(f"#set-{f.key}")
        with self.prevent(Input.Changed, Select.Changed, Checkbox.Changed):
            if isinstance(widget, Select):
                try:
                    widget.value = value
                except InvalidSelectValueError:
                    widget.clear() if widget._allow_blank else None
            else:
                widget.value = value
        widget.remove_class("-invalid")
        self._message(f, message)

    def _message(self, f: Field, text: str | None, kind: str = "") -> None:
        msg = self.query_one(f"#msg-{f.key}", Static)
        msg.set_class(kind == "error", "-error")
        msg.set_class(kind == "saved", "-saved")
        msg.update(plain(text if text is not None else f.hint))

    # ---------------------------------------------------------------- saving
    def _field_of(self, widget: Any) -> Field | None:
        wid = widget.id or ""
        return FIELDS.get(wid[4:]) if wid.startswith("set-") else None

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self._commit(event.input)

    @on(Input.Blurred)
    def _blurred(self, event: Input.Blurred) -> None:
        self._commit(event.input)

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self._commit(event.select)

    @on(Checkbox.Changed)
    def _check_changed(self, event: Checkbox.Changed) -> None:
        self._commit(event.checkbox)

    def _commit(self, widget: Any) -> None:
        f = self._field_of(widget)
        if f is None or self.settings is None:
            return
        raw = widget.value
        if raw == self.saved.get(f.key):
            if widget.has_class("-invalid"):
                widget.remove_class("-invalid")
                self._message(f, None)
            return
        if f.key == "theme" and raw in self.app.available_themes:
            self.app.theme = raw  # at once; stored below

        def save(ctx: Any) -> Any:
            from ...services import setting_values

            value = f.parse(raw) if f.kind == "input" else raw
            with ctx.store.write() as s:
                setting_values.apply(s, ctx.profile_id, f.key, value)  # as `rejection-therapy settings`
                return _state(s, ctx.profile_id)

        run_db(self, save, lambda saved: self._saved(f, saved),
               on_error=lambda err: self._not_saved(f, widget, err))

    def _saved(self, f: Field, saved: tuple[Any, Any, bool, int]) -> None:
        self.settings, self.goal, self.rest_today, self.rest_budget = saved
        state = getattr(self.app, "state", None)
        if state is not None:
            state.settings = self.settings
        if f.key == "channels":
            self._channel_options()
            self._show_field(FIELDS["default_channel"])
        self._show_field(f)
        what = {"goal": "Saved from today on.", "budget": "Saved from today on.", "rest": "Saved for today."}.get(f.target, "Saved.")
        self._message(f, what, "saved")

        def back() -> None:
            if self.is_mounted and self.saved.get(f.key) == self._stored(f):
                msg = self.query_one(f"#msg-{f.key}", Static)
                if msg.has_class("-saved"):
                    self._message(f, None)

        self.set_timer(4, back)

    def _not_saved(self, f: Field, widget: Any, err: BaseException) -> None:
        if not isinstance(err, ValidationError):
            report_error(self.app, err)
            self._show_field(f)
            return
        widget.add_class("-invalid")
        self._message(f, f"Not saved: {err}", "error")
        if f.kind != "input":  # a choice cannot stay half-made: show the stored one again
            self._show_field(f, f"Not saved: {err}")
            self.query_one(f"#msg-{f.key}", Static).add_class("-error")
            if f.key == "theme" and self.settings.theme in self.app.available_themes:
                self.app.theme = self.settings.theme

    # ---------------------------------------------------------------- actions
    def action_leave_field(self) -> None:
        """Escape: undo what was typed in the field (nothing is saved); with nothing typed,
        go back one step, like Escape everywhere."""
        focused = self.focused
        f = self._field_of(focused) if focused is not None else None
        if f is not None and f.kind == "input" and self.settings is not None:
            if getattr(focused, "value", None) != self.saved.get(f.key):
                self._show_field(f)  # back to the stored value; nothing is saved
                return
        back = getattr(self.app, "action_back", None)
        if back is not None:
            back()

    @on(Button.Pressed, "#run-onboarding")
    def _onboarding(self) -> None:
        onboarding = getattr(self.app, "action_onboarding", None)
        if onboarding is not None:
            onboarding()
