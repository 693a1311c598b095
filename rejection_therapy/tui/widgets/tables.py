"""Small helpers the table screens (attempt log, wins journal) share."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey


def stretch_column(table: DataTable, key: str, width: int) -> None:
    """Give column ``key`` ``width`` cells, so it takes the width the other columns leave
    (call it from the screen's on_resize). Nothing happens when it has them already."""
    column = table.columns.get(ColumnKey(key))
    if column is not None and column.width != width:
        column.width = width
        # DataTable has no public way to re-measure after a column width changes
        table._require_update_dimensions = True
        table.refresh()


def back_from_modal(screen: Any) -> bool:
    """True, once, when ``screen`` resumes because a modal it pushed closed (the screen sets
    ``screen._in_modal = True`` before pushing it): its on_screen_resume then skips the reload."""
    if getattr(screen, "_in_modal", False):
        screen._in_modal = False
        return True
    return False
