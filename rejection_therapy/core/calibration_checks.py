"""The checks of a prediction's notes (guess, dread, sting): what ``log`` validates.

Apart from ``core.calibration`` (which re-exports them) so that logging an attempt does not
import the calibration report's dataclasses (the quick ``log``'s start-up, issue 12).
"""

from __future__ import annotations

from .errors import ValidationError

STING_OUTCOMES = ("no", "silence")  # sting: how bad a no (or a silence) actually felt


def _whole(value: object, what: str, low: int, high: int, sentence: str) -> int | None:
    """An int in [low, high] from an int or ASCII digits ("20", "20%"); None for empty."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip().removesuffix("%").strip()
        if not (text.isascii() and text.isdigit()):
            raise ValidationError(sentence)
        value = int(text)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(sentence)
    return value


def check_guess(value: object) -> int | None:
    return _whole(value, "guess", 0, 100,
                  "The guess is the chance of a yes you expect, a whole number from 0 to 100 (%).")


def check_dread(value: object) -> int | None:
    return _whole(value, "dread", 1, 5,
                  "Dread is how bad a no would feel, a whole number from 1 (barely) to 5 (crushing).")


def check_sting(value: object) -> int | None:
    return _whole(value, "sting", 1, 5,
                  "Sting is how bad it actually felt, a whole number from 1 (barely) to 5 (crushing).")


def check_sting_outcome(sting: int | None, outcome: str) -> None:
    if sting is not None and outcome not in STING_OUTCOMES:
        raise ValidationError("Sting is how bad a no felt; note it on a no or a silence.")
