"""Onboarding: pick a starting path (sales quota, pitch sprint, 100-day challenge, custom).

Offered by the app while no goal has been chosen (whatever was logged); skippable (Esc); reachable from
the command palette ("Onboarding: choose a path") and from Settings (ctrl+o). Choosing a path
sets the daily goal from today on and marks the profile onboarded; skipping marks it too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...core import presets
from ...core.errors import ValidationError
from ..base import report_error, run_db
from ..safe import plain
from ..widgets.dialog import Dialog, EnterInput
from ..widgets.fit_footer import FitFooter

STYLES = Path(__file__).resolve().parent.parent / "styles" / "screens.tcss"
CUSTOM = "custom"


def option_text(number: int, title: str, summary: str, blurb: str) -> Text:
    text = Text()
    text.append(f"{number}  {title}", style="bold")
    text.append(f"   {summary}\n")
    text.append(f"   {blurb}", style="dim")
    return text


class OnboardingScreen(Dialog[str | None]):
    """A modal over the dashboard: dismisses with the chosen path's key, or None when skipped."""

    TITLE = "Welcome"
    CSS_PATH = STYLES
    BINDINGS = [
        Binding("escape", "skip", "Skip", id="onboarding.skip"),
        Binding("1", "choose('sales')", "Sales quota", show=False),
        Binding("2", "choose('sprint')", "Pitch sprint", show=False),
        Binding("3", "choose('100-day')", "100-day challenge", show=False),
        Binding("4", "custom", "Custom", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="onboarding-box"):
            yield Label("Welcome. What are you here to practise?", classes="settings-section")
            yield Static(
                "Effort counts, outcomes don't: a no moves your day as much as a yes. "
                "Pick a starting point; change any number later in Settings (s).",
                classes="intro",
            )
            options = [
                Option(option_text(i, p.title, p.summary(), p.blurb), id=p.key)
                for i, p in enumerate(presets.PRESETS, start=1)
            ]
            options.append(Option(option_text(len(options) + 1, "Custom", "your own numbers",
                                               "Type a daily goal, a no goal and a cap."), id=CUSTOM))
            yield OptionList(*options, id="onboarding-paths")
            with Horizontal(id="custom-fields"):
                yield Label("Attempts a day")
                yield EnterInput(placeholder="e.g. 10", id="custom-attempts", compact=True)
                yield Label("No's")
                yield EnterInput(placeholder="0", id="custom-nos", compact=True)
                yield Label("Cap")
                yield EnterInput(placeholder="none", id="custom-cap", compact=True)
            yield Checkbox("Also start the 100-day challenge today (c shows it)", True,
                           id="start-challenge", compact=True)
            yield Static("", id="custom-msg")
            yield Static("1–4 or Enter to choose · Esc skips (ctrl+p brings this back)", classes="hint")
            with Horizontal(id="onboarding-buttons"):
                yield Button("Skip (Esc)", id="onboarding-skip", compact=True)
                yield Button("Start (Enter)", variant="primary", id="onboarding-start", compact=True)
        yield FitFooter()

    def on_mount(self) -> None:
        self.query_one("#custom-fields").display = False
        self.query_one("#custom-msg").display = False
        self.query_one("#start-challenge").display = False
        paths = self.query_one(OptionList)
        paths.highlighted = 0
        paths.focus()

    # ---------------------------------------------------------------- choosing
    @on(OptionList.OptionHighlighted, "#onboarding-paths")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#custom-fields").display = event.option.id == CUSTOM
        preset = presets.BY_KEY.get(event.option.id or "")
        self.query_one("#start-challenge").display = bool(preset and preset.challenge)

    @on(OptionList.OptionSelected, "#onboarding-paths")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == CUSTOM:
            self.action_custom()
        else:
            self.action_choose(event.option.id)

    @on(Button.Pressed, "#onboarding-start")
    def _start(self) -> None:
        paths = self.query_one(OptionList)
        option = paths.highlighted_option
        if option is None:
            return
        if option.id == CUSTOM:
            self._apply_custom()
        else:
            self.action_choose(option.id)

    @on(Button.Pressed, "#onboarding-skip")
    def _skip_button(self) -> None:
        self.action_skip()

    @on(Input.Submitted, "#custom-fields Input")
    def _custom_submitted(self) -> None:
        self._apply_custom()

    def action_custom(self) -> None:
        paths = self.query_one(OptionList)
        paths.highlighted = len(presets.PRESETS)
        self.query_one("#custom-fields").display = True
        self.query_one("#custom-attempts", Input).focus()

    def _apply_custom(self) -> None:
        try:
            preset = presets.custom(
                self.query_one("#custom-attempts", Input).value,
                self.query_one("#custom-nos", Input).value,
                self.query_one("#custom-cap", Input).value,
            )
        except ValidationError as err:
            self._error(str(err))
            return
        if preset.goal.daily_attempts == 0 and preset.goal.daily_nos == 0:
            self._error("Type how many attempts a day you aim for (or Esc to skip for now).")
            return
        self._apply(preset)

    def _error(self, message: str) -> None:
        msg = self.query_one("#custom-msg", Static)
        msg.update(plain(message))
        msg.display = True

    def action_choose(self, key: str) -> None:
        self._apply(presets.get(key))

    def _apply(self, preset: presets.Preset) -> None:
        # A path or a skip on its way to the store is final: keys that arrive before the modal
        # closes (3 then Enter in one burst) must not apply a second path over the first.
        if not self.begin():
            return
        start = bool(preset.challenge) and self.query_one("#start-challenge", Checkbox).value

        def save(ctx: Any) -> Any:
            from ...services import onboarding
            from ...services import settings as settings_svc

            with ctx.store.write() as s:
                onboarding.apply_preset(s, ctx.profile_id, preset, start_challenge=start)
                return settings_svc.load(s, ctx.profile_id)

        def done(settings: Any) -> None:
            self._remember(settings)
            started = " Day 1 of 100 starts today (c)." if start else ""
            self.notify(f"{preset.title}: {preset.summary()}, from today on. "
                        f"Change it any time in Settings (s).{started}", title="Your goal is set")
            self._close(preset.key)

        run_db(self, save, done, on_error=self._failed)

    def action_skip(self) -> None:
        if not self.begin():
            return

        def save(ctx: Any) -> Any:
            from ...services import onboarding
            from ...services import settings as settings_svc

            with ctx.store.write() as s:
                onboarding.skip(s, ctx.profile_id)
                return settings_svc.load(s, ctx.profile_id), onboarding.goal_note(s, ctx.profile_id)

        def done(result: Any) -> None:
            settings, goal = result
            self._remember(settings)
            if goal:  # never say there is no goal when there is one
                note = f"Your goal stays: {goal}. Ctrl+P → 'Onboarding' brings the paths back."
            else:
                note = "No goal for now. Ctrl+P → 'Onboarding' brings this back."
            self.notify(note, title="Skipped", markup=False)
            self._close(None)

        run_db(self, save, done, on_error=self._failed)

    def _failed(self, err: BaseException) -> None:
        self.failed()  # nothing was saved: the person may choose again
        if isinstance(err, ValidationError):
            self._error(str(err))
        else:
            report_error(self.app, err)

    def _remember(self, settings: Any) -> None:
        state = getattr(self.app, "state", None)
        if state is not None:
            state.settings = settings

    def _close(self, result: str | None) -> None:
        if self.app.screen is self and len(self.app.screen_stack) > 1:
            self.dismiss(result)
