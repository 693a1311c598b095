"""Calibration: guesses before attempts against what happened (rules in core.calibration)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..core import calibration as rules
from ..core.calibration import Calibration, Guess
from ..core.days import week_start
from ..store.models import Attempt


@dataclass(frozen=True)
class CalibrationView:
    start: date | None
    end: date | None
    overall: Calibration
    by_channel: dict[str, Calibration] = field(default_factory=dict)
    over_time: list[tuple[date, Calibration]] = field(default_factory=list)
    unit: str = "month"  # or "week"

    def lines(self) -> list[str]:
        return rules.summary_lines(self.overall)


def guesses(session: Session, profile_id: int, start: date | None = None, end: date | None = None,
            channel: str | None = None, segment: str | None = None) -> list[Guess]:
    """The attempts that carry a guess, a dread or a sting, oldest first."""
    q = select(Attempt.local_day, Attempt.channel, Attempt.outcome, Attempt.guess_pct, Attempt.dread,
               Attempt.sting).where(
        Attempt.profile_id == profile_id,
        or_(Attempt.guess_pct.is_not(None), Attempt.dread.is_not(None), Attempt.sting.is_not(None)),
    )
    if start is not None:
        q = q.where(Attempt.local_day >= start)
    if end is not None:
        q = q.where(Attempt.local_day <= end)
    if channel:
        q = q.where(Attempt.channel == channel.strip().lower())
    if segment:
        q = q.where(Attempt.segment == segment.strip())
    q = q.order_by(Attempt.local_day, Attempt.id)
    return [Guess(*row) for row in session.execute(q).all()]


def view(session: Session, profile_id: int, start: date | None = None, end: date | None = None,
         channel: str | None = None, segment: str | None = None, first_weekday: int = 0) -> CalibrationView:
    rows = guesses(session, profile_id, start, end, channel, segment)
    weekly = start is not None and end is not None and (end - start).days <= 120
    period = (lambda d: week_start(d, first_weekday)) if weekly else rules.month_of
    return CalibrationView(start, end, rules.calibrate(rows), rules.by_channel(rows),
                           rules.over_time(rows, period), "week" if weekly else "month")


def markdown_lines(v: CalibrationView) -> list[str]:
    """The review's "Predict, then compare" section (channel names escaped)."""
    from ..core.review import md_escape

    out = list(v.lines())
    rows = [(c, x) for c, x in v.by_channel.items()
            if x.guessed and x.expected_yes is not None and x.actual_yes is not None]
    if len(rows) > 1:
        out += ["", "| Channel | Guesses | Expected yes | Said yes |", "|---|---:|---:|---:|"]
        out += [f"| {md_escape(c)} | {x.guessed:,} | {rules.pct(x.expected_yes or 0.0)} % | {rules.pct(x.actual_yes or 0.0)} % |"
                for c, x in rows]
    return out
