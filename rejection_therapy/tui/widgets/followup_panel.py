"""The dashboard's follow-up panel: what is due today and what is overdue (hidden when none),
and the follow-up texts the Follow-ups screen shares with it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.message import Message

from ...core import learn
from ...core.text import strip_controls
from ..safe import plain
from .panel import DashboardPanel, ScreenHeight

if TYPE_CHECKING:
    from ...services.context import AppContext
    from ...services.followups import DueSummary

SHOWN = 4  # lines before "and N more"
SHORT_SCREEN = 30  # rows: below this (80x24) the panel shows one item (and the count)


def short_line(text: str | None, width: int) -> str:
    """User text on one line, control characters removed, cut to ``width`` with an ellipsis."""
    text = " ".join(strip_controls(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def panel_text(data: DueSummary, shown: int = SHOWN, more: bool = True) -> Text:
    """``data`` is a ``services.followups.DueSummary``; ``shown`` items at most, one line each
    (a long line ends in "…" instead of wrapping, so the panel's height is known)."""
    items, overdue, today = data.items[:shown], data.overdue, data.due_today
    out = Text()
    head = []
    if today:
        head.append(f"{today} due today")
    if overdue:
        head.append(f"{overdue} overdue")
    out.append(" · ".join(head), style="bold")
    out.append("  (f opens follow-ups)", style="dim")
    for f in items:
        out.append("\n")
        out.append(f"#{f.id} ", style="dim")
        out.append(short_line(f.target or f.channel, 28))  # Text.append never parses markup
        out.append(f" · {f.channel} · {f.label}", style="bold" if f.status == "overdue" else "dim")
        reason = f.stated_reason or f.notes
        if reason:
            out.append(" · ")
            out.append(short_line(reason, 40), style="italic")
    if more and data.total > len(items):
        out.append(f"\n…and {data.total - len(items)} more", style="dim")
    out.no_wrap = True
    out.overflow = "ellipsis"
    return out


def detail_text(f: Any) -> Text:
    """The original attempt's reasons and notes, all user text literal."""
    out = Text()
    out.append(f"#{f.id} ", style="bold")
    out.append_text(plain(f.target or "(no name)"))
    out.append(f" · {f.channel} on {f.local_day.isoformat()} · {f.outcome}", style="dim")
    if f.kind_label:
        out.append(f" · {f.kind_label}", style="dim")
    for label, value in (("They said", f.stated_reason), ("What I think it was", f.real_reason),
                         ("Notes", f.notes), ("Lesson", f.lesson)):
        if value:
            out.append(f"\n{label}: ", style="bold")
            out.append_text(plain(value, multiline=True))
    if not any((f.stated_reason, f.real_reason, f.notes, f.lesson)):
        out.append("\nNo reasons or notes were written for this attempt.", style="dim")
    out.append("\nWhen you reach out, ask: ", style="bold")
    out.append(learn.ASK_WHY_QUESTIONS[1])
    return out


@dataclass
class FollowUpsFetched(Message):
    """The follow-up panel's data (``FollowUpPanel.fetched``); the dashboard posts it to the panel."""

    due: DueSummary
    bubble = False


class FollowUpPanel(DashboardPanel):
    DEFAULT_CSS = """
    FollowUpPanel { border-title-color: $accent; text-wrap: nowrap; text-overflow: ellipsis; }
    """
    TITLE = "Follow-ups"
    TARGET_MODE = "followups"
    _due: DueSummary | None = None

    def fetch(self, ctx: AppContext) -> DueSummary:  # worker thread
        from ...services import followups

        with ctx.store.read() as s:
            return followups.due_summary(s, ctx.profile_id, shown=SHOWN)

    def fetched(self, ctx: AppContext) -> FollowUpsFetched:  # worker thread
        return FollowUpsFetched(self.fetch(ctx))

    def on_follow_ups_fetched(self, message: FollowUpsFetched) -> None:
        self._due = message.due
        self._show(self.app.size.height)

    def on_screen_height(self, message: ScreenHeight) -> None:
        """Below SHORT_SCREEN rows one item (and the count); the lines follow a resize."""
        if self._due is not None:
            self._show(message.height)

    def _show(self, height: int) -> None:
        due, short = self._due, height < SHORT_SCREEN
        self.show_safely(lambda: panel_text(due, 1 if short else SHOWN, more=not short)
                         if due is not None and due.total else None)
