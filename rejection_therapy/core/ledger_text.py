"""The text of ``log`` and ``today`` and the attempt ``log`` builds from its arguments:
pure functions shared by the full CLI (``cli.ledger``) and the quick path (``quick``), so
both print byte-for-byte the same."""

from __future__ import annotations

from datetime import date

from .text import plural

TYPE_CHECKING = False  # core.attempts is not imported on the path of ``today``
if TYPE_CHECKING:
    from typing import Any

    from .attempts import AttemptInput


def format_logged(outcome: str, attempt_id: int, count: int, goal_attempts: int, cap: int | None,
                  n: int = 1, day: date | None = None) -> str:
    """The line printed by ``log`` (both paths): ``n`` alike attempts, ``day`` when backdated."""
    from .goals import cap_message

    what = f"{n:,} × {outcome} #{attempt_id - n + 1}–#{attempt_id}" if n > 1 else f"{outcome} #{attempt_id}"
    when = (f" for {day:%a} {day.isoformat()} · {plural(count, 'attempt')} that day" if day
            else f" · {plural(count, 'attempt')} today")
    line = f"Logged {what}{when}"
    if goal_attempts:
        line += f" (goal {goal_attempts:,})"
    message = cap_message(count, cap)
    return line + (f"\n{message}" if message else "")


def format_today(s: Any, challenges: list[str] | tuple[str, ...] = ()) -> str:
    """``today``'s text from a core.today.TodaySummary and the challenge headlines (both paths)."""
    g = s.goal
    lines = [f"Today, {s.day:%a} {s.day.isoformat()}"]
    attempts = f"Attempts       {s.attempts:,}"
    if g.daily_attempts:
        pct = min(100, round(100 * s.attempts / g.daily_attempts))
        attempts += f" of {g.daily_attempts:,} ({pct}%)"
    lines.append(attempts)
    nos = f"No's           {s.nos:,}"
    if g.daily_nos:
        nos += f" of {g.daily_nos:,}"
    lines.append(nos + f" · {s.total_nos:,} survived in all")
    lines.append(f"Silences       {s.silences:,}")
    lines.append(f"Yes's          {s.yeses:,}")
    lines.append(f"Pending        {s.pending:,}")
    lines.append(f"Conversations  {s.conversations:,}")
    if s.streak is not None:
        st = s.streak
        state = "today's goal met" if st.today_done else "today not done yet"
        lines.append(f"Streak         {plural(st.current, 'day')} (longest {st.longest:,}; {state})")
    rest = getattr(s, "rest", None)
    if rest is not None and s.streak is not None:
        from .repair import rest_line

        lines.append(f"Rest           {rest_line(rest, s.day)}")
        lines.extend(_repair_lines(s))
    if g.daily_cap:
        lines.append(f"Cap            {s.attempts:,} of {g.daily_cap:,}")
    if s.cap_message:
        lines.append(s.cap_message)
    if s.over_cap_week:
        lines.append("You went past your cap every day this week. Consider a lighter day.")
    lines.extend(f"Challenge      {c}" for c in challenges)
    if s.wins:
        lines.append("Wins")
        lines.extend(f"  · {w}" for w in s.wins)
    return "\n".join(lines)


def _repair_lines(s: Any) -> list[str]:
    """Open repair windows, as the effort that repairs them (both paths)."""
    from .days import zone
    from .repair import repair_line

    out = []
    for chance in s.rest.chances:
        local = chance.until.astimezone(zone(s.settings.timezone))
        out.append("Repair         " + repair_line(chance, s.goal.daily_attempts, s.attempts, local))
    return out


def attempt_input(args: Any) -> AttemptInput:
    """The AttemptInput of ``log`` (shared with the quick path)."""
    from .attempts import AttemptInput
    from .errors import ValidationError
    from .numbers import parse_id
    from .silence import check_outcome

    outcome = check_outcome(args.outcome)
    if outcome == "silence":
        raise ValidationError("A new attempt cannot be silence yet; log it as pending.")
    return AttemptInput(
        outcome=outcome, channel=args.channel, target=args.target, segment=args.segment,
        tags=args.tag, discomfort=args.discomfort, conversation=args.conversation,
        kind=args.kind, stated_reason=args.said, real_reason=args.really, notes=args.note,
        follow_up_on=args.follow_up, lesson=args.lesson,
        guess_pct=getattr(args, "guess", None), dread=getattr(args, "dread", None),
        rung_id=parse_id(args.rung, "rung number") if getattr(args, "rung", None) else None,
        when=when_of(args),
    )


def when_of(args: Any) -> str | None:
    """--date/--time as one text ('yesterday 09:30'); None when neither is given."""
    date_text, time_text = getattr(args, "date", None), getattr(args, "time", None)
    if date_text is None and time_text is None:
        return None
    if time_text is not None:
        from .dates import parse_time

        time_text = parse_time(time_text).strftime("%H:%M")
    return f"{(date_text or 'today').strip()}{' ' + time_text.strip() if time_text else ''}"


def log_count(args: Any) -> int:
    """``log --count N`` (default one), checked."""
    from .attempts import check_count

    return check_count(getattr(args, "count", None))


def today_doc(s: Any, challenges: list[str]) -> dict[str, Any]:
    """The document of ``today --json`` (schema docs/json/today.schema.json), both paths."""
    g = s.goal
    return {
        "day": s.day.isoformat(), "attempts": s.attempts, "nos": s.nos, "yeses": s.yeses,
        "silences": s.silences, "pending": s.pending, "conversations": s.conversations,
        "total_nos": s.total_nos,
        "goal": {"daily_attempts": g.daily_attempts, "daily_nos": g.daily_nos, "daily_cap": g.daily_cap,
                 "per_channel": dict(g.per_channel)},
        "streak": None if s.streak is None else {"current": s.streak.current, "longest": s.streak.longest,
                                                  "today_done": s.streak.today_done},
        "cap_message": s.cap_message, "challenges": list(challenges), "wins": list(s.wins),
    }
