"""``--json`` on the read commands validates against the versioned schemas in docs/json/, and
``list --csv`` is one flat row per attempt (issue 13, item 10)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.cli_helpers import run

jsonschema = pytest.importorskip("jsonschema")
SCHEMAS = Path(__file__).resolve().parent.parent / "docs" / "json"


def validate(out: str, name: str) -> dict:
    doc = json.loads(out)
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    assert doc["schema"] == name and doc["schema_version"] == 1
    return doc


@pytest.fixture
def store(db_path, capsys):
    for args in (
        ("log", "no", "--to", "Acme [bold]", "--tag", "warm", "--kind", "not-now", "--note", "=1+1 \"quoted\"",
         "--said", "No budget"),
        ("win", "Made every call"),
        ("log", "pending", "--channel", "email", "--discomfort", "4"),
        ("log", "yes", "--conversation", "--date", "yesterday"),
        ("goal", "--daily", "3", "--cap", "10"),
        ("challenge", "start", "100-day"),
        ("compete", "start", "Race"),
    ):
        code, _, err = run(capsys, "--db", db_path, *args)
        assert code == 0, err
    return db_path


@pytest.mark.parametrize("args, schema", [
    (("today", "--json"), "today"),
    (("list", "--json"), "list"),
    (("challenge", "status", "--json"), "challenges"),
    (("challenge", "list", "--json"), "challenges"),
    (("challenge", "summary", "1", "--json"), "challenge-summary"),
    (("compete", "board", "--json"), "board"),
    (("compete", "list", "--json"), "competitions"),
    (("waiting", "--json"), "waiting"),
    (("doctor", "--json"), "doctor"),
    (("followups", "--json"), "followups"),
    (("followups", "--all", "--json"), "followups"),
    (("review", "--json"), "review"),
    (("review", "--week", "--json"), "review"),
])
def test_json_output_matches_its_schema(store, capsys, args, schema):
    code, out, err = run(capsys, "--db", store, *args)
    assert code == 0 and err == ""
    validate(out, schema)


def test_today_json_both_paths(store, capsys, path_kind):  # noqa: F811
    _, out, _ = run(capsys, "--db", store, "today", "--json")
    doc = validate(out, "today")
    assert doc["attempts"] == 2 and doc["goal"]["daily_attempts"] == 3
    assert doc["challenges"] == ["100-day rejection challenge: Day 1 of 100 · today's ask done"]


def test_list_json_keeps_text_whole(store, capsys):
    _, out, _ = run(capsys, "--db", store, "list", "--json")
    doc = validate(out, "list")
    first = [a for a in doc["attempts"] if a["id"] == 1][0]
    assert first["target"] == "Acme [bold]" and first["note"] == '=1+1 "quoted"' and first["tags"] == ["warm"]


def test_list_csv_is_flat_with_ids_and_safe_for_spreadsheets(store, capsys):
    code, out, _ = run(capsys, "--db", store, "list", "--csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["2", "1", "3"]
    first = [r for r in rows if r["id"] == "1"][0]
    assert first["note"] == "'=1+1 \"quoted\"" and first["kind"] == "not-now" and first["conversation"] == "no"


def test_json_and_csv_together_refused(store, capsys):
    with pytest.raises(SystemExit) as e:
        run(capsys, "--db", store, "list", "--json", "--csv")
    assert e.value.code == 2
