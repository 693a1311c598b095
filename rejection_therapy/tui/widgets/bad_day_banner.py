"""The bad-day offer on the dashboard after a run of no's.

A banner, not a modal: logging goes on underneath and does not close it, so a fast typist
sees it. It stays until the user closes it (x, or its button) or opens the protocol (!).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Static


class BadDayBanner(Horizontal):
    DEFAULT_CSS = """
    BadDayBanner {
        height: auto; display: none; margin: 0;
        border: round $warning; border-title-color: $warning; padding: 0 1;
    }
    BadDayBanner.-open { display: block; }
    BadDayBanner #bad-day-text { width: 1fr; height: auto; }
    BadDayBanner Button { width: auto; min-width: 8; margin-left: 1; }
    """

    @dataclass
    class Closed(Message):
        """The user closed the banner (the offer is not repeated for this run of no's)."""

    @dataclass
    class OpenProtocol(Message):
        """The user asked for the bad-day protocol from the banner."""

    def compose(self) -> ComposeResult:
        yield Static("", id="bad-day-text")
        yield Button("Pause (!)", id="bad-day-open", compact=True, variant="warning")
        yield Button("Close (x)", id="bad-day-close", compact=True)

    def offer(self, run: int) -> None:
        self.border_title = "A rough run"
        self.query_one("#bad-day-text", Static).update(
            f"{run:,} no's in a row. That is the work, and it is heavy: a short pause helps. "
            "Press ! for the bad-day protocol, or x to close this and keep going."
        )
        self.add_class("-open")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def close(self) -> None:
        self.remove_class("-open")

    @on(Button.Pressed, "#bad-day-close")
    def _close(self, event: Button.Pressed) -> None:
        event.stop()
        self.close()
        self.post_message(self.Closed())

    @on(Button.Pressed, "#bad-day-open")
    def _open(self, event: Button.Pressed) -> None:
        event.stop()
        self.close()
        self.post_message(self.OpenProtocol())
