"""Which keys a one-line key bar shows at a given width: the rule FitFooter (every screen)
and KeyBar (the dashboard) share. In this order, the first that fits:

1. every key with its full words (the roomy style; KeyBar is always compact);
2. the compact style (one space less around each key);
3. shorter words (``SHORT``, by binding id; the full words stay in the tooltip and on ``?``);
4. fewer keys: first the app-wide ones every screen repeats (``DROP_FIRST``), then from the
   right; ``?`` Help always stays, and the help screen lists every key (the palette too).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len

# Shorter words for narrow terminals, by binding id (the help screen keeps the long ones).
SHORT = {
    "log.undo": "Undo", "wins.undo": "Undo", "log.clear": "Clear", "charts.clear": "Clear",
    "charts.next": "Next", "wins.add": "Add", "wins.link": "Link", "lb-start": "Start",
    "review.edit": "Edit", "review.save": "Save", "fu.feedback": "Feedback", "fu.template": "Template",
    "fu.toggle-all": "Due/all", "fu.switch-tab": "Waiting", "pf-switch": "Log as",
    "why-skip": "Skip", "why-save": "Save", "why-copy": "Copy", "why-share": "Share",
    "close-banner": "Close", "settings.leave": "Back", "attempt-form": "Attempt",
    "tf-withdraw": "Withdraw", "ladder.add": "New",
}
# Keys every screen repeats, dropped first when the row is still too wide (d: Esc goes back
# as well; q: ctrl+q quits too; !: also in the palette and the help screen).
DROP_FIRST = ("quit", "go-dashboard", "bad-day")
KEEP = "help"  # the way to every key that is not shown (binding id, or the action's name)
PALETTE_WIDTH = 12  # "▏^p palette" and its margin, docked right (both styles)


@dataclass
class FooterItem:
    binding: Any  # textual.binding.Binding
    key: str  # as displayed ("^x", "del")
    words: str
    enabled: bool
    tooltip: str


def _keep(binding: Any) -> bool:
    return bool(binding.id == KEEP or str(binding.action).rpartition(".")[2] == KEEP)


def key_width(item: FooterItem, compact: bool) -> int:
    """Cells one key takes in the row: "␣k␣words␣" roomy, "k␣words" and a 1-cell margin compact."""
    text = cell_len(item.key) + cell_len(item.words)
    return text + (2 if compact else 4)


def row_width(items: list[FooterItem], compact: bool) -> int:
    return sum(key_width(i, compact) for i in items) - (1 if compact and items else 0)


def fit(items: list[FooterItem], room: int, compact: bool = False) -> tuple[list[FooterItem], bool]:
    """The keys shown in ``room`` cells, and whether the compact style is needed (``compact``:
    it is wanted whatever the width)."""
    if not compact and row_width(items, False) <= room:
        return items, False
    if row_width(items, True) <= room:
        return items, True
    items = [FooterItem(i.binding, i.key, SHORT.get(i.binding.id or "", i.words), i.enabled,
                        i.tooltip or i.binding.description) for i in items]
    order = [i for name in DROP_FIRST for i in items if i.binding.id == name]
    order += [i for i in reversed(items) if i not in order and not _keep(i.binding)]
    shown = list(items)
    for item in order:
        if row_width(shown, True) <= room:
            break
        shown.remove(item)
    return shown, True


