"""The feedback request: filled with the attempt's name and channel, plain text, editable."""

from datetime import UTC, datetime

import pytest

from rejection_therapy.core.attempts import AttemptInput
from rejection_therapy.core.errors import NotFoundError, ValidationError
from rejection_therapy.core.settings import DEFAULT_FEEDBACK_TEMPLATE
from rejection_therapy.services import attempts, feedback
from rejection_therapy.services import settings as settings_svc

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def log(ctx, **kw):
    with ctx.store.write() as s:
        return attempts.log_attempt(s, ctx.profile_id, AttemptInput(**kw), now=NOW).id


def test_feedback_contains_the_name_and_no_markup(ctx):
    aid = log(ctx, outcome="no", target="Priya at Lumen", channel="proposal")
    with ctx.store.read() as s:
        req = feedback.request_for(s, ctx.profile_id, aid)
    assert "Priya at Lumen" in req.text and "proposal" in req.text
    for mark in ("[", "]", "{", "}", "**", "<", "#", "\x1b"):
        assert mark not in req.text
    assert req.text.startswith("Hi Priya at Lumen,")


def test_user_markup_in_the_name_stays_literal(ctx):
    aid = log(ctx, outcome="silence", target="[bold]Bob[/bold] [@click=app.quit]x[/]", channel="email")
    with ctx.store.read() as s:
        text = feedback.request_for(s, ctx.profile_id, aid).text
    assert "[bold]Bob[/bold] [@click=app.quit]x[/]" in text


def test_edited_template_is_used_and_can_be_reset(ctx):
    aid = log(ctx, outcome="no", target="Kim", channel="dm")
    with ctx.store.write() as s:
        feedback.set_template(s, ctx.profile_id, "Hello {name}, about my {channel} on {date}: why not?")
    with ctx.store.read() as s:
        assert settings_svc.load(s, ctx.profile_id).feedback_template.startswith("Hello {name}")
        text = feedback.request_for(s, ctx.profile_id, aid).text
    assert text == "Hello Kim, about my message on 2026-11-20: why not?\n"
    with ctx.store.write() as s:
        feedback.set_template(s, ctx.profile_id, None)
        assert feedback.template(s, ctx.profile_id) == DEFAULT_FEEDBACK_TEMPLATE


def test_empty_template_is_refused_and_changes_nothing(ctx):
    with ctx.store.write() as s, pytest.raises(ValidationError):
        feedback.set_template(s, ctx.profile_id, "  \n")
    with ctx.store.read() as s:
        assert feedback.template(s, ctx.profile_id) == DEFAULT_FEEDBACK_TEMPLATE


def test_missing_target_reads_naturally(ctx):
    aid = log(ctx, outcome="no")
    with ctx.store.read() as s:
        assert feedback.request_for(s, ctx.profile_id, aid).text.startswith("Hi there,")


def test_unknown_attempt(ctx):
    with ctx.store.read() as s, pytest.raises(NotFoundError):
        feedback.request_for(s, ctx.profile_id, 424242)


def test_write_text_to_a_file(tmp_path):
    path = feedback.write_text(tmp_path / "fb.txt", "Hi [b]x[/b]\n")
    assert path.read_text(encoding="utf-8") == "Hi [b]x[/b]\n"
    with pytest.raises(ValidationError):
        feedback.write_text(tmp_path, "x")


def test_signature_after_thank_you_and_silent_wording(ctx):
    """Issue 17: "Thank you," ended with no name; a silent prospect was told "I take it this is
    not something you want to go ahead with"."""
    no = log(ctx, outcome="no", target="Priya", channel="call")
    waiting = log(ctx, outcome="pending", target="Sam", channel="email")
    with ctx.store.write() as s:
        assert feedback.set_signature(s, ctx.profile_id, "  Alex   Doe ") == "Alex Doe"
    with ctx.store.read() as s:
        after_no = feedback.request_for(s, ctx.profile_id, no).text
        after_silence = feedback.request_for(s, ctx.profile_id, waiting).text
    assert after_no.endswith("Thank you,\nAlex Doe\n")
    assert "not something you want to go ahead with" in after_no
    assert "not something you want" not in after_silence and "have not heard back" in after_silence
    assert after_silence.endswith("Thank you,\nAlex Doe\n")
    with ctx.store.write() as s:  # a stored template without {signature} still gets it
        feedback.set_template(s, ctx.profile_id, "Hi {name}, why not?\nThank you,")
    with ctx.store.read() as s:
        assert feedback.request_for(s, ctx.profile_id, no).text == "Hi Priya, why not?\nThank you,\nAlex Doe\n"
    with ctx.store.write() as s:
        with pytest.raises(ValidationError):
            settings_svc.update(s, ctx.profile_id, signature="x" * 81)


def test_no_signature_leaves_no_placeholder(ctx):
    aid = log(ctx, outcome="no", target="Priya", channel="call")
    with ctx.store.read() as s:
        text = feedback.request_for(s, ctx.profile_id, aid).text
    assert text.endswith("Thank you,\n") and "{" not in text
