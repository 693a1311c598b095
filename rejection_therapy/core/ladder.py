"""The comfort ladder: asks the user is working up to, each rated 1-5 for discomfort.

The next rung is *just above* what the user did last week: the easiest open rung harder than
the hardest ask of the last 7 days; when none is harder, the hardest open rung; with nothing
done last week, the easiest open rung. "Effort got braver": the hardest ask of each week, as
a line over time. Pure rules, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .attempts import check_discomfort
from .days import week_start
from .errors import ValidationError
from .text import clean_text

RUNG_MAX = 200

# Our own short list for the 100-day preset: editable ideas, easiest first.
STARTER_LADDER: tuple[tuple[str, int], ...] = (
    ("Ask a stranger for the time", 1),
    ("Ask a shop assistant for a recommendation", 1),
    ("Ask a stranger for a recommendation nearby", 2),
    ("Ask for a discount at a shop", 2),
    ("Ask for a free upgrade or an extra", 3),
    ("Ask a stranger to take a photo of you", 3),
    ("Cold-call a business you would like to work with", 4),
    ("Ask someone you admire for 15 minutes of advice", 4),
    ("Ask for a discount on something already discounted", 5),
    ("Pitch your idea to a stranger and ask for feedback", 5),
)


@dataclass(frozen=True)
class Rung:
    id: int
    text: str
    discomfort: int
    done_on: date | None = None

    @property
    def done(self) -> bool:
        return self.done_on is not None


def check_rung_text(text: object) -> str:
    value = clean_text(text if isinstance(text, str) else None, "ask", max_len=RUNG_MAX)
    if not value:
        raise ValidationError("Write the ask for the rung, e.g. \"Ask for a discount\".")
    return value


def check_rung_discomfort(value: object) -> int:
    level = check_discomfort(value)
    if level is None:
        raise ValidationError("Give the rung a discomfort from 1 (easy) to 5 (terrifying).")
    return level


def last_week_level(asks: Iterable[tuple[date, int]], today: date) -> int | None:
    """The hardest discomfort among asks of the 7 days ending today (None: nothing rated)."""
    since = today - timedelta(days=6)
    levels = [level for day, level in asks if since <= day <= today and level]
    return max(levels) if levels else None


def next_rung(rungs: Iterable[Rung], level: int | None) -> Rung | None:
    """The open rung just above ``level`` (see the module text); ties go to the oldest."""
    open_rungs = sorted((r for r in rungs if not r.done), key=lambda r: (r.discomfort, r.id))
    if not open_rungs:
        return None
    if level is None:
        return open_rungs[0]
    above = [r for r in open_rungs if r.discomfort > level]
    if above:
        return above[0]
    hardest = open_rungs[-1].discomfort
    return next(r for r in open_rungs if r.discomfort == hardest)


def hardest_per_week(asks: Iterable[tuple[date, int]], first_weekday: int = 0) -> list[tuple[date, int]]:
    """(week start, hardest discomfort that week), oldest first; weeks with no rated ask are left out."""
    weeks: dict[date, int] = {}
    for day, level in asks:
        if level:
            w = week_start(day, first_weekday)
            weeks[w] = max(weeks.get(w, 0), level)
    return sorted(weeks.items())


SPARKS = "▁▂▃▅▇"


def sparkline(levels: Iterable[int]) -> str:
    """1-5 levels as a one-line chart: ▁▂▃▅▇."""
    return "".join(SPARKS[min(5, max(1, n)) - 1] for n in levels)
