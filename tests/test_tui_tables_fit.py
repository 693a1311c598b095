"""Table headers whole at 80x24 (issue 11, layout): Challenges, Follow-ups and Leaderboard.

At 80 columns the tables once cut "Missed" to "Mis", the Kind "Not right now" to "Not" and
the competitions panel mid-word. The long cells (names, kinds) now end in "…" and every
header is shown whole, read from the rendered screen with colour on.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.silence import KIND_LABELS, KIND_SHORT
from rejection_therapy.services import attempts, followups
from rejection_therapy.services.context import AppContext
from rejection_therapy.services.demo import DEMO_PROFILE, create_demo_store
from tests.tui_helpers import make_test_app, settle
from tests.tui_text import screen_text, words

HEADERS = {
    "challenges": ("Challenge", "Day", "Progress", "Attempts", "Done", "Missed", "Run", "Need"),
    "followups": ("Date", "When", "Who", "Channel", "Outcome", "Kind"),
    "leaderboard": ("Place", "Name", "Count", "Gap", "Best", "day", "Trend", "Reached", "it",
                    "Competition", "State"),
}


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    """The demo (a running challenge, a competition, teammates) plus overdue follow-ups with
    long names, an in-person channel and the longest kind: the widest rows the table gets."""
    location = create_demo_store(tmp_path_factory.mktemp("demo") / "demo.db", days=20, per_day=10)
    ctx = AppContext.open(location, DEMO_PROFILE)
    try:
        with ctx.store.write() as s:
            today = followups.today_of(s, ctx.profile_id)
            for i, kind in enumerate(("not-now", "not-a-priority", "not-for-us")):
                attempts.log_attempt(s, ctx.profile_id, AttemptInput(
                    outcome="no", channel="in-person", kind=kind, target=f"Neighbour with a long name {i}",
                    follow_up_on=today - timedelta(days=29 + i)))
    finally:
        ctx.close()
    return location


def header_line(text: str, first: str, last: str) -> str:
    return next(line for line in text.splitlines() if first in line and last in line)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_table_headers_are_whole(demo_template, size):
    app = make_test_app(demo_template, DEMO_PROFILE)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key, mode in (("c", "challenges"), ("f", "followups"), ("b", "leaderboard")):
            await pilot.press(key)
            await settle(pilot)
            if mode == "followups" and "Nothing is due today" in screen_text(app):
                await pilot.press("a")  # every open follow-up: the demo's are upcoming
                await settle(pilot)
            await settle(pilot)
            text = screen_text(app)
            shown = words(text)
            for header in HEADERS[mode]:
                assert header in shown, f"{mode} at {size}: {header!r} is cut\n{text}"
            if mode == "followups":  # a long kind ends in "…", never mid-word without one
                line = header_line(text, "Date", "Kind")
                column = line.index("Kind")
                kinds = [row[column:].split("  ")[0].strip() for row in text.splitlines()
                         if row[:column].rstrip().endswith(("no", "silence", "yes", "pending"))]
                assert kinds, text
                labels = set(KIND_LABELS.values()) | set(KIND_SHORT.values()) | {""}  # the table: the short ones
                for kind in kinds:
                    whole = kind in labels
                    cut = kind.endswith("…") and any(label.startswith(kind[:-1]) for label in labels)
                    assert whole or cut, f"Kind {kind!r} is cut without an ellipsis at {size}"
