"""Issue 10, item 11: CSV formula injection.

A cell beginning with = + - @, a tab or a carriage return opens as a formula in a
spreadsheet. CSV export puts an apostrophe before such a cell (and before a cell that begins
with an apostrophe); the app's own CSV import removes exactly one, so CSV still round-trips
byte-exact. JSON export is unchanged.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from rejection_therapy.__main__ import main

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def cells_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


NASTY = {
    "notes": '=HYPERLINK("http://evil.invalid","x")',
    "target": "+1 555 0100",
    "stated_reason": "-2+3",
    "real_reason": "@SUM(A1)",
    "lesson": "'already quoted",
    "segment": "=1+1",
}


def _log_nasty(capsys, db: Path) -> None:
    code, _, err = run(capsys, "--db", db, "log", "no", "--note", NASTY["notes"], "--to", NASTY["target"],
                       f"--said={NASTY['stated_reason']}", "--really", NASTY["real_reason"],
                       "--lesson", NASTY["lesson"], "--segment", NASTY["segment"])
    assert code == 0, err
    assert run(capsys, "--db", db, "win", "=cmd|' /C calc'!A0")[0] == 0


def test_csv_export_neutralises_formulas_and_json_stays_exact(db_path, capsys):
    _log_nasty(capsys, db_path)
    code, out, _ = run(capsys, "--db", db_path, "export", "--format", "csv")
    assert code == 0
    rows = cells_of(out)
    for row in rows:
        for cell in row:
            assert not cell.startswith(DANGEROUS), cell
    header = rows[0]
    attempt = next(r for r in rows if r[0] == "attempt")
    for field, value in NASTY.items():
        assert attempt[header.index(field)] == "'" + value
    code, out, _ = run(capsys, "--db", db_path, "export")
    assert code == 0
    stored = json.loads(out)["profiles"][0]["attempts"][0]
    assert {k: stored[k] for k in NASTY} == NASTY  # JSON: the exact text


def test_csv_round_trip_is_byte_exact(db_path, capsys, tmp_path):
    _log_nasty(capsys, db_path)
    first = tmp_path / "first.csv"
    assert run(capsys, "--db", db_path, "export", "--format", "csv", "-o", first)[0] == 0
    other = tmp_path / "other.db"
    code, out, err = run(capsys, "--db", other, "import", first)
    assert code == 0, err
    second = tmp_path / "second.csv"
    assert run(capsys, "--db", other, "export", "--format", "csv", "-o", second)[0] == 0

    def without_stamp(path: Path) -> list[list[str]]:
        return [r for r in cells_of(path.read_text(encoding="utf-8")) if r[0] != "export"]

    assert without_stamp(second) == without_stamp(first)
    a = json.loads(run(capsys, "--db", db_path, "export")[1])
    b = json.loads(run(capsys, "--db", other, "export")[1])
    a.pop("exported_at"), b.pop("exported_at")
    assert a == b


# What stored text can hold: anything but control characters other than newline and tab
# (core.text strips them on the way in); the leading characters that matter, often.
stored_text = st.text(
    alphabet=st.one_of(st.sampled_from("=+-@'\t\n\" ,;|"), st.characters(blacklist_categories=("Cs", "Cc"))),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(stored_text, min_size=1, max_size=6), leading=st.sampled_from(["", *DANGEROUS, "'", "''"]))
def test_escape_round_trips_any_cell(cells, leading):
    from rejection_therapy.store.transfer_csv import escape_cell, unescape_cell

    cells = [leading + c for c in cells]
    escaped = [escape_cell(c) for c in cells]
    assert all(not c.startswith(DANGEROUS) for c in escaped)
    assert [unescape_cell(c) for c in escaped] == cells
    # through the csv module too (stored text never holds a carriage return: core.text turns
    # it into a newline, and the writer's "\n" line ends would not quote it)
    plain = [c.replace("\r", "\n") for c in cells]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([escape_cell(c) for c in plain])
    assert [unescape_cell(c) for c in cells_of(buf.getvalue())[0]] == plain


@settings(max_examples=150, deadline=None)
@given(notes=stored_text, target=stored_text, prefix=st.sampled_from(["", "=", "+", "-", "@", "\t", "'"]))
def test_csv_export_and_import_round_trip_attempt_cells(notes, target, prefix):
    """csv_chunks → from_csv gives back every attempt cell exactly (the import side)."""
    from rejection_therapy.store.transfer_csv import CSV_ATTEMPT_COLS, csv_chunks, from_csv

    attempt = {c: None for c in CSV_ATTEMPT_COLS}
    attempt.update(notes=prefix + notes or None, target=prefix + target or None, outcome="no",
                   outcome_history=[])
    profile = {"name": prefix + "me", "created_at": "2026-11-18T15:00:00.000000+00:00", "settings": {},
               "goals": [], "challenges": [], "reviews": [], "wins": [], "rest_days": [], "attempts": [attempt]}
    text = "".join(csv_chunks({"format": "rejection-therapy-export", "version": 1}, [profile]))
    for row in cells_of(text):
        assert all(not c.startswith(DANGEROUS) for c in row)
    back = from_csv(text)["profiles"][0]
    assert back["name"] == profile["name"]
    got = back["attempts"][0]
    assert got["notes"] == attempt["notes"] and got["target"] == attempt["target"]
