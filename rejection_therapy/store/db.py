"""The Store: one database, its engine and short sessions.

    store = Store.open(resolve_db(args.db))
    with store.write() as s:      # BEGIN IMMEDIATE on SQLite, committed on exit
        services.attempts.log_attempt(s, profile_id, data)
    with store.read() as s:       # deferred BEGIN, rolled back on exit
        services.today.summary(s, profile_id)

Every SQLAlchemy error leaves as an RTError with a plain sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..config import DbLocation
from ..core.errors import RTError
from .engine import READ_ONLY, describe_db_error, make_engine
from .migrate import ensure_schema


class Store:
    def __init__(self, location: DbLocation, engine) -> None:
        self.location = location
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.backup_path: str | None = None

    @classmethod
    def open(cls, location: DbLocation, *, migrate: bool = True) -> Store:
        engine = make_engine(location)
        store = cls(location, engine)
        try:
            if migrate:
                store.backup_path = ensure_schema(engine, location)
        except BaseException:
            engine.dispose()
            raise
        return store

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def write(self) -> Iterator[Session]:
        if self.location.is_sqlite:  # the first write of a day leaves yesterday's state in backups/
            from .rolling import ensure_daily

            ensure_daily(self.location.path)
        session = self._sessions()
        try:
            with session.begin():
                yield session
        except RTError:
            raise
        except SQLAlchemyError as err:
            raise describe_db_error(err, self.location) from None
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        session = self._sessions()
        session.connection(execution_options={READ_ONLY: True})
        try:
            yield session
        except RTError:
            raise
        except SQLAlchemyError as err:
            raise describe_db_error(err, self.location) from None
        finally:
            # close() (not rollback()) ends the transaction without expiring loaded rows,
            # so what a read returned stays usable after the block.
            session.close()

    def close(self) -> None:
        self.engine.dispose()
