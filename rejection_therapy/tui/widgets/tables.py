"""Small helpers the table screens (attempt log, wins journal) share."""

from __future__ import annotations

from typing import Any

from rich.text import Text
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


def share_widths(total: int, specs: list[tuple[str, int, int]], flex: tuple[str, ...]) -> dict[str, int]:
    """Column widths that fit ``total`` cells: each ``(key, minimum, preferred)`` gets its
    preferred width, shrunk towards its minimum when space is short; the ``flex`` columns
    share what is left (each at least its minimum). Every column is kept."""
    widths = {key: preferred for key, _minimum, preferred in specs if key not in flex}
    minimums = {key: minimum for key, minimum, _p in specs}
    flex_min = sum(minimums[k] for k in flex)
    over = sum(widths.values()) + flex_min - total
    for key, minimum, _preferred in specs:  # shrink the fixed columns, first listed last
        if over <= 0 or key in flex:
            continue
        cut = min(over, widths[key] - minimum)
        widths[key] -= cut
        over -= cut
    left = max(flex_min, total - sum(widths.values()))
    for i, key in enumerate(flex):
        share = left // (len(flex) - i)
        widths[key] = max(minimums[key], share)
        left -= widths[key]
    return widths


def fit_columns(table: DataTable, widths: dict[str, int]) -> None:
    """Set several column widths at once (see stretch_column)."""
    changed = False
    for key, width in widths.items():
        column = table.columns.get(ColumnKey(key))
        if column is not None and column.width != width:
            column.width = width
            changed = True
    if changed:
        table._require_update_dimensions = True
        table._clear_caches()  # rows already drawn at the old widths would be shown again
        table.refresh()


def _cell_len(value: Any) -> int:
    return value.cell_len if isinstance(value, Text) else Text(str(value)).cell_len


def fit_flex(table: DataTable, flex: tuple[str, ...], minimum: int = 6) -> None:
    """Share the width the auto-width columns leave between the ``flex`` columns (added with
    a fixed ``width=``, their cells cut with "…", see today_table.cell), so every header stays
    whole at 80 columns. Call it after filling the table and from its screen's on_resize."""
    if not table.columns:
        return
    inner = table.scrollable_content_region.width or table.size.width
    if inner <= 0:
        return
    fixed = sum(c.get_render_width(table) for k, c in table.columns.items() if k.value not in flex)
    scrollbar = 0 if table.row_count + int(table.show_header) <= table.size.height else 1
    left = max(0, inner - fixed - 2 * table.cell_padding * len(flex) - scrollbar)
    columns = {k.value: c for k, c in table.columns.items()}
    # What each flex column would like (its longest cell); the shortest wants are met first,
    # so a narrow State column leaves the rest to a long name.
    # (measured from the cells: a column's content_width lags until the table's next idle)
    wants = {key: max([columns[key].label.cell_len, *(_cell_len(v) for v in table.get_column(ColumnKey(key)))])
             for key in flex if key in columns}
    widths = {}
    order = sorted(wants, key=lambda k: wants[k])
    for i, key in enumerate(order):
        floor = max(minimum, columns[key].label.cell_len)  # never a cut header
        share = max(floor, min(wants[key], left // (len(order) - i)))
        widths[key] = share
        left = max(0, left - share)
    fit_columns(table, widths)
