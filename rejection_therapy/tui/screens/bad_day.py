"""The bad-day protocol (key !, or after a run of no's): a calm pause, never a wall.

Steps: take a break (a countdown the user sets, default 10 minutes; pause and cancel), talk
to someone, review today's attempts grouped by rejection kind, reset tomorrow. It shows how
many no's the user has already survived and today's wins. Esc closes it at once, so logging
is never blocked; a switch turns the automatic offer off (``settings.bad_day_enabled``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.timer import Timer
from textual.widgets import Button, Input, Label, Static, Switch

from ...core import learn
from ..base import run_db
from ..safe import plain
from ..state import app_state
from ..widgets.dialog import Dialog

if TYPE_CHECKING:
    from ...core.settings import Settings

DEFAULT_BREAK_MINUTES = 10
MAX_BREAK_MINUTES = 180


@dataclass
class BadDayData:
    summary: Any  # core.today.TodaySummary
    groups: list[tuple[str, list[Any]]]


def clock(seconds: int) -> str:
    minutes, secs = divmod(max(0, seconds), 60)
    return f"{minutes:02d}:{secs:02d}"


def review_text(groups: list[tuple[str, list[Any]]]) -> Text:
    if not groups:
        return Text("Nothing logged today yet. That is fine: today can be a rest day.", style="dim")
    out = Text()
    for i, (label, items) in enumerate(groups):
        if i:
            out.append("\n")
        out.append(f"{label}: {len(items)}", style="bold")
        names = [str(getattr(x, "target", None) or "") for x in items]
        names = [n for n in names if n]
        if names:
            out.append("  ")
            shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
            out.append_text(plain(shown))
    return out


class BadDayScreen(Dialog[None]):
    DEFAULT_CSS = """
    BadDayScreen { align: center middle; }
    BadDayScreen > #bd-box {
        width: 90; max-width: 96%; height: auto; max-height: 96%;
        border: round $primary; background: $surface; padding: 0 2;
    }
    BadDayScreen #bd-title { text-style: bold; color: $primary; margin-top: 1; }
    BadDayScreen .bd-lead { margin-bottom: 1; height: auto; }
    BadDayScreen .bd-step { text-style: bold; color: $accent; margin-top: 1; }
    BadDayScreen .bd-text { height: auto; color: $text; }
    BadDayScreen .bd-muted { height: auto; color: $text-muted; }
    BadDayScreen #bd-timer-row { height: auto; }
    BadDayScreen #bd-minutes { width: 12; }
    BadDayScreen #bd-clock { width: 16; content-align: center middle; height: 3; text-style: bold; }
    BadDayScreen #bd-timer-row Button { margin-left: 1; min-width: 9; }
    BadDayScreen #bd-switch-row { height: auto; margin-top: 1; }
    BadDayScreen #bd-switch-row Label { padding: 1 1; width: 1fr; }
    BadDayScreen #bd-close-row { height: auto; align-horizontal: right; margin-bottom: 1; }
    """
    BINDINGS = [
        Binding("escape", "close", "Back to logging", id="bad-day-close"),
        Binding("ctrl+t", "toggle_timer", "Start/pause break", id="bad-day-timer"),
        Binding("ctrl+x", "cancel_timer", "Cancel break", id="bad-day-cancel"),
        # Never blocks logging: the dashboard's logging keys close the pause and log.
        Binding("n", "log('no')", "Log a no", show=False),
        Binding("y", "log('yes')", "Log a yes", show=False),
        Binding("p", "log('pending')", "Log pending", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.remaining = DEFAULT_BREAK_MINUTES * 60
        self.running = False  # counting down now
        self.started = False  # a break is under way (running or paused)
        self._timer: Timer | None = None
        self._switch_ready = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="bd-box"):
            yield Label("A hard day. Let's pause.", id="bd-title")
            yield Static("Esc: back to logging · n / y / p: log and carry on · ctrl+t: start or pause the "
                         "break · ctrl+x: cancel it", classes="bd-muted")
            yield Static("", id="bd-lead", classes="bd-lead")
            yield Static("", id="bd-survived", classes="bd-text")
            yield Static("", id="bd-wins", classes="bd-text")

            yield Label("1. Take a break", classes="bd-step")
            yield Static("Step away from the phone and the inbox. Walk, drink water, breathe out slowly. "
                         "Set the minutes and start.", classes="bd-muted")
            with Horizontal(id="bd-timer-row"):
                yield Input(str(DEFAULT_BREAK_MINUTES), type="integer", id="bd-minutes",
                            tooltip="Minutes of break")
                yield Static(clock(self.remaining), id="bd-clock")
                yield Button("Start", id="bd-start", variant="primary")
                yield Button("Pause", id="bd-pause")
                yield Button("Cancel", id="bd-cancel")

            yield Label("2. Talk to someone", classes="bd-step")
            yield Static("Tell a colleague, a friend or your manager how it went. Say it out loud: "
                         "\"I collected a lot of no's today.\" Most people have had a day like this.",
                         classes="bd-muted")

            yield Label("3. Review today's attempts by kind", classes="bd-step")
            yield Static("Loading…", id="bd-review", classes="bd-text")

            yield Label("4. Reset tomorrow", classes="bd-step")
            yield Static("Tomorrow starts fresh: the run of no's is back to zero, and every attempt "
                         "you made today still counts as effort. Pick the first call for tomorrow "
                         "now, then stop for today if you need to.", classes="bd-muted")

            with Horizontal(id="bd-switch-row"):
                yield Switch(value=True, id="bd-enabled")
                yield Label("Offer this screen after a run of no's (you can turn it off; ! still opens it).",
                            id="bd-enabled-label")
            with Horizontal(id="bd-close-row"):
                yield Button("Back to logging (Esc)", id="bd-close")

    def on_mount(self) -> None:
        self._timer = self.set_interval(1, self.tick, pause=True)
        self.query_one("#bd-start", Button).focus()
        self.query_one("#bd-box").scroll_home(animate=False)
        settings = getattr(self.app, "settings", None)
        if settings is not None:
            self.query_one("#bd-enabled", Switch).value = bool(settings.bad_day_enabled)
        self._switch_ready = True
        self._load()

    # ---- data -------------------------------------------------------------------------

    def _load(self) -> None:
        def load(ctx: Any) -> BadDayData:
            from ...services import attempts, today

            with ctx.store.read() as s:
                summary = today.summary(s, ctx.profile_id)
                rows = attempts.list_attempts(
                    s, ctx.profile_id, attempts.Filter(since=summary.day, until=summary.day), limit=5000)
            lines = [_Line(r.outcome, r.rejection_kind, r.target) for r in rows]
            return BadDayData(summary, learn.group_by_kind(lines))

        run_db(self, load, self.show_data, group="bad-day", exclusive=True)

    def show_data(self, data: BadDayData) -> None:
        s = data.summary
        threshold = s.settings.bad_day_threshold
        if s.no_run >= threshold:
            lead = (f"{s.no_run:,} no's in a row today. That stings, and it is also exactly the work: "
                    "each one was an attempt you made.")
        else:
            lead = "A calm pause, whenever you need one. Nothing here stops you from logging."
        self.query_one("#bd-lead", Static).update(lead)
        survived = Text()
        survived.append(f"{s.total_nos:,}", style="bold")
        plural = "no's" if s.total_nos != 1 else "no"
        survived.append(f" {plural} survived so far, {s.nos:,} of them today. "
                        "You are still here.")
        self.query_one("#bd-survived", Static).update(survived)
        wins = Text()
        wins.append("Today's wins: ", style="bold")
        if s.wins:
            wins.append_text(plain("; ".join(s.wins)))
        else:
            wins.append("none written yet. Making the attempts is one; add it with w on the dashboard.")
        if s.yeses:
            wins.append(f"\nAnd {s.yeses} yes{'es' if s.yeses != 1 else ''} today.")
        self.query_one("#bd-wins", Static).update(wins)
        self.query_one("#bd-review", Static).update(review_text(data.groups))

    # ---- the break timer ----------------------------------------------------------------

    def _typed_minutes(self) -> int | None:
        """The minutes typed, when they are a whole number from 1 to MAX_BREAK_MINUTES."""
        raw = self.query_one("#bd-minutes", Input).value.strip()
        return int(raw) if raw.isdigit() and 1 <= int(raw) <= MAX_BREAK_MINUTES else None

    def _minutes(self) -> int | None:
        minutes = self._typed_minutes()
        if minutes is None:
            self.notify(f"Set the break from 1 to {MAX_BREAK_MINUTES} minutes.", severity="warning")
        return minutes

    def start_timer(self) -> None:
        """Start a new break with the minutes typed, or resume a paused one."""
        if not self.started:
            minutes = self._minutes()
            if minutes is None:
                return
            self.remaining = minutes * 60
            self.started = True
        self.running = True
        if self._timer is not None:
            self._timer.resume()
        self._update_clock()

    def pause_timer(self) -> None:
        self.running = False
        if self._timer is not None:
            self._timer.pause()
        self._update_clock()

    def cancel_timer(self) -> None:
        self.started = False
        self.remaining = (self._typed_minutes() or DEFAULT_BREAK_MINUTES) * 60
        self.pause_timer()

    def tick(self) -> None:
        """One second of break (called by the interval; tests call it directly)."""
        if not self.running:
            return
        self.remaining = max(0, self.remaining - 1)
        if self.remaining == 0:
            self.running = self.started = False
            if self._timer is not None:
                self._timer.pause()
            self.notify("Break's over. Come back gently: one attempt at a time.", title="Welcome back", timeout=8)
        self._update_clock()

    def _update_clock(self) -> None:
        state = "" if self.running or not self.started else " paused"
        self.query_one("#bd-clock", Static).update(clock(self.remaining) + state)
        self.query_one("#bd-start", Button).label = "Resume" if self.started and not self.running else "Start"

    def action_toggle_timer(self) -> None:
        if self.running:
            self.pause_timer()
        else:
            self.start_timer()

    def action_cancel_timer(self) -> None:
        self.cancel_timer()

    # ---- closing, the switch ------------------------------------------------------------

    def action_close(self) -> None:
        self.pause_timer()
        self.dismiss(None)

    def action_log(self, outcome: str) -> None:
        """Close the pause and log on the dashboard, as if it had never been open."""
        self.action_close()
        app: Any = self.app
        if hasattr(app, "action_go"):
            app.action_go("dashboard")

        async def log_on_dashboard() -> None:
            await app.run_action(f"log('{outcome}')", app.screen)

        app.call_after_refresh(log_on_dashboard)

    @on(Switch.Changed, "#bd-enabled")
    def _enabled_changed(self, event: Switch.Changed) -> None:
        if not self._switch_ready:
            return
        value = bool(event.value)

        def save(ctx: Any) -> Settings:
            from ...services import settings as settings_svc

            with ctx.store.write() as s:
                return settings_svc.update(s, ctx.profile_id, bad_day_enabled=value)

        def saved(new: Settings) -> None:
            app_state(self).settings = new
            self.notify("It will be offered after a run of no's." if value
                        else "Turned off. Press ! whenever you want it.", timeout=4)

        run_db(self, save, saved, group="bad-day-setting", exclusive=True)

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        actions = {"bd-start": self.start_timer, "bd-pause": self.pause_timer,
                   "bd-cancel": self.cancel_timer, "bd-close": self.action_close}
        if event.button.id in actions:
            event.stop()
            actions[event.button.id]()

    @on(Input.Submitted, "#bd-minutes")
    def _minutes_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.cancel_timer()
        self.start_timer()


@dataclass(frozen=True)
class _Line:
    outcome: str
    kind: str | None
    target: str | None
