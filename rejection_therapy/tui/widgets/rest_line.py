"""The streak line of the dashboard with the rest budget beside it (issue 15, item 4).

Kept out of dashboard.py so the dashboard only calls it: "Streak 12 days · longest 30", then
"Rest 2 left this month", and when a missed day can still be repaired, what repairs it.
"""

from __future__ import annotations

from typing import Any


def streak_text(s: Any) -> str:
    st = s.streak
    text = f"Streak {st.current} day{'s' if st.current != 1 else ''} · longest {st.longest}"
    rest = getattr(s, "rest", None)
    if rest is None:
        return text
    from ...core.days import zone
    from ...core.repair import repair_short, rest_line

    text += f"\nRest {rest_line(rest, s.day)}"  # its own line: fits 80 columns
    from ...core.fresh import to_go

    left = to_go(s.attempts, s.goal.daily_attempts, "today")
    if left:
        text += f" · {left}"
    for chance in rest.chances[:1]:
        local = chance.until.astimezone(zone(s.settings.timezone))
        text += "\n" + repair_short(chance, s.goal.daily_attempts, s.attempts, local)
    return text
