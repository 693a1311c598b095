"""``import --csv FILE --map …``: a CRM call log as attempts (issue 13, item 11)."""

from __future__ import annotations

import pytest

from rejection_therapy.core import crm_csv
from rejection_therapy.core.errors import ValidationError
from tests.cli_helpers import rows, run

# Shaped like a CRM's call-log export (HubSpot/Pipedrive style): extra columns, quoted
# commas, CRLF, a BOM, outcome words in the CRM's own wording.
CRM = (
    "Call Date,Company,Contact,Call Result,Notes,Duration,Owner\r\n"
    "2026-11-02 09:15,Acme Corp,Jane Roe,Not interested,\"Budget frozen, ask in Q1\",00:03:10,sam\r\n"
    "2026-11-02 09:40,Birch & Co,Bob,No Answer,,00:00:30,sam\r\n"
    "2026-11-03 14:05,Cobalt Labs,Ann,Meeting booked,\"Demo Tue; =HYPERLINK(\"\"x\"\")\",00:12:00,sam\r\n"
    "2026-11-03 14:05,Cobalt Labs,Ann,Meeting booked,\"Demo Tue; =HYPERLINK(\"\"x\"\")\",00:12:00,sam\r\n"
    "2026-11-04,Dune Media,,LEFT VOICEMAIL,,,sam\r\n"
)
MAP = "Company=to,Call Date=date,Call Result=outcome,Notes=note"


def write(tmp_path, text: str, encoding: str = "utf-8-sig"):
    path = tmp_path / "calls.csv"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding, said", [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 with BOM"), ("utf-16", "UTF-16"), ("utf-16-le", "UTF-16 LE (no BOM)"),
])
def test_import_in_each_encoding(db_path, tmp_path, capsys, encoding, said):
    run(capsys, "--db", db_path, "log", "no")
    path = write(tmp_path, CRM, encoding)
    code, out, err = run(capsys, "--db", db_path, "import", "--csv", path, "--map", MAP)
    assert code == 0, err
    assert out == f"Imported 5 attempts from {path} (read as {said}); 0 were already there.\n"
    got = rows(db_path, "SELECT target, outcome, local_day, notes FROM attempts WHERE id > 1 ORDER BY created_at, id")
    assert got[0] == ("Acme Corp", "no", "2026-11-02", "Budget frozen, ask in Q1")
    assert [g[1] for g in got] == ["no", "pending", "yes", "yes", "pending"]
    assert got[2][3] == 'Demo Tue; =HYPERLINK("x")'
    code, out, _ = run(capsys, "--db", db_path, "import", "--csv", path, "--map", MAP)
    assert "Imported 0 attempts" in out and "5 were already there" in out
    assert rows(db_path, "SELECT SUM(attempts) FROM day_totals") == [(6,)]


def test_dry_run_and_bad_rows(db_path, tmp_path, capsys):
    run(capsys, "--db", db_path, "log", "no")
    bad = CRM + "2026-11-05 10:00,Elm,,Maybe later,,,sam\r\n2026-02-30,Fjord,,No,,,sam\r\n2099-01-01,Zed,,No,,,sam\r\n"
    path = write(tmp_path, bad)
    code, out, err = run(capsys, "--db", db_path, "import", "--csv", path, "--map", MAP, "--dry-run")
    assert code == 0, err
    assert "as UTF-8 with BOM: 8 rows" in out and "Would store 5 attempts" in out
    assert "line 7: the result 'Maybe later' is not one I know" in out
    assert "line 8: the date '2026-02-30' does not exist" in out and "line 9: 2099-01-01 is in the future" in out
    assert rows(db_path, "SELECT COUNT(*) FROM attempts") == [(1,)]
    code, out, err = run(capsys, "--db", db_path, "import", "--csv", path, "--map", MAP)
    assert code == 2 and "Line 7" in err and "nothing was imported" in err and out == ""
    assert rows(db_path, "SELECT COUNT(*) FROM attempts") == [(1,)]
    code, out, err = run(capsys, "--db", db_path, "import", "--csv", path, "--map", MAP, "--skip-bad")
    assert code == 0 and "Imported 5 attempts" in out and "skipped 3 bad rows" in out


@pytest.mark.parametrize("map_text, words", [
    ("Firm=to,Call Date=date,Call Result=outcome", "column 'firm' is not in the file; its columns are: Call Date"),
    ("Company=who,Call Date=date,Call Result=outcome", "'who' is not a field"),
    ("Company=to,Call Date=date", "which column holds the result"),
    ("Company=to,Call Result=outcome", "which column holds the date"),
    ("Company", "Column=field pairs"),
])
def test_bad_maps(db_path, tmp_path, capsys, map_text, words):
    path = write(tmp_path, CRM)
    code, out, err = run(capsys, "--db", db_path, "import", "--csv", path, "--map", map_text)
    assert code == 2 and words in err and out == ""


def test_not_utf(db_path, tmp_path, capsys):
    path = tmp_path / "latin.csv"
    path.write_bytes("Company,Date,Result\nCafé Crème,2026-11-02,No\n".encode("latin-1"))
    code, _, err = run(capsys, "--db", db_path, "import", "--csv", path, "--map", "Company=to,Date=date,Result=outcome")
    assert code == 2 and "not UTF-8 or UTF-16" in err and "CSV UTF-8" in err


def test_outcome_words():
    assert crm_csv.outcome_of("Not  Interested") == "no"
    assert crm_csv.outcome_of("no answer") == "pending"
    assert crm_csv.outcome_of("Closed Won") == "yes"
    with pytest.raises(ValidationError):
        crm_csv.outcome_of("perhaps")


def test_semicolon_csv_from_a_european_spreadsheet(db_path, tmp_path, capsys):
    run(capsys, "--db", db_path, "log", "no")
    path = write(tmp_path, "Firma;Datum;Ergebnis\nAcme;2026-11-02;No\nBirch;2026-11-03;Yes\n", "utf-8")
    code, out, err = run(capsys, "--db", db_path, "import", "--csv", path, "--map", "Firma=to,Datum=date,Ergebnis=outcome")
    assert code == 0, err and "Imported 2" in out
