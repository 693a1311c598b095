"""Texts issue 11 found wrong on screens the snapshots show (kept as plain checks too)."""

from __future__ import annotations


def test_palette_names_only_the_review_that_exists():
    from rejection_therapy.tui.commands import COMMANDS

    review = next(help_ for name, help_, _ in COMMANDS if name == "Review")
    assert "eekly" not in review and review.startswith("Monthly review")


def test_bad_day_counts_have_thousands_separators():
    """The bad-day screen said "1297 no's" where the dashboard said "1,297": the accepted
    snapshot (which test_snapshots compares the live screen with) shows the separator."""
    from pathlib import Path

    folder = Path(__file__).parent / "snapshots" / "test_snapshots"
    for size in ("80x24", "120x40"):
        text = (folder / f"test_screen[bad_day-{size}].txt").read_text(encoding="utf-8")
        assert "1,309 no's survived so far" in " ".join(text.replace("│", " ").split())
