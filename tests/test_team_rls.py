"""Team mode on a real PostgreSQL server: roles, invitations, row-level security.

Needs REJECTION_THERAPY_TEST_PG_ADMIN_URL: a role that may create roles and databases (CI's
`.ci/run` creates `rt_team_admin` with CREATEROLE CREATEDB, not a superuser, since a
superuser would hide missing rights). Each test gets its own database and drops the roles
it created.
"""

from __future__ import annotations

import io
import os
import uuid

import pytest

from rejection_therapy.config import resolve_db
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.errors import NotFoundError, StoreError, ValidationError

ADMIN_ENV = "REJECTION_THERAPY_TEST_PG_ADMIN_URL"
pytestmark = pytest.mark.postgres


def _admin() -> str:
    url = os.environ.get(ADMIN_ENV)
    if not url:
        pytest.skip(f"{ADMIN_ENV} is not set (CI sets it to a role with CREATEROLE)")
    return url


def _raw(url: str):
    """A plain psycopg connection from a SQLAlchemy URL (what anyone holding the string can do)."""
    import psycopg
    from sqlalchemy import make_url

    u = make_url(url)
    return psycopg.connect(
        dbname=u.database, user=u.username, password=u.password,
        host=u.query.get("host") or u.host, port=u.port, autocommit=True,
    )


@pytest.fixture
def team_db():
    """A fresh database owned by the admin role; dropped with the team's roles afterwards."""
    from sqlalchemy import create_engine, make_url, text

    admin = _admin()
    name = f"rt_team_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with engine.connect() as conn:
            # Members' closed sessions can take a moment to end, and the admin (not a
            # superuser) may not end them itself: retry for a while.
            import time

            for attempt in range(50):
                try:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                    break
                except Exception:  # noqa: BLE001 - "being accessed by other users"
                    if attempt == 49:
                        raise
                    time.sleep(0.2)
            for (role,) in conn.execute(text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"),
                                        {"p": f"{name}\\_%"}).all():
                conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        engine.dispose()


def _member_ctx(url: str):
    from rejection_therapy.services.context import AppContext

    return AppContext.open(resolve_db(url))


def _start_as_admin(db: str, name: str, period: str = "month") -> None:
    """The team admin (the role that ran team init) starts a competition of everyone."""
    from rejection_therapy.services import competitions
    from rejection_therapy.services.context import AppContext

    admin = AppContext.open(resolve_db(db), "Alex")
    try:
        with admin.store.write() as s:
            competitions.start(s, admin.profile_id, name, period)
    finally:
        admin.close()


@pytest.fixture
def team(team_db):
    from rejection_therapy.services import team

    team.init(resolve_db(team_db))
    a = team.invite(resolve_db(team_db), "Alex")
    b = team.invite(resolve_db(team_db), "Bea")
    return team_db, a, b


def _log(ctx, outcome: str, **kw) -> int:
    from rejection_therapy.services import attempts

    with ctx.store.write() as s:
        return attempts.log_attempt(s, ctx.profile_id, AttemptInput(outcome=outcome, **kw)).id


def test_member_cannot_read_change_or_delete_a_teammates_attempts(team):
    from rejection_therapy.services import attempts, competitions
    from rejection_therapy.store import transfer
    from rejection_therapy.store.models import Attempt

    db, a, b = team
    ca, cb = _member_ctx(a.url), _member_ctx(b.url)
    try:
        assert ca.profile.name == "Alex" and cb.profile.name == "Bea"
        from rejection_therapy.services import settings as settings_svc

        with ca.store.write() as s:  # own settings: the writer locks its own profile row
            settings_svc.update(s, ca.profile_id, timezone="UTC")
        with ca.store.write() as s:  # hide the name: only the own profile row may change
            from rejection_therapy.services import profiles as profiles_svc

            profiles_svc.set_name_hidden(s, ca.profile_id, False)
        mine = _log(ca, "no", channel="call", notes="alex note")
        theirs = [_log(cb, "no", channel="email", target="Acme Corp", notes="BEA-SECRET-NOTE")
                  for _ in range(3)]
        _log(ca, "no", channel="call")
        _log(ca, "no", channel="call")
        with cb.store.write() as s:
            attempts.set_outcome(s, cb.profile_id, theirs[0], "yes")

        # The app's services, with A's connection string.
        with ca.store.read() as s:
            assert s.get(Attempt, theirs[0]) is None
            with pytest.raises(NotFoundError):
                attempts.get(s, ca.profile_id, theirs[1])
            with pytest.raises(NotFoundError):
                attempts.get(s, cb.profile_id, theirs[1])
            assert attempts.get(s, ca.profile_id, mine).notes == "alex note"
        with pytest.raises((NotFoundError, StoreError)):
            with ca.store.write() as s:
                attempts.delete_attempt(s, cb.profile_id, theirs[1])
        with pytest.raises((NotFoundError, StoreError)):
            with ca.store.write() as s:
                attempts.update_fields(s, cb.profile_id, theirs[1], notes="changed by A")

        # Raw SQL through A's connection string.
        with _raw(a.url) as conn:
            assert conn.execute("SELECT count(*) FROM attempts").fetchone()[0] == 3
            assert conn.execute("SELECT count(*) FROM attempts WHERE id = %s", (theirs[1],)).fetchone()[0] == 0
            assert conn.execute("SELECT count(*) FROM outcome_changes").fetchone()[0] == 0
            assert conn.execute("UPDATE attempts SET notes = 'x' WHERE id = %s", (theirs[1],)).rowcount == 0
            assert conn.execute("DELETE FROM attempts WHERE id = %s", (theirs[1],)).rowcount == 0
            assert conn.execute("DELETE FROM attempts WHERE profile_id <> %s", (ca.profile_id,)).rowcount == 0
            import psycopg

            with pytest.raises(psycopg.Error):  # cannot hand an own attempt to B, nor write as B
                conn.execute("UPDATE attempts SET profile_id = %s WHERE id = %s", (cb.profile_id, mine))
            with pytest.raises(psycopg.Error):
                conn.execute("UPDATE day_totals SET nos = 999")
            with pytest.raises(psycopg.Error):
                conn.execute("ALTER TABLE attempts DISABLE ROW LEVEL SECURITY")
            with pytest.raises(psycopg.Error):
                conn.execute("UPDATE profiles SET role_name = current_user WHERE id = %s", (cb.profile_id,))
        with _raw(b.url) as conn:
            notes = [r[0] for r in conn.execute("SELECT notes FROM attempts ORDER BY id")]
            assert notes == ["BEA-SECRET-NOTE"] * 3  # nothing A tried changed B's rows

        # B's notes and targets never appear in A's export (even asking for every profile).
        for ids in ([ca.profile_id], None):
            out = io.StringIO()
            with ca.store.read() as s:
                transfer.export(s, ids, "json", out)
            assert "BEA-SECRET-NOTE" not in out.getvalue() and "Acme" not in out.getvalue()
            assert "alex note" in out.getvalue()

        # Everyone's totals stay readable (profile list), not their attempts.
        from rejection_therapy.services import profiles

        with ca.store.read() as s:
            stats = {r.name: (r.attempts, r.nos) for r in profiles.list_with_stats(s)}
        assert stats == {"Alex": (3, 3), "Bea": (3, 2)}

        # The board still ranks everyone, from either side (A 3 no's, B 2: one turned yes).
        _start_as_admin(db, "November")
        for ctx in (ca, cb):
            with ctx.store.read() as s:
                board = competitions.board(s, ctx.profile_id, "November")
            assert [(x.name, x.count, x.rank) for x in board.standings] == [("Alex", 3, 1), ("Bea", 2, 2)]
    finally:
        ca.close()
        cb.close()


def test_tied_board_breaks_the_tie_under_row_level_security(team):
    from datetime import timedelta

    from rejection_therapy import clock
    from rejection_therapy.services import attempts, competitions

    db, a, b = team
    ca, cb = _member_ctx(a.url), _member_ctx(b.url)
    try:
        t0 = clock.now() - timedelta(seconds=40)  # the same day and month, whatever the pinned day
        with cb.store.write() as s:  # Bea reached 2 first
            attempts.log_attempt(s, cb.profile_id, AttemptInput(outcome="no"), now=t0)
            attempts.log_attempt(s, cb.profile_id, AttemptInput(outcome="no"), now=t0 + timedelta(seconds=10))
        with ca.store.write() as s:
            attempts.log_attempt(s, ca.profile_id, AttemptInput(outcome="no"), now=t0 + timedelta(seconds=20))
            attempts.log_attempt(s, ca.profile_id, AttemptInput(outcome="no"), now=t0 + timedelta(seconds=30))
        _start_as_admin(db, "Tie")
        with ca.store.read() as s:
            board = competitions.board(s, ca.profile_id, "Tie")
        assert [(x.name, x.rank) for x in board.standings] == [("Bea", 1), ("Alex", 2)]
        assert all(x.reached_at is not None for x in board.standings)
    finally:
        ca.close()
        cb.close()


def test_invite_existing_name_revoked_login_and_missing_rights(team, team_db):
    from sqlalchemy import create_engine, make_url, text

    from rejection_therapy.services import team as team_svc

    db, a, _b = team

    def roles() -> int:
        e = create_engine(db)
        with e.connect() as conn:
            n = conn.execute(text("SELECT count(*) FROM pg_roles")).scalar()
        e.dispose()
        return n

    before = roles()
    with pytest.raises(ValidationError, match="already a member"):
        team_svc.invite(resolve_db(db), "alex")
    assert roles() == before

    # Revoke: the login is refused with one sentence; the history stays on the board.
    ca = _member_ctx(a.url)
    _log(ca, "no")
    ca.close()
    team_svc.revoke(resolve_db(db), "Alex")
    with pytest.raises(StoreError, match="revoked"):
        _member_ctx(a.url)
    states = {m.name: m.can_login for m in team_svc.members(resolve_db(db))}
    assert states == {"Alex": False, "Bea": True}
    with pytest.raises(ValidationError, match="--again"):
        team_svc.invite(resolve_db(db), "Alex")
    back = team_svc.invite(resolve_db(db), "Alex", again=True)
    ca = _member_ctx(back.url)
    from rejection_therapy.services import attempts

    with ca.store.read() as s:  # back in, with the history kept
        assert attempts.count_attempts(s, ca.profile_id) == 1
    ca.close()
    team_svc.revoke(resolve_db(db), "Alex")

    # A role without CREATEROLE: one sentence naming the privilege, nothing created.
    plain = os.environ.get("REJECTION_THERAPY_TEST_PG_URL")
    if plain:
        fresh = make_url(plain).set(database=make_url(team_db).database).render_as_string(False)
        with pytest.raises(StoreError, match="CREATEROLE"):
            team_svc.init(resolve_db(fresh))
        with pytest.raises(StoreError, match="CREATEROLE"):
            team_svc.invite(resolve_db(fresh), "Cleo")
        assert roles() == before


def test_init_refuses_without_createrole_and_changes_nothing(team_db):
    from sqlalchemy import create_engine, make_url, text

    from rejection_therapy.services import team as team_svc

    plain = os.environ.get("REJECTION_THERAPY_TEST_PG_URL")
    if not plain:
        pytest.skip("REJECTION_THERAPY_TEST_PG_URL (a role without CREATEROLE) is not set")
    url = make_url(plain).set(database=make_url(team_db).database).render_as_string(False)
    with pytest.raises(StoreError, match="CREATEROLE"):
        team_svc.init(resolve_db(url))
    e = create_engine(team_db)
    with e.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar() == 0
    e.dispose()


def test_team_cli_init_invite_prints_the_string_once(team_db, capsys):
    from rejection_therapy.__main__ import main

    assert main(["team", "init", "--db", team_db]) == 0
    assert main(["team", "invite", "Cleo", "--db", team_db]) == 0
    out = capsys.readouterr().out
    line = next(x.strip() for x in out.splitlines() if x.strip().startswith("postgresql"))
    assert ":" in line.split("@")[0].split("//")[1]  # user:password@
    assert main(["team", "init", "--db", team_db]) == 0  # again (e.g. after an upgrade): idempotent
    assert main(["team", "invite", "Cleo", "--db", team_db]) == 2
    err = capsys.readouterr().err
    assert "already a member" in err and len(err.strip().splitlines()) == 1
    assert main(["team", "members", "--db", team_db]) == 0
    members = capsys.readouterr().out
    assert "Cleo" in members and line.split("@")[0].split(":")[-1] not in members
    assert main(["--db", line, "profile", "list"]) == 0
    assert "Cleo" in capsys.readouterr().out


def test_shared_lessons_are_read_by_all_and_written_only_by_their_author(team):
    import psycopg

    from rejection_therapy.services import lessons

    _db, a, b = team
    ca, cb = _member_ctx(a.url), _member_ctx(b.url)
    try:
        aid = _log(ca, "no", channel="call", target="Zed", notes="A-NOTE", lesson="Zed wanted a demo first")
        with ca.store.write() as s:
            lessons.share(s, ca.profile_id, aid)
        with cb.store.read() as s:
            feed = lessons.feed(s, cb.profile_id)
        assert [(i.who, i.lesson) for i in feed] == [("Alex", "(them) wanted a demo first")]
        with cb.store.write() as s:
            assert lessons.withdraw_item(s, cb.profile_id, feed[0].id) is False
        with _raw(b.url) as conn:
            assert conn.execute("DELETE FROM shared_lessons").rowcount == 0
            assert conn.execute("UPDATE shared_lessons SET lesson = 'x'").rowcount == 0
            with pytest.raises(psycopg.Error):
                conn.execute("INSERT INTO shared_lessons (uuid, profile_id, channel, lesson, day, shared_at) "
                             "VALUES ('u1', %s, 'call', 'forged', current_date, now())", (ca.profile_id,))
        with ca.store.write() as s:
            assert lessons.withdraw(s, ca.profile_id, aid) is True
    finally:
        ca.close()
        cb.close()


def test_members_see_only_their_own_profile_row_and_the_board_still_names_everyone(team):
    """Raw SQL through A's string: profiles gives A's own row only; the board_names view gives
    ids and names (none for a member who opted out) and nothing else; the app's board, feed
    and profile list still show everyone, as "a teammate" when hidden."""
    import psycopg

    from rejection_therapy.services import competitions, lessons, profiles

    db, a, b = team
    ca, cb = _member_ctx(a.url), _member_ctx(b.url)
    try:
        with cb.store.write() as s:
            profiles.set_name_hidden(s, cb.profile_id, True)
        _log(ca, "no")
        bid = _log(cb, "no", lesson="ask for the budget first")
        _log(cb, "no")
        with cb.store.write() as s:
            lessons.share(s, cb.profile_id, bid)
        with _raw(a.url) as conn:
            rows = conn.execute("SELECT id, name, role_name, created_at, hide_name FROM profiles").fetchall()
            assert [(r[0], r[1], r[2]) for r in rows] == [(ca.profile_id, "Alex", a.role)]
            assert conn.execute("SELECT count(*) FROM profiles WHERE id = %s", (cb.profile_id,)).fetchone()[0] == 0
            assert conn.execute("UPDATE profiles SET hide_name = false WHERE id = %s",
                                (cb.profile_id,)).rowcount == 0
            names = conn.execute("SELECT id, name, hide_name FROM board_names ORDER BY id").fetchall()
            assert names == [(ca.profile_id, "Alex", False), (cb.profile_id, None, True)]
            with pytest.raises(psycopg.Error):  # the view has no other columns
                conn.execute("SELECT role_name FROM board_names")
        with _raw(b.url) as conn:  # Bea sees her own name
            assert conn.execute("SELECT name FROM board_names WHERE id = %s",
                                (cb.profile_id,)).fetchone()[0] == "Bea"
        _start_as_admin(db, "Hidden")
        with ca.store.read() as s:
            board = competitions.board(s, ca.profile_id, "Hidden")
            feed = lessons.feed(s, ca.profile_id)
            stats = {r.name: r.nos for r in profiles.list_with_stats(s)}
        assert [(x.name, x.count, x.rank) for x in board.standings] == [("a teammate", 2, 1), ("Alex", 1, 2)]
        assert board.bests == {ca.profile_id: 1, cb.profile_id: 2}
        assert [i.who for i in feed] == ["a teammate"]
        assert stats == {"Alex": 1, "a teammate": 2}
        with cb.store.read() as s:
            board = competitions.board(s, cb.profile_id, "Hidden")
        assert [x.name for x in board.standings] == ["Bea", "Alex"]
    finally:
        ca.close()
        cb.close()


def test_only_the_team_admin_starts_or_ends_competitions(team):
    """Members read competitions, nothing more, by any path; the app says so in one sentence
    naming the missing privilege and changes nothing; the admin starts and ends them."""
    import psycopg

    from rejection_therapy.core.errors import StoreError
    from rejection_therapy.services import competitions, housekeeping

    db, a, _b = team
    ca = _member_ctx(a.url)
    try:
        with pytest.raises(StoreError, match="lacks the INSERT privilege on the table competitions"):
            with ca.store.write() as s:
                competitions.start(s, ca.profile_id, "Mine", "month")
        _start_as_admin(db, "Team month")
        with pytest.raises(StoreError, match="lacks the UPDATE privilege on the table competitions"):
            with ca.store.write() as s:
                housekeeping.end_competition(s, ca.profile_id, "Team month", clock_today())
        with ca.store.write() as s:  # the lazy close is not the member's to do: nothing, no error
            assert competitions.close_due(s, ca.profile_id) == []
        with _raw(a.url) as conn:
            assert [r[0] for r in conn.execute("SELECT name FROM competitions")] == ["Team month"]
            assert conn.execute("SELECT count(*) FROM competition_entries").fetchone()[0] == 2
            for sql in ("INSERT INTO competitions (uuid, name, metric, start_day, end_day, status, created_at) "
                        "VALUES ('x1', 'Forged', 'nos', current_date, current_date, 'running', now())",
                        "UPDATE competitions SET status = 'closed'",
                        "DELETE FROM competition_entries",
                        "INSERT INTO competition_entries SELECT id, 999 FROM competitions"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(sql)
        with ca.store.read() as s:
            info = competitions.list_competitions(s, ca.profile_id)
        assert [(c.name, c.status) for c in info] == [("Team month", "running")]
        from rejection_therapy.services.context import AppContext

        admin = AppContext.open(resolve_db(db), "Alex")
        try:
            with admin.store.write() as s:
                _row, _winner = housekeeping.end_competition(s, admin.profile_id, "Team month", clock_today())
        finally:
            admin.close()
        with ca.store.read() as s:
            assert [c.status for c in competitions.list_competitions(s, ca.profile_id)] == ["closed"]
    finally:
        ca.close()


def clock_today():
    from rejection_therapy import clock

    return clock.now().date()


async def test_leaderboard_tells_a_member_who_may_start_a_competition(team):
    """+ on the leaderboard of a member's login says who may start one (and which privilege
    the login lacks) instead of opening a form the database would refuse."""
    from sqlalchemy import create_engine, text

    from tests.tui_helpers import make_test_app, settle

    db, a, _b = team
    _start_as_admin(db, "Team month")
    app = make_test_app(resolve_db(a.url))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert type(app.screen).__name__ == "LeaderboardScreen"
        await pilot.press("plus")
        await settle(pilot)
        assert type(app.screen).__name__ == "LeaderboardScreen"
        said = [n.message for n in app._notifications]
        assert any("Only the team admin may start a competition" in m and "INSERT privilege" in m for m in said)
    e = create_engine(db)
    with e.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM competitions")).scalar() == 1
    e.dispose()
