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
from .transfer_spec import ATTEMPT

CSV_ATTEMPT_COLS = [name for name, _k, _n in ATTEMPT] + ["outcome_history"]
CSV_HEADER = ["record", "profile", *CSV_ATTEMPT_COLS, "data"]


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def csv_chunks(head: dict[str, Any], profiles):
    """One row a record: attempts spread over columns (spreadsheet-friendly); the other
    records (profile with settings, goal, rest day, challenge, review, win) as JSON in 'data'."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    blank = [""] * len(CSV_ATTEMPT_COLS)
    w.writerow(["export", "", *blank, json.dumps(head)])
    for p in profiles:
        name = p["name"]
        w.writerow(["profile", name, *blank, json.dumps({"created_at": p["created_at"], "settings": p["settings"]})])
        for key, record in (("goals", "goal"), ("challenges", "challenge"), ("reviews", "review"), ("wins", "win")):
            for rec in p[key]:
                w.writerow([record, name, *blank, json.dumps(rec, ensure_ascii=False)])
        for d in p["rest_days"]:
            w.writerow(["rest_day", name, *blank, json.dumps(d)])
        for a in p["attempts"]:
            cells = [_csv_cell(a.get(c)) for c in CSV_ATTEMPT_COLS[:-1]]
            history = json.dumps(a["outcome_history"]) if a["outcome_history"] else ""
            w.writerow(["attempt", name, *cells, history, ""])
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    yield buf.getvalue()


def from_csv(text: str) -> dict[str, Any]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header != CSV_HEADER:
        raise ValidationError("The CSV file does not have the columns of a rejection-therapy export.")
    data: dict[str, Any] = {"profiles": []}
    by_name: dict[str, dict] = {}
    plural = {"goal": "goals", "challenge": "challenges", "review": "reviews", "win": "wins"}
    for line, row in enumerate(reader, 2):
        if len(row) != len(CSV_HEADER):
            raise ValidationError(f"The CSV file is not usable: line {line} has {len(row)} cells, not {len(CSV_HEADER)}.")
        record, name, payload = row[0], row[1], row[-1]
        try:
            obj = json.loads(payload) if payload else None
        except ValueError:
            raise ValidationError(f"The CSV file is not usable: line {line} holds broken JSON.") from None
        if record == "export":
            data.update(obj or {})
            continue
        if record == "profile":
            p = {"name": name, **(obj or {}), "goals": [], "challenges": [], "reviews": [], "wins": [],
                 "rest_days": [], "attempts": []}
            by_name[name] = p
            data["profiles"].append(p)
            continue
        p = by_name.get(name)
        if p is None:
            raise ValidationError(f"The CSV file is not usable: line {line} names a profile not listed before it.")
        if record in plural:
            p[plural[record]].append(obj)
        elif record == "rest_day":
            p["rest_days"].append(obj)
        elif record == "attempt":
            cells = dict(zip(CSV_ATTEMPT_COLS, row[2:-1], strict=True))
            p["attempts"].append({k: (v if v != "" else None) for k, v in cells.items()})
        else:
            raise ValidationError(f"The CSV file is not usable: line {line} has an unknown record {record[:20]!r}.")
    return data


