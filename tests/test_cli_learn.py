"""CLI of the learn feature: followups, waiting, reply, ask-feedback, ask-why."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from rejection_therapy import clock
from rejection_therapy.cli import main
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.learn import ASK_WHY_QUESTIONS
from rejection_therapy.services import attempts, followups
from rejection_therapy.services import settings as settings_svc


@pytest.fixture
def db(sqlite_ctx, db_path):
    with sqlite_ctx.store.write() as s:
        settings_svc.update(s, sqlite_ctx.profile_id, timezone="UTC")
    return sqlite_ctx


def run(db_path, *argv):
    # --db after the subcommand (cli/__init__.py's parser.set_defaults(db=None) resets a
    # --db given before it; reported to the lead).
    return main([argv[0], "--db", str(db_path), *argv[1:]])


def log(ctx, age_days=0, **kw):
    with ctx.store.write() as s:
        return attempts.log_attempt(s, ctx.profile_id, AttemptInput(**kw),
                                    now=clock.now() - timedelta(days=age_days)).id


def today(ctx):
    with ctx.store.read() as s:
        return followups.today_of(s, ctx.profile_id)


def test_followups_due_lists_what_is_due_today(db, db_path, capsys):
    t = today(db)
    due = log(db, outcome="no", target="Due Co", follow_up_on=t, stated_reason="no budget")
    later = log(db, outcome="no", target="Later Co", follow_up_on=t + timedelta(days=9))
    assert run(db_path, "followups", "--due") == 0
    out = capsys.readouterr().out
    assert f"#{due}" in out and "Due Co" in out and "due today" in out and "no budget" in out
    assert "Later Co" not in out
    assert run(db_path, "followups") == 0
    out = capsys.readouterr().out
    assert "Due Co" in out and "Later Co" in out and f"#{later}" in out


def test_followups_actions(db, db_path, capsys):
    t = today(db)
    a = log(db, outcome="no", follow_up_on=t)
    b = log(db, outcome="no", follow_up_on=t)
    c = log(db, outcome="yes")
    assert run(db_path, "followups", "done", str(a)) == 0
    assert run(db_path, "followups", "snooze", str(b), "--days", "4") == 0
    assert run(db_path, "followups", "set", str(c), (t + timedelta(days=2)).isoformat()) == 0
    out = capsys.readouterr().out
    assert "marked done" in out and (t + timedelta(days=4)).isoformat() in out
    assert run(db_path, "followups", "--due") == 0
    assert "Nothing is due today" in capsys.readouterr().out
    assert run(db_path, "followups", "--all") == 0
    assert "done" in capsys.readouterr().out


def test_followups_errors_are_one_sentence(db, db_path, capsys):
    assert run(db_path, "followups", "done") != 0
    assert run(db_path, "followups", "drop", "999") != 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "There is no attempt #999" in err


def test_followups_ics_writes_a_calendar(db, db_path, tmp_path, capsys):
    t = today(db)
    log(db, outcome="no", target="A", follow_up_on=t)
    log(db, outcome="no", target="B", follow_up_on=t + timedelta(days=3))
    path = tmp_path / "f.ics"
    assert run(db_path, "followups", "--ics", str(path)) == 0
    assert "Wrote 2 follow-ups" in capsys.readouterr().out
    uids = [str(e["UID"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]
    assert len(uids) == 2
    assert run(db_path, "followups", "--ics", str(path)) == 0
    assert [str(e["UID"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")] == uids


def test_waiting_and_late_reply(db, db_path, capsys):
    aid = log(db, outcome="pending", target="Slow", age_days=5)
    assert run(db_path, "waiting") == 0
    out = capsys.readouterr().out
    assert f"#{aid}" in out and "Slow" in out and "5 days" in out
    assert run(db_path, "reply", str(aid), "yes") == 0
    assert "now yes" in capsys.readouterr().out
    assert run(db_path, "waiting") == 0
    assert "Nothing is waiting" in capsys.readouterr().out


def test_waiting_applies_the_window_and_lists_silences(db, db_path, capsys):
    old = log(db, outcome="pending", target="Gone Quiet", age_days=20)
    assert run(db_path, "waiting", "--silent", "5") == 0
    out = capsys.readouterr().out
    assert "1 attempt passed the silence window" in out and "not a no" in out
    assert f"#{old}" in out and "silence (no reply after 14d)" in out
    assert run(db_path, "reply", str(old), "no") == 0  # a late no, on the same attempt
    with db.store.read() as s:
        assert attempts.get(s, db.profile_id, old).outcome == "no"


def test_ask_feedback_prints_plain_text_and_writes_a_file(db, db_path, tmp_path, capsys):
    aid = log(db, outcome="no", target="[bold]Ola[/bold]", channel="email")
    assert run(db_path, "ask-feedback", str(aid)) == 0
    out = capsys.readouterr().out
    assert out.startswith("Hi [bold]Ola[/bold],") and "email" in out
    assert "\x1b" not in out
    path = tmp_path / "msg.txt"
    assert run(db_path, "ask-feedback", str(aid), "-o", str(path)) == 0
    assert path.read_text(encoding="utf-8") == out


def test_ask_why_prints_questions_and_stores_the_answer(db, db_path, capsys):
    assert main(["ask-why"]) == 0
    out = capsys.readouterr().out
    assert all(q in out for q in ASK_WHY_QUESTIONS)
    aid = log(db, outcome="no", target="Zed")
    assert run(db_path, "ask-why", str(aid), "--answer", "we already have a vendor") == 0
    capsys.readouterr()
    with db.store.read() as s:
        assert attempts.get(s, db.profile_id, aid).stated_reason == "we already have a vendor"
    assert run(db_path, "ask-why", "--answer", "x") != 0
