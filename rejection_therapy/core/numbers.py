"""Numbers typed by people (argv, forms, import files): one parser, ASCII digits only.

``str.isdigit()`` is true for "²" and ``int()`` accepts "٣", " 3 " and "1_000"; neither is a
number a user means. Every whole number the app reads from text goes through
``parse_int``, which accepts an optional sign and 1 to 18 ASCII digits and nothing else.

Documented ranges (enforced where a value enters the app):

- ids (attempts, challenges, wins, follow-ups): 1 to ``MAX_ID`` (2^53). A larger id cannot
  exist, so it is "not found" without asking the database; PostgreSQL stores ids as
  ``integer``, so there anything above ``MAX_ID_POSTGRESQL`` (2^31 - 1) is not found either.
- challenge lengths: 1 to 1000 days (core.challenge_presets).
- instants and dates: years 1900 to 2200 (``MIN_YEAR``/``MAX_YEAR``).
"""

from __future__ import annotations

import re

from .errors import NotFoundError, ValidationError

MAX_ID = 2**53
MAX_ID_POSTGRESQL = 2**31 - 1
MIN_YEAR, MAX_YEAR = 1900, 2200
MAX_ABS = 10**18  # no count or amount in the app comes near; keeps every int a 64-bit one

_INT = r"[+-]?[0-9]{1,18}"  # compiled on first use (start-up of the quick log and today, issue 12)
_LONG_INT = r"[+-]?[0-9]+"


def is_int_text(text: object) -> bool:
    """True for an optional sign followed by 1 to 18 ASCII digits (surrounding spaces allowed)."""
    return isinstance(text, str) and re.fullmatch(_INT, text.strip()) is not None


def parse_int(value: object, what: str, *, minimum: int | None = None, maximum: int | None = None,
              message: str | None = None) -> int:
    """A whole number from text (or an int), in [minimum, maximum]; ValidationError otherwise.

    ``message`` replaces the default sentences (e.g. a form's own wording)."""
    if isinstance(value, bool):
        raise ValidationError(message or f"The {what} must be a whole number.")
    if isinstance(value, int):
        n = value
    elif is_int_text(value):
        n = int(str(value).strip())
    elif isinstance(value, str) and re.fullmatch(_LONG_INT, value.strip()):
        n = MAX_ABS + 1 if not value.strip().startswith("-") else -MAX_ABS - 1  # out of range below
    else:
        shown = str(value)[:40]
        raise ValidationError(message or f"The {what} must be a whole number, not {shown!r}.")
    if minimum is not None and n < minimum or maximum is not None and n > maximum or abs(n) > MAX_ABS:
        if message:
            raise ValidationError(message)
        low = minimum if minimum is not None else -MAX_ABS
        high = maximum if maximum is not None else MAX_ABS
        raise ValidationError(f"The {what} must be between {low:,} and {high:,}.")
    return n


def parse_id(value: object, what: str = "attempt", *, maximum: int = MAX_ID) -> int:
    """An id ("12" or "#12"): ValidationError when it is not a positive whole number,
    NotFoundError ("There is no attempt #N.") when it is above what can exist."""
    text = value.strip().lstrip("#") if isinstance(value, str) else value
    if isinstance(text, str) and text.isascii() and text.isdigit():
        digits = text.lstrip("0")
        if len(digits) > 18:  # far above any id (and int() of 5000 digits raises)
            shown = digits if len(digits) <= 24 else digits[:20] + "…"
            raise NotFoundError(f"There is no {what} #{shown}.")
        n = int(text)
    elif isinstance(text, int) and not isinstance(text, bool):
        n = text
    else:
        raise ValidationError(f"The {what} number must be a positive whole number, not {str(value)[:40]!r}.")
    if n < 1:
        raise ValidationError(f"The {what} number must be a positive whole number, not {str(value)[:40]!r}.")
    check_id(n, what, maximum)
    return n


def check_id(n: int, what: str = "attempt", maximum: int = MAX_ID) -> int:
    if n > maximum:
        raise NotFoundError(f"There is no {what} #{n}.")
    return n


def check_year(year: int, what: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(f"The {what} must fall between the years {MIN_YEAR} and {MAX_YEAR}.")
