"""The streak line of the dashboard with the rest budget beside it (issue 15, item 4).

Kept out of dashboard.py so the dashboard only calls it: "Streak 12 days · longest 30 · rest 2
left this month" on one line, and when a missed day can still be repaired, what repairs it.
"""

from __future__ import annotations

from typing import Any

LINE = 48  # the today box's text width at 80 columns


def streak_text(s: Any) -> str:
    st = s.streak
    text = f"Streak {st.current} day{'s' if st.current != 1 else ''} · longest {st.longest}"
    rest = getattr(s, "rest", None)
    if rest is None:
        return text
    from ...core.days import zone
    from ...core.repair import repair_short, rest_line

    # Beside the streak, on the same line (the today box is 48 columns wide at 80x24, and a
    # line more pushed the follow-ups panel off the screen); shorter words when it is long.
    tokens = rest.tokens_left(s.day)
    beside = f" · rest {rest_line(rest, s.day)}"
    text += beside if len(text + beside) <= LINE else f" · rest {tokens} left"
    from ...core.fresh import to_go

    left = to_go(s.attempts, s.goal.daily_attempts, "today")
    if left:
        text += f" · {left}" if len(text) + len(left) + 3 <= LINE else f"\n{left.capitalize()}"
    for chance in rest.chances[:1]:
        local = chance.until.astimezone(zone(s.settings.timezone))
        text += "\n" + repair_short(chance, s.goal.daily_attempts, s.attempts, local)
    return text
