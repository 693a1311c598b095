"""Export → import gives the same data (JSON and CSV); importing twice adds nothing."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from rejection_therapy.__main__ import main
from rejection_therapy.config import resolve_db
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.goals import Goal
from rejection_therapy.core.settings import Settings
from rejection_therapy.services import attempts as attempts_svc
from rejection_therapy.services import ladder as ladder_svc
from rejection_therapy.services import plans as plans_svc
from rejection_therapy.services import profiles as profiles_svc
from rejection_therapy.services import sample
from rejection_therapy.services import settings as settings_svc
from rejection_therapy.services import wins as wins_svc
from rejection_therapy.services.context import AppContext
from rejection_therapy.store.models import Challenge, RestBudget, RestToken, Review

# Tables and the columns that identify a row without its local ids.
CONTENT = {
    "profiles": "SELECT name, created_at FROM profiles",
    "settings": "SELECT p.name, key, value FROM settings JOIN profiles p ON p.id = profile_id",
    "goals": "SELECT p.name, valid_from, daily_attempts, daily_nos, daily_cap, per_channel, g.created_at "
             "FROM goals g JOIN profiles p ON p.id = profile_id",
    "rest_days": "SELECT p.name, day FROM rest_days JOIN profiles p ON p.id = profile_id",
    "challenges": "SELECT p.name, c.uuid, preset, c.name, start_day, length_days, target_per_day, target_total, "
                  "channels, rest_weekdays, daily_cap, effort_only, status, abandon_reason, ended_on, "
                  "extended_days, c.created_at FROM challenges c JOIN profiles p ON p.id = profile_id",
    "reviews": "SELECT p.name, period_key, adjust_text, updated_at FROM reviews r JOIN profiles p ON p.id = profile_id",
    "attempts": "SELECT p.name, a.uuid, a.created_at, local_day, tz, channel, target, segment, tags, a.discomfort, "
                "outcome, outcome_at, conversation, rejection_kind, stated_reason, real_reason, notes, "
                "follow_up_on, follow_up_state, lesson, c.uuid, updated_at, guess_pct, dread, sting, r.uuid "
                "FROM attempts a JOIN profiles p ON p.id = a.profile_id LEFT JOIN challenges c ON c.id = challenge_id "
                "LEFT JOIN ladder_rungs r ON r.id = a.rung_id",
    "ladder_rungs": "SELECT p.name, r.uuid, text, discomfort, done_on, r.created_at "
                    "FROM ladder_rungs r JOIN profiles p ON p.id = profile_id",
    "plans": "SELECT p.name, x.uuid, text, at_time, weekdays, x.created_at, c.uuid FROM plans x "
             "JOIN profiles p ON p.id = x.profile_id LEFT JOIN challenges c ON c.id = x.challenge_id",
    "rest_budgets": "SELECT p.name, valid_from, tokens FROM rest_budgets JOIN profiles p ON p.id = profile_id",
    "rest_tokens": "SELECT p.name, day, t.created_at FROM rest_tokens t JOIN profiles p ON p.id = profile_id",
    "outcome_changes": "SELECT a.uuid, changed_at, old_outcome, new_outcome, cause "
                       "FROM outcome_changes o JOIN attempts a ON a.id = attempt_id",
    "wins": "SELECT p.name, w.uuid, w.created_at, w.local_day, text, a.uuid FROM wins w "
            "JOIN profiles p ON p.id = w.profile_id LEFT JOIN attempts a ON a.id = w.attempt_id",
}


def content(db: Path, profiles: set[str] | None = None) -> dict[str, list]:
    """Raw stored values (the exact text in the file), sorted, ids left out."""
    conn = sqlite3.connect(db)
    try:
        out = {}
        for table, sql in CONTENT.items():
            rows = conn.execute(sql).fetchall()
            if profiles is not None and table != "outcome_changes":
                rows = [r for r in rows if r[0] in profiles]
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        conn.close()


def build_source(db: Path) -> None:
    ctx = AppContext.open(resolve_db(str(db)))
    try:
        sample.generate(ctx.store.write, sample.SampleSpec(profiles=2, days=12, per_day=6, tz="Australia/Lord_Howe",
                                                           end_day=date(2026, 11, 20)))
        with ctx.store.write() as s:
            pid = profiles_svc.get_by_name(s, "member-02").id
            settings_svc.save(s, pid, Settings(timezone="America/New_York", day_start_hour=5, rest_weekdays=(6,),
                                               hide_streaks=True, silence_by_channel={"email": 7}))
            settings_svc.set_goal(s, pid, Goal(7, 3, 12, {"call": 4}), date(2026, 11, 15))
            settings_svc.mark_rest_day(s, pid, date(2026, 11, 11))
            ch = Challenge(uuid="c" * 32, profile_id=pid, preset="100-day", name="100 asks", start_day=date(2026, 11, 1),
                           length_days=100, target_per_day=1, channels="call,email", rest_weekdays="5,6",
                           daily_cap=20, effort_only=True, created_at=datetime(2026, 11, 1, 9, tzinfo=UTC))
            s.add(ch)
            s.add(Review(profile_id=pid, period_key="2026-10", adjust_text="Call earlier\nin the day",
                         updated_at=datetime(2026, 11, 2, 10, 0, 0, 1, tzinfo=UTC)))
            s.flush()
            rung = ladder_svc.add(s, pid, "Ask for a discount", 3, now=datetime(2026, 11, 3, tzinfo=UTC))
            ladder_svc.add(s, pid, "=cmd|' /C calc'!A0", 5, now=datetime(2026, 11, 3, 1, tzinfo=UTC))
            plans_svc.add(s, pid, "If it is 9:00 on a weekday, then I dial ten numbers",
                          now=datetime(2026, 11, 4, tzinfo=UTC))
            plans_svc.add(s, pid, "If someone says not now, then I ask when", challenge_id=ch.id,
                          now=datetime(2026, 11, 4, 0, 0, 1, tzinfo=UTC))
            s.add(RestBudget(profile_id=pid, valid_from=date(2026, 11, 1), tokens=3))
            s.add(RestToken(profile_id=pid, day=date(2026, 11, 12), created_at=datetime(2026, 11, 12, 7, tzinfo=UTC)))
            logged = attempts_svc.log_attempt(
                s, pid, AttemptInput(outcome="pending", channel="email", target="Zoë — Ünïcode, \"quoted\"",
                                     notes="multi\nline, with, commas", tags=["x", "y"], discomfort=5,
                                     challenge_id=ch.id, lesson="Be brief", guess_pct=20, dread=4,
                                     rung_id=rung.id),
                now=datetime(2026, 11, 20, 3, 30, tzinfo=UTC))
            attempts_svc.set_outcome(s, pid, logged.id, "no", now=datetime(2026, 11, 21, 8, tzinfo=UTC))
            attempts_svc.set_outcome(s, pid, logged.id, "yes", now=datetime(2026, 11, 22, 8, 0, 0, 5, tzinfo=UTC))
            wins_svc.add_win(s, pid, "Got a late yes", attempt_id=logged.id, now=datetime(2026, 11, 22, 9, tzinfo=UTC))
            attempts_svc.log_attempt(s, pid, AttemptInput(outcome="no", guess_pct=0, dread=5, sting=2),
                                     now=datetime(2026, 11, 22, 10, tzinfo=UTC))
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("src") / "source.db"
    build_source(db)
    return db


def cli(capsys, *args) -> str:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_round_trip_into_an_empty_store(source, tmp_path, capsys, fmt):
    out_file = tmp_path / f"export.{fmt}"
    cli(capsys, "--db", source, "export", "--all-profiles", "--format", fmt, "-o", out_file)
    assert out_file.stat().st_mode & 0o077 == 0
    target = tmp_path / "target.db"
    said = cli(capsys, "--db", target, "import", out_file)
    assert said.startswith("Imported 3 profiles")
    assert content(target) == content(source)
    # Exporting the imported store gives the same file (apart from its time stamp).
    again = tmp_path / f"again.{fmt}"
    cli(capsys, "--db", target, "export", "--all-profiles", "--format", fmt, "-o", again)
    strip = [line for line in out_file.read_text().splitlines() if "exported_at" not in line]
    assert [line for line in again.read_text().splitlines() if "exported_at" not in line] == strip


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_import_twice_does_not_duplicate(source, tmp_path, capsys, fmt):
    out_file = tmp_path / f"export.{fmt}"
    cli(capsys, "--db", source, "export", "--all-profiles", "--format", fmt, "-o", out_file)
    target = tmp_path / "target.db"
    cli(capsys, "--db", target, "import", out_file)
    first = content(target)
    said = cli(capsys, "--db", target, "import", out_file)
    assert said.startswith("Imported nothing new;")
    assert content(target) == first


def test_export_is_the_current_profile_unless_all(source, tmp_path, capsys):
    data = json.loads(cli(capsys, "--db", source, "--profile", "member-03", "export"))
    assert [p["name"] for p in data["profiles"]] == ["member-03"]
    attempt = data["profiles"][0]["attempts"][0]
    assert attempt["tz"] == "Australia/Lord_Howe" and attempt["created_at"].endswith("+00:00")
    assert "id" not in attempt and "profile_id" not in attempt
    everyone = json.loads(cli(capsys, "--db", source, "export", "--all-profiles"))
    assert len(everyone["profiles"]) == 3


def test_import_merges_into_an_existing_profile_by_name(source, tmp_path, capsys):
    out_file = tmp_path / "m2.json"
    cli(capsys, "--db", source, "--profile", "member-03", "export", "-o", out_file)
    target = tmp_path / "target.db"
    cli(capsys, "--db", target, "log", "no")  # creates the default profile
    conn = sqlite3.connect(target)
    conn.execute("INSERT INTO profiles (name, created_at) VALUES ('MEMBER-03', '2020-01-01 00:00:00.000000')")
    conn.commit()
    conn.close()
    said = cli(capsys, "--db", target, "import", out_file)
    assert not said.startswith("Imported 1 profile")
    got = content(target)
    assert [r[0] for r in got["profiles"]].count("MEMBER-03") == 1
    assert len(got["profiles"]) == 2
    src = content(source, {"member-03"})
    assert len([r for r in got["attempts"] if r[0] == "MEMBER-03"]) == len(src["attempts"]) > 0


def test_time_zones_and_instants_survive(source, tmp_path, capsys):
    out_file = tmp_path / "e.csv"
    cli(capsys, "--db", source, "export", "--all-profiles", "--format", "csv", "-o", out_file)
    target = tmp_path / "t.db"
    cli(capsys, "--db", target, "import", out_file)
    conn = sqlite3.connect(target)
    row = conn.execute("SELECT tz, created_at, local_day, notes, target FROM attempts WHERE lesson = 'Be brief'").fetchone()
    conn.close()
    assert row == ("America/New_York", "2026-11-20 03:30:00.000000", "2026-11-19", "multi\nline, with, commas",
                   "Zoë — Ünïcode, \"quoted\"")


def _fill(ctx) -> None:
    with ctx.store.write() as s:
        settings_svc.save(s, ctx.profile_id, Settings(timezone="Europe/London", onboarded=True))
        settings_svc.set_goal(s, ctx.profile_id, Goal(3, 1, 5), date(2026, 11, 1))
        settings_svc.mark_rest_day(s, ctx.profile_id, date(2026, 11, 8))
        for i, outcome in enumerate(["no", "pending", "yes"]):
            logged = attempts_svc.log_attempt(s, ctx.profile_id, AttemptInput(outcome=outcome, target=f"T{i}"),
                                              now=datetime(2026, 11, 20, 9, i, 0, 250, tzinfo=UTC))
        attempts_svc.set_outcome(s, ctx.profile_id, logged.id, "no", now=datetime(2026, 11, 21, tzinfo=UTC))
        wins_svc.add_win(s, ctx.profile_id, "Did it", attempt_id=logged.id, now=datetime(2026, 11, 21, tzinfo=UTC))


def test_transfer_services_on_each_backend(ctx, tmp_path):
    """collect/load on SQLite and (when configured) PostgreSQL: the same export comes back."""
    from rejection_therapy.store import transfer
    from rejection_therapy.store.db import Store

    _fill(ctx)
    with ctx.store.read() as s:
        data = transfer.collect(s)
    text = transfer.dumps(data, "json")
    parsed = transfer.check(json.loads(text))
    other = Store.open(resolve_db(str(tmp_path / "other.db")))
    try:
        with other.write() as s:
            transfer.load(s, parsed)
        with other.read() as s:
            back = transfer.collect(s)
    finally:
        other.close()
    data.pop("exported_at"), back.pop("exported_at")
    assert back == data
    with ctx.store.write() as s:
        result = transfer.load(s, parsed)
    assert result.added == {} or set(result.added.values()) == {0}
    with ctx.store.read() as s:
        again = transfer.collect(s)
    again.pop("exported_at")
    assert again == data
