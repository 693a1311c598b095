"""The schema revisions this version of the app knows, oldest first.

Checked cheaply on every start (no Alembic import); a test keeps it equal to the Alembic
history. Add the new revision id here whenever a migration is added.
"""

KNOWN_REVISIONS = ("0001_initial", "0002_day_totals", "0003_team", "0004_exposure", "0005_ledger", "0006_team_speed")
HEAD = KNOWN_REVISIONS[-1]
