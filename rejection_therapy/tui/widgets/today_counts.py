"""The top of the dashboard: today's no's (or attempts, effort-only), the goal bar, the
streak, the cap line, and the replies box. ``show(summary, cap, effort_only)`` fills it."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Label, Static

from ...core.goals import cap_message
from .goal_bar import GoalBar


def no_goal_line(nos: int, daily_nos: int) -> str:
    if not daily_nos:
        return "No goal for no's today (s to set one)"
    done = " · goal reached" if nos >= daily_nos else ""
    return f"Goal {nos:,} / {daily_nos:,} no's{done}"


def cap_line(attempts: int, cap: int | None) -> tuple[str, bool]:
    """The cap line and whether the cap is reached (it wraps; it is never cut)."""
    message = cap_message(attempts, cap)
    if message:
        return message, True
    if cap:
        return f"Daily cap {cap:,} · {cap - attempts:,} to go, then stop for the day", False
    return "No daily cap set", False


CAPTION = "no's collected today"
EFFORT = "Effort-only: counting pitches sent"


class CounterSide(Static):
    """Beside the big number: the caption and the goal line, or the effort-only label (one
    widget: each widget costs the first figures about a millisecond to build and style)."""

    COMPONENT_CLASSES = {"counter-side--caption", "counter-side--goal", "counter-side--effort"}

    def show(self, effort: bool, goal_line: str) -> None:
        def style(name: str) -> Any:
            return self.get_component_rich_style(f"counter-side--{name}")

        if effort:
            self.update(Text(EFFORT, style=style("effort")))
        else:
            self.update(Text.assemble((CAPTION, style("caption")), "\n", (goal_line, style("goal"))))


class TodayCounts(Horizontal):
    DEFAULT_CSS = """
    TodayCounts { height: auto; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="today"):
            with Horizontal(id="no-block"):
                yield Digits("0", id="no-counter")
                yield Digits("0", id="effort-counter")  # effort-only: the attempts, no no's
                yield CounterSide(CAPTION, id="no-side")
            with Horizontal(id="attempts-row"):
                yield Label("Attempts", id="attempts-label")
                yield GoalBar(id="goal-bar")
            yield Label("", id="streak")
            yield Label("", id="cap-status")
        yield Static("", id="outcomes")

    def on_mount(self) -> None:
        self.query_one("#today").border_title = "Today"
        self.query_one("#outcomes").border_title = "Replies"
        self.query_one("#effort-counter").display = False

    def on_dashboard_shown(self, message: Any) -> None:  # dashboard_parts.DashboardShown
        data = message.data
        self.show(data.summary, data.cap, data.effort_only)

    def show(self, s: Any, cap: int | None, effort: bool) -> None:
        q = self.query_one
        q("#outcomes").display = q("#no-counter").display = not effort
        q("#effort-counter").display = effort
        q("#no-counter", Digits).update(str(s.nos))
        q("#effort-counter", Digits).update(str(s.attempts))
        goal = s.goal
        q("#no-side", CounterSide).show(effort, no_goal_line(s.nos, goal.daily_nos))
        bar = q("#goal-bar", GoalBar)
        if goal.daily_attempts:
            q("#attempts-label", Label).update(f"Attempts {s.attempts:,} / {goal.daily_attempts:,}")
            bar.update(total=goal.daily_attempts, progress=min(s.attempts, goal.daily_attempts))
            bar.display = True
        else:
            q("#attempts-label", Label).update(f"Attempts {s.attempts:,} · no daily goal set (s for settings)")
            bar.display = False
        streak = q("#streak", Label)
        streak.display = s.streak is not None
        if s.streak is not None:
            from .rest_line import streak_text  # the rest budget and an open repair (issue 15)

            streak.update(streak_text(s))
        text, at_cap = cap_line(s.attempts, cap)
        cap_label = q("#cap-status", Label)
        cap_label.set_class(at_cap, "at-cap")
        cap_label.update(text)
        counts = Text()
        for label, value in (("Yes's", s.yeses), ("Conversations", s.conversations),
                             ("Silences", s.silences), ("Pending", s.pending)):
            counts.append(f"{label:<15}", style="dim").append(f"{value:,}\n", style="bold")
        # one line in the narrow box at 80 columns, in the same label/value columns
        counts.append("No's survived  ", style="dim italic").append(f"{s.total_nos:,}", style="bold")
        q("#outcomes", Static).update(counts)
