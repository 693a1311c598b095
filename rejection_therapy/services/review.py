"""The review, monthly and per challenge: plan, do, check, adjust.

``build(session, profile_id, month="2026-11")`` or ``build(..., challenge="3")`` returns a
``ReviewData``; ``save_adjust`` stores what the user decided to change (the Reviews table,
one row per profile and period); ``render_markdown`` writes the same review as Markdown with
every piece of user text escaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import review as rules
from ..core.days import WEEKDAY_NAMES
from ..core.errors import ValidationError
from ..core.review import Figures, Rated, md_escape, pct
from ..core.silence import KIND_LABELS, REJECTION_KINDS
from ..core.text import clean_text, plural
from ..insights import queries as q
from ..insights.queries import ReasonPair
from ..store.models import Challenge, Review

LIST_LIMIT = 50  # longest list written out in full (reasons compared, lessons, wins)


@dataclass(frozen=True)
class KindLine:
    kind: str
    label: str
    count: int
    advice: str


@dataclass(frozen=True)
class Previous:
    period_key: str
    title: str
    adjust_text: str | None
    figures: Figures


@dataclass
class ReviewData:
    period_key: str
    title: str
    start: date
    end: date
    figures: Figures
    kinds: list[KindLine] = field(default_factory=list)
    top_reasons: list[tuple[str, int]] = field(default_factory=list)
    differing: list[ReasonPair] = field(default_factory=list)
    best_worst: dict[str, tuple[Rated | None, Rated | None]] = field(default_factory=dict)
    silence_by_channel: list[tuple[str, int, int]] = field(default_factory=list)  # channel, attempts, silences
    wins: list[tuple[date, str]] = field(default_factory=list)
    lessons: list[tuple[date, str, str | None, str]] = field(default_factory=list)
    adjust_text: str | None = None
    previous: Previous | None = None
    outcomes_hidden: str | None = None  # why outcome sections are left out (effort-only mode)
    calibration: object | None = None  # services.calibration.CalibrationView (issue 15)
    plans: list = field(default_factory=list)  # if-then plans to check (issue 15)
    challenge_id: int | None = None  # a challenge's review: new plans go to the challenge
    note: str | None = None  # why this month was opened (not the current one)
    challenges: list[str] = field(default_factory=list)  # running today, as `today` says them

    @property
    def best_hour(self) -> int | None:
        best = self.best_worst.get("hour", (None, None))[0]
        return int(best.key) if best else None


def _figures(session: Session, profile_id: int, start: date, end: date) -> Figures:
    per = q.per_day(session, profile_id, start, end)
    t = q.merge(per.values(), "total")
    return Figures(t.attempts, t.conversations, t.nos, t.yeses, t.silences,
                   sum(1 for b in per.values() if b.attempts))


def _period(session: Session, profile_id: int, month: str | None, challenge: str | int | None,
            today: date, week: str | None = None) -> tuple[str, str, date, date, Challenge | None]:
    if week:  # "this" or YYYY-Www (ISO weeks, Monday to Sunday)
        from ..core import dates

        key = dates.week_key(today) if week == "this" else dates.week_key(dates.parse_week(week)[0])
        start, end = dates.parse_week(key)
        return key, f"Review of week {key[-2:].lstrip('0')}, {start:%d %b} – {end:%d %b %Y}", start, end, None
    if challenge not in (None, ""):
        from .lookups import challenge_period, find_challenge

        ch = find_challenge(session, profile_id, challenge)
        p = challenge_period(ch, today)
        return f"challenge:{ch.uuid}", f"Review of the challenge “{ch.name}”", p.start, p.end, ch
    key = month or default_month(session, profile_id, today)[0]
    start, end = rules.parse_month(key)
    return key, f"Review of {start.strftime('%B %Y')}", start, end, None


def default_month(session: Session, profile_id: int, today: date) -> tuple[str, str | None]:
    """The month a review opens on when none is asked for, and why (core.review.default_month)."""
    this = rules.month_key(today)
    first, last = rules.parse_month(this)
    have = [this] if q.totals(session, profile_id, first, last).attempts else []
    before = q.last_day_before(session, profile_id, first)
    if before is not None:
        have.append(rules.month_key(before))
    return rules.default_month(today, have)


def _previous(session: Session, profile_id: int, key: str, start: date, ch: Challenge | None) -> Previous | None:
    from ..core import dates

    if ch is None and dates.is_week_key(key):  # week over week
        prev_key = dates.previous_week(key)
        p_start, p_end = dates.parse_week(prev_key)
        title = f"the week before ({prev_key})"
    elif ch is None:
        prev_key = rules.previous_month(key)
        p_start, p_end = rules.parse_month(prev_key)
        title = p_start.strftime("%B %Y")
    else:
        from .lookups import challenge_period

        before = session.scalars(
            select(Challenge).where(Challenge.profile_id == profile_id, Challenge.start_day < ch.start_day)
            .order_by(Challenge.start_day.desc(), Challenge.id.desc()).limit(1)
        ).first()
        if before is None:
            return None
        prev_key = f"challenge:{before.uuid}"
        p = challenge_period(before)
        p_start, p_end, title = p.start, p.end, f"the challenge “{before.name}”"
    figures = _figures(session, profile_id, p_start, p_end)
    text = load_adjust(session, profile_id, prev_key)
    if not text and not figures.attempts:
        return None
    return Previous(prev_key, title, text, figures)


def _hidden(session: Session, profile_id: int, today: date) -> str | None:
    from .lookups import effort_only_notice

    return effort_only_notice(session, profile_id, today, where="review")


def build(session: Session, profile_id: int, *, month: str | None = None,
          challenge: str | int | None = None, today: date | None = None, week: str | None = None) -> ReviewData:
    from .today import today_of

    today = today or today_of(session, profile_id)
    key, title, start, end, ch = _period(session, profile_id, month, challenge, today, week)
    r = ReviewData(key, title, start, end, _figures(session, profile_id, start, end))
    if month is None and ch is None:
        r.note = default_month(session, profile_id, today)[1]
    r.adjust_text = load_adjust(session, profile_id, key)
    from .challenge_today import lines as challenge_lines

    r.challenges = challenge_lines(session, profile_id, today)  # the rule and words of `today`
    r.previous = _previous(session, profile_id, key, start, ch)
    r.wins = q.wins(session, profile_id, start, end)
    r.lessons = q.lessons(session, profile_id, start, end)
    r.outcomes_hidden = _hidden(session, profile_id, today)
    from . import plans as plans_svc

    r.challenge_id = ch.id if ch is not None else None
    r.plans = plans_svc.for_review(session, profile_id, r.challenge_id)
    if r.outcomes_hidden:
        return r
    kinds: dict[str, int] = {}
    for b in q.grouped(session, profile_id, start, end, "rejection_kind", where=" AND outcome = 'no'"):
        kinds[b.key or "unknown"] = kinds.get(b.key or "unknown", 0) + b.attempts
    r.kinds = [KindLine(k, KIND_LABELS[k], kinds.get(k, 0), rules.KIND_ADVICE[k]) for k in REJECTION_KINDS]
    r.top_reasons = rules.top_reasons(q.stated_reasons(session, profile_id, start, end))
    r.differing = [p for p in q.reason_pairs(session, profile_id, start, end)
                   if rules.reasons_differ(p.stated, p.real)]
    grid = q.weekday_hour(session, profile_id, start, end)
    by_hour: dict[int, list] = {}
    by_day: dict[int, list] = {}
    for (wd, hour), b in grid.items():
        by_hour.setdefault(hour, []).append(b)
        by_day.setdefault(wd, []).append(b)
    hours = [Rated(str(h), *_sums(bs)) for h, bs in by_hour.items()]
    weekdays = [Rated(WEEKDAY_NAMES[wd].capitalize(), *_sums(bs)) for wd, bs in by_day.items()]
    channels = q.grouped(session, profile_id, start, end, "channel")
    segments = [b for b in q.grouped(session, profile_id, start, end, "segment") if b.key]
    r.best_worst = {
        "hour": rules.best_and_worst(hours),
        "weekday": rules.best_and_worst(weekdays),
        "channel": rules.best_and_worst(Rated(b.key, b.attempts, b.conversations) for b in channels),
        "segment": rules.best_and_worst(Rated(b.key, b.attempts, b.conversations) for b in segments),
    }
    r.silence_by_channel = sorted(((b.key, b.attempts, b.silences) for b in channels),
                                  key=lambda t: (-(t[2] / t[1] if t[1] else 0), t[0]))
    from . import calibration as calibration_svc

    r.calibration = calibration_svc.view(session, profile_id, start, end)
    return r


def _sums(buckets) -> tuple[int, int]:
    return sum(b.attempts for b in buckets), sum(b.conversations for b in buckets)


def load_adjust(session: Session, profile_id: int, period_key: str) -> str | None:
    return session.scalars(
        select(Review.adjust_text).where(Review.profile_id == profile_id, Review.period_key == period_key)
    ).first()


def save_adjust(session: Session, profile_id: int, period_key: str, text: str | None) -> str | None:
    """Store the Adjust section of a review (empty text clears it); returns what was stored."""
    if not period_key or len(period_key) > 40:
        raise ValidationError("That review period is not valid.")
    from ..core import dates

    if dates.is_week_key(period_key):
        dates.parse_week(period_key)
    elif not period_key.startswith("challenge:"):
        rules.parse_month(period_key)
    value = clean_text(text, "Adjust section", multiline=True)
    row = session.scalars(
        select(Review).where(Review.profile_id == profile_id, Review.period_key == period_key)
    ).first()
    now = clock_now()
    if row is None:
        session.add(Review(profile_id=profile_id, period_key=period_key, adjust_text=value, updated_at=now))
    else:
        row.adjust_text, row.updated_at = value, now
    session.flush()
    return value


def _rated(x: Rated | None, unit: str = "") -> str:
    if x is None:
        return rules.TOO_LITTLE
    name = f"{int(x.key):02d}:00" if unit == "hour" else md_escape(x.key)
    return f"{name} ({pct(x.rate)} of {x.attempts:,})"


def render_markdown(r: ReviewData, commands: bool = True) -> str:
    """The review as Markdown; user text (reasons, lessons, wins, Adjust) is escaped.
    ``commands``: say which command changes a plan (the CLI); the Review screen, whose
    Adjust section changes plans itself, passes False."""
    f = r.figures
    out = [f"# {md_escape(r.title)}", ""]
    if r.note:
        out += [f"_{md_escape(r.note)}_", ""]
    out += [f"{r.start.isoformat()} to {r.end.isoformat()} · {plural(f.attempts, 'attempt')} on "
            f"{plural(f.active_days, 'day')}", ""]
    if r.challenges:
        out += ["## Running challenges (today)", ""] + [f"- {md_escape(line)}" for line in r.challenges] + [""]
    out += ["## Effort", "", f"- Attempts: **{f.attempts:,}** on {plural(f.active_days, 'active day')}"]
    if r.outcomes_hidden:
        out += ["", f"_{r.outcomes_hidden}_", ""]
    else:
        out += [f"- No's survived: **{f.nos:,}** · conversations: {f.conversations:,} "
                f"({pct(f.conversation_rate)}) · yes: {f.yeses:,} · silence: {f.silences:,} "
                f"({pct(f.silence_rate)})", ""]
        out += ["## Rejection kinds", "", "| Kind | No's | What it suggests |", "|---|---:|---|"]
        out += [f"| {k.label} | {k.count:,} | {k.advice} |" for k in r.kinds]
        out += ["", "## Stated reasons", ""]
        out += [f"{i}. {md_escape(text)} — {n:,}" for i, (text, n) in enumerate(r.top_reasons, 1)] or ["_No stated reasons written this period._"]
        out += ["", "## Stated vs real reason", ""]
        if r.differing:
            out += [f"{len(r.differing):,} attempts where what they said was not what you think it was:", ""]
            for p in r.differing[:LIST_LIMIT]:
                who = f" · {md_escape(p.target)}" if p.target else ""
                out.append(f"- {p.day.isoformat()} · {md_escape(p.channel)}{who}: said “{md_escape(p.stated)}”, "
                           f"really “{md_escape(p.real)}”")
            if len(r.differing) > LIST_LIMIT:
                out.append(f"- … and {len(r.differing) - LIST_LIMIT:,} more")
        else:
            out.append("_None: stated and real reasons matched, or no real reason was written._")
        out += ["", "## Where conversations happen", "", "| | Best | Worst |", "|---|---|---|"]
        for dim in ("hour", "weekday", "channel", "segment"):
            best, worst = r.best_worst.get(dim, (None, None))
            if best is None:
                out.append(f"| {dim.capitalize()} | {rules.TOO_LITTLE} | |")
            else:
                out.append(f"| {dim.capitalize()} | {_rated(best, dim)} | {_rated(worst, dim)} |")
        out += ["", f"_Best and worst need two or more buckets of {rules.MIN_SAMPLE} attempts "
                "or more with different rates._"]
        out += ["", "## Silence per channel", "", "| Channel | Attempts | Silence |", "|---|---:|---:|"]
        out += [f"| {md_escape(c)} | {a:,} | {pct(s / a if a else None)} |" for c, a, s in r.silence_by_channel]
        if not r.silence_by_channel:
            out += ["", "_No attempts in this period._"]
        if r.calibration is not None:
            from .calibration import markdown_lines

            out += ["", "## Predict, then compare", ""] + markdown_lines(r.calibration)
    if r.plans:
        from .plans import review_lines

        out += review_lines(r.plans, r.challenge_id, commands, md_escape)
    out += ["", "## Wins", ""]
    out += [f"- {d.isoformat()}: {md_escape(t)}" for d, t in r.wins[:LIST_LIMIT]] or ["_No wins written this period; the effort above is one._"]
    if len(r.wins) > LIST_LIMIT:
        out.append(f"- … and {len(r.wins) - LIST_LIMIT:,} more")
    out += ["", "## Lessons", ""]
    out += [f"- {d.isoformat()} · {md_escape(ch)}: {md_escape(text)}" for d, ch, _t, text in r.lessons[:LIST_LIMIT]] or ["_No lessons written this period._"]
    if len(r.lessons) > LIST_LIMIT:
        out.append(f"- … and {len(r.lessons) - LIST_LIMIT:,} more")
    if r.previous:
        p = r.previous
        out += ["", f"## Last time: {md_escape(p.title)}", ""]
        if p.adjust_text:
            out += ["You decided:", ""] + [f"> {md_escape(line)}" if line.strip() else ">" for line in p.adjust_text.split("\n")] + [""]
        else:
            out += ["_No Adjust section was written last time._", ""]
        out += ["What happened:", "", f"| | {md_escape(p.title)} | This period | Change |", "|---|---:|---:|---|"]
        out += [f"| {w} | {b} | {a} | {c} |" for w, b, a, c in rules.compare(p.figures, f, outcomes=not r.outcomes_hidden)]
    out += ["", "## Adjust", ""]
    if r.adjust_text:
        out += [md_escape(line) + "  " for line in r.adjust_text.split("\n")]
    else:
        out.append("_Nothing decided yet: what will you change next time?_")
    return "\n".join(out).rstrip() + "\n"
