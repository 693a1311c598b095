"""The command palette (ctrl+p): every screen and every action of the app, by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (name, help, how to run it): ("go", mode) | ("dash", action) | ("app", action)
COMMANDS: tuple[tuple[str, str, tuple[str, str]], ...] = (
    ("Dashboard", "Today's no's, goal, cap and streak (d)", ("go", "dashboard")),
    ("Attempt log", "Every attempt, with filters; edit and delete (l)", ("go", "log")),
    ("Wins journal", "Small wins by day (j)", ("go", "wins")),
    ("Challenges", "Time-boxed challenges (c)", ("go", "challenges")),
    ("Charts", "Effort over time (g)", ("go", "charts")),
    ("Review", "Monthly review (r)", ("go", "review")),
    ("Follow-ups", "What is due and overdue (f)", ("go", "followups")),
    ("Leaderboard", "Team effort board (b)", ("go", "leaderboard")),
    ("Settings", "Goals, cap, channels, time zone, theme (s)", ("go", "settings")),
    ("Profiles", "Switch or add a profile", ("go", "profiles")),
    ("People", "Everyone you asked, with the history of every touch (P)", ("go", "people")),
    ("Comfort ladder", "Asks you are working up to, the next rung, braver each week (L)", ("go", "ladder")),
    ("Team feed", "Lessons teammates shared from their no's (t)", ("go", "team_feed")),
    ("Log a no", "One more no collected (n on the dashboard)", ("dash", "log('no')")),
    ("Log a yes", "A yes (y on the dashboard)", ("dash", "log('yes')")),
    ("Log a pending attempt", "Sent, waiting for a reply (p on the dashboard)", ("dash", "log('pending')")),
    ("New attempt (full form)", "Channel, target, reasons, follow-up… (a on the dashboard)", ("dash", "attempt_form")),
    ("Add a small win", "Something that went well (w on the dashboard)", ("dash", "add_win")),
    ("Undo the last log", "Remove the attempt logged last in this session (u)", ("dash", "undo")),
    ("Why? panel for the last no", "Kind and reasons of the last no", ("dash", "why")),
    ("Bad-day protocol", "A calm pause after a run of no's (!)", ("app", "bad_day")),
    ("Onboarding: choose a path", "Sales quota, pitch sprint, 100-day challenge or custom", ("app", "onboarding")),
    ("Help: keys", "Every key of the app (?)", ("app", "help")),
    ("Export your data…", "Write this profile to a JSON or CSV file", ("data", "export")),
    ("Import a file…", "Add the records of an export file (never duplicates)", ("data", "import")),
    ("Back up the database now…", "A consistent copy of the store (SQLite)", ("data", "backup")),
)


class RTCommands(Provider):
    def _callback(self, how: tuple[str, str]) -> Callable[[], None]:
        app = self.app
        kind, target = how
        if kind == "go":
            return partial(app.action_go, target)  # type: ignore[attr-defined]
        if kind == "data":
            from .data_actions import run

            return partial(run, app, target)
        if kind == "dash":
            return partial(app.dashboard_action, target)  # type: ignore[attr-defined]
        return partial(app.run_action, target)

    async def discover(self) -> Hits:
        for name, help_text, how in COMMANDS:
            yield DiscoveryHit(name, self._callback(how), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, how in COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), self._callback(how), help=help_text)
