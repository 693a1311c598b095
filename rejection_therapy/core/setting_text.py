"""Settings typed as text (the TUI's settings form): parse and format, pure.

Each parser raises ValidationError with one sentence the form shows next to the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .days import WEEKDAY_NAMES, parse_weekdays
from .errors import ValidationError
from .numbers import parse_int

_PAIR = re.compile(r"^\s*([^=:]+?)\s*[=:]\s*([+-]?[0-9]{1,18})\s*$")


def parse_whole(text: str, message: str) -> int:
    """A whole number, or ValidationError(message)."""
    return parse_int(text, "number", message=message)


def parse_optional_whole(text: str, message: str) -> int | None:
    """Empty text is None; otherwise a whole number."""
    if not text or not text.strip():
        return None
    return parse_whole(text, message)


def parse_pairs(text: str, what: str) -> dict[str, int]:
    """'call=40, email=10' → {'call': 40, 'email': 10}; empty text → {}."""
    result: dict[str, int] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        match = _PAIR.match(part)
        if not match:
            raise ValidationError(f"Write the {what} as channel=number pairs, e.g. call=40, email=10.")
        name = match.group(1).strip().lower()
        if name in result:
            raise ValidationError(f"The channel {name!r} appears twice in the {what}.")
        result[name] = int(match.group(2))
    return result


def format_pairs(values: Mapping[str, int]) -> str:
    return ", ".join(f"{k}={v}" for k, v in values.items())


def parse_names(text: str) -> tuple[str, ...]:
    """'Call, email ,pitch' → ('call', 'email', 'pitch') (empty parts dropped)."""
    return tuple(p.strip().lower() for p in (text or "").split(",") if p.strip())


def format_names(values: Iterable[str]) -> str:
    return ", ".join(values)


def parse_rest_weekdays(text: str) -> tuple[int, ...]:
    """'sat, sun' → (5, 6); empty → () (no rest weekdays)."""
    return parse_weekdays(text or "")


def format_weekdays(values: Iterable[int]) -> str:
    return ", ".join(WEEKDAY_NAMES[d][:3] for d in sorted(values))
