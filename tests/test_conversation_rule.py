"""One rule in every count: a yes implies a conversation (issue 11: "99 attempts → 0
conversations → 3 yes", and the dashboard's "Yes's 3 · Conversations 0")."""

from __future__ import annotations

from rejection_therapy import clock
from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.funnel import is_conversation
from rejection_therapy.services import review as review_svc
from rejection_therapy.services import today as today_svc
from rejection_therapy.services.attempts import log_attempt
from rejection_therapy.services.charts import chart_data


def test_a_yes_is_a_conversation():
    assert is_conversation("yes", False)
    assert is_conversation("no", True)
    assert not is_conversation("no", False)


def test_quick_yeses_count_as_conversations_everywhere(ctx):
    with ctx.store.write() as s:
        for outcome in ("yes", "yes", "yes", "no", "no", "silence"):
            log_attempt(s, ctx.profile_id, AttemptInput(outcome=outcome))  # as the y key logs it
        log_attempt(s, ctx.profile_id, AttemptInput(outcome="no", conversation=True))
    today = clock.now().date()
    with ctx.store.read() as s:
        summary = today_svc.summary(s, ctx.profile_id)
        funnel = chart_data(s, ctx.profile_id, "funnel", today=today).data.funnel
        channels = chart_data(s, ctx.profile_id, "channels", today=today).data
        review = review_svc.build(s, ctx.profile_id, today=today)
    assert summary.yeses == 3 and summary.conversations == 4
    assert (funnel.attempts, funnel.conversations, funnel.yeses) == (7, 4, 3)
    assert sum(b.conversations for b in channels) == 4
    assert review.figures.conversations == 4
