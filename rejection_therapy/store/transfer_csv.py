"""The CSV form of an export: one row a record, attempts spread over columns.

Spreadsheets run a cell that begins with = + - @ (or a tab or carriage return) as a formula:
a note like ``=HYPERLINK(...)`` would become a live link. Every such cell gets a leading
apostrophe on export (``escape_cell``), a cell that already begins with an apostrophe gets
one more, and import (``unescape_cell``) removes exactly one: the round trip is byte-exact.
The JSON export is never changed.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..core.errors import ValidationError
from .transfer_spec import ATTEMPT, MORE

CSV_ATTEMPT_COLS = [name for name, _k, _n in ATTEMPT] + ["outcome_history"]
CSV_HEADER = ["record", "profile", *CSV_ATTEMPT_COLS, "data"]
# Format 1 had no "rung" column (ladders came with format 2); its files still import.
CSV_HEADER_1 = [c for c in CSV_HEADER if c != "rung"]
# The records of the 'data' column: CSV record name -> the profile's list.
PLURAL = {"goal": "goals", "challenge": "challenges", "review": "reviews", "win": "wins",
          **{record: key for key, (record, _spec) in MORE.items()}}


# What a spreadsheet reads as the start of a formula (tab and CR too: some strip them first).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(cell: str) -> str:
    """A cell a spreadsheet will show as text: an apostrophe before a formula start, and
    before an apostrophe (so that import can take exactly one away)."""
    return "'" + cell if cell.startswith(FORMULA_START) or cell.startswith("'") else cell


def unescape_cell(cell: str) -> str:
    """The inverse of ``escape_cell``."""
    return cell[1:] if cell.startswith("'") else cell


class _Writer:
    """csv.writer whose every cell goes through ``escape_cell``."""

    def __init__(self, out) -> None:
        self._w = csv.writer(out, lineterminator="\n")

    def writerow(self, cells: list[str]) -> None:
        self._w.writerow([escape_cell(c) for c in cells])


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def csv_chunks(head: dict[str, Any], profiles, written=None):
    """One row a record: attempts spread over columns (spreadsheet-friendly); the other
    records (profile with settings, goal, rest day, challenge, review, win, ladder rung, plan,
    rest budget, rest token) as JSON in 'data'. ``written(n)`` hears each thousand attempt rows
    (the progress of a big export)."""
    buf = io.StringIO()
    w = _Writer(buf)
    w.writerow(CSV_HEADER)
    blank = [""] * len(CSV_ATTEMPT_COLS)
    w.writerow(["export", "", *blank, json.dumps(head)])
    for p in profiles:
        name = p["name"]
        w.writerow(["profile", name, *blank, json.dumps({"created_at": p["created_at"], "settings": p["settings"]})])
        for record, key in PLURAL.items():
            for rec in p.get(key, []):
                w.writerow([record, name, *blank, json.dumps(rec, ensure_ascii=False)])
        for d in p["rest_days"]:
            w.writerow(["rest_day", name, *blank, json.dumps(d)])
        for n, a in enumerate(p["attempts"], 1):
            cells = [_csv_cell(a.get(c)) for c in CSV_ATTEMPT_COLS[:-1]]
            history = json.dumps(a["outcome_history"]) if a["outcome_history"] else ""
            w.writerow(["attempt", name, *cells, history, ""])
            if n % 1000 == 0 or n == len(p["attempts"]):
                if written is not None:
                    written(n % 1000 or 1000)
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    yield buf.getvalue()


def from_csv(text: str) -> dict[str, Any]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header not in (CSV_HEADER, CSV_HEADER_1):
        raise ValidationError("The CSV file does not have the columns of a rejection-therapy export.")
    data: dict[str, Any] = {"profiles": []}
    by_name: dict[str, dict] = {}
    try:
        for line, row in enumerate(reader, 2):
            _read_row(data, by_name, line, [unescape_cell(c) for c in row], header[2:-1])
    except csv.Error as err:
        raise ValidationError(f"The CSV file is not usable: {err}.") from None
    return data


def _read_row(data: dict[str, Any], by_name: dict[str, dict], line: int, row: list[str], cols: list[str]) -> None:
    def bad(what: str) -> ValidationError:
        return ValidationError(f"The CSV file is not usable: line {line} {what}.")

    if len(row) != len(cols) + 3:
        raise bad(f"has {len(row)} cells, not {len(cols) + 3}")
    record, name, payload = row[0], row[1], row[-1]
    try:
        obj = json.loads(payload) if payload else None
    except ValueError:
        raise bad("holds broken JSON") from None
    if record in ("export", "profile") and not isinstance(obj or {}, dict):
        raise bad("holds JSON that is not an object")
    if record == "export":
        data.update(obj or {})
        return
    if record == "profile":
        p = {"name": name, **(obj or {}), **{key: [] for key in PLURAL.values()}, "rest_days": [], "attempts": []}
        by_name[name] = p
        data["profiles"].append(p)
        return
    p = by_name.get(name)
    if p is None:
        raise bad("names a profile not listed before it")
    if record in PLURAL:
        p[PLURAL[record]].append(obj)
    elif record == "rest_day":
        p["rest_days"].append(obj)
    elif record == "attempt":
        cells = dict(zip(cols, row[2:-1], strict=True))
        p["attempts"].append({k: (v if v != "" else None) for k, v in cells.items()})
    else:
        raise bad(f"has an unknown record {record[:20]!r}")
