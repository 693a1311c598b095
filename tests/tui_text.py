"""What a Pilot test's screen shows, as plain text lines (colour on: nothing sets NO_COLOR)."""

from __future__ import annotations

import io

from rich.console import Console


def screen_text(app) -> str:
    """The current screen (and the screens under a modal) as the terminal would show it."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def words(text: str) -> list[str]:
    """Every word on screen, box-drawing characters removed."""
    for ch in "│╭╮╰╯─┃━▏▕▎▊▌▐█▀▄▔▁":
        text = text.replace(ch, " ")
    return text.split()


def flowing(app) -> str:
    """The screen's words in one line: a sentence wrapped over two lines is found whole."""
    return " ".join(words(screen_text(app)))
