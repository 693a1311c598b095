"""Cleaning and checking text that users type.

User text is stored without control characters (ESC sequences are removed whole) and is
always displayed literally. Single-line fields also lose newlines and tabs.
"""

from __future__ import annotations

import re

from .errors import ValidationError

# CSI / OSC / other escape sequences first, then any remaining C0/C1 control character.
# Patterns as text: re compiles (and caches) each on first use, so a command pays only for
# the ones it runs (the quick log and today, issue 12).
_ESCAPE_SEQ = r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])"
_CONTROL_MULTI = r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
_CONTROL_SINGLE = r"[\x00-\x1f\x7f-\x9f]"

SHORT = 120  # names, channels, segments, tags
LONG = 4000  # notes, reasons, lessons, wins


def strip_controls(value: str, *, multiline: bool = False) -> str:
    """Remove escape sequences and control characters (keeps newlines when multiline)."""
    if value.isprintable():  # no ESC, no control character: nothing to remove (and no regex to compile)
        return value
    value = re.sub(_ESCAPE_SEQ, "", value)
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        return re.sub(_CONTROL_MULTI, "", value)
    value = value.replace("\n", " ").replace("\t", " ").replace("\r", " ")
    return re.sub(_CONTROL_SINGLE, "", value)


def clean_text(
    value: str | None,
    field: str,
    *,
    max_len: int = LONG,
    multiline: bool = False,
    required: bool = False,
) -> str | None:
    """Return the cleaned text, ``None`` for empty optional text, or raise ValidationError."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(f"The {field} must be text.")
    value = strip_controls(value, multiline=multiline).strip()
    if not value:
        if required:
            raise ValidationError(f"The {field} cannot be empty.")
        return None
    if len(value) > max_len:
        raise ValidationError(
            f"The {field} is {len(value)} characters long; keep it under {max_len + 1}."
        )
    return value


def clean_name(value: str | None, field: str) -> str:
    """A required short single-line name (profile, channel, challenge…)."""
    result = clean_text(value, field, max_len=SHORT, required=True)
    assert result is not None
    return result


def clean_tags(values: list[str] | tuple[str, ...] | str | None) -> str | None:
    """Tags are stored as one comma-separated, lower-cased, de-duplicated string."""
    if values is None:
        return None
    if isinstance(values, str):
        values = values.split(",")
    seen: list[str] = []
    for raw in values:
        tag = clean_text(raw, "tag", max_len=40)
        if tag is None:
            continue
        tag = tag.lower()
        if tag not in seen:
            seen.append(tag)
    if len(seen) > 20:
        raise ValidationError("An attempt can carry at most 20 tags.")
    return ",".join(seen) or None


def split_tags(stored: str | None) -> list[str]:
    return [t for t in (stored or "").split(",") if t]


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 attempt', '2 attempts', '1 no', '3 no's' (pass the plural when it is not word+s)."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


# ---- what the terminal is shown ----

# Bidi controls reorder what follows them (U+202E turns "exe.txt" into "txt.exe"); the marks
# U+200E/U+200F/U+061C are invisible too. Surrogates are bytes of argv that were not UTF-8.
_UNSAFE = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"  # compiled on use
_SGR = r"\x1b\[[0-9;]*m"


def _escape(match: re.Match[str]) -> str:
    # C0 as \x1b; the rest as \u009b / \u202e, which is also a valid escape inside a JSON
    # string (json.dumps never leaves a C0 character raw, but does leave DEL, C1 and bidi).
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


def printable(text: str, *, keep_colors: bool = False) -> str:
    """``text`` safe for a terminal: control characters (C0 except newline and tab, DEL, C1),
    bidi controls and lone surrogates are shown as visible escapes (``\\x1b``, ``\\u202e``).

    ``keep_colors`` lets SGR colour sequences (``ESC[…m``) through untouched and escapes
    everything else: for the charts the app draws itself."""
    if not keep_colors:
        if text.replace("\n", "").replace("\t", "").isprintable():  # every _UNSAFE character is
            return text  # unprintable: nothing to escape (and no regex to compile on a quick log)
        return re.sub(_UNSAFE, _escape, text)
    out, last = [], 0
    for m in re.finditer(_SGR, text):
        out.append(re.sub(_UNSAFE, _escape, text[last:m.start()]))
        out.append(m.group())
        last = m.end()
    out.append(re.sub(_UNSAFE, _escape, text[last:]))
    return "".join(out)


def has_undecodable(text: str) -> bool:
    """True when ``text`` holds bytes that were not UTF-8 (decoded with surrogateescape)."""
    return any("\udc80" <= ch <= "\udcff" for ch in text)
