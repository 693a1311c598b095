"""Funnel math: how many attempts a yes costs, so that each no reads as progress."""

import math
from typing import NamedTuple

from rejection_therapy.core.text import plural

# One rule for every count (dashboard, CLI today, funnel, review, charts): a yes implies a
# conversation, whether or not the "conversation" box was ticked (a quick ``y`` never ticks it).
# The SQL form is the same rule for the aggregate queries (SQLite and PostgreSQL).
CONVERSATION_SQL = "(conversation OR outcome = 'yes')"


def is_conversation(outcome: str, conversation: bool) -> bool:
    """Did this attempt reach a conversation? A yes always did."""
    return bool(conversation) or outcome == "yes"


class Funnel(NamedTuple):
    attempts: int
    conversations: int
    yeses: int
    since_last_yes: int = 0

    @property
    def attempts_per_yes(self) -> float | None:
        return self.attempts / self.yeses if self.yeses else None

    @property
    def conversations_per_yes(self) -> float | None:
        return self.conversations / self.yeses if self.yeses else None

    @property
    def conversation_rate(self) -> float | None:
        return self.conversations / self.attempts if self.attempts else None

    @property
    def attempts_to_next_yes(self) -> int | None:
        """Attempts still to make, on average, before the next yes at the current rate."""
        rate = self.attempts_per_yes
        if rate is None:
            return None
        return max(0, math.ceil(rate) - self.since_last_yes)

    def sentence(self) -> str:
        rate = self.attempts_per_yes
        if rate is None:
            if self.attempts == 0:
                return "No attempts yet: the first one is the hardest."
            return f"{plural(self.attempts, 'attempt')} so far and no yes yet: every no is part of the price."
        text = f"At your rate, a yes costs {plural(math.ceil(rate), 'attempt')}"
        remaining = self.attempts_to_next_yes
        if remaining:
            text += f"; {remaining:,} more to go, on average."
        else:
            text += "; the next one is due any time now."
        return text
