"""Review math, pure: what each rejection kind suggests, reasons compared, best and worst
buckets for conversations, month keys, and last period's figures beside this one's."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import ValidationError

KIND_ADVICE = {
    "not-now": "follow up later: set a date and ask again when the timing or budget changes.",
    "not-for-us": "a gap to note: write down what was missing (a feature, the fit, the pricing model).",
    "not-a-priority": "a positioning question: the problem is real but does not read as urgent yet.",
    "unknown": "ask why next time: one short question turns an unknown into something to act on.",
}
MIN_SAMPLE = 10  # fewer attempts than this in a bucket say nothing about its conversation rate
TOO_LITTLE = "too little data"
FIRST_DAYS = 3  # during the first days of a month the review opens on the month that just ended
_MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


def parse_month(text: str) -> tuple[date, date]:
    """'2026-11' → (first day, last day)."""
    match = _MONTH_RE.match(text or "")
    if not match:
        raise ValidationError(f"The month {text!r} is not a month; write it as YYYY-MM, like 2026-11.")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or not 1900 <= year <= 2200:
        raise ValidationError(f"The month {text.strip()} does not exist in the calendar.")
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def previous_month(key: str) -> str:
    first, _ = parse_month(key)
    return month_key(first - timedelta(days=1))


def normalise_reason(text: str) -> str:
    """Case, spacing and end punctuation do not make two reasons different."""
    return re.sub(r"\s+", " ", (text or "").strip().casefold()).rstrip(" .!?…")


def reasons_differ(stated: str | None, real: str | None) -> bool:
    if not stated or not real:
        return False
    return normalise_reason(stated) != normalise_reason(real)


def top_reasons(counts: Iterable[tuple[str, int]], n: int = 5) -> list[tuple[str, int]]:
    """The most common stated reasons, grouping spellings that only differ in case or spacing;
    each is shown in its most used spelling. Ties: alphabetical."""
    totals: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for text, count in counts:
        key = normalise_reason(text)
        if not key:
            continue
        totals[key] += count
        spellings.setdefault(key, Counter())[text.strip()] += count
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return [(spellings[k].most_common(1)[0][0], c) for k, c in ranked]


@dataclass(frozen=True)
class Rated:
    key: str
    attempts: int
    conversations: int

    @property
    def rate(self) -> float:
        return self.conversations / self.attempts if self.attempts else 0.0


def best_and_worst(items: Iterable[Rated], min_sample: int = MIN_SAMPLE) -> tuple[Rated | None, Rated | None]:
    """Highest and lowest conversation rate among buckets with at least ``min_sample``
    attempts; (None, None) — too little data — unless two such buckets differ. Ties go to
    the bucket with more attempts."""
    sample = [i for i in items if i.attempts >= min_sample]
    if len(sample) < 2:
        return None, None
    best = max(sample, key=lambda i: (i.rate, i.attempts, _neg(i.key)))
    worst = min(sample, key=lambda i: (i.rate, -i.attempts, i.key))
    if best.rate == worst.rate:
        return None, None
    return best, worst


def month_name(key: str) -> str:
    return parse_month(key)[0].strftime("%B %Y")


def default_month(today: date, months_with_data: Iterable[str]) -> tuple[str, str | None]:
    """The month the review opens on, and a sentence saying why when it is not this month:
    the month that just ended during the first days of a month, the latest month with
    attempts when this one has none yet."""
    this = month_key(today)
    have = set(months_with_data)
    last = previous_month(this)
    if today.day <= FIRST_DAYS and last in have:
        return last, (f"Showing {month_name(last)}, the month that just ended "
                      f"({month_name(this)} has just begun).")
    if this not in have:
        earlier = sorted(k for k in have if k < this)
        if earlier:
            return earlier[-1], (f"Nothing logged in {month_name(this)} yet: showing "
                                 f"{month_name(earlier[-1])}, the last month with attempts.")
    return this, None


def _neg(key: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in key)


@dataclass(frozen=True)
class Figures:
    attempts: int = 0
    conversations: int = 0
    nos: int = 0
    yeses: int = 0
    silences: int = 0
    active_days: int = 0

    @property
    def conversation_rate(self) -> float | None:
        return self.conversations / self.attempts if self.attempts else None

    @property
    def silence_rate(self) -> float | None:
        return self.silences / self.attempts if self.attempts else None


def pct(x: float | None) -> str:
    return "–" if x is None else f"{round(100 * x)}%"


def _change(before: float | None, after: float | None, *, rate: bool) -> str:
    if before is None or after is None:
        return ""
    if rate:
        diff = round(100 * (after - before))
        return f" ({diff:+d} points)" if diff else " (same)"
    if before == 0:
        return ""
    change = round(100 * (after - before) / before)
    return f" ({change:+d}%)" if change else " (same)"


def compare(before: Figures, after: Figures, *, outcomes: bool = True) -> list[tuple[str, str, str, str]]:
    """Rows of (what, before, after, change) for last period beside this one."""
    rows = [
        ("Attempts", f"{before.attempts:,}", f"{after.attempts:,}", _change(before.attempts, after.attempts, rate=False)),
        ("Active days", str(before.active_days), str(after.active_days),
         _change(before.active_days, after.active_days, rate=False)),
    ]
    if outcomes:
        rows += [
            ("No's survived", f"{before.nos:,}", f"{after.nos:,}", _change(before.nos, after.nos, rate=False)),
            ("Conversation rate", pct(before.conversation_rate), pct(after.conversation_rate),
             _change(before.conversation_rate, after.conversation_rate, rate=True)),
            ("Silence rate", pct(before.silence_rate), pct(after.silence_rate),
             _change(before.silence_rate, after.silence_rate, rate=True)),
            ("Yes", f"{before.yeses:,}", f"{after.yeses:,}", _change(before.yeses, after.yeses, rate=False)),
        ]
    return [(w, b, a, c.strip(" ()")) for w, b, a, c in rows]


_MD_CHARS = re.compile(r"([\\`*_{}\[\]()<>#|~!])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+(?=[.)]))", re.MULTILINE)


def md_escape(text: str | None) -> str:
    """User text made inert for Markdown: no emphasis, links, HTML, headings or lists."""
    if not text:
        return ""
    from .text import strip_controls

    value = strip_controls(str(text), multiline=True)
    value = _MD_CHARS.sub(r"\\\1", value)
    value = value.replace("://", ":\\/\\/").replace("www.", "www\\.")
    value = _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2).isdigit()
                               else m.group(0), value)
    value = re.sub(r"^(\s*\d+)([.)])", r"\1\\\2", value, flags=re.MULTILINE)
    return value
