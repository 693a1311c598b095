"""The snapshot harness: every screen and modal, colour on, on a fixed demo store and clock.

``tests/test_snapshots.py`` drives the real app to each screen (``VISITS``) and compares two
files per screen and size under ``tests/snapshots/``: the screen as plain text (readable
diffs; a person reads it for cut words before accepting) and as an SVG in truecolor (the
colours; render it with ``convert x.svg x.png`` to look at it). Accept new snapshots with
``pytest tests/test_snapshots.py --snapshot-update`` (syrupy) after looking at each one.

``assets/screenshots.py`` uses the same store, clock and visits for the README images.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

# A Wednesday afternoon: a working day with attempts today, a running challenge and a
# competition in the demo. Fixed whatever RT_TEST_NOW says, so the snapshots never move.
SNAPSHOT_NOW = "2026-11-18T15:00:00+00:00"
SIZES = ((80, 24), (120, 40))


def make_demo_template(folder: Path) -> Path:
    """The demo store (fixed seed, pinned clock) built once; tests copy the file."""
    from rejection_therapy.services.demo import create_demo_store

    path = folder / "demo.db"
    old = os.environ.get("REJECTION_THERAPY_NOW")
    os.environ["REJECTION_THERAPY_NOW"] = SNAPSHOT_NOW
    try:
        create_demo_store(path)
    finally:
        if old is None:
            os.environ.pop("REJECTION_THERAPY_NOW", None)
        else:
            os.environ["REJECTION_THERAPY_NOW"] = old
    return path


def copy_store(template: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        src = Path(str(template) + suffix)
        if src.exists():
            shutil.copy(src, folder / (template.name + suffix))
    return folder / template.name


def steady(app: Any) -> None:
    """Stop every text cursor blinking (shown, steady), so a capture never lands mid-blink."""
    from textual.widgets import Input, TextArea

    for widget in app.screen.query(Input):
        widget.cursor_blink = False
        widget._cursor_visible = True
    for area in app.screen.query(TextArea):
        area.cursor_blink = False


def capture(app: Any) -> tuple[str, str]:
    """(plain text, SVG) of what the terminal shows now, in truecolor, with a fixed SVG id."""
    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=True))
    text = console.export_text(clear=False)
    text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    svg = console.export_svg(title=app.title, unique_id="rt")
    return text, svg


# ---- how to reach each screen (through the app's own actions, not its key map) ------------

Visit = Callable[[Any, Any], Awaitable[None]]


async def _mode(app: Any, mode: str) -> None:
    await app.switch_mode(mode)


def _go(mode: str) -> Visit:
    async def visit(app: Any, pilot: Any) -> None:
        await _mode(app, mode)

    return visit


async def _dashboard(app: Any, pilot: Any) -> None:
    return None


async def _help(app: Any, pilot: Any) -> None:
    app.action_help()


async def _bad_day(app: Any, pilot: Any) -> None:
    app.show_bad_day()


async def _why(app: Any, pilot: Any) -> None:
    from rejection_therapy.core.attempts import AttemptInput

    app.screen.log_attempt(AttemptInput(outcome="no"), why=True, confirmed=True)


async def _attempt_form(app: Any, pilot: Any) -> None:
    app.screen.action_attempt_form()


async def _challenge_form(app: Any, pilot: Any) -> None:
    """The start form of the 100-day preset with two if-then plans added (issue 15)."""
    from textual.widgets import Input

    from .tui_helpers import settle

    await _mode(app, "challenges")
    await settle(pilot)
    app.screen.action_new()
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    plan = app.screen.query_one("#pe-input", Input)
    plan.focus()
    for text in ("If it is 9:00 on a weekday, then I make the first ask before coffee",
                 "If someone says not now, then I ask when to follow up"):
        plan.value = text
        await pilot.press("enter")
        await settle(pilot)


async def _cap(app: Any, pilot: Any) -> None:
    from rejection_therapy.core.attempts import AttemptInput

    app.screen.log_attempt(AttemptInput(outcome="no"), why=True)


async def _onboarding(app: Any, pilot: Any) -> None:
    app.action_onboarding()


# name -> (visit, store set-up run before the app starts or None)
VISITS: dict[str, tuple[Visit, str | None]] = {
    "dashboard": (_dashboard, None),
    "log": (_go("log"), None),
    "wins": (_go("wins"), None),
    "challenges": (_go("challenges"), None),
    "charts": (_go("charts"), None),
    "review": (_go("review"), None),
    "followups": (_go("followups"), None),
    "leaderboard": (_go("leaderboard"), None),
    "profiles": (_go("profiles"), None),
    "settings": (_go("settings"), None),
    "help": (_help, None),
    "bad_day": (_bad_day, None),
    "why": (_why, None),
    "attempt_form": (_attempt_form, None),
    "challenge_form": (_challenge_form, None),
    "cap": (_cap, "low_cap"),
    "onboarding": (_onboarding, "empty"),
}


def low_cap(location: Any) -> None:
    """A cap today's attempts already reached (the cap dialog appears on the next log)."""
    from rejection_therapy.clock import now
    from rejection_therapy.core.goals import Goal
    from rejection_therapy.services import settings as settings_svc
    from rejection_therapy.services.context import AppContext

    ctx = AppContext.open(location, "demo")
    try:
        with ctx.store.write() as s:
            settings_svc.set_goal(s, ctx.profile_id, Goal(daily_attempts=3, daily_nos=2, daily_cap=3),
                                  now().date())
    finally:
        ctx.close()
