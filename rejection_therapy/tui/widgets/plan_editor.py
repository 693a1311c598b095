"""The if-then plan field of the challenge form, the settings screen and the review's Adjust
section (issue 15).

An input that adds a plan (Enter), and the list of plans: Enter or a click on a plan puts it
back in the input to change it (Enter saves the new text; an emptied input drops the plan),
and ``delete`` drops the highlighted plan at once. The widget only asks: it posts
``PlanEditor.Add``, ``Edit`` and ``Remove`` and the screen decides (the challenge form keeps
its plans until the challenge starts; settings and the review store them at once through
services.plans, with ``run_plan_change``). Plan text is checked by core.plans.check_plan_text
either way, the rule of ``plans add``, ``plans edit`` and ``--if-then``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...core.errors import ValidationError
from ...core.plans import PLAN_MAX
from ..safe import plain

PLACEHOLDER = "If it is 9:00 on a weekday, then I …   (Enter adds)"
EDITING = "Enter saves the change; an empty plan is dropped."


class PlanEditor(Vertical):
    DEFAULT_CSS = """
    PlanEditor { height: auto; }
    PlanEditor #pe-input { width: 1fr; }
    PlanEditor #pe-list { height: auto; max-height: 4; border: none; padding: 0; background: $surface; }
    PlanEditor #pe-list.-empty { display: none; }
    PlanEditor #pe-note { color: $text-muted; height: auto; }
    PlanEditor #pe-note.-error { color: $error; }
    PlanEditor #pe-note.-empty { display: none; }
    """
    BINDINGS = [Binding("delete", "drop", "Drop plan", id="plans.drop")]

    class Add(Message):
        """The user typed a new plan and pressed Enter."""

        def __init__(self, editor: PlanEditor, text: str) -> None:
            super().__init__()
            self.editor, self.text = editor, text

    class Edit(Message):
        """The user changed plan ``key``'s text."""

        def __init__(self, editor: PlanEditor, key: str, text: str) -> None:
            super().__init__()
            self.editor, self.key, self.text = editor, key, text

    class Remove(Message):
        """The user dropped plan ``key`` (as given to ``set_plans``)."""

        def __init__(self, editor: PlanEditor, key: str) -> None:
            super().__init__()
            self.editor, self.key = editor, key

    def __init__(self, placeholder: str = PLACEHOLDER, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.placeholder = placeholder
        self.editing: str | None = None  # the key of the plan in the input, if one is
        self._texts: dict[str, str] = {}
        # A plan on its way to the host: the second Enter of a burst (which reaches the input
        # before the host has answered the first) must not add it twice.
        self._sent = False

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.placeholder, id="pe-input", compact=True, max_length=PLAN_MAX)
        options = OptionList(id="pe-list", classes="-empty")
        options.tooltip = "Enter or a click changes the plan; delete drops it"
        yield options
        yield Static("", id="pe-note", classes="-empty")

    @property
    def input(self) -> Input:
        return self.query_one("#pe-input", Input)

    def set_plans(self, plans: list[tuple[str, str]]) -> None:
        """Show ``(key, text)`` pairs."""
        self._texts = dict(plans)
        self._sent = False  # the host answered
        options = self.query_one("#pe-list", OptionList)
        was = options.highlighted or 0
        options.clear_options()
        options.add_options([Option(plain(f"• {text}"), id=key) for key, text in plans])
        options.set_class(not plans, "-empty")
        if plans:  # Enter on the list always has a plan to act on (the next one after a drop)
            options.highlighted = min(was, len(plans) - 1)
        if self.editing is not None and self.editing not in self._texts:
            self.added()

    def show_error(self, text: str | None) -> None:
        self._sent = False  # refused: the person may change it and press Enter again
        self._note(text, error=True)

    def _note(self, text: str | None, error: bool = False) -> None:
        note = self.query_one("#pe-note", Static)
        note.update(plain(text or ""))
        note.set_class(not text, "-empty")
        note.set_class(error, "-error")

    def added(self) -> None:
        """The host took the change: clear the input, the plan being edited and any error."""
        self.editing = None
        self._sent = False
        self.input.value = ""
        self.input.placeholder = self.placeholder
        self._note(None)

    @on(Input.Submitted, "#pe-input")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if self._sent:
            event.stop()
            return
        if self.editing is not None:
            event.stop()
            self._sent = True
            self.post_message(self.Edit(self, self.editing, text) if text else self.Remove(self, self.editing))
        elif text:  # an empty Enter goes on to the form (save)
            event.stop()
            self._sent = True
            self.post_message(self.Add(self, event.value))

    @on(Input.Changed, "#pe-input")
    def _typing(self, event: Input.Changed) -> None:
        event.stop()  # the form's own fields are checked on change; a half-typed plan is not

    @on(OptionList.OptionSelected, "#pe-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id
        if key is None:
            return
        self.editing = key
        self.input.value = self._texts.get(key, "")
        self.input.focus()
        self._note(EDITING)

    def action_drop(self) -> None:
        options = self.query_one("#pe-list", OptionList)
        if options.has_focus and options.highlighted is not None:
            key = options.get_option_at_index(options.highlighted).id
            if key is not None:
                self.post_message(self.Remove(self, key))


def run_plan_change(node: Any, editor: PlanEditor, change: Callable[[Any, int], Any] | None,
                    listing: Callable[[Any, int], list], clear: bool = False,
                    then: Callable[[], None] | None = None) -> None:
    """Settings and the review: run ``change(session, profile_id)`` (a services.plans call;
    None only loads) in a worker, then show ``listing(session, profile_id)``. A refused plan
    stays in the input with the service's sentence under it. ``then`` runs after a change."""
    from ..base import report_error, run_db

    def work(ctx: Any) -> Any:
        with ctx.store.write() if change else ctx.store.read() as s:
            if change:
                change(s, ctx.profile_id)
            return listing(s, ctx.profile_id)

    def show(plans: list) -> None:
        editor.set_plans([(str(p.id), p.text) for p in plans])
        if clear:
            editor.added()
        if then is not None and change is not None:
            then()

    def refused(err: BaseException) -> None:
        if isinstance(err, ValidationError):
            editor.show_error(f"Not saved: {err}")
        else:
            report_error(node.app, err)

    run_db(node, work, show, group="plans", on_error=refused)


class PlanEditorHost:
    """The screens that hold a PlanEditor (settings, the review) answer its three messages the
    same way, through their ``_plans(change, clear)``; ``plan_challenge_id`` names the challenge
    a new plan belongs to (None: the daily goal's)."""

    def _plans(self, change: Any, clear: bool = False) -> None:  # pragma: no cover - each screen's own
        raise NotImplementedError

    def plan_challenge_id(self) -> int | None:
        return None

    def on_plan_editor_add(self, event: PlanEditor.Add) -> None:
        from ...services import plans

        text, challenge_id = event.text, self.plan_challenge_id()
        self._plans(lambda s, pid: plans.add(s, pid, text, challenge_id), clear=True)  # as `plans add`

    def on_plan_editor_edit(self, event: PlanEditor.Edit) -> None:
        from ...services import plans

        plan_id, text = int(event.key), event.text
        self._plans(lambda s, pid: plans.update(s, pid, plan_id, text), clear=True)  # as `plans edit`

    def on_plan_editor_remove(self, event: PlanEditor.Remove) -> None:
        from ...services import plans

        plan_id = int(event.key)
        self._plans(lambda s, pid: plans.remove(s, pid, plan_id), clear=event.editor.editing == event.key)
