"""The help screen (?): every key of the app, and of the screen it was opened from."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

GLOBAL_KEYS = (
    ("d", "Dashboard"), ("l", "Attempt log"), ("j", "Wins journal"), ("c", "Challenges"),
    ("g", "Charts"), ("r", "Review"), ("f", "Follow-ups"), ("b", "Leaderboard"), ("s", "Settings"),
    ("t", "Team feed: lessons teammates shared"),
    ("!", "Bad-day protocol: a calm pause"), ("?", "This help"),
    ("ctrl+p", "Command palette: every action by name"), ("q", "Quit"),
)
DASHBOARD_KEYS = (
    ("n", "Log a no (then an optional why? panel; Esc skips it)"),
    ("y", "Log a yes"),
    ("p", "Log a pending attempt (sent, waiting for a reply)"),
    ("a", "Full attempt form: channel, target, reasons, follow-up…"),
    ("w", "Add a small win"),
    ("u", "Undo the last log made in this session"),
    ("e", "Why? panel for the last no"),
    ("ctrl+l", "In the why? panel: share the lesson with the team, not the name"),
)


def _section(title: str, keys: tuple[tuple[str, str], ...]) -> Text:
    text = Text(title + "\n", style="bold")
    for key, what in keys:
        text.append(f"  {key:>8}  ", style="bold")
        text.append(what + "\n")
    return text


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 76; max-width: 96%; height: auto; max-height: 90%;
        border: thick $primary 50%; background: $surface; padding: 1 2;
    }
    HelpScreen .help-title { text-style: bold; color: $accent; margin-bottom: 1; }
    HelpScreen .help-hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="help-close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Rejection Therapy — keys", classes="help-title")
            yield Static(_section("Anywhere", GLOBAL_KEYS))
            yield Static(_section("Dashboard", DASHBOARD_KEYS))
            yield Static(self._screen_keys(), id="help-screen-keys")
            yield Static("Every action is also in the command palette (ctrl+p). Esc closes this help.",
                         classes="help-hint")

    def _screen_keys(self) -> Text:
        """The keys of the screen below (other screens' own bindings)."""
        stack = self.app.screen_stack
        below = stack[-1] if stack and stack[-1] is not self else (stack[-2] if len(stack) > 1 else None)
        if below is None or type(below).__name__ in ("DashboardScreen", "PlaceholderScreen"):
            return Text("")
        keys = []
        for binding in getattr(below, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.description:
                keys.append((binding.key.replace("_", " "), binding.description))
            elif isinstance(binding, tuple) and len(binding) >= 3:
                keys.append((binding[0], binding[2]))
        if not keys:
            return Text("")
        return _section(f"This screen ({below.title or type(below).__name__})", tuple(keys))

    def action_close(self) -> None:
        self.dismiss(None)
