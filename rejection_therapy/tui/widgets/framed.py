"""A one-row text field with a visible frame, for forms that must fit 80x24.

Textual's ``Input`` draws its frame as a full border (three rows a field); its compact form
has no frame at all, so an empty field reads as a line of grey text. ``FramedInput`` keeps
one row and draws half blocks left and right, like the compact radio buttons (▐ text ▌).
"""

from __future__ import annotations

from .dialog import EnterInput


class FramedInput(EnterInput):
    DEFAULT_CSS = """
    FramedInput, FramedInput:focus, FramedInput.-invalid, FramedInput.-invalid:focus {
        height: 1; padding: 0; background: $surface;
        border: none; border-left: vkey $primary; border-right: vkey $primary;
    }
    FramedInput:focus { border-left: vkey $accent; border-right: vkey $accent; }
    FramedInput.-invalid, FramedInput.-invalid:focus { border-left: vkey $error; border-right: vkey $error; }
    FramedInput:ansi, FramedInput:ansi:focus {
        border: none; border-left: vkey ansi_blue; border-right: vkey ansi_blue;
    }
    """
