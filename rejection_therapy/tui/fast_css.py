"""Start-up CSS work kept to what Textual's minimal app does (issue 12, item 5).

Measured on Textual 8 (in-process, 100k store): a mode's screen with a ``CSS_PATH`` makes
Textual re-parse every stylesheet twice before the first frame (``App._load_screen_css``
then ``App.refresh_css``, which also empties the parse cache, so the next mount parses
everything a third time); a minimal app parses once. So:

- ``fresh_screen``: a screen a mode factory has just built is styled by the current
  stylesheet when it is registered; marking it up to date skips ``refresh_css`` (a theme
  change later still restyles it: the app bumps its count and refreshes).
- ``add_css_file``: a screen's own stylesheet is added to the app's stylesheet as one more
  source (parsed alone, like a widget's DEFAULT_CSS, no re-parse of the others), when the
  screen first needs it (the dashboard: when its widgets mount, after the first frame).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen

STYLES = Path(__file__).resolve().parent / "styles"


def fresh_screen(screen: Screen, app: App | None = None) -> Screen:
    """``screen``, marked as styled with the app's current CSS (see the module's note)."""
    from textual._context import active_app

    try:
        app = app or active_app.get()
    except LookupError:  # built outside a running app (tests): Textual decides as usual
        return screen
    count: Any = getattr(app, "_css_update_count", None)
    if isinstance(count, int) and hasattr(screen, "_css_update_count"):
        screen._css_update_count = count
    return screen


def add_css_file(app: App, name: str) -> None:
    """Add ``styles/<name>`` to the app's stylesheet once (as Textual adds a CSS_PATH file,
    under the same key, so a later re-parse keeps it); parsed at the next styling."""
    path = STYLES / name
    stylesheet = app.stylesheet
    if stylesheet.has_source(str(path), ""):
        return
    stylesheet.add_source(path.read_text(encoding="utf-8"), read_from=(str(path), ""))
