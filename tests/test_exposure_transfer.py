"""Export/import of the comfort ladder, if-then plans and rest tokens/budget (issue 15).

Round trip on each backend (export -> import into an empty store -> the same rows), every
value checked with the app's rules on import (one sentence, nothing written), and files of
format 1 (no ladder, no plans, no rest lists, no CSV "rung" column) still import.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import UTC, date, datetime

import pytest

from rejection_therapy.config import resolve_db
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.ladder import STARTER_LADDER
from rejection_therapy.core.settings import Settings
from rejection_therapy.services import attempts as attempts_svc
from rejection_therapy.services import challenges as challenges_svc
from rejection_therapy.services import ladder as ladder_svc
from rejection_therapy.services import plans as plans_svc
from rejection_therapy.services import rest as rest_svc
from rejection_therapy.services import settings as settings_svc
from rejection_therapy.services.context import AppContext
from rejection_therapy.store import transfer
from rejection_therapy.store.db import Store

from .conftest import PG_ENV, _drop_pg_database, _fresh_pg_database
from .test_trust_input import dump, one_sentence, run, write_export

NOW = datetime(2026, 11, 18, 15, tzinfo=UTC)


def fill(ctx) -> None:
    pid = ctx.profile_id
    with ctx.store.write() as s:
        settings_svc.save(s, pid, Settings(timezone="Europe/Berlin"))
        day = date(2026, 11, 2)
        ch = challenges_svc.start_challenge(s, pid, "100-day", today=day, start=day)
        ladder_svc.seed_starter(s, pid, now=NOW)
        rung = ladder_svc.add(s, pid, "Ask a stranger for a recommendation", 2, now=NOW)
        ladder_svc.done(s, pid, rung.id, now=NOW)
        plans_svc.add(s, pid, "If it is 9:00 on a weekday, then I dial the first ten numbers", now=NOW)
        plans_svc.add(s, pid, "If someone says not now, then I ask when to follow up", challenge_id=ch.id, now=NOW)
        rest_svc.set_budget(s, pid, 3, now=NOW)
        rest_svc.spend(s, pid, date(2026, 11, 25), now=NOW)
        attempts_svc.log_attempt(s, pid, AttemptInput(outcome="no", guess_pct=20, dread=4, sting=2,
                                                      rung_id=rung.id, challenge_id=ch.id), now=NOW)
        attempts_svc.log_attempt(s, pid, AttemptInput(outcome="yes"), now=NOW)


@pytest.fixture
def empty_location(location, tmp_path):
    """A second empty store on the same backend as ``location``."""
    if location.is_sqlite:
        yield resolve_db(str(tmp_path / "empty.db"))
        return
    url, name = _fresh_pg_database(os.environ[PG_ENV])
    try:
        yield resolve_db(url)
    finally:
        _drop_pg_database(os.environ[PG_ENV], name)


def _profile(data: dict) -> dict:
    (p,) = [p for p in data["profiles"] if p["attempts"]]
    return p


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_round_trip_into_an_empty_store_on_each_backend(ctx, empty_location, fmt):
    fill(ctx)
    with ctx.store.read() as s:
        data = transfer.collect(s, [ctx.profile_id])
    p = _profile(data)
    assert len(p["ladder"]) == len(STARTER_LADDER) + 1 and len(p["plans"]) == 2
    assert p["rest_budgets"][0]["tokens"] == 3 and p["rest_tokens"][0]["day"] == "2026-11-25"
    climbed = [r["uuid"] for r in p["ladder"] if r["done_on"]]
    assert [a["rung"] for a in p["attempts"]] == [climbed[0], None]
    assert sorted(x["challenge"] is None for x in p["plans"]) == [False, True]
    text = transfer.dumps(data, fmt)
    parsed = transfer.check(json.loads(text) if fmt == "json" else transfer.from_csv(text))
    other = Store.open(empty_location)
    try:
        with other.write() as s:
            said = transfer.load(s, parsed).sentence()
        with other.read() as s:
            back = transfer.collect(s)
        with other.write() as s:  # a second import adds nothing
            assert transfer.load(s, parsed).sentence().startswith("Imported nothing new;")
        with other.read() as s:
            again = transfer.collect(s)
    finally:
        other.close()
    assert f"{len(STARTER_LADDER) + 1} ladder rungs, 2 plans, 1 rest budget, 1 rest token" in said, said
    for d in (data, back, again):
        d.pop("exported_at")
    assert back == data and again == data


# ---- bad input: one sentence, nothing written ------------------------------------------

BAD = [
    ("ladder", "discomfort", 6, "discomfort"),
    ("ladder", "discomfort", "²", "discomfort"),
    ("ladder", "text", "   ", "text"),
    ("ladder", "text", "x" * 201, "text"),
    ("ladder", "uuid", "nope", "'nope' is not a valid uuid"),
    ("ladder", "done_on", "2026-02-30", "done_on"),
    ("plans", "text", "Call more people", "text: An if-then plan reads"),
    ("plans", "text", "If " + "x" * 300 + " then go", "text"),
    ("plans", "at_time", "25:00", "at_time"),
    ("plans", "at_time", "9:00", "at_time"),
    ("plans", "weekdays", "0,7", "weekdays"),
    ("plans", "challenge", "c" * 32, "challenge names no challenge"),
    ("rest_budgets", "tokens", 99, "tokens"),
    ("rest_budgets", "tokens", -1, "tokens"),
    ("rest_budgets", "valid_from", None, "valid_from is missing"),
    ("rest_tokens", "day", "2026-13-01", "day"),
    ("rest_tokens", "created_at", "0001-01-01T00:00:00+05:00", "created_at"),
    ("attempts", "rung", "d" * 32, "rung names no rung"),
    ("attempts", "guess_pct", 101, "guess_pct"),
    ("attempts", "dread", 0, "dread"),
    ("attempts", "sting", 6, "sting"),
]


@pytest.fixture
def source(db_path):
    ctx = AppContext.open(resolve_db(str(db_path)))
    try:
        fill(ctx)
    finally:
        ctx.close()
    return db_path


def _export(capsys, db) -> dict:
    code, out, err = run(capsys, "--db", db, "export")
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize(("record", "field", "value", "says"), BAD)
def test_import_checks_every_value_with_the_apps_rules(source, capsys, tmp_path, record, field, value, says):
    data = _export(capsys, source)
    p = _profile(data)
    p["name"] = "other"
    p[record][0][field] = value
    before = dump(source)
    code, out, err = run(capsys, "--db", source, "import", write_export(tmp_path, data))
    assert (code, out) == (2, "")
    line = one_sentence(err)
    assert "profile 'other'" in line and says in line, line
    assert dump(source) == before


def test_a_list_that_is_not_a_list_is_one_sentence(source, capsys, tmp_path):
    data = _export(capsys, source)
    _profile(data)["plans"] = {"text": "If x then y"}
    before = dump(source)
    code, _, err = run(capsys, "--db", source, "import", write_export(tmp_path, data))
    assert code == 2 and "plans is not a list" in one_sentence(err)
    assert dump(source) == before


# ---- older and newer files ---------------------------------------------------------------


def test_a_format_1_file_still_imports(source, capsys, tmp_path):
    data = _export(capsys, source)
    assert data["version"] == 2
    data["version"] = 1
    p = _profile(data)
    for key in ("ladder", "plans", "rest_budgets", "rest_tokens"):
        del p[key]
    for a in p["attempts"]:
        del a["rung"]
    target = tmp_path / "t.db"
    code, out, err = run(capsys, "--db", target, "import", write_export(tmp_path, data))
    assert code == 0, err
    assert out.startswith("Imported 1 profile,") and "2 attempts" in out and "ladder" not in out


def test_a_format_1_csv_without_the_rung_column_still_imports(source, capsys, tmp_path):
    code, text, err = run(capsys, "--db", source, "export", "--format", "csv")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(text)))
    drop = rows[0].index("rung")
    old = io.StringIO()
    w = csv.writer(old, lineterminator="\n")
    for row in rows:
        if row[0] not in ("rung", "plan", "rest_budget", "rest_token"):
            w.writerow(row[:drop] + row[drop + 1:])
    path = tmp_path / "old.csv"
    path.write_text(old.getvalue().replace('"version": 2', '"version": 1'), encoding="utf-8")
    target = tmp_path / "t.db"
    code, out, err = run(capsys, "--db", target, "import", path)
    assert code == 0, err
    assert "2 attempts" in out and "ladder" not in out


def test_a_newer_format_is_refused(source, capsys, tmp_path):
    data = _export(capsys, source)
    data["version"] = 3
    code, _, err = run(capsys, "--db", tmp_path / "t.db", "import", write_export(tmp_path, data))
    assert code == 2 and "newer version" in one_sentence(err)
