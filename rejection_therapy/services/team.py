"""Team mode on PostgreSQL: set-up, invitations and revocations (run by the team admin).

    info = team.init(resolve_db(admin_url))             # schema, roles, row-level security
    inv = team.invite(resolve_db(admin_url), "Alex")     # inv.url: printed once, never stored
    team.revoke(resolve_db(admin_url), "Alex")           # NOLOGIN; the history stays

Each call checks the rights it needs before changing anything and says in one sentence
which privilege is missing. The member's password is generated here (``secrets``), sent to
the server only as a SCRAM-SHA-256 verifier (so the server and its logs never see it), and
handed back once for printing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from ..clock import now as clock_now
from ..config import DbLocation
from ..core.errors import NotFoundError, StoreError, ValidationError
from ..core.text import clean_name
from ..store import rls
from ..store.engine import describe_db_error, make_engine


@dataclass(frozen=True)
class TeamInfo:
    database: str
    member_role: str
    admin_role: str
    tables: int
    unlisted: list[str]


@dataclass(frozen=True)
class Invitation:
    name: str
    role: str
    url: str  # holds the password: print it once, never store or log it


@dataclass(frozen=True)
class Member:
    name: str
    role: str | None
    can_login: bool


def _require_pg(location: DbLocation) -> None:
    if location.is_sqlite:
        raise ValidationError(
            "Team mode needs a PostgreSQL database (--db postgresql+psycopg://…); "
            "profiles on one SQLite file need no set-up."
        )


def prefix_for(database: str) -> str:
    """The team's role-name prefix, from the database name (role names are server-wide)."""
    slug = re.sub(r"[^a-z0-9_]+", "_", database.lower()).strip("_") or "rt"
    return slug[:40]


def role_for(prefix: str, name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    if not slug:
        slug = "m" + hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{prefix}_{slug}"[:63]


def scram_verifier(password: str, iterations: int = 4096) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677)."""
    salt = os.urandom(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()

    def b64(b: bytes) -> str:
        return base64.b64encode(b).decode()

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def _who(conn: Connection) -> Any:
    return conn.execute(text(
        "SELECT current_user AS me, current_database() AS db, r.rolsuper AS sup, "
        "r.rolcreaterole AS createrole FROM pg_roles r WHERE r.rolname = current_user"
    )).one()


def _check_can_create_roles(who: Any, what: str) -> None:
    if not (who.sup or who.createrole):
        raise StoreError(
            f"The role {who.me!r} may not create roles, which {what} needs: connect as a role "
            f"with the CREATEROLE privilege (a superuser can run: ALTER ROLE {rls.quote(who.me)} "
            "CREATEROLE); nothing was changed."
        )


def _role_exists(conn: Connection, role: str) -> bool:
    return conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first() is not None


def _tables(conn: Connection) -> set[str]:
    return {r[0] for r in conn.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))}


def _check_can_secure(conn: Connection, who: Any) -> None:
    """Row-level security can be switched on only by a table's owner; the schema can be
    created only with CREATE on the public schema."""
    if who.sup:
        return
    foreign = conn.execute(text(
        "SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public' "
        "AND tableowner <> current_user ORDER BY tablename LIMIT 1")).first()
    if foreign:
        raise StoreError(
            f"The table {foreign.tablename!r} belongs to the role {foreign.tableowner!r}: only a "
            "table's owner may switch on row-level security, so run team init as "
            f"{foreign.tableowner!r} (or a superuser); nothing was changed."
        )
    if not conn.execute(text("SELECT has_schema_privilege('public', 'CREATE')")).scalar():
        raise StoreError(
            f"The role {who.me!r} lacks the CREATE privilege on the schema public of "
            f"{who.db!r} (the owner of the database has it); nothing was changed."
        )


def _engine(location: DbLocation) -> Engine:
    _require_pg(location)
    return make_engine(location)


@contextmanager
def _guard(location: DbLocation) -> Iterator[None]:
    """Turn driver errors into one sentence."""
    try:
        yield
    except SQLAlchemyError as err:
        raise describe_db_error(err, location) from None


def init(location: DbLocation) -> TeamInfo:
    """Create or upgrade the schema, the team's roles and the policies (safe to run again,
    e.g. after an upgrade added tables)."""
    from ..store.migrate import ensure_schema

    engine = _engine(location)
    try:
        with _guard(location):
            with engine.connect() as conn:
                who = _who(conn)
                _check_can_create_roles(who, "team init")
                _check_can_secure(conn, who)
            ensure_schema(engine, location)
            with engine.begin() as conn:
                conn.execute(text("SELECT pg_advisory_xact_lock(740213)"))
                prefix = prefix_for(who.db)
                member, admin = rls.group_roles(prefix)
                for role in (member, admin):
                    if not _role_exists(conn, role):
                        conn.execute(text(f"CREATE ROLE {rls.quote(role)} NOLOGIN"))
                if not who.sup:
                    conn.execute(text(f"GRANT {rls.quote(admin)} TO {rls.quote(who.me)}"))
                tables = _tables(conn)
                sequences = [r[0] for r in conn.execute(text(
                    "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"))]
                for statement in rls.policy_statements(tables, sequences, prefix, who.db):
                    conn.exec_driver_sql(statement)
            return TeamInfo(who.db, member, admin, len(tables), rls.unlisted(tables))
    finally:
        engine.dispose()


def _check_team(conn: Connection, prefix: str) -> str:
    member, _admin = rls.group_roles(prefix)
    secured = conn.execute(text(
        "SELECT relrowsecurity FROM pg_class WHERE relname = 'attempts' "
        "AND relnamespace = 'public'::regnamespace")).scalar()
    if not secured or not _role_exists(conn, member):
        raise ValidationError(
            "This database is not set up for team mode yet; run 'rejection-therapy team init "
            "--db URL' first."
        )
    return member


def invite(location: DbLocation, name: str, *, existing: bool = False, again: bool = False) -> Invitation:
    """A login role and a profile bound to it; the connection string comes back once.
    ``again`` lets a revoked member back in with a new password (same role, same history)."""
    name = clean_name(name, "member name")
    engine = _engine(location)
    try:
        with _guard(location), engine.begin() as conn:
            who = _who(conn)
            _check_can_create_roles(who, "team invite")
            prefix = prefix_for(who.db)
            member = _check_team(conn, prefix)
            row = conn.execute(text(
                "SELECT id, name, role_name FROM profiles WHERE lower(name) = lower(:n) FOR UPDATE"),
                {"n": name}).first()
            if row is not None and row.role_name:
                can_login = conn.execute(text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :r"),
                                         {"r": row.role_name}).scalar()
                if can_login is False and again:
                    return _readmit(conn, location, row.name, row.role_name, member)
                if can_login is False:
                    raise ValidationError(
                        f"{row.name!r} was revoked; to let them back in with a new password run "
                        f"'rejection-therapy team invite {row.name} --again'."
                    )
                raise ValidationError(
                    f"{row.name!r} is already a member (role {row.role_name!r}); nothing was changed."
                )
            if row is not None and not existing:
                raise ValidationError(
                    f"A profile named {row.name!r} already exists; to give it a login and keep its "
                    f"history, run 'rejection-therapy team invite {row.name} --existing'."
                )
            role = role_for(prefix, name)
            if _role_exists(conn, role):
                raise ValidationError(
                    f"The database role {role!r} already exists; invite the member under another name."
                )
            password = secrets.token_urlsafe(24)
            verifier = scram_verifier(password)  # only [A-Za-z0-9+/=:$-]: safe as a literal
            conn.exec_driver_sql(
                f"CREATE ROLE {rls.quote(role)} LOGIN PASSWORD '{verifier}' IN ROLE {rls.quote(member)}"
            )
            if row is None:
                conn.execute(text(
                    "INSERT INTO profiles (name, created_at, role_name, hide_name) "
                    "VALUES (:n, :at, :r, false)"),
                    {"n": name, "at": clock_now().replace(tzinfo=None), "r": role})
            else:
                name = row.name
                conn.execute(text("UPDATE profiles SET role_name = :r WHERE id = :id"),
                             {"r": role, "id": row.id})
        from sqlalchemy import make_url

        url = make_url(location.url).set(username=role, password=password)
        return Invitation(name, role, url.render_as_string(hide_password=False))
    finally:
        engine.dispose()


def _readmit(conn: Connection, location: DbLocation, name: str, role: str, member: str) -> Invitation:
    from sqlalchemy import make_url

    password = secrets.token_urlsafe(24)
    conn.exec_driver_sql(f"ALTER ROLE {rls.quote(role)} LOGIN PASSWORD '{scram_verifier(password)}'")
    conn.exec_driver_sql(f"GRANT {rls.quote(member)} TO {rls.quote(role)}")
    url = make_url(location.url).set(username=role, password=password)
    return Invitation(name, role, url.render_as_string(hide_password=False))


def revoke(location: DbLocation, name: str) -> Member:
    """End a member's access (NOLOGIN, out of the member group, open sessions ended when
    allowed); their profile and history stay, and still count on the board."""
    engine = _engine(location)
    try:
        with _guard(location), engine.begin() as conn:
            who = _who(conn)
            _check_can_create_roles(who, "team revoke")
            member = _check_team(conn, prefix_for(who.db))
            row = conn.execute(text(
                "SELECT name, role_name FROM profiles WHERE lower(name) = lower(:n)"),
                {"n": clean_name(name, "member name")}).first()
            if row is None or not row.role_name:
                raise NotFoundError(
                    f"There is no member named {name.strip()!r}; see 'rejection-therapy team members'."
                )
            role = rls.quote(row.role_name)
            if _role_exists(conn, row.role_name):
                conn.execute(text(f"ALTER ROLE {role} NOLOGIN"))
                conn.execute(text(f"REVOKE {rls.quote(member)} FROM {role}"))
                try:
                    with conn.begin_nested():
                        conn.execute(text(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :r"),
                            {"r": row.role_name})
                except SQLAlchemyError:
                    pass  # not allowed to end sessions: the revoked rights apply to them anyway
            return Member(row.name, row.role_name, False)
    finally:
        engine.dispose()


def members(location: DbLocation) -> list[Member]:
    engine = _engine(location)
    try:
        with _guard(location), engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT p.name, p.role_name, coalesce(r.rolcanlogin, false) AS can_login "
                "FROM profiles p LEFT JOIN pg_roles r ON r.rolname = p.role_name ORDER BY p.id"))
            return [Member(r.name, r.role_name, bool(r.can_login)) for r in rows]
    finally:
        engine.dispose()
