"""The feedback request: a short message asking a lost prospect or a silent client why.

The template lives in the profile's settings (``feedback_template``) and uses ``{name}``,
``{channel}``, ``{date}`` and ``{signature}`` (the ``signature`` setting). A pending or silent
attempt gets its own wording (``DEFAULT_SILENT_TEMPLATE``): no answer is not a no. The result is plain text: nothing in it is markup, and what
the user typed (names, template) stays exactly as typed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from ..core import learn
from ..core.settings import DEFAULT_FEEDBACK_TEMPLATE, DEFAULT_SILENT_TEMPLATE
from ..core.text import strip_controls
from . import attempts as attempts_svc
from . import settings as settings_svc


@dataclass(frozen=True)
class FeedbackRequest:
    attempt_id: int
    target: str | None
    channel: str
    outcome: str
    text: str


def request_for(session: Session, profile_id: int, attempt_id: int, template: str | None = None) -> FeedbackRequest:
    """The filled message for one attempt (the stored template unless one is given)."""
    row = attempts_svc.get(session, profile_id, attempt_id)
    settings = settings_svc.load(session, profile_id)
    if template is None:
        template = DEFAULT_SILENT_TEMPLATE if row.outcome in ("pending", "silence") else settings.feedback_template
    text = learn.render_feedback(template, row.target, row.channel, row.local_day, settings.signature)
    return FeedbackRequest(row.id, row.target, row.channel, row.outcome, text)


def template(session: Session, profile_id: int) -> str:
    return settings_svc.load(session, profile_id).feedback_template


def set_template(session: Session, profile_id: int, text: str | None) -> str:
    """Store a new template (``None`` or the default text puts the default back)."""
    value = DEFAULT_FEEDBACK_TEMPLATE if text is None else learn.check_template(text)
    return settings_svc.update(session, profile_id, feedback_template=value).feedback_template


def set_signature(session: Session, profile_id: int, text: str | None) -> str:
    """Store the name written after "Thank you," (empty text clears it)."""
    value = " ".join(strip_controls(text or "").split())
    return settings_svc.update(session, profile_id, signature=value).signature


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write the message to a file (UTF-8, atomically); returns the full path."""
    from .followups import write_user_file

    return write_user_file(path, text.encode("utf-8"), "feedback.txt")
