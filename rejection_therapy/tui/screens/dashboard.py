"""The dashboard: today's no's against the goal, one-key logging, the burnout guard.

Nothing here imports SQLAlchemy or the services at module level: the data is loaded in a
thread worker (``_load``), which imports them the first time it runs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Footer, Header, Label, ProgressBar, Static

from ...core.errors import RTError
from ...core.goals import cap_message, needs_cap_confirmation
from ...core.silence import KIND_LABELS
from ...core.text import plural
from ..base import report_error, run_db
from ..safe import plain

if TYPE_CHECKING:
    from ...core.attempts import AttemptInput

log = logging.getLogger("rejection_therapy.tui")
EMPTY = "No attempts yet today. Press n after your first no."
NO_WINS = "No wins yet today. Press w to add one: made your calls, a good conversation, a lesson."
OUTCOME_WORDS = {"no": "no", "yes": "YES", "pending": "pending", "silence": "silence"}


@dataclass
class DashData:
    summary: Any  # core.today.TodaySummary
    cap: int | None
    effort_only: bool
    panels: list[tuple[Any, Any, BaseException | None]] = field(default_factory=list)


def _load(ctx: Any, panels: list[Any], sweep: bool) -> DashData:
    """Worker thread: everything the dashboard shows, in one go."""
    from ...services import challenges, today
    from ...services import silence as silence_svc

    pid = ctx.profile_id
    if sweep:
        with ctx.store.write() as s:
            silence_svc.sweep(s, pid)
    with ctx.store.read() as s:
        summary = today.summary(s, pid)
        cap = challenges.effective_cap(s, pid, summary.day, summary.goal.daily_cap)
        effort = challenges.effort_only_active(s, pid, summary.day)
    results = []
    for panel in panels:
        try:
            results.append((panel, panel.fetch(ctx), None))
        except Exception as err:  # noqa: BLE001 - one broken panel must not hide the dashboard
            results.append((panel, None, err))
    return DashData(summary, cap, effort, results)


def _make_panels() -> list[Any]:
    from ..app import load_class
    from ..widgets.panel import DASHBOARD_PANELS

    panels = []
    for spec in DASHBOARD_PANELS:
        module, _, name = spec.partition(":")
        try:
            cls = load_class(module, name)
            if cls is not None:
                panels.append(cls())
        except Exception:  # noqa: BLE001
            log.exception("dashboard panel %s failed to load", spec)
    return panels


class DashboardScreen(Screen):
    CSS_PATH = "../styles/dashboard.tcss"
    BINDINGS = [
        Binding("n", "log('no')", "No", id="log-no"),
        Binding("y", "log('yes')", "Yes", id="log-yes"),
        Binding("p", "log('pending')", "Pending", id="log-pending"),
        Binding("a", "attempt_form", "Attempt…", id="attempt-form"),
        Binding("w", "add_win", "Win", id="add-win"),
        Binding("u", "undo", "Undo", id="undo"),
        Binding("e", "why", "Why?", id="why", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: DashData | None = None
        self._panels = _make_panels()
        self._token = 0
        self._pending_logs = 0
        self._swept = False
        self._last_no: int | None = None
        self._panel_errors: set[str] = set()

    # ---- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="dash-body"):
            with Horizontal(id="dash-top"):
                with Vertical(id="today"):
                    with Horizontal(id="no-block"):
                        yield Digits("0", id="no-counter")
                        yield Digits("0", id="effort-counter")
                        with Vertical(id="no-side"):
                            yield Label("no's collected today", id="no-caption")
                            yield Label("", id="no-goal")
                            yield Label("Effort-only: counting pitches sent", id="effort-label")
                    with Horizontal(id="attempts-row"):
                        yield Label("Attempts", id="attempts-label")
                        yield ProgressBar(total=1, show_eta=False, id="goal-bar")
                    yield Label("", id="streak")
                    yield Label("", id="cap-status")
                yield Static("", id="outcomes")
            yield Static("Opening your log…", id="status")
            yield Static("", id="rest-notice")
            # Filled right after the first frame (start-up speed); the data comes later anyway.
            yield Vertical(id="panels")
            yield Horizontal(id="dash-bottom")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#today").border_title = "Today"
        self.query_one("#outcomes").border_title = "Replies"
        for selector in ("#effort-counter", "#effort-label", "#rest-notice"):
            self.query_one(selector).display = False
        app: Any = self.app
        app.bench_mark("frame")
        self.call_after_refresh(self._after_first_frame)
        # Kept open all day: pick up a new day, silence that set in, other devices' logs.
        self.set_interval(300, self._periodic)

    async def _after_first_frame(self) -> None:
        """Mount today's rows, the wins and the panels, then open the store."""
        from textual.widgets import DataTable

        table = DataTable(id="today-attempts", cursor_type="row", zebra_stripes=True)
        empty = Static(EMPTY, id="empty")
        box = Vertical(table, empty, id="attempts-box")
        wins = Static(NO_WINS, id="wins")
        await self.query_one("#dash-bottom").mount_all([box, wins])
        box.border_title = "Today's attempts"
        wins.border_title = "Small wins"
        empty.display = False
        self._set_columns(effort_only=False)
        if self._panels:
            await self.query_one("#panels").mount_all(self._panels)
        self.app.open_store()  # type: ignore[attr-defined]

    def _periodic(self) -> None:
        if self.app.screen is self and not self._pending_logs:
            self._swept = False
            self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    # ---- loading --------------------------------------------------------------------

    def reload(self, after_log: bool = False) -> None:
        self._token += 1
        token, sweep = self._token, not self._swept

        def done(data: DashData) -> None:
            if token != self._token or self._pending_logs:
                return  # a newer load (or a log in flight) will bring fresher figures
            self._swept = True
            self.show_data(data, after_log)

        run_db(self, lambda ctx: _load(ctx, self._panels, sweep), done, group="dash-load",
               on_error=self.show_error)

    def show_error(self, err: BaseException) -> None:
        status = self.query_one("#status", Static)
        message = str(err) if isinstance(err, RTError) else f"Something went wrong ({type(err).__name__})."
        status.update(plain(message))
        status.set_classes("error")
        status.display = True
        report_error(self.app, err)

    def show_data(self, data: DashData, after_log: bool = False) -> None:
        if not self.query("#today-attempts"):  # the lower half is still being mounted
            self.call_after_refresh(self.show_data, data, after_log)
            return
        self.data = data
        s = data.summary
        self.app.settings = s.settings  # type: ignore[attr-defined]  # forms read channels from it
        status = self.query_one("#status", Static)
        status.display = False
        self._show_counts()
        self._show_table(s, data.effort_only)
        wins = self.query_one("#wins", Static)
        wins.update(plain("\n".join(f"• {w}" for w in s.wins), multiline=True) if s.wins else NO_WINS)
        wins.set_class(not s.wins, "muted")
        notice = self.query_one("#rest-notice", Static)
        notice.display = bool(s.over_cap_week)
        if s.over_cap_week:
            notice.update("You went past your cap every day this week. A rest day would help: "
                          "the no's will still be there tomorrow.")
        for panel, panel_data, err in data.panels:
            if err is not None:
                self._panel_failed(panel, err)
                continue
            try:
                panel.show(panel_data)
            except Exception as show_err:  # noqa: BLE001
                self._panel_failed(panel, show_err)
        self._bad_day_check(after_log)
        self.app.bench_mark("data")  # type: ignore[attr-defined]

    def _panel_failed(self, panel: Any, err: BaseException) -> None:
        panel.display = False
        name = type(panel).__name__
        log.error("dashboard panel %s failed: %r", name, err)
        if name not in self._panel_errors:
            self._panel_errors.add(name)
            report_error(self.app, err)

    def _show_counts(self) -> None:
        assert self.data is not None
        s, effort = self.data.summary, self.data.effort_only
        q = self.query_one
        for selector in ("#no-counter", "#no-caption", "#no-goal", "#outcomes"):
            q(selector).display = not effort
        q("#effort-counter").display = effort
        q("#effort-label").display = effort
        q("#no-counter", Digits).update(str(s.nos))
        q("#effort-counter", Digits).update(str(s.attempts))
        goal = s.goal
        if goal.daily_nos:
            done = " · goal reached" if s.nos >= goal.daily_nos else ""
            q("#no-goal", Label).update(f"no goal {s.nos} / {goal.daily_nos}{done}")
        else:
            q("#no-goal", Label).update("no daily no goal")
        bar = q("#goal-bar", ProgressBar)
        if goal.daily_attempts:
            q("#attempts-label", Label).update(f"Attempts {s.attempts} / {goal.daily_attempts}")
            bar.update(total=goal.daily_attempts, progress=min(s.attempts, goal.daily_attempts))
            bar.display = True
        else:
            q("#attempts-label", Label).update(f"Attempts {s.attempts} · no daily goal set (s for settings)")
            bar.display = False
        streak = q("#streak", Label)
        streak.display = s.streak is not None
        if s.streak is not None:
            streak.update(f"Streak {s.streak.current} day{'s' if s.streak.current != 1 else ''} · "
                          f"longest {s.streak.longest}")
        cap = self.data.cap
        cap_label = q("#cap-status", Label)
        message = cap_message(s.attempts, cap)
        cap_label.set_class(message is not None, "at-cap")
        if message:
            cap_label.update(message)
        elif cap:
            cap_label.update(f"Daily cap {cap} · {cap - s.attempts} to go, then stop for the day")
        else:
            cap_label.update("No daily cap set")
        counts = Text()
        for label, value in (("Yes's", s.yeses), ("Conversations", s.conversations),
                             ("Silences", s.silences), ("Pending", s.pending)):
            counts.append(f"{label:<15}", style="dim").append(f"{value}\n", style="bold")
        counts.append(plural(s.total_nos, "no", "no's") + " survived in all", style="dim italic")
        q("#outcomes", Static).update(counts)

    def _set_columns(self, effort_only: bool) -> None:
        table: Any = self.query_one("#today-attempts")
        table.clear(columns=True)
        table.add_column("Time", key="time")
        table.add_column("Channel", key="channel")
        table.add_column("Target", key="target")
        if not effort_only:
            table.add_column("Outcome", key="outcome")
        table.add_column("Note", key="note")
        table.effort_only = effort_only  # type: ignore[attr-defined]

    def _show_table(self, s: Any, effort_only: bool) -> None:
        table: Any = self.query_one("#today-attempts")
        if getattr(table, "effort_only", None) != effort_only:
            self._set_columns(effort_only)
        table.clear()
        tz = s.settings.timezone
        for line in s.last_attempts:
            row = [Text(_local_time(line.created_at, tz), style="dim"),
                   plain(line.channel), plain(line.target or "")]
            if not effort_only:
                word = OUTCOME_WORDS.get(line.outcome, line.outcome)
                if line.kind:
                    word += f" · {KIND_LABELS.get(line.kind, line.kind)}"
                row.append(Text(word, style="bold" if line.outcome == "yes" else ""))
            row.append(plain(line.notes or ""))
            table.add_row(*row, key=str(line.id))
        empty = not s.last_attempts
        table.display = not empty
        self.query_one("#empty").display = empty

    def why_panel(self) -> Any:
        """The why? panel, mounted the first time it is needed (keeps the first frame light)."""
        from ..widgets.why_panel import WhyPanel

        found = self.query(WhyPanel)
        if found:
            return found.first()
        panel = WhyPanel(id="why-panel")
        self.mount(panel, before=self.query_one(Footer))
        return panel

    # ---- logging --------------------------------------------------------------------

    def action_log(self, outcome: str) -> None:
        from ...core.attempts import AttemptInput

        self.log_attempt(AttemptInput(outcome=outcome), why=outcome == "no")

    def action_attempt_form(self) -> None:
        from ..widgets.attempt_form import AttemptFormScreen

        def done(data: AttemptInput | None) -> None:
            if data is not None:
                self.log_attempt(data, why=False)

        self.app.push_screen(AttemptFormScreen(title="New attempt"), done)

    def log_attempt(self, data: AttemptInput, *, why: bool, confirmed: bool = False) -> None:
        app: Any = self.app
        d = self.data
        if d is not None and not confirmed:
            day = d.summary.day
            if needs_cap_confirmation(d.summary.attempts, d.cap, app.cap_confirmed_day == day):
                self._ask_cap(data, why, day)
                return
        self._pending_logs += 1
        self._bump(data.outcome)

        def write(ctx: Any) -> Any:
            from ...services.attempts import log_attempt

            with ctx.store.write() as s:
                return log_attempt(s, ctx.profile_id, data)

        def done(logged: Any) -> None:
            self._pending_logs -= 1
            app.undo_stack.append(logged.id)
            if why:
                self._last_no = logged.id
                self.why_panel().open(logged.id)
            self.reload(after_log=True)

        def failed(err: BaseException) -> None:
            self._pending_logs -= 1
            report_error(app, err)
            self.reload()

        run_db(self, write, done, group="dash-write", on_error=failed)

    def _ask_cap(self, data: AttemptInput, why: bool, day: Any) -> None:
        from ..widgets.confirm import ConfirmScreen

        assert self.data is not None
        cap = self.data.cap
        app: Any = self.app

        def answered(yes: bool | None) -> None:
            if yes:
                app.cap_confirmed_day = day
                self.log_attempt(data, why=why, confirmed=True)

        app.push_screen(
            ConfirmScreen(
                f"You reached today's cap of {cap} attempts. That is a full day's work; stopping here "
                "is part of the practice.\n\nLog this one anyway? (You will not be asked again today.)",
                title="Daily cap reached", yes="Log it", no="Stop for today",
            ),
            answered,
        )

    def _bump(self, outcome: str) -> None:
        """Optimistic update: the counters move at once; the reload brings the stored truth."""
        if self.data is None:
            return
        s = self.data.summary
        changes: dict[str, int] = {"attempts": s.attempts + 1}
        key = {"no": "nos", "yes": "yeses", "pending": "pending", "silence": "silences"}.get(outcome)
        if key:
            changes[key] = getattr(s, key) + 1
        self.data.summary = replace(s, **changes)
        self._show_counts()

    def on_data_table_row_selected(self, event: Any) -> None:
        """Enter or a click on a row of today's attempts: edit that attempt in the full form."""
        if event.data_table.id != "today-attempts":
            return
        attempt_id = int(str(event.row_key.value))

        def read(ctx: Any) -> AttemptInput:
            from ...services.attempts import get, to_input

            with ctx.store.read() as s:
                return to_input(get(s, ctx.profile_id, attempt_id))

        def edit_it(initial: AttemptInput) -> None:
            from ..widgets.attempt_form import AttemptFormScreen

            def done(data: AttemptInput | None) -> None:
                if data is None:
                    return

                def write(ctx: Any) -> None:
                    from ...services.attempts import edit

                    with ctx.store.write() as s:
                        edit(s, ctx.profile_id, attempt_id, data)

                run_db(self, write, lambda _: self.reload(), group="dash-write")

            self.app.push_screen(AttemptFormScreen(initial, title=f"Edit attempt #{attempt_id}"), done)

        run_db(self, read, edit_it, group="dash-write")

    # ---- why panel, wins, undo ------------------------------------------------------

    def action_why(self) -> None:
        if self._last_no is None:
            self.notify("Log a no first (n); the why? panel follows it.", timeout=4)
            return
        self.why_panel().open(self._last_no)

    def on_why_panel_saved(self, event: Any) -> None:  # WhyPanel.Saved
        share = getattr(event, "share", False)
        if not (event.kind or event.stated_reason.strip() or event.real_reason.strip() or share):
            return

        def write(ctx: Any) -> None:
            from ...services.attempts import update_fields

            changes: dict[str, Any] = {"stated_reason": event.stated_reason, "real_reason": event.real_reason}
            if event.kind:
                changes["kind"] = event.kind
            with ctx.store.write() as s:
                update_fields(s, ctx.profile_id, event.attempt_id, **changes)
            if share:  # its own write: the why above stays saved if there is nothing to share
                from ...services.lessons import share as share_lesson

                with ctx.store.write() as s:
                    share_lesson(s, ctx.profile_id, event.attempt_id)

        def done(_: None) -> None:
            self.notify("Saved why; the lesson is in the team feed (t)." if share else "Saved why.",
                        timeout=3)
            self.reload()

        run_db(self, write, done, group="dash-write")

    def action_add_win(self) -> None:
        from ..widgets.win_form import WinFormScreen

        def done(result: tuple[str, int | None] | None) -> None:
            if result is None:
                return
            text, attempt_id = result

            def write(ctx: Any) -> None:
                from ...services.wins import add_win

                with ctx.store.write() as s:
                    add_win(s, ctx.profile_id, text, attempt_id)

            run_db(self, write, lambda _: self.reload(), group="dash-write")

        self.app.push_screen(WinFormScreen(), done)

    def action_undo(self) -> None:
        app: Any = self.app
        if not app.undo_stack:
            self.notify("Nothing to undo: no attempt was logged in this session.", timeout=4)
            return
        attempt_id = app.undo_stack.pop()
        for panel in self.query("#why-panel"):
            if getattr(panel, "attempt_id", None) == attempt_id:
                panel.close()
        if self._last_no == attempt_id:
            self._last_no = None

        def write(ctx: Any) -> None:
            from ...services.attempts import delete_attempt

            with ctx.store.write() as s:
                delete_attempt(s, ctx.profile_id, attempt_id, record=False)  # undoes the log

        def done(_: None) -> None:
            self.notify(f"Removed attempt #{attempt_id}.", timeout=3)
            self.reload()

        run_db(self, write, done, group="dash-write")

    # ---- bad-day protocol -----------------------------------------------------------

    def _bad_day_check(self, after_log: bool) -> None:
        assert self.data is not None
        s = self.data.summary
        app: Any = self.app
        if s.no_run < s.settings.bad_day_threshold:
            app.bad_day_shown = False
            return
        if after_log and s.settings.bad_day_enabled and not app.bad_day_shown and app.screen is self:
            if app.show_bad_day(auto=True):
                app.bad_day_shown = True


def _local_time(instant: Any, tz: str) -> str:
    from ...core.days import zone

    try:
        return instant.astimezone(zone(tz)).strftime("%H:%M")
    except Exception:  # noqa: BLE001
        return instant.strftime("%H:%M")
