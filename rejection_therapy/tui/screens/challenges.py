"""The Challenges screen: running challenges with bars and the per-day need, start one from a
preset (a form pre-filled with the preset's defaults, checked as you type), extend, abandon
with a reason, and the history with each challenge's summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Label, Static

from ...core import challenges as rules
from ...core.errors import ValidationError
from ..base import DataScreen, run_db
from ..widgets.challenge_form import AskScreen, ChallengeFormScreen, PresetScreen
from ..widgets.challenge_panel import bar, day_text, detail_text, need_text
from ..widgets.dialog import open_dialog
from ..widgets.fit_footer import FitFooter
from ..widgets.tables import fit_flex
from ..widgets.today_table import cell

EMPTY = (
    "No challenge yet. A challenge is a time box with a target; progress counts attempts, "
    "whatever the answer. Press + to start one:\n\n"
    + "\n".join(f"• {rules.PRESET_TITLES[p]}: {rules.PRESET_HELP[p]}" for p in rules.PRESETS)
)


class ChallengeCommands(Provider):
    """The screen's actions in the command palette (ctrl+p) while the screen is shown."""

    ACTIONS = (
        ("Start a challenge", "From a preset: 100-day, pitch sprint, quota month, custom (+)", "new"),
        ("Extend the selected challenge", "Add days; a challenge that just ended reopens (x)", "extend"),
        ("Abandon the selected challenge", "Stop it, with a reason kept in the history (a)", "abandon"),
    )

    def _run(self, action: str) -> Callable[[], None]:
        screen = self.screen
        return lambda: screen.run_action(action)

    async def discover(self) -> Hits:
        for name, help_text, action in self.ACTIONS:
            yield DiscoveryHit(name, self._run(action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in self.ACTIONS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), self._run(action), help=help_text)


def _reason(value: str) -> None:
    if not value.strip():
        raise ValidationError("Say in a few words why you stop; it stays in the history.")


class ChallengesScreen(DataScreen):
    TITLE = "Challenges"
    COMMANDS = {ChallengeCommands}
    DEFAULT_CSS = """
    ChallengesScreen #ch-body { padding: 0 1; }
    ChallengesScreen .ch-section { color: $accent; text-style: bold; margin-top: 1; }
    ChallengesScreen DataTable { height: auto; max-height: 14; }
    ChallengesScreen #ch-detail { height: auto; margin-top: 1; padding: 0 1; border: round $panel-lighten-2; }
    ChallengesScreen #ch-empty { height: auto; margin: 1 2; padding: 1 2; border: round $primary; }
    """
    BINDINGS = [
        Binding("plus", "new", "Start", id="ch.new"),  # n/y/p log on the dashboard only; t is the team feed
        Binding("x", "extend", "Extend", id="ch.extend"),
        Binding("a", "abandon", "Abandon", id="ch.abandon"),
        Binding("tab", "switch_table", "Active/history", id="ch.switch", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.views: dict[int, Any] = {}
        self.summaries: dict[int, Any] = {}
        self.selected: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="ch-body"):
            yield Static(Text(EMPTY), id="ch-empty")
            yield Label("Running", classes="ch-section", id="ch-active-title")
            yield DataTable(id="ch-active", cursor_type="row", zebra_stripes=True)
            yield Label("History", classes="ch-section", id="ch-history-title")
            yield DataTable(id="ch-history", cursor_type="row", zebra_stripes=True)
            yield Static("", id="ch-detail")
        yield FitFooter()

    def on_mount(self) -> None:
        active = self.query_one("#ch-active", DataTable)
        # Challenge (and Note) take what the other columns leave, cut with "…": whole headers at 80
        active.add_column("#")
        active.add_column("Challenge", key="name", width=8)
        active.add_columns("Day", "Progress", "Attempts", "Done", "Missed", "Run")
        active.add_column("Need", key="need", width=8)
        history = self.query_one("#ch-history", DataTable)
        history.add_column("#")
        history.add_column("Challenge", key="name", width=8)
        history.add_columns("Started", "Status", "Attempts", "Done", "Missed", "Run")
        history.add_column("Note", key="note", width=8)
        for w in ("#ch-empty", "#ch-active-title", "#ch-active", "#ch-history-title", "#ch-history", "#ch-detail"):
            self.query_one(w).display = False

    # ---------------------------------------------------------------- data
    def load_data(self, ctx: Any) -> Any:  # worker thread
        from ...services import challenges as svc
        from ...services.today import today_of

        with ctx.store.read() as s:
            today = today_of(s, ctx.profile_id)
            closing = svc.has_finished(s, ctx.profile_id, today)
        with ctx.store.write() if closing else ctx.store.read() as s:
            return svc.summaries(s, ctx.profile_id, today)

    def show_data(self, data: Any) -> None:
        active_sm, history_sm = data
        self.summaries = {sm.challenge.id: sm for sm in active_sm + history_sm}
        active = [sm.challenge for sm in active_sm]
        history = [sm.challenge for sm in history_sm]
        self.views = {v.id: v for v in active + history}
        a_table, h_table = self.query_one("#ch-active", DataTable), self.query_one("#ch-history", DataTable)
        a_table.clear()
        h_table.clear()
        for v in active:
            p = v.progress
            a_table.add_row(
                Text(str(v.id)), cell(v.name), Text(day_text(p).removeprefix("day ")), bar(p.fraction, 4, pad=False),
                Text(f"{p.attempts}/{p.target}"), Text(str(p.done_days)), Text(str(p.missed_days)),
                Text(str(p.longest_run)), cell(need_text(p).removeprefix("need ")), key=str(v.id),
            )
        for v in history:
            p = v.progress
            note = v.abandon_reason or ("target reached" if p.remaining == 0 else f"{p.remaining} short")
            h_table.add_row(
                Text(str(v.id)), cell(v.name), Text(str(v.start_day)),
                Text(v.status), Text(f"{p.attempts}/{p.target}"), Text(str(p.done_days)),
                Text(str(p.missed_days)), Text(str(p.longest_run)), cell(note), key=str(v.id),
            )
        empty = not active and not history
        self.query_one("#ch-empty").display = empty
        for w, show in (("#ch-active-title", bool(active)), ("#ch-active", bool(active)),
                        ("#ch-history-title", bool(history)), ("#ch-history", bool(history)),
                        ("#ch-detail", not empty)):
            self.query_one(w).display = show
        self.call_after_refresh(self.fit_tables)  # once the tables shown have their size
        if not empty:
            table = a_table if active else h_table
            if self.selected not in self.views:
                self.selected = int(table.coordinate_to_cell_key((0, 0)).row_key.value)
            table.focus()
            self.show_detail()

    def fit_tables(self) -> None:
        fit_flex(self.query_one("#ch-active", DataTable), ("name", "need"), minimum=6)
        fit_flex(self.query_one("#ch-history", DataTable), ("name", "note"), minimum=9)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_tables)  # after the layout settles

    # ---------------------------------------------------------------- detail
    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None and event.row_key.value is not None:
            self.selected = int(event.row_key.value)
            self.show_detail()

    def show_detail(self) -> None:
        v = self.views.get(self.selected) if self.selected is not None else None
        sm = self.summaries.get(self.selected) if self.selected is not None else None
        if v is None or sm is None:
            return
        self.query_one("#ch-detail", Static).update(detail_text(v, sm))

    def action_switch_table(self) -> None:
        tables = [t for t in self.query(DataTable) if t.display]
        if not tables:
            return
        focused = self.focused
        idx = tables.index(focused) if focused in tables else -1
        tables[(idx + 1) % len(tables)].focus()

    # ---------------------------------------------------------------- actions
    def action_new(self) -> None:
        open_dialog(self, PresetScreen(), self._preset_chosen)

    def _preset_chosen(self, preset: str | None) -> None:
        if not preset:
            return

        def load(ctx: Any) -> Any:
            from ...services import challenges as svc
            from ...services import settings as settings_svc
            from ...services.today import today_of

            with ctx.store.read() as s:
                today = today_of(s, ctx.profile_id)
                goal = settings_svc.current_goal(s, ctx.profile_id, today)
                context = {"daily_goal": goal.daily_attempts, "goal_cap": goal.daily_cap,
                           "known_channels": settings_svc.load(s, ctx.profile_id).channels}
                return svc.defaults(s, ctx.profile_id, preset, today), today, context

        def open_form(result: Any) -> None:
            values, today, context = result
            open_dialog(self, ChallengeFormScreen(preset, values, today, context), self._form_done(preset))

        run_db(self, load, open_form)

    def _form_done(self, preset: str):
        def done(options: dict | None) -> None:
            if options is None:
                return
            if_then = options.pop("if_then", [])

            def start(ctx: Any) -> Any:
                from ...services import challenges as svc
                from ...services import plans

                with ctx.store.write() as s:
                    v = svc.start_challenge(s, ctx.profile_id, preset, **options)
                    plans.add_all(s, ctx.profile_id, if_then, v.id)  # as `challenge start --if-then`
                    return v

            def started(v: Any) -> None:
                self.selected = v.id
                self.notify(f"Day 1 is {v.start_day}. Every attempt counts, whatever the answer.",
                            title=f"Started: {v.name}")
                self.reload()

            run_db(self, start, started)

        return done

    def _current(self) -> Any:
        return self.views.get(self.selected) if self.selected is not None else None

    def action_extend(self) -> None:
        v = self._current()
        if v is None:
            self.notify("Select a challenge first.", severity="warning")
            return
        if v.status == "abandoned":
            self.notify("An abandoned challenge cannot be extended; start a new one.", severity="warning")
            return

        def check(value: str) -> None:
            rules.check_extension(value.strip(), v.length_days, v.extended_days)

        def done(value: str | None) -> None:
            if value is None:
                return

            def work(ctx: Any) -> Any:
                from ...services import challenges as svc

                with ctx.store.write() as s:
                    return svc.extend(s, ctx.profile_id, v.id, value.strip())

            def extended(new: Any) -> None:
                self.notify(f"It now runs to {new.end_day} ({new.length} days).", title="Extended")
                self.reload()

            run_db(self, work, extended)

        open_dialog(
            self, AskScreen(f"Extend '{v.name}' (ends {v.end_day}) by how many days?", "days, e.g. 7", check, "Extend"),
            done,
        )

    def action_abandon(self) -> None:
        v = self._current()
        if v is None or v.status != "active":
            self.notify("Only a running challenge can be abandoned.", severity="warning")
            return

        def done(reason: str | None) -> None:
            if reason is None:
                return

            def work(ctx: Any) -> Any:
                from ...services import challenges as svc

                with ctx.store.write() as s:
                    return svc.abandon(s, ctx.profile_id, v.id, reason)

            def abandoned(_new: Any) -> None:
                self.notify("It stays in the history with your reason.", title="Abandoned")
                self.reload()

            run_db(self, work, abandoned)

        open_dialog(
            self, AskScreen(f"Abandon '{v.name}'? Why do you stop? (kept in the history)", "your reason", _reason, "Abandon"),
            done,
        )
