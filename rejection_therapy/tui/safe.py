"""Showing user text literally: never parsed as markup, control characters removed."""

from __future__ import annotations

from rich.text import Text

from ..core.text import strip_controls


def plain(value: object, style: str = "", *, multiline: bool = False) -> Text:
    """User-typed text as a Rich Text that Textual will not parse for markup."""
    return Text(strip_controls("" if value is None else str(value), multiline=multiline), style=style)
