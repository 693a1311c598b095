"""Predict, then compare: the guess before an attempt against what happened.

Before an attempt the user may note the chance of a yes they expect (``guess_pct``, 0-100)
and how bad a no would feel (``dread``, 1-5); after it, how bad it actually felt
(``sting``, 1-5). Exposure works when expectation meets what happened, so this module
turns those notes into plain figures: "You expected yes 18 % of the time; 31 % said yes."
Never required: every figure only counts the attempts that carry the note.

Pure rules, no I/O. Rows are ``Guess`` values built by the service from stored attempts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from .calibration_checks import (
    STING_OUTCOMES as STING_OUTCOMES,  # the checks live apart (log imports them)
)
from .calibration_checks import check_dread as check_dread
from .calibration_checks import check_guess as check_guess
from .calibration_checks import check_sting as check_sting
from .calibration_checks import check_sting_outcome as check_sting_outcome

DECIDED = ("yes", "no", "silence")  # pending attempts have no answer to compare with yet


@dataclass(frozen=True)
class Guess:
    """What calibration needs of one attempt."""

    day: date
    channel: str
    outcome: str
    guess_pct: int | None = None
    dread: int | None = None
    sting: int | None = None


@dataclass(frozen=True)
class Calibration:
    guessed: int = 0  # decided attempts that carry a guess
    expected_yes: float | None = None  # mean guess, 0..1
    actual_yes: float | None = None  # share of those attempts that got a yes, 0..1
    brier: float | None = None  # mean squared gap between guess and answer (0 = perfect)
    stung: int = 0  # no's / silences that carry both a dread and a sting
    expected_sting: float | None = None  # mean dread of those
    actual_sting: float | None = None  # mean sting of those

    @property
    def surprise(self) -> float | None:
        """Actual minus expected yes rate (positive: people said yes more than feared)."""
        if self.expected_yes is None or self.actual_yes is None:
            return None
        return self.actual_yes - self.expected_yes


def pct(x: float) -> int:
    """0.185 → 19 (half up, never banker's rounding)."""
    return int(x * 100 + 0.5)


def calibrate(rows: Iterable[Guess]) -> Calibration:
    guesses: list[tuple[float, int]] = []
    stings: list[tuple[int, int]] = []
    for r in rows:
        if r.outcome not in DECIDED:
            continue
        if r.guess_pct is not None:
            guesses.append((r.guess_pct / 100, 1 if r.outcome == "yes" else 0))
        if r.outcome in STING_OUTCOMES and r.dread is not None and r.sting is not None:
            stings.append((r.dread, r.sting))
    result = Calibration()
    if guesses:
        n = len(guesses)
        result = Calibration(
            guessed=n,
            expected_yes=sum(g for g, _ in guesses) / n,
            actual_yes=sum(y for _, y in guesses) / n,
            brier=sum((g - y) ** 2 for g, y in guesses) / n,
        )
    if stings:
        m = len(stings)
        result = Calibration(
            result.guessed, result.expected_yes, result.actual_yes, result.brier,
            stung=m, expected_sting=sum(d for d, _ in stings) / m, actual_sting=sum(s for _, s in stings) / m,
        )
    return result


def by_channel(rows: Iterable[Guess]) -> dict[str, Calibration]:
    groups: dict[str, list[Guess]] = {}
    for r in rows:
        groups.setdefault(r.channel, []).append(r)
    out = {c: calibrate(g) for c, g in sorted(groups.items())}
    return {c: cal for c, cal in out.items() if cal.guessed or cal.stung}


def month_of(day: date) -> date:
    return day.replace(day=1)


def over_time(rows: Iterable[Guess], period: Callable[[date], date] = month_of) -> list[tuple[date, Calibration]]:
    """Calibration per period (by default per calendar month), oldest first."""
    groups: dict[date, list[Guess]] = {}
    for r in rows:
        groups.setdefault(period(r.day), []).append(r)
    out = [(p, calibrate(g)) for p, g in sorted(groups.items())]
    return [(p, cal) for p, cal in out if cal.guessed or cal.stung]


def yes_sentence(c: Calibration) -> str | None:
    if c.expected_yes is None or c.actual_yes is None:
        return None
    return f"You expected yes {pct(c.expected_yes)} % of the time; {pct(c.actual_yes)} % said yes."


def sting_sentence(c: Calibration) -> str | None:
    if c.expected_sting is None or c.actual_sting is None:
        return None
    noted = "1 no" if c.stung == 1 else f"{c.stung:,} no's"
    return (f"You expected a no to hurt {c.expected_sting:.1f} of 5; "
            f"it felt {c.actual_sting:.1f} of 5 ({noted} noted).")


def summary_lines(c: Calibration) -> list[str]:
    lines = [s for s in (yes_sentence(c), sting_sentence(c)) if s]
    if not lines:
        lines.append("No guesses yet. Before an attempt, note the chance of a yes you expect "
                     "(log … --guess 20 --dread 4); after a no, how it felt (outcome ID no --sting 2).")
    return lines
