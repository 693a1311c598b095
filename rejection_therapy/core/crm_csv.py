"""Reading a CRM or spreadsheet call log (CSV) into attempts: encodings, the column map,
outcome words. Pure: the service brings the settings and writes the rows.

    --map "Company=to,Date=date,Result=outcome,Notes=note"

maps CSV columns (by their header, any case) to attempt fields. A row that cannot be read
is reported with its line number and the reason.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date, time

from .errors import ValidationError

FIELDS = {
    "to": "target", "target": "target", "date": "date", "time": "time", "outcome": "outcome",
    "note": "notes", "notes": "notes", "channel": "channel", "segment": "segment", "kind": "kind",
    "said": "stated_reason", "really": "real_reason", "tags": "tags", "tag": "tags", "lesson": "lesson",
    "follow_up": "follow_up_on", "follow-up": "follow_up_on", "conversation": "conversation",
}

# Outcome words as CRMs write them (compared lower-case, spaces squeezed).
OUTCOME_WORDS = {
    "no": "no", "not interested": "no", "rejected": "no", "declined": "no", "lost": "no", "closed lost": "no",
    "no thanks": "no", "do not call": "no", "not a fit": "no", "refused": "no",
    "yes": "yes", "won": "yes", "closed won": "yes", "interested": "yes", "meeting booked": "yes",
    "booked": "yes", "deal": "yes", "accepted": "yes", "sale": "yes",
    "pending": "pending", "no answer": "pending", "voicemail": "pending", "left voicemail": "pending",
    "left message": "pending", "busy": "pending", "sent": "pending", "no response yet": "pending",
    "follow up": "pending", "callback": "pending", "call back": "pending",
    "silence": "silence", "no response": "silence", "ghosted": "silence", "no reply": "silence",
}
TRUE_WORDS = ("yes", "y", "true", "1", "x")

_DATE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?\s*$")
_TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*$")


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding name said to the user): UTF-8, UTF-8 with BOM, UTF-16 (BOM or not)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "UTF-8 with BOM"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise ValidationError("The file starts like UTF-16 but is not valid UTF-16.") from None
    sample = raw[:2000]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4:
        return _utf16(raw, "utf-16-le"), "UTF-16 LE (no BOM)"
    if len(sample) >= 4 and sample[0::2].count(0) > len(sample) // 4:
        return _utf16(raw, "utf-16-be"), "UTF-16 BE (no BOM)"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as err:
        raise ValidationError(
            f"The file is not UTF-8 or UTF-16 (byte {err.start + 1} cannot be read); "
            "save it from the spreadsheet as 'CSV UTF-8' and try again."
        ) from None


def _utf16(raw: bytes, codec: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        raise ValidationError("The file looks like UTF-16 but cannot be read as it.") from None


def parse_map(text: str) -> dict[str, str]:
    """'Company=to, Date=date' → {'company': 'target', 'date': 'date'} (CSV header, lower-case → field)."""
    result: dict[str, str] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise ValidationError(f"Write the map as Column=field pairs, e.g. Company=to,Date=date; {part.strip()!r} is not one.")
        column, name = (x.strip() for x in part.rsplit("=", 1))
        key = name.lower()
        if key not in FIELDS:
            raise ValidationError(f"{name!r} is not a field I can fill; use one of: {', '.join(sorted(set(FIELDS) - {'target', 'tag', 'notes', 'follow-up'}))}.")
        if not column:
            raise ValidationError("A map entry has no column name before '='.")
        result[column.lower()] = FIELDS[key]
    if "outcome" not in result.values():
        raise ValidationError("The map must say which column holds the result (e.g. Result=outcome).")
    return result


@dataclass
class Row:
    line: int  # line number in the file (the header is line 1)
    values: dict[str, str]  # attempt field → text


def read_rows(text: str, mapping: dict[str, str]) -> tuple[list[str], list[Row]]:
    """The header and the mapped rows; an unknown map column is refused with the file's columns."""
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError("The file is empty.") from None
    except csv.Error as err:
        raise ValidationError(f"The file is not a CSV file I can read ({err}).") from None
    columns = {h.strip().lower(): i for i, h in enumerate(header)}
    missing = [c for c in mapping if c not in columns]
    if missing:
        raise ValidationError(f"The column {missing[0]!r} is not in the file; its columns are: "
                              f"{', '.join(h.strip() for h in header)}.")
    rows = []
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            values = {}
            for column, name in mapping.items():
                i = columns[column]
                values[name] = record[i].strip() if i < len(record) else ""
            rows.append(Row(reader.line_num, values))
    except csv.Error as err:
        raise ValidationError(f"Line {reader.line_num} of the file cannot be read as CSV ({err}).") from None
    return header, rows


def outcome_of(text: str) -> str:
    word = " ".join(text.lower().replace("_", " ").split())
    if word in OUTCOME_WORDS:
        return OUTCOME_WORDS[word]
    raise ValidationError(f"the result {text!r} is not one I know (no, yes, pending, silence, or words "
                          "such as 'Not interested', 'No answer', 'Meeting booked')")


def when_of(values: dict[str, str]) -> tuple[date, time | None]:
    text = values.get("date", "")
    m = _DATE.match(text)
    if not m:
        raise ValidationError(f"the date {text!r} is not a date (write YYYY-MM-DD, optionally with HH:MM)")
    try:
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ValidationError(f"the date {text.strip()!r} does not exist in the calendar") from None
    at = time(int(m.group(4)), int(m.group(5))) if m.group(4) else None
    if values.get("time"):
        t = _TIME.match(values["time"])
        if not t or int(t.group(1)) > 23 or int(t.group(2)) > 59:
            raise ValidationError(f"the time {values['time']!r} is not a time (write HH:MM)")
        at = time(int(t.group(1)), int(t.group(2)))
    if at is not None and (at.hour > 23 or at.minute > 59):
        raise ValidationError(f"the time in {text.strip()!r} is not a time")
    return day, at


def row_uuid(profile_id: int, values: dict[str, str], occurrence: int) -> str:
    """The same row imported twice gets the same uuid (import never duplicates)."""
    canon = "\x1f".join(f"{k}={values[k]}" for k in sorted(values))
    return hashlib.sha256(f"crm\x1e{profile_id}\x1e{canon}\x1e{occurrence}".encode()).hexdigest()[:32]
