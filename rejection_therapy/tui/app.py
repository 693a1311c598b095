"""The Textual app shell: modes (one per screen, imported lazily), global keys, the store.

Start-up is kept fast: this module imports neither SQLAlchemy nor the services; the store
is opened in a thread worker after the first frame (``app.bridge``), and each screen's module
is imported only when its mode is first shown. A screen whose module is not there yet shows
a small "coming soon" placeholder instead of crashing.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Static

from ..config import DbLocation, mask_url
from .app_services import WATCH_SECONDS, KeymapMixin, NavigationMixin, WatchMixin, all_binding_ids
from .base import StoreBridge, report_error, run_db
from .commands import RTCommands
from .fast_css import fresh_screen
from .first_figures import FirstFigures
from .state import AppState

__all__ = ["RejectionTherapyApp", "all_binding_ids", "load_class"]

log = logging.getLogger("rejection_therapy.tui")
PKG = "rejection_therapy.tui.screens"
ENV_FIRST_FRAME = "REJECTION_THERAPY_EXIT_AFTER_FIRST_FRAME"  # bench/startup.py

# mode -> (module under tui/screens, class, title, key)
SCREENS: dict[str, tuple[str, str, str, str | None]] = {
    "dashboard": ("dashboard", "DashboardScreen", "Dashboard", "d"),
    "log": ("log", "AttemptLogScreen", "Attempt log", "l"),
    "wins": ("wins", "WinsScreen", "Wins journal", "j"),
    "challenges": ("challenges", "ChallengesScreen", "Challenges", "c"),
    "charts": ("charts", "ChartsScreen", "Charts", "g"),
    "review": ("review", "ReviewScreen", "Review", "r"),
    "followups": ("followups", "FollowUpsScreen", "Follow-ups", "f"),
    "leaderboard": ("leaderboard", "LeaderboardScreen", "Leaderboard", "b"),
    "settings": ("settings", "SettingsScreen", "Settings", "s"),
    "profiles": ("profiles", "ProfilesScreen", "Profiles", None),
    "people": ("people", "PeopleScreen", "People", "P"),
    "ladder": ("ladder", "LadderScreen", "Comfort ladder", "L"),
    "team_feed": ("team_feed", "TeamFeedScreen", "Team feed", "t"),
}


def load_class(module: str, name: str) -> type | None:
    """Import ``module:name``; None when the module does not exist (yet)."""
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as err:
        if err.name and module.startswith(err.name):
            return None
        raise
    return getattr(mod, name, None)


class PlaceholderScreen(Screen):
    """Shown for a screen whose module has not landed yet, or that failed to load."""

    BINDINGS = [Binding("escape", "app.back", "Back", id="placeholder.back")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text, self.message = title, message

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(f"{self.title_text}\n\n{self.message}"), classes="placeholder")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.title_text


MODES_FOR_TESTS = SCREENS  # where the factories look the screen up (tests swap entries)


def _mode_factory(mode: str) -> Callable[[], Screen]:
    def factory() -> Screen:
        module, cls_name, title, _key = MODES_FOR_TESTS[mode]
        try:
            cls = load_class(f"{PKG}.{module}", cls_name)
        except Exception as err:  # noqa: BLE001 - a broken screen must not take the app down
            log.exception("screen %s failed to load", mode)
            return PlaceholderScreen(title, f"This screen could not be loaded: {mask_url(repr(err))}")
        if cls is None:
            return PlaceholderScreen(title, "Coming soon. Press d for the dashboard.")
        return fresh_screen(cls())  # no re-parse of every stylesheet on its first show

    return factory


class RejectionTherapyApp(NavigationMixin, KeymapMixin, WatchMixin, FirstFigures, App):
    TITLE = "Rejection Therapy"
    CSS_PATH = "styles/app.tcss"
    MODES = {mode: _mode_factory(mode) for mode in SCREENS}
    DEFAULT_MODE = "dashboard"
    COMMANDS = App.COMMANDS | {RTCommands}
    BINDINGS = [
        *(
            Binding(key, f"go('{mode}')", title, id=f"go-{mode}", show=mode == "dashboard")
            for mode, (_m, _c, title, key) in SCREENS.items()
            if key
        ),
        Binding("exclamation_mark", "bad_day", "Bad day", id="bad-day"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
        # ctrl+q works everywhere, forms included (a form with typed text asks first)
        Binding("ctrl+q", "request_quit", "Quit", id="quit-now", show=False, priority=True),
        # The logging keys log on the dashboard only; elsewhere they say so (never another action)
        Binding("n,y,p", "log_elsewhere", "Log (dashboard only)", id="log-elsewhere", show=False),
    ]

    def __init__(
        self,
        opener: Callable[[], Any],
        location: DbLocation | None = None,
        *,
        offer_onboarding: bool = True,
        demo: bool = False,
        first_reader: Callable[[], Any] | None = None,
    ) -> None:
        super().__init__()
        self.first_reader = first_reader  # the dashboard's first figures without SQLAlchemy
        self.bridge = StoreBridge(opener, self._start_watch)
        self.location = location
        self.offer_onboarding = offer_onboarding
        self.demo = demo
        self.state = AppState()
        self._watch: Any = None  # services.watch.ChangeWatch once the store is open
        self._watching = False
        self._theme_loaded = False
        self._store_opening = False

    # ---- start-up -------------------------------------------------------------------

    # Read-only views of the state for screens written before AppState (they read settings).
    @property
    def settings(self) -> Any:
        return self.state.settings

    @settings.setter
    def settings(self, value: Any) -> None:  # older screens still assign it
        self.state.settings = value

    def on_mount(self) -> None:
        self._load_keymap()
        if self.location is not None:
            self.sub_title = "demo" if self.demo else self.location.display
        # The dashboard calls open_store() after its first frame; this is the fallback for
        # any other first screen (importing SQLAlchemy in a thread slows the first paint).
        self.set_timer(2.0, self.open_store_fallback)
        self.set_interval(WATCH_SECONDS, self._watch_tick)

    def bench_mark(self, event: str) -> None:
        """bench/startup.py: print when ``event`` ("frame", "data" or "whole") happened, then exit."""
        if os.environ.get(ENV_FIRST_FRAME) != event:
            return

        def mark() -> None:
            import time

            print(f"BENCH {event} {time.time():.6f}", file=sys.stderr, flush=True)
            self.exit()

        self.call_after_refresh(mark)

    def open_store(self) -> None:
        """Open the store in a thread worker (once)."""
        if self._store_opening:
            return
        self._store_opening = True

        def work() -> None:
            self.bridge.open()
            if self.bridge.error is not None:
                return
            ctx = self.bridge.ctx
            from ..services import onboarding, profiles
            from ..services import settings as settings_svc

            with ctx.store.read() as s:
                settings = settings_svc.load(s, ctx.profile_id)
                needs = self.offer_onboarding and onboarding.should_offer(s, ctx.profile_id)
                team = profiles.is_team(s)
            self.call_from_thread(self._store_opened, settings, needs, team)

        self.run_worker(work, thread=True, group="open-store", exit_on_error=False)

    def switch_profile(self, name: str) -> None:
        """Reopen the store as another profile (the Profiles screen calls this).

        Every screen but the dashboard is dropped and built again on its next visit, so no
        screen keeps showing the previous person's data; the dashboard reloads."""
        location = self.location
        if location is None:
            return
        old = self.bridge

        def opener() -> Any:
            from ..services.context import AppContext

            return AppContext.open(location, name)

        self.bridge = StoreBridge(opener, self._start_watch)
        self._close_watch()
        self.state.reset_for_profile()  # undo never deletes another person's attempt
        self._store_opening = False
        self.run_worker(old.close, thread=True, group="close-old-store", exit_on_error=False)

        async def rebuild() -> None:
            await self.switch_mode("dashboard")
            for mode in SCREENS:
                if mode != "dashboard" and mode in self._modes:
                    await self.remove_mode(mode)
                    self.add_mode(mode, _mode_factory(mode))
            self.open_store()
            self.screen.reload()  # type: ignore[attr-defined]
            self.notify(f"Now logging as {name}.", title="Profile switched", markup=False)

        self.call_later(rebuild)

    def _store_opened(self, settings: Any, needs_onboarding: bool, team: bool = False) -> None:
        self.settings = settings
        ctx = self.bridge.ctx
        if ctx is not None:
            where = "temporary demo data" if self.demo else ctx.store.location.display
            # The profile stays invisible until a second one exists.
            self.sub_title = f"{ctx.profile.name} · {where}" if team else where
        if settings.theme in self.available_themes and settings.theme != self.theme:
            self.theme = settings.theme
        self._theme_loaded = True
        if needs_onboarding:
            self.action_onboarding()

    def watch_theme(self, theme: str) -> None:
        if not self._theme_loaded or self.settings is None or theme == self.settings.theme:
            return

        def save(ctx: Any) -> Any:
            from ..services import settings as settings_svc

            with ctx.store.write() as s:
                return settings_svc.update(s, ctx.profile_id, theme=theme)

        def done(new: Any) -> None:
            self.settings = new

        run_db(self, save, done, group="theme", exclusive=True)

    # ---- global actions ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A modal (a form, a confirmation, the bad-day screen) keeps the keys to itself.
        if action in ("go", "back", "bad_day", "help", "quit", "onboarding", "log_elsewhere") and isinstance(
                self.screen, ModalScreen):
            return False
        # no "d Dashboard" in the dashboard's own footer (room for the keys that do something)
        return not (action == "go" and parameters == ("dashboard",) and self.current_mode == "dashboard")

    def action_go(self, mode: str) -> None:
        if mode not in SCREENS:
            return
        if self.current_mode != mode:
            history = self.state.history
            if self.current_mode in history:
                history.remove(self.current_mode)
            history.append(self.current_mode)
            del history[:-20]
            self.switch_mode(mode)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_bad_day(self) -> None:
        self.show_bad_day()

    def show_bad_day(self, auto: bool = False) -> bool:
        """Push the bad-day protocol (``auto``: after a run of no's; silent if it is missing)."""
        cls = load_class(f"{PKG}.bad_day", "BadDayScreen")
        if cls is None:
            if auto:
                return False
            self.notify("The bad-day protocol is coming soon. Take a short break.", title="Bad day")
            return False
        if isinstance(self.screen, cls):
            return False
        self.push_screen(cls())
        return True

    def action_onboarding(self) -> None:
        cls = load_class(f"{PKG}.onboarding", "OnboardingScreen")
        if cls is None:
            return
        if self.current_mode != "dashboard":
            self.switch_mode("dashboard")
        if not isinstance(self.screen, cls):
            self.push_screen(cls())

    def dashboard_action(self, action: str) -> None:
        """Run a dashboard action (from the palette) after switching to the dashboard."""
        self.action_go("dashboard")

        self.call_after_refresh(lambda: self.call_next(self.run_action, action, self.screen))

    # ---- errors -----------------------------------------------------------------------

    def report(self, err: BaseException) -> None:
        report_error(self, err)

    def _handle_exception(self, error: Exception) -> None:
        """Unhandled exception: exit with a traceback that never shows locals or passwords."""
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self.bell()
        text = mask_url("".join(traceback.format_exception(error)))
        self._exit_renderables.append(Text(text))
        self._close_messages_no_wait()

    def exit(self, *args: Any, **kwargs: Any) -> None:
        self._release_bridge()
        super().exit(*args, **kwargs)

    def _release_bridge(self) -> None:
        """Closing before the store opened: wake the workers waiting for it (no 60 s hang)."""
        self.bridge.cancel()

    def on_unmount(self) -> None:
        self.drop_first_reader()
        self._release_bridge()
        self._close_watch()
        self.bridge.close()
