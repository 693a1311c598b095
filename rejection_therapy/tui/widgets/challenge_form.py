"""The Challenges screen's modals: pick a preset, the start form (the preset's defaults
pre-filled, every value checked as you type with the rule the service uses, and the new
challenge's if-then plans), and a one-line question with a checked answer (extend by days,
abandon with a reason)."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...core import challenges as rules
from ...core.errors import ValidationError
from ...core.plans import check_plan_text
from ..safe import plain
from .dialog import Dialog, EnterInput
from .plan_editor import PlanEditor

FIELDS = (  # id, label, placeholder
    ("name", "Name", ""),
    ("start", "Start", "YYYY-MM-DD"),
    ("days", "Days", "1 to 1000"),
    ("end", "End", "blank: use days"),
    ("per_day", "Per day", "attempts a day"),
    ("total", "Total", "or in total"),
    ("channels", "Channels", "all, or call,email"),
    ("rest", "Rest days", "none, or sat,sun"),
    ("cap", "Daily cap", "blank: none"),
)


class PresetScreen(Dialog[str | None]):
    """Pick a preset."""

    DEFAULT_CSS = """
    PresetScreen { align: center middle; }
    PresetScreen > Vertical { width: 84; max-width: 96%; height: auto; padding: 1 2;
        border: thick $primary 50%; background: $surface; }
    PresetScreen OptionList { height: auto; margin-top: 1; }
    PresetScreen .hint { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="cf.ps-dismiss")]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Start a challenge")
            yield Static("Pick a preset (Enter or click); you can change every value next.", classes="hint")
            yield OptionList(
                *(Option(Text.assemble((rules.PRESET_TITLES[p], "bold"), "\n", rules.PRESET_HELP[p]), id=p)
                  for p in rules.PRESETS),
                id="preset-list",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class ChallengeFormScreen(Dialog[dict | None]):
    """The start form: the preset's defaults pre-filled, every value checked in place."""

    DEFAULT_CSS = """
    ChallengeFormScreen { align: center middle; }
    ChallengeFormScreen > #cf-box { width: 90; max-width: 98%; height: auto; max-height: 96%;
        border: thick $primary 50%; background: $surface; padding: 0 1; }
    ChallengeFormScreen #cf-title { text-style: bold; color: $accent; padding: 0 1; }
    ChallengeFormScreen #cf-help { color: $text-muted; padding: 0 1; }
    ChallengeFormScreen #cf-grid { grid-size: 4; grid-columns: 11 1fr 11 1fr; grid-gutter: 1 1; grid-rows: 1;
        height: auto; margin-top: 1; }
    ChallengeFormScreen .cf-label { height: 1; color: $text-muted; width: 100%; }
    ChallengeFormScreen.-short #cf-grid { grid-gutter: 0 1; }
    ChallengeFormScreen #cf-plans-row { height: auto; margin-top: 1; }
    ChallengeFormScreen #cf-plans-row > .cf-label { width: 12; }
    ChallengeFormScreen #cf-plans { width: 1fr; }
    ChallengeFormScreen #cf-error { color: $error; text-style: bold; padding: 0 1; height: auto; }
    ChallengeFormScreen #cf-ok { color: $success; padding: 0 1; height: auto; }
    ChallengeFormScreen #cf-buttons { height: auto; align-horizontal: right; }
    ChallengeFormScreen #cf-buttons Button { margin-left: 2; }
    """
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # 80x24: no blank rows between the fields
    BINDINGS = [
        Binding("ctrl+s", "save", "Start", id="cf-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="cf-cancel"),
    ]

    def __init__(self, preset: str, values: dict[str, Any], today: date, context: dict[str, Any]) -> None:
        super().__init__()
        self.preset, self.values, self.today, self.context = preset, values, today, context
        self.plans: list[str] = []  # the new challenge's if-then plans, stored when it starts

    def compose(self) -> ComposeResult:
        with Vertical(id="cf-box"):
            yield Label(plain(f"Start: {rules.PRESET_TITLES[self.preset]}"), id="cf-title")
            yield Static(plain(rules.PRESET_HELP[self.preset]), id="cf-help")
            with Grid(id="cf-grid"):
                for key, label, placeholder in FIELDS:
                    yield Label(label, classes="cf-label")
                    yield EnterInput(str(self.values.get(key, "")), placeholder=placeholder, id=f"cf-{key}",
                                compact=True)
                yield Label("", classes="cf-label")
                yield Checkbox("Effort-only", bool(self.values.get("effort_only")), id="cf-effort", compact=True)
            with Horizontal(id="cf-plans-row"):
                yield Label("If-then", classes="cf-label")
                yield PlanEditor(id="cf-plans")
            yield Static("", id="cf-error")
            yield Static("", id="cf-ok")
            with Horizontal(id="cf-buttons"):
                yield Button("Cancel (esc)", id="cf-cancel-button")
                yield Button("Start (ctrl+s)", variant="primary", id="cf-start-button")

    def on_mount(self) -> None:
        self.query_one("#cf-name", Input).focus()
        self.check()

    def options(self) -> dict[str, Any]:
        raw = {key: self.query_one(f"#cf-{key}", Input).value.strip() for key, _l, _p in FIELDS}
        opts: dict[str, Any] = {k: (v or None) for k, v in raw.items()}
        if opts["end"]:
            opts["days"] = None
        opts["cap"] = opts["cap"] or "0"
        opts["effort_only"] = self.query_one("#cf-effort", Checkbox).value
        return opts

    def check(self) -> rules.ChallengeSpec | None:
        """Validate with the same rule the service uses; show the first problem in place."""
        error, ok = self.query_one("#cf-error", Static), self.query_one("#cf-ok", Static)
        try:
            spec = rules.build_spec(self.preset, self.today, **self.options(), **self.context)
            end = rules.check_not_over(spec, self.today)
        except ValidationError as err:
            error.update(plain(str(err)))
            ok.update("")
            return None
        error.update("")
        target = f"{spec.target_per_day} a day" if spec.target_per_day else f"{spec.target_total} in total"
        ok.update(plain(f"{spec.start_day} to {end}: {spec.length_days} days, {target}."))
        return spec

    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        self.check()

    @on(PlanEditor.Add)
    def _add_plan(self, event: PlanEditor.Add) -> None:
        self.take_plan(event.text)

    def take_plan(self, text: str) -> bool:
        """Add a typed plan if it passes the rule ``--if-then`` uses; else say why in place."""
        editor = self.query_one(PlanEditor)
        try:
            self.plans.append(check_plan_text(text))
        except ValidationError as err:
            editor.show_error(str(err))
            return False
        editor.set_plans([(str(i), p) for i, p in enumerate(self.plans)])
        editor.added()
        return True

    @on(PlanEditor.Edit)
    def _edit_plan(self, event: PlanEditor.Edit) -> None:
        try:
            self.plans[int(event.key)] = check_plan_text(event.text)
        except ValidationError as err:
            event.editor.show_error(str(err))
            return
        event.editor.set_plans([(str(i), p) for i, p in enumerate(self.plans)])
        event.editor.added()

    @on(PlanEditor.Remove)
    def _remove_plan(self, event: PlanEditor.Remove) -> None:
        del self.plans[int(event.key)]
        if event.editor.editing is not None:
            event.editor.added()
        event.editor.set_plans([(str(i), p) for i, p in enumerate(self.plans)])

    @on(Input.Submitted)
    @on(Button.Pressed, "#cf-start-button")
    def action_save(self) -> None:
        editor = self.query_one(PlanEditor)
        typed = editor.input.value
        if editor.editing is not None:  # a plan taken back to change: keep it as it is now
            if not typed.strip():
                del self.plans[int(editor.editing)]
            else:
                try:
                    self.plans[int(editor.editing)] = check_plan_text(typed)
                except ValidationError as err:
                    editor.show_error(str(err))
                    return
            editor.added()
        elif typed.strip() and not self.take_plan(typed):  # a plan typed but not added yet
            return
        if self.check() is not None:
            self.dismiss({**self.options(), "if_then": list(self.plans)})

    @on(Button.Pressed, "#cf-cancel-button")
    def action_cancel(self) -> None:
        self.dismiss(None)


class AskScreen(Dialog[str | None]):
    """One question with a text answer that must pass ``check`` (extend days, abandon reason)."""

    DEFAULT_CSS = """
    AskScreen { align: center middle; }
    AskScreen > Vertical { width: 70; max-width: 96%; height: auto; padding: 1 2;
        border: thick $primary 50%; background: $surface; }
    AskScreen #ask-error { color: $error; height: auto; }
    AskScreen #ask-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    AskScreen #ask-buttons Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cf.as-cancel")]

    def __init__(self, question: str, placeholder: str, check: Any, ok_label: str) -> None:
        super().__init__()
        self.question, self.placeholder, self.checker, self.ok_label = question, placeholder, check, ok_label

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(self.question, multiline=True))
            yield EnterInput(placeholder=self.placeholder, id="ask-input")
            yield Static("", id="ask-error")
            with Horizontal(id="ask-buttons"):
                yield Button("Cancel (esc)", id="ask-cancel")
                yield Button(self.ok_label, variant="warning", id="ask-ok")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ask-ok")
    def _ok(self) -> None:
        value = self.query_one(Input).value
        try:
            self.checker(value)
        except ValidationError as err:
            self.query_one("#ask-error", Static).update(plain(str(err)))
            return
        self.dismiss(value)

    @on(Button.Pressed, "#ask-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
