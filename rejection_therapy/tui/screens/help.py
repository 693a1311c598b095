"""The help screen (?): the keymap. Every key of the app, of the dashboard and of the screen
it was opened from, with the binding ids that ``keymap.toml`` remaps, and the rules the keys
follow (logging keys, dialogs, Escape)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from ..widgets.dialog import Dialog

RULES = (
    ("n y p", "Log a no, a yes, a pending attempt: on the dashboard only. Elsewhere they do "
              "nothing but say so."),
    ("Esc", "Back one step: closes a dialog or panel, undoes typing, returns to the screen you "
            "came from (Profiles → Leaderboard → …)."),
    ("Enter", "In a dialog: presses the highlighted button (the safe answer starts highlighted). "
              "o confirms. n, y and p never answer a dialog."),
    ("ctrl+q", "Quit from anywhere; a form with typed text asks first."),
    ("ctrl+p", "Command palette: every action by name."),
    ("ctrl+l", "In the why? panel: share the lesson with the team, not the name."),
)
# Longer words than the footer's, by binding id.
LONG = {
    "log-no": "Log a no (then an optional why? panel; Esc skips it)",
    "log-yes": "Log a yes",
    "log-pending": "Log a pending attempt (sent, waiting for a reply)",
    "attempt-form": "Full attempt form: channel, target, reasons, follow-up…",
    "add-win": "Add a small win",
    "undo": "Undo the last log made in this session",
    "why": "Why? panel for the last no",
    "close-banner": "Close the bad-day banner",
    "go-log": "Attempt log", "go-wins": "Wins journal",
    "bad-day": "Bad-day protocol: a calm pause",
    "help": "This help",
    "log-elsewhere": "Anywhere but the dashboard: says where logging happens",
}


def key_label(key: str) -> str:
    names = {"question_mark": "?", "exclamation_mark": "!", "slash": "/", "escape": "Esc",
             "left_square_bracket": "[", "right_square_bracket": "]", "delete": "Del", "plus": "+"}
    return ", ".join(names.get(k, k.replace("_", " ")) for k in key.split(","))


def binding_rows(bindings: Iterable[object], keymap: dict[str, str]) -> list[tuple[str, str, str]]:
    """(keys, what, id) per binding, with the keys the keymap gives it."""
    rows = []
    for b in bindings:
        if isinstance(b, Binding) and b.description:
            what = LONG.get(b.id or "", b.description)
            rows.append((key_label(keymap.get(b.id or "", b.key)), what, b.id or ""))
        elif isinstance(b, tuple) and len(b) >= 3:
            rows.append((key_label(b[0]), b[2], ""))
    return rows


def section(title: str, rows: list[tuple[str, str, str]], section_id: str) -> Vertical:
    """A titled list of keys: the key in a right-aligned column, its words wrapping in their
    own column (a long line never runs back under the keys at 80 columns)."""
    items: list[Widget] = [Static(Text(title, style="bold"), classes="help-section")]
    for key, what, binding_id in rows:
        words = Text(what)
        if binding_id:
            words.append(f"  [{binding_id}]", style="dim")
        items.append(Horizontal(Static(Text(key, style="bold"), classes="help-key"),
                                Static(words, classes="help-what"), classes="help-row"))
    return Vertical(*items, id=section_id, classes="help-block")


class HelpScreen(Dialog[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 84; max-width: 96%; height: auto; max-height: 90%;
        border: thick $primary 50%; background: $surface; padding: 1 2;
    }
    HelpScreen .help-title { text-style: bold; color: $accent; margin-bottom: 1; }
    HelpScreen .help-hint { color: $text-muted; margin-top: 1; }
    HelpScreen .help-block { height: auto; margin-bottom: 1; }
    HelpScreen .help-row { height: auto; }
    HelpScreen .help-key { width: 12; text-align: right; margin-right: 2; }
    HelpScreen .help-what { width: 1fr; }
    """
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        from .dashboard import DashboardScreen

        keymap = dict(getattr(self.app, "_keymap", {}) or {})
        app_rows = binding_rows(type(self.app).BINDINGS, keymap)
        with VerticalScroll():
            yield Static("Rejection Therapy — keys", classes="help-title")
            yield section("How keys work", [(k, what, "") for k, what in RULES], "help-rules")
            yield section("Anywhere", app_rows, "help-global")
            yield section("Dashboard", binding_rows(DashboardScreen.BINDINGS, keymap), "help-dashboard")
            yield self._screen_keys(keymap)
            yield Static(self._keymap_hint(), classes="help-hint", id="help-keymap")

    def _keymap_hint(self) -> Text:
        from ..keymap import keymap_path

        text = Text("Change any key: put ")
        text.append('id = "key"', style="bold")
        text.append(" lines (the ids in brackets) in ")
        text.append(str(keymap_path()), style="bold")
        text.append(". Esc closes this help.")
        error = getattr(getattr(self.app, "state", None), "keymap_error", None)
        if error:
            text.append("\n" + error, style="bold")
        return text

    def _screen_keys(self, keymap: dict[str, str]) -> Vertical:
        """The keys of the screen below (other screens' own bindings)."""
        stack = self.app.screen_stack
        below = stack[-1] if stack and stack[-1] is not self else (stack[-2] if len(stack) > 1 else None)
        rows = []
        if below is not None and type(below).__name__ not in ("DashboardScreen", "PlaceholderScreen"):
            rows = binding_rows(getattr(below, "BINDINGS", []), keymap)
        if not rows:
            return Vertical(id="help-screen-keys", classes="help-block")
        return section(f"This screen ({below.title or type(below).__name__})", rows, "help-screen-keys")

    def action_close(self) -> None:
        self.dismiss(None)
