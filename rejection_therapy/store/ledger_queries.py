"""SQL shared by the stdlib quick path and the services for the challenge headlines of ``today``."""

ACTIVE_CHALLENGES = (
    "SELECT id, name, start_day, length_days, extended_days, target_per_day, channels, rest_weekdays, "
    "daily_cap, effort_only "
    "FROM challenges WHERE profile_id = :profile_id AND status = 'active' ORDER BY start_day, id"
)
CHANNEL_COUNTS = (
    "SELECT channel, COUNT(*) FROM attempts WHERE profile_id = :profile_id AND local_day = :day GROUP BY channel"
)
