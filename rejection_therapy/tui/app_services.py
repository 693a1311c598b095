"""Two services of the app shell, as mixins of RejectionTherapyApp (keeps app.py small):

* ``NavigationMixin``: Escape back one step, the logging keys off the dashboard, ctrl+q.
* ``KeymapMixin``: ``keymap.toml`` applied with ``set_keymap`` at start-up; a bad file or an
  unknown binding id gives one sentence and the default keys (see ``tui/keymap.py``).
* ``WatchMixin``: every WATCH_SECONDS while the app has the focus, a worker asks
  ``services.watch.ChangeWatch`` whether another writer committed; if so the screen in
  front (and the one under a dialog) gets ``DataChanged`` and reloads.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from textual.message import Message
from textual.screen import ModalScreen

from ..config import mask_url

log = logging.getLogger("rejection_therapy.tui")
WATCH_SECONDS = 1.5  # how often the app looks for other writers while it has the focus


class NavigationMixin:
    """Escape goes back one step; n/y/p off the dashboard say where logging happens;
    ctrl+q quits from anywhere (asking first when a form holds typed text)."""

    state: Any

    def action_back(self) -> None:
        """Escape on a screen: back one step (Profiles → Leaderboard), then to the dashboard."""
        from .app import SCREENS

        history = self.state.history
        while history:
            previous = history.pop()
            if previous != self.current_mode and previous in SCREENS:
                self.switch_mode(previous)
                return
        if self.current_mode != "dashboard":
            self.switch_mode("dashboard")

    def action_log_elsewhere(self) -> None:
        self.notify("n, y and p log on the dashboard only: press d to go there.", title="Not here", timeout=3)

    def action_request_quit(self) -> None:
        """ctrl+q: quit, after asking when an open form holds typed text."""
        screen = self.screen
        unsaved = getattr(screen, "has_unsaved_text", None)
        if unsaved is None or not unsaved():
            self.exit()
            return
        from .widgets.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit()

        self.push_screen(ConfirmScreen("The form holds text you typed. Quit and throw it away?",
                                       title="Quit?", yes="Quit", no="Keep editing"), answered)


class KeymapMixin:
    state: Any

    def _load_keymap(self) -> None:
        from .keymap import KeymapError, load

        try:
            keymap = load()
        except KeymapError as err:
            self.state.keymap_error = str(err)
            self.notify(str(err), title="Keymap", severity="warning", timeout=10, markup=False)
            return
        if keymap:
            self.set_keymap(keymap)
            self.run_worker(lambda: self._check_keymap_ids(keymap), thread=True, group="keymap",
                            exit_on_error=False)

    def _check_keymap_ids(self, keymap: dict[str, str]) -> None:
        """Worker: an id no binding has means a typo; say so and use the default keys."""
        from .keymap import unknown_ids

        unknown = unknown_ids(keymap, all_binding_ids())
        if unknown:
            message = (f"keymap.toml: no key has the id '{unknown[0]}' (the help screen, ?, lists them); "
                       "the default keys are used.")

            def apply() -> None:
                self.state.keymap_error = message
                self.set_keymap({})
                self.notify(message, title="Keymap", severity="warning", timeout=10, markup=False)

            self.call_from_thread(apply)


@dataclass
class DataChanged(Message):
    """Something in the store changed (another writer: the CLI, a teammate); the change watch
    posts it to the screen in front (and the one under a dialog), which reloads what it shows."""

    what: str = "attempts"


class WatchMixin:
    bridge: Any
    _watch: Any
    _watching: bool

    def _start_watch(self, ctx: Any) -> None:
        """Worker, as the store opens and before any screen reads it: the change baseline, so
        a write made while the first figures load is seen."""
        from ..services.watch import ChangeWatch

        watch = ChangeWatch(ctx.store)
        watch.changed()
        self._watch = watch

    def _watch_tick(self) -> None:
        """Every WATCH_SECONDS while the app has the focus: did anyone else write? (worker)"""
        if not self.app_focus or not self.bridge.ready or self._watching:
            return
        self._watching = True
        bridge = self.bridge

        def work() -> None:
            changed = False
            try:
                watch = self._watch
                changed = watch is not None and watch.changed()
            except Exception as err:  # noqa: BLE001 - a failed probe waits for the next tick
                log.debug("change probe failed: %s", mask_url(repr(err)))
            finally:
                self._watching = False
            if changed and bridge is self.bridge:
                self.call_from_thread(self._store_changed)

        self.run_worker(work, thread=True, group="watch", exit_on_error=False)

    def _store_changed(self) -> None:
        """Someone wrote: the screen in front refreshes what it shows (no screen change)."""
        self.screen.post_message(DataChanged("store"))
        if isinstance(self.screen, ModalScreen):  # the screen under a dialog too
            for screen in self.screen_stack[:-1]:
                screen.post_message(DataChanged("store"))

    def _close_watch(self) -> None:
        watch, self._watch = self._watch, None
        if watch is not None:
            watch.close()


def all_binding_ids() -> set[str]:
    """Every binding id of the app, its screens and their widgets (imports the screens)."""
    from textual.binding import Binding as _Binding
    from textual.dom import DOMNode

    from .app import PKG, SCREENS, RejectionTherapyApp, load_class

    ids = {b.id for b in RejectionTherapyApp.BINDINGS if isinstance(b, _Binding) and b.id}
    for module, cls_name, _t, _k in SCREENS.values():
        try:
            load_class(f"{PKG}.{module}", cls_name)
        except Exception:  # noqa: BLE001
            continue
    seen: set[type] = set()
    stack: list[type] = [DOMNode]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
    for cls in seen:
        if cls.__module__.startswith("rejection_therapy."):
            ids |= {b.id for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, _Binding) and b.id}
    return ids
