"""The modal that starts a competition (from the Leaderboard screen, key +): name, period,
metric, participants. It calls services.competitions.start in a worker and shows its one-sentence
errors (a bad date, a taken name, a member without the right to start one) in place.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from ..base import run_db
from ..safe import plain
from ..widgets.dialog import Dialog, EnterInput


class StartCompetitionScreen(Dialog[Any]):
    """Start a competition: name, period, metric, participants. Dismisses with the new info."""

    DEFAULT_CSS = """
    StartCompetitionScreen { align: center middle; }
    StartCompetitionScreen > Vertical { width: 76; max-width: 96%; height: auto; max-height: 96%;
        padding: 1 2; border: thick $primary 50%; background: $surface; }
    StartCompetitionScreen .title { text-style: bold; color: $primary; margin-bottom: 1; }
    StartCompetitionScreen .row { height: auto; }
    StartCompetitionScreen .row Label { width: 14; padding-top: 1; }
    StartCompetitionScreen .row Input, StartCompetitionScreen .row Select { width: 1fr; }
    StartCompetitionScreen SelectionList { height: auto; max-height: 10; }
    StartCompetitionScreen #start-error { color: $error; height: auto; }
    StartCompetitionScreen .hint { color: $text-muted; }
    StartCompetitionScreen #start-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    StartCompetitionScreen Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="start-cancel"),
        Binding("ctrl+s", "submit", "Start", id="start-submit"),
    ]

    def __init__(self, profiles: list[str]) -> None:
        super().__init__()
        self.profiles = profiles

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Start a competition", classes="title")
            with Horizontal(classes="row"):
                yield Label("Name")
                yield EnterInput(placeholder="e.g. November no's", id="start-name")
            with Horizontal(classes="row"):
                yield Label("Period")
                yield Select(
                    [("This month", "month"), ("This week", "week"), ("Dates…", "dates")],
                    value="month", allow_blank=False, id="start-period",
                )
            with Horizontal(classes="row", id="dates-row"):
                yield Label("From / to")
                yield EnterInput(placeholder="YYYY-MM-DD", id="start-from")
                yield EnterInput(placeholder="YYYY-MM-DD", id="start-to")
            with Horizontal(classes="row"):
                yield Label("Counting")
                yield Select([("No's (silence never counts)", "nos"), ("Attempts", "attempts")],
                             value="nos", allow_blank=False, id="start-metric")
            yield Label("Participants (space toggles)", classes="hint")
            yield SelectionList[str](*((plain(name), name, True) for name in self.profiles), id="start-with")
            yield Static("", id="start-error")
            with Horizontal(id="start-buttons"):
                yield Button("Cancel (esc)", id="start-cancel-button")
                yield Button("Start (ctrl+s)", variant="primary", id="start-ok-button")

    def on_mount(self) -> None:
        self.query_one("#dates-row").display = False
        self.query_one("#start-name", Input).focus()

    @on(Select.Changed, "#start-period")
    def _period(self, event: Select.Changed) -> None:
        self.query_one("#dates-row").display = event.value == "dates"

    @on(Input.Submitted)
    @on(Button.Pressed, "#start-ok-button")
    def action_submit(self) -> None:
        name = self.query_one("#start-name", Input).value
        period = self.query_one("#start-period", Select).value
        metric = self.query_one("#start-metric", Select).value
        chosen = list(self.query_one("#start-with", SelectionList).selected)
        start = self.query_one("#start-from", Input).value.strip() or None
        end = self.query_one("#start-to", Input).value.strip() or None
        if not chosen:
            self._error("Pick at least one participant.")
            return
        if not self.begin():  # the second Enter of a burst: one competition is on its way
            return

        def work(ctx: Any) -> Any:
            from ...services import competitions

            with ctx.store.write() as s:
                return competitions.start(
                    s, ctx.profile_id, name, str(period), start_day=start if period == "dates" else None,
                    end_day=end if period == "dates" else None, metric=str(metric),
                    with_names=chosen if len(chosen) < len(self.profiles) else None,
                )

        run_db(self, work, self.dismiss, group="start-competition", exclusive=True, on_error=self._failed)

    def _failed(self, err: BaseException) -> None:
        from ...config import mask_url

        self.failed()
        self._error(mask_url(str(err)))

    def _error(self, message: str) -> None:
        self.query_one("#start-error", Static).update(plain(message))

    @on(Button.Pressed, "#start-cancel-button")
    def _cancel(self) -> None:
        self.dismiss(None)
