"""The if-then plan field of the challenge form and the settings screen (issue 15).

An input that adds a plan (Enter) and the list of plans added so far (Enter or a click on a
plan removes it). The widget only asks: it posts ``PlanEditor.Add`` and ``PlanEditor.Remove``
and the screen decides (the challenge form keeps the plans until the challenge starts; the
settings screen stores them at once through services.plans). Plan text is checked by
core.plans.check_plan_text either way, the rule ``plans add`` and ``--if-then`` use.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...core.plans import PLAN_MAX
from ..safe import plain

PLACEHOLDER = "If it is 9:00 on a weekday, then I …   (Enter adds)"


class PlanEditor(Vertical):
    DEFAULT_CSS = """
    PlanEditor { height: auto; }
    PlanEditor #pe-input { width: 1fr; }
    PlanEditor #pe-list { height: auto; max-height: 4; border: none; padding: 0; background: $surface; }
    PlanEditor #pe-list.-empty { display: none; }
    PlanEditor #pe-error { color: $error; height: auto; }
    PlanEditor #pe-error.-empty { display: none; }
    """

    class Add(Message):
        """The user typed a plan and pressed Enter."""

        def __init__(self, editor: PlanEditor, text: str) -> None:
            super().__init__()
            self.editor, self.text = editor, text

    class Remove(Message):
        """The user chose a plan to remove (``key`` as given to ``set_plans``)."""

        def __init__(self, editor: PlanEditor, key: str) -> None:
            super().__init__()
            self.editor, self.key = editor, key

    def __init__(self, placeholder: str = PLACEHOLDER, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.placeholder, id="pe-input", compact=True, max_length=PLAN_MAX)
        options = OptionList(id="pe-list", classes="-empty")
        options.tooltip = "Enter or a click removes the plan"
        yield options
        yield Static("", id="pe-error", classes="-empty")

    @property
    def input(self) -> Input:
        return self.query_one("#pe-input", Input)

    def set_plans(self, plans: list[tuple[str, str]]) -> None:
        """Show ``(key, text)`` pairs; each line says a click removes it."""
        options = self.query_one("#pe-list", OptionList)
        was = options.highlighted or 0
        options.clear_options()
        options.add_options([Option(plain(f"✕ {text}"), id=key) for key, text in plans])
        options.set_class(not plans, "-empty")
        if plans:  # Enter on the list always has a plan to act on (the next one after a removal)
            options.highlighted = min(was, len(plans) - 1)

    def show_error(self, text: str | None) -> None:
        error = self.query_one("#pe-error", Static)
        error.update(plain(text or ""))
        error.set_class(not text, "-empty")

    def added(self) -> None:
        """The host took the plan: clear the input and any error."""
        self.input.value = ""
        self.show_error(None)

    @on(Input.Submitted, "#pe-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():  # an empty Enter goes on to the form (save)
            event.stop()
            self.post_message(self.Add(self, event.value))

    @on(Input.Changed, "#pe-input")
    def _typing(self, event: Input.Changed) -> None:
        event.stop()  # the form's own fields are checked on change; a half-typed plan is not

    @on(OptionList.OptionSelected, "#pe-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Remove(self, event.option.id))
