"""The schema, as SQLAlchemy 2 typed models.

Instants are naive UTC (``UtcDateTime`` hands back aware UTC datetimes). Every row that a
user creates carries a ``uuid`` so that export → import never duplicates.
Change a model only together with a new Alembic migration in ``migrations/versions``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    column,
    table,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator):
    """Stored as naive UTC, returned as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Profile(Base):
    __tablename__ = "profiles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Team mode (migration 0003): the PostgreSQL login role of the member, and whether
    # boards and the team feed show "a teammate" instead of the name.
    role_name: Mapped[str | None] = mapped_column(String(63), nullable=True)
    hide_name: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    __table_args__ = (Index("uq_profiles_role_name", "role_name", unique=True),)


class Setting(Base):
    """One setting of one profile, its value as JSON text (see core.settings)."""

    __tablename__ = "settings"
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Goal(Base):
    """A profile's goals from ``valid_from`` on; the latest row at or before a day applies."""

    __tablename__ = "goals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    valid_from: Mapped[date] = mapped_column(Date)
    daily_attempts: Mapped[int] = mapped_column(Integer, default=0)
    daily_nos: Mapped[int] = mapped_column(Integer, default=0)
    daily_cap: Mapped[int | None] = mapped_column(Integer, nullable=True)
    per_channel: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON {channel: n}
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    __table_args__ = (UniqueConstraint("profile_id", "valid_from", name="uq_goals_profile_day"),)


class RestDay(Base):
    __tablename__ = "rest_days"
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)


class Challenge(Base):
    __tablename__ = "challenges"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(32), unique=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), index=True)
    preset: Mapped[str] = mapped_column(String(20))  # 100-day | pitch-sprint | quota-month | custom
    name: Mapped[str] = mapped_column(String(120))
    start_day: Mapped[date] = mapped_column(Date)
    length_days: Mapped[int] = mapped_column(Integer)
    target_per_day: Mapped[int | None] = mapped_column(Integer, nullable=True)
    target_total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    channels: Mapped[str | None] = mapped_column(Text, nullable=True)  # comma-separated; None = all
    rest_weekdays: Mapped[str | None] = mapped_column(String(20), nullable=True)  # "5,6"
    daily_cap: Mapped[int | None] = mapped_column(Integer, nullable=True)
    effort_only: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12), default="active")  # active|completed|abandoned
    abandon_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    ended_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    extended_days: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Attempt(Base):
    __tablename__ = "attempts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(32), unique=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)  # the instant of the attempt
    local_day: Mapped[date] = mapped_column(Date)  # decided at logging time; never moves
    tz: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(120))
    target: Mapped[str | None] = mapped_column(String(120), nullable=True)
    segment: Mapped[str | None] = mapped_column(String(120), nullable=True)
    tags: Mapped[str | None] = mapped_column(Text, nullable=True)
    discomfort: Mapped[int | None] = mapped_column(Integer, nullable=True)
    outcome: Mapped[str] = mapped_column(String(10))  # pending|no|silence|yes
    outcome_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    conversation: Mapped[bool] = mapped_column(Boolean, default=False)
    rejection_kind: Mapped[str | None] = mapped_column(String(20), nullable=True)
    stated_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    real_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    notes: Mapped[str | None] = mapped_column(Text, nullable=True)
    follow_up_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    follow_up_state: Mapped[str | None] = mapped_column(String(10), nullable=True)  # open|done|dropped
    lesson: Mapped[str | None] = mapped_column(Text, nullable=True)
    challenge_id: Mapped[int | None] = mapped_column(
        ForeignKey("challenges.id", ondelete="SET NULL"), nullable=True
    )
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Exposure practice (migration 0004): the chance of a yes expected before (0-100), how
    # bad a no would feel (1-5), how bad it felt after (1-5), the ladder rung it climbs.
    guess_pct: Mapped[int | None] = mapped_column(Integer, nullable=True)
    dread: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sting: Mapped[int | None] = mapped_column(Integer, nullable=True)
    rung_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # ladder_rungs.id (no FK: added by ALTER)

    changes: Mapped[list[OutcomeChange]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        # Per-person day queries and leaderboards: index-only counts by day and outcome.
        Index("ix_attempts_profile_day", "profile_id", "local_day", "outcome"),
        Index("ix_attempts_pending", "profile_id", "outcome", "created_at"),
        Index("ix_attempts_follow_up", "profile_id", "follow_up_on"),
    )


class DayTotal(Base):
    """Attempts and no's per profile and local day, kept by database triggers on ``attempts``
    (migration 0002), so every writer keeps it right: the ORM, the stdlib quick path, bulk
    imports. Streaks, lifetime no's and team boards read ~1,000 rows here instead of a
    member's whole history."""

    __tablename__ = "day_totals"
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True)
    local_day: Mapped[date] = mapped_column(Date, primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    nos: Mapped[int] = mapped_column(Integer, default=0)
    # Each member's best day is one index probe (migration 0006).
    __table_args__ = (
        Index("ix_day_totals_profile_nos", "profile_id", "nos"),
        Index("ix_day_totals_profile_attempts", "profile_id", "attempts"),
    )


class OutcomeChange(Base):
    """History of an attempt's outcome: every change, with when it was made."""

    __tablename__ = "outcome_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"), index=True)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    old_outcome: Mapped[str] = mapped_column(String(10))
    new_outcome: Mapped[str] = mapped_column(String(10))
    cause: Mapped[str] = mapped_column(String(20), default="user")  # user | silence-window

    attempt: Mapped[Attempt] = relationship(back_populates="changes")


class Win(Base):
    __tablename__ = "wins"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(32), unique=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    local_day: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("attempts.id", ondelete="SET NULL"), nullable=True)
    __table_args__ = (Index("ix_wins_profile_day", "profile_id", "local_day"),)


class Competition(Base):
    __tablename__ = "competitions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    metric: Mapped[str] = mapped_column(String(10), default="nos")  # nos | attempts
    start_day: Mapped[date] = mapped_column(Date)
    end_day: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="running")  # running | closed
    winner_profile_id: Mapped[int | None] = mapped_column(
        ForeignKey("profiles.id", ondelete="SET NULL"), nullable=True
    )
    created_by: Mapped[int | None] = mapped_column(ForeignKey("profiles.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CompetitionEntry(Base):
    __tablename__ = "competition_entries"
    competition_id: Mapped[int] = mapped_column(
        ForeignKey("competitions.id", ondelete="CASCADE"), primary_key=True
    )
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True)


class Review(Base):
    """The Adjust section of a review: what the user decided to change."""

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    period_key: Mapped[str] = mapped_column(String(40))  # "2026-11" or "challenge:<uuid>"
    adjust_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    __table_args__ = (UniqueConstraint("profile_id", "period_key", name="uq_reviews_profile_period"),)


class LadderRung(Base):
    """One ask of the comfort ladder, rated 1-5 for discomfort; done_on once climbed."""

    __tablename__ = "ladder_rungs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(32), unique=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(200))
    discomfort: Mapped[int] = mapped_column(Integer)
    done_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Plan(Base):
    """An if-then plan of the daily goal (challenge_id None) or of a challenge."""

    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(32), unique=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), index=True)
    challenge_id: Mapped[int | None] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    at_time: Mapped[str | None] = mapped_column(String(5), nullable=True)  # "HH:MM"
    weekdays: Mapped[str | None] = mapped_column(String(20), nullable=True)  # "0,1,2,3,4"
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RestBudget(Base):
    """Rest tokens a month from ``valid_from`` on (like goals: earlier days keep theirs)."""

    __tablename__ = "rest_budgets"
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True)
    valid_from: Mapped[date] = mapped_column(Date, primary_key=True)
    tokens: Mapped[int] = mapped_column(Integer)


class RestToken(Base):
    """A rest token spent by hand on a day (``rest [DAY]``); automatic spends are computed."""

    __tablename__ = "rest_tokens"
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SharedLesson(Base):
    """The lesson of a no that a member shared with the team (migration 0003): kind, channel,
    lesson and day, never the target or the notes. Deleting the row withdraws it."""

    __tablename__ = "shared_lessons"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(32), unique=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), index=True)
    attempt_id: Mapped[int | None] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), nullable=True, unique=True
    )
    kind: Mapped[str | None] = mapped_column(String(20), nullable=True)
    channel: Mapped[str] = mapped_column(String(120))
    lesson: Mapped[str] = mapped_column(Text)
    day: Mapped[date] = mapped_column(Date)
    shared_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class UndoRecord(Base):
    """The last logs and deletes of a profile (kept a day), so ``undo`` works from any
    interface: ``action`` is "log" (undo deletes ``attempt_ids``) or "delete" (undo puts the
    JSON ``snapshot`` back)."""

    __tablename__ = "undo_records"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    made_at: Mapped[datetime] = mapped_column(UtcDateTime)
    action: Mapped[str] = mapped_column(String(10))
    attempt_ids: Mapped[str] = mapped_column(Text)  # JSON list of ids
    snapshot: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON list of snapshots
    __table_args__ = (Index("ix_undo_records_profile", "profile_id", "id"),)


# A view (migration 0006), not a table of the metadata: the names boards and the feed show.
# On PostgreSQL a member reads everyone's through it (NULL for those who opted out) but only
# their own row of ``profiles``.
BOARD_NAMES = table("board_names", column("id", Integer), column("name", String), column("hide_name", Boolean))
