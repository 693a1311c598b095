"""Services of the learn feature: silence sweep, waiting list, late replies, follow-ups, .ics."""

from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.errors import NotFoundError, ValidationError
from rejection_therapy.services import attempts, followups, silence, today
from rejection_therapy.services import settings as settings_svc
from rejection_therapy.store.models import OutcomeChange

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
TODAY = date(2026, 11, 20)


@pytest.fixture
def pid(ctx):
    with ctx.store.write() as s:
        settings_svc.update(s, ctx.profile_id, timezone="UTC", silence_days=14)
    return ctx.profile_id


def log(ctx, outcome="pending", age_days=0, **kw):
    with ctx.store.write() as s:
        return attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome=outcome, **kw),
                                    now=NOW - timedelta(days=age_days)).id


def outcome_of(ctx, attempt_id):
    with ctx.store.read() as s:
        return attempts.get(s, ctx.profile_id, attempt_id).outcome


def test_sweep_turns_15_day_pending_into_silence_but_not_13(ctx, pid):
    old = log(ctx, age_days=15, target="Old")
    young = log(ctx, age_days=13, target="Young")
    with ctx.store.write() as s:
        assert silence.sweep(s, pid, NOW) == 1
    assert outcome_of(ctx, old) == "silence"
    assert outcome_of(ctx, young) == "pending"
    with ctx.store.write() as s:  # running again changes nothing
        assert silence.sweep(s, pid, NOW) == 0


def test_sweep_uses_per_channel_windows(ctx, pid):
    with ctx.store.write() as s:
        settings_svc.update(s, pid, silence_by_channel={"email": 5, "proposal": 30})
    email = log(ctx, age_days=6, channel="email")
    call = log(ctx, age_days=6, channel="call")
    proposal = log(ctx, age_days=20, channel="proposal")
    with ctx.store.write() as s:
        assert silence.sweep(s, pid, NOW) == 1
    assert [outcome_of(ctx, i) for i in (email, call, proposal)] == ["silence", "pending", "pending"]


def test_silence_is_never_counted_as_a_no(ctx, pid):
    log(ctx, outcome="no", age_days=15)
    log(ctx, outcome="pending", age_days=15)
    log(ctx, outcome="pending", age_days=15)
    log(ctx, outcome="no", age_days=0)
    with ctx.store.write() as s:
        assert silence.sweep(s, pid, NOW) == 2
    with ctx.store.read() as s:
        summary_then = today.summary(s, pid, day=TODAY - timedelta(days=15))
        summary_now = today.summary(s, pid, now=NOW)
    assert (summary_then.nos, summary_then.silences) == (1, 2)
    assert summary_now.total_nos == 2
    assert summary_now.no_run == 1


def test_late_yes_on_a_silent_attempt_is_stored_on_that_attempt(ctx, pid):
    aid = log(ctx, age_days=20, target="Slow client")
    with ctx.store.write() as s:
        silence.sweep(s, pid, NOW)
    assert outcome_of(ctx, aid) == "silence"
    with ctx.store.write() as s:
        row = silence.record_reply(s, pid, aid, "yes", now=NOW + timedelta(days=1))
        assert row.id == aid
    with ctx.store.read() as s:
        row = attempts.get(s, pid, aid)
        assert row.outcome == "yes" and row.target == "Slow client"
        assert row.local_day == TODAY - timedelta(days=20)  # the attempt keeps its day
        hist = s.query(OutcomeChange).filter_by(attempt_id=aid).order_by(OutcomeChange.id).all()
        assert [(h.old_outcome, h.new_outcome, h.cause) for h in hist] == [
            ("pending", "silence", "silence-window"), ("silence", "yes", "user")]
        assert attempts.count_attempts(s, pid) == 1  # no new attempt was made


def test_reply_must_be_yes_or_no(ctx, pid):
    aid = log(ctx)
    with ctx.store.write() as s, pytest.raises(ValidationError):
        silence.record_reply(s, pid, aid, "silence")


def test_waiting_lists_pending_with_age_oldest_first(ctx, pid):
    log(ctx, outcome="no", age_days=3)
    a = log(ctx, age_days=2, target="B")
    b = log(ctx, age_days=9, target="A")
    with ctx.store.read() as s:
        rows = silence.waiting(s, pid, NOW)
    assert [(w.id, w.age_days, w.days_left) for w in rows] == [(b, 9, 5), (a, 2, 12)]


def test_followups_due_today_and_overdue(ctx, pid):
    due = log(ctx, outcome="no", follow_up_on=TODAY, target="Due today")
    late = log(ctx, outcome="no", follow_up_on=TODAY - timedelta(days=2), stated_reason="budget")
    later = log(ctx, outcome="no", follow_up_on=TODAY + timedelta(days=5))
    log(ctx, outcome="yes")
    with ctx.store.read() as s:
        items = followups.due(s, pid, today=TODAY)
        everything = followups.list_followups(s, pid, today=TODAY)
    assert [(f.id, f.status) for f in items] == [(late, "overdue"), (due, "due")]
    assert items[0].stated_reason == "budget" and items[1].target == "Due today"
    assert [f.id for f in everything] == [late, due, later]


def test_not_now_no_gets_a_follow_up_in_90_days(ctx, pid):
    aid = log(ctx, outcome="no", kind="not-now")
    with ctx.store.read() as s:
        f = followups.get(s, pid, aid, today=TODAY)
    assert f.follow_up_on == TODAY + timedelta(days=90) and f.state == "open"


def test_done_snooze_drop_and_set_on_any_attempt(ctx, pid):
    a = log(ctx, outcome="no", follow_up_on=TODAY)
    b = log(ctx, outcome="no", follow_up_on=TODAY)
    c = log(ctx, outcome="no", follow_up_on=TODAY)
    d = log(ctx, outcome="yes")
    with ctx.store.write() as s:
        assert followups.mark_done(s, pid, a, now=NOW).state == "done"
        assert followups.drop(s, pid, b, now=NOW).state == "dropped"
        assert followups.snooze(s, pid, c, 3, now=NOW).follow_up_on == TODAY + timedelta(days=3)
        assert followups.set_follow_up(s, pid, d, "2026-12-01", now=NOW).follow_up_on == date(2026, 12, 1)
    with ctx.store.read() as s:
        assert followups.due(s, pid, today=TODAY) == []
        open_ids = [f.id for f in followups.list_followups(s, pid, today=TODAY)]
        all_ = {f.id: f.state for f in followups.list_followups(s, pid, include_closed=True, today=TODAY)}
    assert open_ids == [c, d]
    assert all_ == {a: "done", b: "dropped", c: "open", d: "open"}
    with ctx.store.write() as s:
        assert followups.set_follow_up(s, pid, d, None, now=NOW) is None
        with pytest.raises(ValidationError):
            followups.mark_done(s, pid, d)
        with pytest.raises(ValidationError):
            followups.snooze(s, pid, c, 0)
        with pytest.raises(NotFoundError):
            followups.drop(s, pid, 9999)


def _events(path):
    cal = Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_ics_export_parses_one_event_per_follow_up_and_keeps_uids(ctx, pid, tmp_path):
    a = log(ctx, outcome="no", follow_up_on=TODAY, target="Acme [bold]", stated_reason="timing; budget",
            notes="line one\nline two")
    b = log(ctx, outcome="no", follow_up_on=TODAY + timedelta(days=30), target="Beta")
    done = log(ctx, outcome="no", follow_up_on=TODAY)
    with ctx.store.write() as s:
        followups.mark_done(s, pid, done, now=NOW)
    path = tmp_path / "follow-ups.ics"
    with ctx.store.read() as s:
        assert followups.export_ics(s, pid, path, now=NOW) == 2
        uuids = {attempts.get(s, pid, i).uuid for i in (a, b)}
    first = _events(path)
    assert set(first) == {f"{u}@rejection-therapy" for u in uuids}
    with ctx.store.read() as s:
        a_uuid = attempts.get(s, pid, a).uuid
    ev = first[f"{a_uuid}@rejection-therapy"]
    assert str(ev["SUMMARY"]) == "Follow up: Acme [bold]"
    assert ev.decoded("DTSTART") == TODAY
    assert ev.decoded("DTEND") == TODAY + timedelta(days=1)
    assert "timing; budget" in str(ev["DESCRIPTION"]) and "line two" in str(ev["DESCRIPTION"])

    with ctx.store.write() as s:  # move one and re-export: same UIDs, new date
        followups.snooze(s, pid, a, 7, now=NOW)
    with ctx.store.read() as s:
        followups.export_ics(s, pid, path, now=NOW + timedelta(hours=1))
    second = _events(path)
    assert set(second) == set(first)
    assert second[f"{a_uuid}@rejection-therapy"].decoded("DTSTART") == TODAY + timedelta(days=7)


def test_ics_export_refuses_a_missing_folder(ctx, pid, tmp_path):
    with ctx.store.read() as s, pytest.raises(ValidationError):
        followups.export_ics(s, pid, tmp_path / "nope" / "x.ics")


def test_waiting_can_include_silent_attempts_for_late_replies(ctx, pid):
    pending = log(ctx, age_days=2)
    silent = log(ctx, age_days=30)
    with ctx.store.write() as s:
        silence.sweep(s, pid, NOW)
    with ctx.store.read() as s:
        rows = silence.waiting(s, pid, NOW, include_silent=10)
        only_pending = silence.waiting(s, pid, NOW)
    assert [(w.id, w.outcome) for w in rows] == [(pending, "pending"), (silent, "silence")]
    assert [w.id for w in only_pending] == [pending]


def test_due_summary_and_status_counts(ctx, pid):
    for offset in (-5, -1, 0, 0, 0, 3):
        log(ctx, outcome="no", follow_up_on=TODAY + timedelta(days=offset))
    closed = log(ctx, outcome="no", follow_up_on=TODAY)
    with ctx.store.write() as s:
        followups.mark_done(s, pid, closed, now=NOW)
    with ctx.store.read() as s:
        summary = followups.due_summary(s, pid, shown=2, today=TODAY)
        counts = followups.status_counts(s, pid, today=TODAY)
    assert (summary.overdue, summary.due_today, summary.total, len(summary.items)) == (2, 3, 5, 2)
    assert counts == {"overdue": 2, "due": 3, "upcoming": 1}
    with ctx.store.read() as s:
        assert followups.due_summary(s, pid, today=TODAY - timedelta(days=10)).total == 0
