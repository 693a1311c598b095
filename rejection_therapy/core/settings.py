"""A profile's settings: defaults, validation, and the mapping stored in the database."""

import json
import re
from typing import Any, NamedTuple

from . import days, silence
from .errors import ValidationError
from .text import clean_name

DEFAULT_CHANNELS = ("call", "email", "pitch", "proposal", "dm", "in-person")
DEFAULT_FEEDBACK_TEMPLATE = (
    "Hi {name},\n\n"
    "Thank you for considering my {channel}. I take it this is not something you want to "
    "go ahead with, and that is completely fine.\n\n"
    "So that I can do better next time, would you share what made the difference in your "
    "decision? One line is plenty, and there is no wrong answer.\n\n"
    "Thank you,\n{signature}\n"
)
# A pending or silent attempt got no answer at all: the message must not read their silence as a no.
DEFAULT_SILENT_TEMPLATE = (
    "Hi {name},\n\n"
    "I sent you my {channel} on {date} and have not heard back, which is completely fine: "
    "timing is often the reason.\n\n"
    "If it is not a fit for you, one line on why would help me a lot. And if the timing is "
    "simply wrong, tell me when to get back in touch.\n\n"
    "Thank you,\n{signature}\n"
)
MAX_SIGNATURE = 80


class Settings(NamedTuple):
    timezone: str = "UTC"
    day_start_hour: int = days.DEFAULT_DAY_START_HOUR
    first_weekday: int = 0
    silence_days: int = silence.DEFAULT_SILENCE_DAYS
    silence_by_channel: dict[str, int] = {}  # one shared default: never changed in place
    rest_weekdays: tuple[int, ...] = ()
    default_channel: str = "call"
    channels: tuple[str, ...] = DEFAULT_CHANNELS
    hide_streaks: bool = False
    theme: str = "textual-dark"
    bad_day_enabled: bool = True
    bad_day_threshold: int = 10
    daily_backups: int = 7  # rolling daily copies kept (store.rolling); 0 = off
    follow_up_days: int = 90
    feedback_template: str = DEFAULT_FEEDBACK_TEMPLATE
    signature: str = ""  # the name written after "Thank you," in feedback requests
    onboarded: bool = False

    def silence_window(self, channel: str | None) -> int:
        return self.silence_by_channel.get(channel or "", self.silence_days)

    def to_mapping(self) -> dict[str, str]:
        """Values as JSON text, keyed by field name (what the settings table stores)."""
        return {k: json.dumps(v) for k, v in self._asdict().items()}

    @classmethod
    def from_mapping(cls, stored: dict[str, str]) -> "Settings":
        """Build from stored JSON text. Never raises: unknown keys are ignored and every value
        that does not pass ``validate`` falls back to its default (``doctor`` reports them
        through ``read_mapping``). Both the SQLAlchemy path and the stdlib quick path load here."""
        return read_mapping(stored)[0]


# The fields whose JSON lists are tuples in Settings.
_TUPLES = ("rest_weekdays", "channels")
_BOOLS = ("hide_streaks", "bad_day_enabled", "onboarded")
_KEY = r"[a-z][a-z0-9_]{0,59}"  # compiled on first use (start-up of the quick log and today, issue 12)


def _decode(key: str, raw: object) -> Any:
    if not isinstance(raw, str):
        raise ValidationError("The stored value is not JSON text.")
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        raise ValidationError("The stored value is not valid JSON.") from None
    if key in _TUPLES and isinstance(value, list):
        value = tuple(value)
    return value


def read_mapping(stored: dict[str, str]) -> tuple[Settings, dict[str, str]]:
    """(settings, problems): ``problems`` maps each stored key whose value was not used (it
    fell back to the default) to the sentence ``validate`` gave for it."""
    known = set(Settings._fields)
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for key, raw in stored.items():
        if key not in known:
            continue
        try:
            values[key] = _decode(key, raw)
        except ValidationError as err:
            problems[key] = str(err)
    try:
        return validate(Settings(**values)), problems
    except (ValidationError, TypeError, ValueError):
        pass
    # One bad stored value must not make the app unusable: keep the values that pass, one by
    # one (the channel list and the default channel also together, as each needs the other).
    good = Settings()
    groups = [("channels", "default_channel")] + [(k,) for k in values]
    for group in groups:
        if not all(k in values for k in group):
            continue
        try:
            good = validate(good._replace(**{k: values[k] for k in group}))
            for k in group:
                problems.pop(k, None)
        except (ValidationError, TypeError, ValueError) as err:
            for k in group:
                if getattr(good, k) != values[k]:
                    problems.setdefault(k, str(err) if isinstance(err, ValidationError) else "Not a valid value.")
    for k in list(problems):
        if k in values and getattr(good, k) == values[k]:
            problems.pop(k)
    return good, problems


def check_mapping(stored: dict[str, object]) -> Settings:
    """Settings as an export file holds them (key → JSON text): every value valid by the same
    rules as the settings screen and the CLI; else ValidationError naming the setting. A key
    this version does not know (a newer app's) must look like one and hold JSON; the app
    ignores it. Returns the settings they make (with defaults for the keys not given)."""
    known = set(Settings._fields)
    values: dict[str, Any] = {}
    for key, raw in stored.items():
        if not isinstance(key, str) or not re.fullmatch(_KEY, key):
            raise ValidationError(f"setting {str(key)[:40]!r} is not a setting name")
        if key not in known:
            try:
                _decode(key, raw)
            except ValidationError as err:
                raise ValidationError(f"setting {key!r}: {err}") from None
            continue
        try:
            value = _decode(key, raw)
            values[key] = value
            validate(Settings()._replace(**{key: value}) if key not in ("channels", "default_channel")
                     else Settings())
            _check_alone(key, value)
        except (ValidationError, TypeError, ValueError) as err:
            raise ValidationError(f"setting {key!r}: {_sentence(err)}") from None
    try:
        return validate(Settings()._replace(**values))
    except (ValidationError, TypeError, ValueError) as err:
        raise ValidationError(f"settings: {_sentence(err)}") from None


def _sentence(err: Exception) -> str:
    return str(err) if isinstance(err, ValidationError) else "not a valid value"


def _check_alone(key: str, value: Any) -> None:
    """The checks of ``validate`` that concern one field, for the fields that depend on another."""
    if key == "channels":
        _check_channels(value)
    elif key == "default_channel":
        clean_name(value, "default channel")


def _whole(value: object, low: int, high: int, message: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(message)
    return value


def _check_channels(channels: object) -> tuple[str, ...]:
    if not isinstance(channels, tuple) or not all(isinstance(c, str) for c in channels):
        raise ValidationError("The channels must be a list of names.")
    if not channels:
        raise ValidationError("Keep at least one channel.")
    if len(channels) > 50:
        raise ValidationError("Keep at most 50 channels.")
    cleaned = tuple(clean_name(c, "channel name").lower() for c in channels)
    if len(set(cleaned)) != len(cleaned):
        raise ValidationError("Each channel can appear only once.")
    return cleaned


def validate(s: Settings) -> Settings:
    """Check every field, its type first; raise ValidationError with a sentence about the first
    bad one. The one check of a profile's settings: the settings screen, the CLI, loading
    stored settings and import all use it."""
    if not isinstance(s.timezone, str):
        raise ValidationError("The time zone must be a name like Europe/London.")
    days.zone(s.timezone)
    days.check_day_start_hour(s.day_start_hour)
    _whole(s.first_weekday, 0, 6, "The first day of the week must be 0 (Monday) to 6 (Sunday).")
    silence.check_window(s.silence_days)
    if not isinstance(s.silence_by_channel, dict):
        raise ValidationError("The silence windows per channel must be channel=days pairs.")
    for channel, n in s.silence_by_channel.items():
        clean_name(channel, "channel name")
        silence.check_window(n)
    if not isinstance(s.rest_weekdays, tuple):
        raise ValidationError("Rest weekdays must be a list of weekday numbers.")
    for d in s.rest_weekdays:
        _whole(d, 0, 6, "Rest weekdays are numbered 0 (Monday) to 6 (Sunday).")
    if len(set(s.rest_weekdays)) == 7:
        raise ValidationError("Every day cannot be a rest day; keep at least one working day.")
    cleaned = _check_channels(s.channels)
    if not isinstance(s.default_channel, str):
        raise ValidationError("The default channel must be a channel name.")
    if clean_name(s.default_channel, "default channel").lower() not in cleaned:
        raise ValidationError(f"The default channel {s.default_channel!r} is not in the list of channels.")
    for name in _BOOLS:
        if not isinstance(getattr(s, name), bool):
            raise ValidationError(f"The setting {name} must be true or false.")
    if not isinstance(s.theme, str) or not s.theme.strip() or len(s.theme) > 120:
        raise ValidationError("The theme must be the name of a theme.")
    _whole(s.bad_day_threshold, 2, 100, "The bad-day threshold must be between 2 and 100 no's in a row.")
    _whole(s.follow_up_days, 1, 730, "The follow-up delay must be between 1 and 730 days.")
    _whole(s.daily_backups, 0, 365, "Daily backups kept must be a whole number from 0 (off) to 365.")
    if not isinstance(s.feedback_template, str) or not s.feedback_template.strip():
        raise ValidationError("The feedback template cannot be empty.")
    if not isinstance(s.signature, str) or len(s.signature) > MAX_SIGNATURE or "\n" in s.signature:
        raise ValidationError(f"The signature is one line of up to {MAX_SIGNATURE} characters.")
    return s
