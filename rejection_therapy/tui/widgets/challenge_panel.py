"""The dashboard's challenge panel: each running challenge, day X of N, a bar, the need per day.

It hides itself when no challenge is active. Reading challenges closes finished ones, so the
fetch takes a write transaction only when one has to be closed. A challenge that ended in the last three
days shows one line pointing to its summary on the Challenges screen (key c).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.message import Message

from ...core.challenges import format_weekdays, n_days
from ...core.text import strip_controls
from ..safe import plain
from .panel import DashboardPanel

if TYPE_CHECKING:
    from ...services.challenge_views import ChallengeView, Summary
    from ...services.context import AppContext

BAR_WIDTH = 24


def bar(fraction: float, width: int = BAR_WIDTH, *, pad: bool = True) -> Text:
    """A progress bar as Rich Text (block characters; no colours of its own); ``pad=False``
    does not pad the percentage to three digits (a table column sized to its cells)."""
    fraction = max(0.0, min(1.0, fraction))
    filled = int(round(fraction * width))
    pct = f"{int(fraction * 100):3d}" if pad else str(int(fraction * 100))
    return Text.assemble(("█" * filled, "bold"), ("░" * (width - filled), "dim"), f" {pct}%")


def need_text(p: Any) -> str:
    if p.state == "upcoming":
        return f"starts in {n_days(p.starts_in)}"
    if p.remaining == 0:
        return "target reached"
    if p.days_left == 0:
        return f"{p.remaining} short"
    return f"need {p.need_per_day}/day"


def day_text(p: Any) -> str:
    return "not started" if p.state == "upcoming" else f"day {p.day} of {p.length}"


def challenge_lines(v: ChallengeView, width: int = BAR_WIDTH) -> Text:
    """Two lines for one running challenge (name literal: user text)."""
    p = v.progress
    text = Text()
    text.append(strip_controls(v.name), style="bold")
    text.append(f"  {day_text(p)}")
    if v.effort_only:
        text.append("  effort-only", style="italic")
    text.append("\n")
    text.append_text(bar(p.fraction, width))
    text.append(f"  {p.attempts}/{p.target}  {need_text(p)}")
    if p.state == "running":
        from ...core.challenge_line import ask_status

        rest = p.as_of.weekday() in (v.rest_weekdays or ())
        text.append(f"  · {ask_status(p.today_count, v.target_per_day, rest)}", style="dim")
        if v.daily_cap and p.today_count >= v.daily_cap:
            text.append(f"  · cap of {v.daily_cap} reached: a good place to stop", style="bold")
    return text


def closed_line(sm: Summary) -> Text:
    """One line for a challenge that just ended: its summary in short."""
    v, f = sm.challenge, sm.figures
    text = Text()
    text.append("✓ ", style="bold")
    text.append(strip_controls(v.name), style="bold")
    text.append(f" ended on {v.end_day}: {f.attempts} attempts ({f.nos} no's, {f.silences} silences, "
                f"{f.yeses} yes's), {v.progress.done_days} of {v.length} days done, "
                f"longest run {n_days(f.longest_run)}. Press c for the summary.")
    return text


def detail_text(v: Any, sm: Any) -> Text:
    """The Challenges screen's detail for one challenge: its settings, where it stands, and its
    summary figures (replies hidden while an effort-only challenge runs). Names literal."""
    p, f = v.progress, sm.figures
    t = Text()
    t.append(f"#{v.id} ")
    t.append_text(plain(v.name, "bold"))
    t.append(f"  {v.start_day} to {v.end_day}  ({v.target_label}; counts {v.channels_label}")
    if v.rest_weekdays:
        t.append(f"; rest {format_weekdays(v.rest_weekdays)}")
    if v.daily_cap:
        t.append(f"; cap {v.daily_cap} a day")
    t.append(")\n")
    if v.status == "active" and p.state != "upcoming":
        t.append(f"Day {p.day} of {p.length}: {n_days(p.done_days)} done, {p.missed_days} missed. ")
        t.append(f"{need_text(p).capitalize()} over {p.days_left} working days left.\n"
                 if p.remaining and p.days_left else f"{need_text(p).capitalize()}.\n")
    t.append(f"Attempts {f.attempts}")
    if v.effort_only and v.status == "active":
        t.append("  · replies hidden (effort-only)")
    else:
        t.append(f"  · no's {f.nos}  · silences {f.silences}  · yes's {f.yeses}")
    best = f"{f.best_day} ({f.best_day_count})" if f.best_day else "none yet"
    t.append(f"\nBest day {best}  · longest run {n_days(f.longest_run)}  · wins {f.wins}  · lessons {f.lessons}")
    if v.abandon_reason:
        t.append("\nAbandoned: ")
        t.append_text(plain(v.abandon_reason))
    return t


@dataclass
class ChallengesFetched(Message):
    """The challenge panel's data (``ChallengePanel.fetched``): the active challenges and
    those closed in the last days; the dashboard posts it to the panel."""

    active: list[ChallengeView]
    closed: list[Summary]
    bubble = False


class ChallengePanel(DashboardPanel):
    DEFAULT_CSS = """
    ChallengePanel { border-title-color: $accent; }
    """
    TITLE = "Challenges"
    TARGET_MODE = "challenges"

    def fetch(self, ctx: AppContext) -> tuple[list[ChallengeView], list[Summary]]:  # worker thread
        from ...services import challenges as svc
        from ...services.today import today_of

        with ctx.store.read() as s:  # a write transaction only on the day one must be closed
            today = today_of(s, ctx.profile_id)
            if not svc.has_finished(s, ctx.profile_id, today):
                return svc.status(s, ctx.profile_id, today), svc.recently_closed(s, ctx.profile_id, today)
        with ctx.store.write() as s:
            return svc.status(s, ctx.profile_id, today), svc.recently_closed(s, ctx.profile_id, today)

    def fetched(self, ctx: AppContext) -> ChallengesFetched:  # worker thread
        return ChallengesFetched(*self.fetch(ctx))

    def on_challenges_fetched(self, message: ChallengesFetched) -> None:
        self.show_safely(lambda: panel_text(message.active, message.closed))


def panel_text(active: list[ChallengeView], closed: list[Summary]) -> Text:
    out = Text()
    for i, v in enumerate(active):
        if i:
            out.append("\n")
        out.append_text(challenge_lines(v))
    for sm in closed:
        if out:
            out.append("\n")
        out.append_text(closed_line(sm))
    return out
