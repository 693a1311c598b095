"""Reading an export file and checking every value before anything is written.

Every value passes the same checks as when it is typed: settings through
core.settings.check_mapping (the settings screen's and the CLI's rules), goals through
core.goals.check_goal, challenges through core.challenge_presets, numbers through the
ranges of core.numbers (ids and counts, instants and dates within 1900-2200). The first bad
value refuses the whole file with one sentence naming the record and the field.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from ..core import days, silence
from ..core.errors import ValidationError
from ..core.goals import Goal, check_count, check_goal
from ..core.numbers import MAX_ID, MAX_YEAR, MIN_YEAR, parse_int
from ..core.progress import Steps
from ..core.settings import check_mapping
from ..core.text import LONG, SHORT, strip_controls
from .transfer_csv import from_csv
from .transfer_spec import ATTEMPT, CHANGE, FORMAT, LISTS, MAX_FILE, VERSION

# ------------------------------------------------------------------ reading and checking

_UUID = re.compile(r"^[0-9a-f]{32}$")


class _Bad(ValidationError):
    """A sentence that already names the record and the field."""


class _Checker:
    def __init__(self, where: str) -> None:
        self.where = where

    def bad(self, what: str) -> ValidationError:
        return _Bad(f"The import file is not usable: {self.where}: {what}.")

    def value(self, raw: Any, name: str, kind: str, nullable: bool) -> Any:
        if raw is None or raw == "":
            if not nullable:
                raise self.bad(f"{name} is missing")
            return None
        try:
            if kind == "instant":
                value = datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
                if value.tzinfo is None:
                    value = value.replace(tzinfo=UTC)
                self.year(value.year, name)  # before the shift to UTC, which can overflow
                value = value.astimezone(UTC).replace(tzinfo=None)
                self.year(value.year, name)
                return value
            if kind == "date":
                value = date.fromisoformat(str(raw))
                self.year(value.year, name)
                return value
            if kind == "bool":
                if isinstance(raw, bool):
                    return raw
                if str(raw).strip().lower() in ("1", "true"):
                    return True
                if str(raw).strip().lower() in ("0", "false"):
                    return False
                raise ValueError
            if kind == "int":
                if isinstance(raw, bool) or not isinstance(raw, int | str):
                    raise ValueError
                n = parse_int(raw, name)
                if abs(n) > MAX_ID:
                    raise self.bad(f"{name} {n:,} is out of range (at most {MAX_ID:,})")
                return n
        except _Bad:
            raise
        except (ValueError, TypeError, OverflowError, ValidationError):
            raise self.bad(f"{name} {str(raw)[:40]!r} is not a valid {kind}") from None
        if not isinstance(raw, str):
            raise self.bad(f"{name} must be text")
        multiline = name in ("notes", "stated_reason", "real_reason", "lesson", "text",
                             "adjust_text", "abandon_reason", "value", "per_channel", "channels")
        value = strip_controls(raw, multiline=multiline)
        limit = LONG if multiline else max(SHORT, 200)
        if len(value) > limit:
            raise self.bad(f"{name} is longer than {limit} characters")
        return value

    def year(self, year: int, name: str) -> None:
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise self.bad(f"{name} is not between the years {MIN_YEAR} and {MAX_YEAR}")

    def rule(self, name: str, check, *args) -> Any:
        """Run a core check on a field; its sentence names the field."""
        try:
            return check(*args)
        except (ValidationError, TypeError, ValueError) as err:
            why = str(err).rstrip(".") if isinstance(err, ValidationError) else "not a valid value"
            raise self.bad(f"{name}: {why}") from None

    def record(self, raw: Any, spec) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise self.bad("a record is not an object")
        return {name: self.value(raw.get(name), name, kind, nullable)
                for name, kind, nullable in spec if kind != "ref"}

    def uuid(self, value: Any) -> str:
        if not isinstance(value, str) or not _UUID.match(value):
            raise self.bad(f"{str(value)[:40]!r} is not a valid uuid")
        return value


@dataclass
class Parsed:
    profiles: list[dict[str, Any]] = field(default_factory=list)

    @property
    def attempts(self) -> int:
        return sum(len(p["attempts"]) for p in self.profiles)


def _check_profile(p: Any, n: int, steps: Steps | None = None) -> dict[str, Any]:
    c = _Checker(f"profile {n}")
    if not isinstance(p, dict) or not isinstance(p.get("name"), str):
        raise c.bad("it has no name")
    from ..core.text import clean_name

    name = clean_name(p["name"], "profile name")
    c = _Checker(f"profile {name!r}")
    out: dict[str, Any] = {"name": name, "created_at": c.value(p.get("created_at"), "created_at", "instant", False)}
    settings = p.get("settings") or {}
    if not isinstance(settings, dict):
        raise c.bad("settings are not an object")
    try:  # the settings screen's and the CLI's rules, every key and the whole
        check_mapping(settings)
    except ValidationError as err:
        raise c.bad(str(err).rstrip(".")) from None
    out["settings"] = dict(settings)
    for key, spec in LISTS.items():
        items = p.get(key) or []
        if not isinstance(items, list):
            raise c.bad(f"{key} is not a list")
        out[key] = []
        for i, raw in enumerate(items, 1):
            ci = _Checker(f"profile {name!r}, {key[:-1]} {i}")
            rec = ci.record(raw, spec)
            if "uuid" in rec:
                ci.uuid(rec["uuid"])
            if key == "wins":
                ref = raw.get("attempt")
                rec["attempt"] = ci.uuid(ref) if ref else None
            if key == "challenges":
                _check_challenge(ci, rec)
            if key == "goals":
                _check_goal(ci, rec)
            out[key].append(rec)
    from . import transfer_more

    transfer_more.check(c, _Checker, p, out)  # ladder, plans, rest budgets and tokens (format 2)
    rungs = {r["uuid"] for r in out["ladder"]}
    rest = p.get("rest_days") or []
    if not isinstance(rest, list):
        raise c.bad("rest_days is not a list")
    out["rest_days"] = [c.value(d, "rest day", "date", False) for d in rest]
    attempts = p.get("attempts") or []
    if not isinstance(attempts, list):
        raise c.bad("attempts is not a list")
    out["attempts"] = []
    for i, raw in enumerate(attempts, 1):
        ci = _Checker(f"profile {name!r}, attempt {i}")
        rec = ci.record(raw, ATTEMPT)
        ci.uuid(rec["uuid"])
        if rec["outcome"] not in silence.OUTCOMES:
            raise ci.bad(f"outcome {rec['outcome']!r} is unknown")
        if rec["rejection_kind"] is not None and rec["rejection_kind"] not in silence.REJECTION_KINDS:
            raise ci.bad(f"rejection kind {rec['rejection_kind']!r} is unknown")
        if rec["discomfort"] is not None and not 1 <= rec["discomfort"] <= 5:
            raise ci.bad("discomfort must be 1 to 5")
        if rec["follow_up_state"] not in (None, "open", "done", "dropped"):
            raise ci.bad(f"follow_up_state {rec['follow_up_state']!r} is unknown")
        try:
            days.zone(rec["tz"])
        except ValidationError:
            raise ci.bad(f"time zone {rec['tz']!r} is unknown") from None
        ref = raw.get("challenge")
        rec["challenge"] = ci.uuid(ref) if ref else None
        transfer_more.check_attempt(ci, rec, raw, rungs)
        history = raw.get("outcome_history") or []
        if isinstance(history, str):
            try:
                history = json.loads(history)
            except ValueError:
                raise ci.bad("outcome_history is not valid JSON") from None
        if not isinstance(history, list):
            raise ci.bad("outcome_history is not a list")
        rec["outcome_history"] = [ci.record(h, CHANGE) for h in history]
        for h in rec["outcome_history"]:
            if h["old_outcome"] not in silence.OUTCOMES or h["new_outcome"] not in silence.OUTCOMES:
                raise ci.bad("outcome_history holds an unknown outcome")
        out["attempts"].append(rec)
        if steps is not None:
            steps.step()
    return out


def _check_challenge(c: _Checker, rec: dict[str, Any]) -> None:
    """The rules of core.challenge_presets, as when a challenge is started or extended."""
    from ..core import challenge_presets as rules

    if rec["status"] not in ("active", "completed", "abandoned"):
        raise c.bad(f"status {rec['status']!r} is unknown")
    c.rule("preset", rules.check_preset, rec["preset"])
    c.rule("length_days", rules.check_length, rec["length_days"])
    extended = rec["extended_days"] or 0
    if extended < 0 or rec["length_days"] + extended > rules.MAX_DAYS:
        raise c.bad(f"extended_days: the challenge would run {rec['length_days'] + extended:,} days; "
                    f"the most is {rules.MAX_DAYS:,}")
    if rec["target_per_day"] is not None:
        c.rule("target_per_day", rules.check_target, rec["target_per_day"], "target per day", rules.MAX_DAILY)
    if rec["target_total"] is not None:
        c.rule("target_total", rules.check_target, rec["target_total"], "total target", rules.MAX_TOTAL)
    if rec["daily_cap"] is not None:
        c.rule("daily_cap", check_count, rec["daily_cap"], "daily cap")
    if rec["rest_weekdays"]:
        c.rule("rest_weekdays", _weekday_numbers, rec["rest_weekdays"])


def _weekday_numbers(text: str) -> None:
    parts = text.split(",")
    if any(p not in ("0", "1", "2", "3", "4", "5", "6") for p in parts):
        raise ValidationError("Rest weekdays are stored as numbers 0 (Monday) to 6 (Sunday), e.g. 5,6.")


def _check_goal(c: _Checker, rec: dict[str, Any]) -> None:
    """core.goals.check_goal, as when a goal is set."""
    per: Any = {}
    if rec["per_channel"]:
        try:
            per = json.loads(rec["per_channel"])
        except (ValueError, RecursionError):
            raise c.bad("per_channel is not valid JSON") from None
        if not isinstance(per, dict) or not all(isinstance(k, str) for k in per):
            raise c.bad("per_channel must map channels to numbers")
    goal = Goal(rec["daily_attempts"] or 0, rec["daily_nos"] or 0, rec["daily_cap"], per)
    c.rule("goal", check_goal, goal)


def check(data: Any, steps: Steps | None = None) -> Parsed:
    """Check every value; ``steps`` (when given) gets the total, twice the attempts (checked,
    then stored by transfer.load), and a step for each attempt checked."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError("The file is not a rejection-therapy export.")
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise ValidationError("The export was made by a newer version of rejection-therapy; upgrade to import it.")
    profiles = data.get("profiles")
    if not isinstance(profiles, list):
        raise ValidationError("The import file is not usable: it lists no profiles.")
    if steps is not None:
        steps.start(2 * sum(len(p["attempts"]) for p in profiles
                            if isinstance(p, dict) and isinstance(p.get("attempts"), list)))
    parsed = Parsed([_check_profile(p, i, steps) for i, p in enumerate(profiles, 1)])
    names = [p["name"].lower() for p in parsed.profiles]
    if len(set(names)) != len(names):
        raise ValidationError("The import file is not usable: a profile appears twice.")
    return parsed


def read_file(path: str, steps: Steps | None = None) -> Parsed:
    """Read and check an export (JSON or CSV, told apart by content)."""
    try:
        if os.path.getsize(path) > MAX_FILE:
            raise ValidationError(f"{path} is too large to be an export.")
        with open(path, encoding="utf-8-sig", newline="") as fh:
            text = fh.read()
    except FileNotFoundError:
        raise ValidationError(f"There is no file at {path}.") from None
    except UnicodeDecodeError:
        raise ValidationError(f"{path} is not a text file; import needs a JSON or CSV export.") from None
    except OSError as err:
        raise ValidationError(f"Cannot read {path}: {err.strerror or err}.") from None
    if text.lstrip().startswith("{"):
        try:
            raw = json.loads(text)
        except ValueError as err:
            raise ValidationError(f"{path} is not valid JSON (line {getattr(err, 'lineno', '?')}).") from None
        except RecursionError:
            raise ValidationError(f"{path} is nested too deeply to be an export.") from None
    elif not text.startswith("record,"):
        raise ValidationError(f"{path} is not a rejection-therapy export (JSON or CSV).")
    try:
        return check(raw if text.lstrip().startswith("{") else from_csv(text), steps)
    except RecursionError:
        raise ValidationError(f"{path} is nested too deeply to be an export.") from None


