"""The Review screen (key r): the month's (or a challenge's) review, and the Adjust section.

The review is the same Markdown that ``rejection-therapy review`` writes, with every piece of
user text escaped and links switched off. ``[`` / ``]`` move between months (or weeks, in a
week's review); the period list also offers the last weeks and the challenges. ``e`` (or a click) edits the Adjust section: what you will change next
time; ``ctrl+s`` saves it to the store, and next month's review shows it beside what happened.
The Adjust section also lists the if-then plans the review checks: change one's text, drop it
or add one (widgets.plan_editor, through services.plans as ``plans edit|remove|add``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Header, Markdown, Select, Static, TextArea

from ...core import dates
from ...core import review as rules
from ..base import DataScreen, run_db
from ..safe import plain
from ..widgets.fit_footer import FitFooter
from ..widgets.plan_editor import PlanEditor, PlanEditorHost, run_plan_change

MONTHS_LISTED = 13
WEEKS_LISTED = 6


@dataclass
class ReviewLoad:
    review: Any
    markdown: str
    today: date
    challenges: list[tuple[str, str]]  # (label, "challenge:<id>")


class ReviewScreen(PlanEditorHost, DataScreen):
    DEFAULT_CSS = """
    ReviewScreen #review-body { height: 1fr; }
    ReviewScreen #review-scroll { width: 2fr; height: 1fr; border: round $panel-lighten-2; padding: 0 1; }
    ReviewScreen #adjust-pane { width: 1fr; min-width: 34; height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    ReviewScreen #review-period { width: 100%; margin-bottom: 1; }
    ReviewScreen #adjust-text { height: 1fr; min-height: 6; }
    ReviewScreen #adjust-title { text-style: bold; width: 100%; height: auto; }
    ReviewScreen #adjust-hint, ReviewScreen #adjust-status { color: $text-muted; height: auto; }
    ReviewScreen #adjust-save { margin-top: 1; width: 100%; }
    ReviewScreen #adjust-plans-title { text-style: bold; width: 100%; height: auto; margin-top: 1; }
    ReviewScreen.-short #adjust-hint { display: none; }
    ReviewScreen.-short #adjust-text { height: 6; }
    ReviewScreen.-narrow #review-scroll { width: 1fr; padding: 0; }
    ReviewScreen.-narrow #adjust-pane { width: 26; min-width: 26; }
    """
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # 80x24: the plans fit below the text
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # 80 columns: the review gets the room
    BINDINGS = [
        Binding("left_square_bracket", "month(-1)", "Previous", id="review.previous"),
        Binding("right_square_bracket", "month(1)", "Next", id="review.next"),
        Binding("e", "edit", "Edit Adjust", id="review.edit"),
        Binding("ctrl+s", "save", "Save Adjust", id="review.save"),
        Binding("escape", "leave_editor", "Done editing", show=False, id="review.leave-editor"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.period: str | None = None  # "2026-11" or "challenge:<id>"; None: this month
        self.review: Any = None
        self.markdown_text = ""
        self.today: date | None = None
        self._dirty = False
        self._filling = False
        self._loaded_text = ""
        self._period_options: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review-body"):
            with VerticalScroll(id="review-scroll"):
                yield Markdown("Loading the review…", id="review-md", open_links=False)
            with VerticalScroll(id="adjust-pane"):
                yield Select([], prompt="this month", id="review-period", allow_blank=True)
                # A Static wraps (a Label was cut: "what will you change nex" at 80 and 100 columns).
                yield Static("Adjust: what will you change next time?", id="adjust-title")
                yield Static("Plan, do, check, adjust. Write one or two decisions; next review "
                             "shows them beside what happened.", id="adjust-hint")
                yield TextArea("", id="adjust-text", soft_wrap=True, show_line_numbers=False)
                yield Button("Save (ctrl+s)", id="adjust-save", variant="primary")
                yield Static("", id="adjust-status")
                yield Static("If-then plans: followed? Change, drop or add one.", id="adjust-plans-title")
                yield PlanEditor("Add one: If …, then …", id="review-plans")
        yield FitFooter()

    def on_mount(self) -> None:
        self.title = "Review"

    # ---- data ------------------------------------------------------------------------

    def load_data(self, ctx: Any) -> ReviewLoad:
        from ...services import review as review_svc
        from ...services.lookups import latest_challenges
        from ...services.today import today_of

        with ctx.store.read() as s:
            today = today_of(s, ctx.profile_id)
            kw: dict[str, Any] = {}
            if self.period and self.period.startswith("challenge:"):
                kw["challenge"] = self.period.split(":", 1)[1]
            elif self.period and dates.is_week_key(self.period):  # the weekly review
                kw["week"] = self.period
            else:
                kw["month"] = self.period
            review = review_svc.build(s, ctx.profile_id, today=today, **kw)
            rows = latest_challenges(s, ctx.profile_id, limit=20)
        challenges = [(f"Challenge: {name} ({start.isoformat()})", f"challenge:{cid}") for cid, name, start in rows]
        return ReviewLoad(review, review_svc.render_markdown(review, commands=False), today, challenges)

    def show_data(self, data: ReviewLoad) -> None:
        self.review = data.review
        self.today = data.today
        self.markdown_text = data.markdown
        self.query_one("#review-md", Markdown).update(data.markdown)
        self._fill_periods(data)
        if not self._dirty:
            self._loaded_text = data.review.adjust_text or ""
            self.query_one("#adjust-text", TextArea).load_text(self._loaded_text)
            self.query_one("#adjust-status", Static).update(
                Text("Saved with this review." if self._loaded_text else ""))
        self.sub_title = data.review.title.removeprefix("Review of ")
        self.query_one(PlanEditor).set_plans([(str(p.id), p.text) for p in data.review.plans])

    def _fill_periods(self, data: ReviewLoad) -> None:
        select = self.query_one("#review-period", Select)
        first = date(data.today.year, data.today.month, 1)
        months = []
        y, m = first.year, first.month
        for _ in range(MONTHS_LISTED):
            months.append((date(y, m, 1).strftime("%B %Y"), f"{y:04d}-{m:02d}"))
            y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        weeks = []
        for n in range(WEEKS_LISTED):
            key = dates.week_key(data.today - timedelta(days=7 * n))
            start, end = dates.parse_week(key)
            weeks.append((f"{'This week' if n == 0 else 'Week'} {key[-3:]} ({start:%d %b} – {end:%d %b})", key))
        options = months + weeks + data.challenges
        self._period_options = options
        self._filling = True
        select.set_options([(plain(label), key) for label, key in options])  # names stay text
        current = self.period or data.review.period_key  # the month the review opened on
        if any(v == current for _, v in options):
            select.value = current
        self._filling = False

    # ---- period ----------------------------------------------------------------------

    @on(Select.Changed, "#review-period")
    def _period_changed(self, event: Select.Changed) -> None:
        if self._filling or event.value is Select.NULL:
            return
        value = str(event.value)
        if value != (self.period or (self.review.period_key if self.review else None)):
            self._switch(value)

    def action_month(self, step: int) -> None:
        if self.today is None:
            return
        current = self.period if self.period and not self.period.startswith("challenge:") else None
        if current is None:
            opened = self.review.period_key if self.review else ""
            current = opened if opened and not opened.startswith("challenge:") else rules.month_key(self.today)
        if dates.is_week_key(current):  # [ and ] step by weeks in a week view
            self._switch(dates.week_key(dates.parse_week(current)[0] + timedelta(days=7 * step)))
            return
        first, last = rules.parse_month(current)
        if step < 0:
            target = rules.month_key(first - timedelta(days=1))
        else:
            target = rules.month_key(last + timedelta(days=1))
        self._switch(target)

    def _switch(self, period: str) -> None:
        if self._dirty:
            self.notify("The Adjust text was not saved; press ctrl+s to keep it.", severity="warning")
        self._dirty = False
        self.period = period
        self.reload()

    # ---- the Adjust section ----------------------------------------------------------

    @on(TextArea.Changed, "#adjust-text")
    def _edited(self, event: TextArea.Changed) -> None:
        self._dirty = event.text_area.text != self._loaded_text
        if self._dirty:
            self.query_one("#adjust-status", Static).update(Text("Not saved yet (ctrl+s)."))

    def action_edit(self) -> None:
        self.query_one("#adjust-text", TextArea).focus()

    def action_leave_editor(self) -> None:
        self.query_one("#review-scroll").focus()

    @on(Button.Pressed, "#adjust-save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        if self.review is None:
            return
        text = self.query_one("#adjust-text", TextArea).text
        key = self.review.period_key

        def save(ctx: Any) -> Any:
            from ...services import review as review_svc

            with ctx.store.write() as s:
                return review_svc.save_adjust(s, ctx.profile_id, key, text)

        def done(stored: Any) -> None:
            self._loaded_text = stored or ""
            self._dirty = False
            self.query_one("#adjust-status", Static).update(Text("Saved."))
            self.notify("Adjust section saved with the review.", title="Saved")
            self.reload()

        run_db(self, save, done, group="review-save", exclusive=True)

    # ---- the if-then plans the review checks (issue 15) -------------------------------

    def plan_challenge_id(self) -> int | None:
        return self.review.challenge_id if self.review is not None else None

    def _plans(self, change: Any, clear: bool = False) -> None:
        from ...services import plans

        challenge_id = self.plan_challenge_id()
        run_plan_change(self, self.query_one(PlanEditor), change,
                        lambda s, pid: plans.for_review(s, pid, challenge_id), clear, then=self.reload)
