"""The Charts screen (key g): effort first, then outcomes; choose the period and filter.

Left: the list of charts (↑/↓ or click; n / p from anywhere). Top: the period (1 = 30 days,
2 = 90, 3 = 365, or the buttons) and the channel and segment filters (x clears them). The
chart is drawn at the size of its pane in the theme's colours and redrawn on resize. While a
challenge runs in effort-only mode the outcome charts stay hidden, and the screen says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Header, OptionList, Select, Static
from textual.widgets.option_list import Option

from ..base import DataScreen
from ..safe import plain
from ..widgets.fit_footer import FitFooter
from ..widgets.heatmap import CalendarHeatmap
from ..widgets.plot import PlotextWidget

CHART_ORDER = ("effort", "cumulative", "calendar", "hours", "answers", "kinds", "channels", "funnel",
               "calibration")
CHART_LABELS = {
    "effort": "Attempts per day",
    "cumulative": "No's survived",
    "calendar": "Calendar (a year)",
    "hours": "When you try",
    "answers": "When they answer",
    "kinds": "Rejection kinds",
    "channels": "Channels compared",
    "funnel": "The funnel",
    "calibration": "Expected vs actual",
}
OUTCOME_CHARTS = {"answers", "kinds", "channels", "funnel", "calibration"}
PERIODS = (30, 90, 365)


@dataclass
class ChartsLoad:
    bundle: Any
    channels: list[str]
    segments: list[str]
    challenge: tuple[int, str] | None  # the latest challenge: (id, name)


class ChartsScreen(DataScreen):
    DEFAULT_CSS = """
    ChartsScreen #charts-body { height: 1fr; }
    ChartsScreen #chart-list { width: 24; height: 1fr; border: round $panel-lighten-2; }
    ChartsScreen #chart-pane { width: 1fr; height: 1fr; }
    ChartsScreen #chart-controls, ChartsScreen #chart-filters { height: 1; margin-bottom: 1; }
    ChartsScreen #chart-controls Button { min-width: 9; margin-right: 1; }
    ChartsScreen #chart-controls Button.-selected { background: $primary; color: $text; }
    ChartsScreen #chart-filters Select { width: 1fr; max-width: 26; margin-right: 1; }
    ChartsScreen #period-0 { display: none; }
    ChartsScreen #chart-note { color: $warning; height: auto; padding: 0 1; }
    ChartsScreen #chart-note.-empty { display: none; }
    ChartsScreen CalendarHeatmap { display: none; }
    ChartsScreen.-calendar CalendarHeatmap { display: block; }
    ChartsScreen.-calendar PlotextWidget { display: none; }
    """
    BINDINGS = [
        # ] / [ like the review's next / previous month; n, y and p only log (on the dashboard)
        Binding("right_square_bracket,right", "chart(1)", "Next chart", id="charts.next"),
        Binding("left_square_bracket,left", "chart(-1)", "Previous", id="charts.previous"),
        Binding("1", "period(30)", "30 days", id="charts.30-days"),
        Binding("2", "period(90)", "90 days", id="charts.90-days"),
        Binding("3", "period(365)", "365 days", id="charts.365-days"),
        Binding("4", "period(0)", "Challenge", show=False, id="charts.challenge"),
        Binding("x", "clear_filters", "Clear filters", id="charts.clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.chart = "effort"
        self.days = 30
        self.channel: str | None = None
        self.segment: str | None = None
        self.effort_only = False
        self.challenge: tuple[int, str] | None = None
        self._choices_loaded = False
        self._setting_choices = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="charts-body"):
            yield OptionList(*(Option(CHART_LABELS[n], id=n) for n in CHART_ORDER), id="chart-list")
            with Vertical(id="chart-pane"):
                with Horizontal(id="chart-controls"):
                    for d in PERIODS:
                        yield Button(f"{d} days", id=f"period-{d}", compact=True,
                                     classes="-selected" if d == self.days else "")
                    yield Button("challenge", id="period-0", compact=True, tooltip="The whole of the latest challenge (4)")
                with Horizontal(id="chart-filters"):  # a row of their own: never cut at 80 columns
                    yield Select([], prompt="all channels", id="chart-channel", compact=True)
                    yield Select([], prompt="all segments", id="chart-segment", compact=True)
                yield Static("", id="chart-note", classes="-empty")
                yield PlotextWidget(id="chart-plot")
                yield CalendarHeatmap(id="chart-heatmap")
        yield FitFooter()

    def on_mount(self) -> None:
        self.title = "Charts"
        self.query_one("#chart-list", OptionList).highlighted = 0
        self.query_one("#chart-plot", PlotextWidget).update(Text("Loading…"))

    # ---- data ------------------------------------------------------------------------

    def load_data(self, ctx: Any) -> ChartsLoad:
        from ...services import lookups
        from ...services.charts import chart_data

        with ctx.store.read() as s:
            latest = next(iter(lookups.latest_challenges(s, ctx.profile_id, limit=1)), None)
            use = latest[0] if (self.days == 0 and latest) else None
            bundle = chart_data(s, ctx.profile_id, self.chart, days=self.days or 30, challenge=use,
                                channel=self.channel, segment=self.segment)
            channels = segments = []
            if not self._choices_loaded:
                channels, segments = lookups.chart_choices(s, ctx.profile_id)
        return ChartsLoad(bundle, channels, segments, latest[:2] if latest else None)

    def show_data(self, data: ChartsLoad) -> None:
        if not self._choices_loaded:
            self._choices_loaded = True
            self._setting_choices = True
            self.query_one("#chart-channel", Select).set_options([(plain(c), c) for c in data.channels])
            self.query_one("#chart-segment", Select).set_options([(plain(c), c) for c in data.segments])
            self._setting_choices = False
        b = data.bundle
        self.challenge = data.challenge
        button = self.query_one("#period-0", Button)
        button.display = data.challenge is not None
        if data.challenge:
            button.tooltip = plain(f"The whole of the challenge “{data.challenge[1]}” (4)")
        self.effort_only = b.effort_only
        self._mark_hidden_charts()
        self.set_class(b.name == "calendar" and not b.hidden, "-calendar")
        note = self.query_one("#chart-note", Static)
        message = b.hidden or ""
        if not message and self._is_empty(b):
            message = ("Nothing logged in this period yet. Log attempts from the dashboard (d); "
                       "every one counts here, whatever the answer.")
        note.update(Text(message))
        note.set_class(not message, "-empty")
        if b.name == "calendar" and not b.hidden:
            self.query_one(CalendarHeatmap).show_data(b.data)
        else:
            self.query_one(PlotextWidget).show_bundle(b)

    @staticmethod
    def _is_empty(b: Any) -> bool:
        if b.data is None:
            return False
        if b.name in ("effort",):
            return not any(b.data.attempts)
        if b.name == "calendar":
            return b.data.total == 0
        if b.name in ("hours", "answers", "channels"):
            return not b.data
        return False

    def _mark_hidden_charts(self) -> None:
        options = self.query_one("#chart-list", OptionList)
        for name in OUTCOME_CHARTS:
            label = CHART_LABELS[name] + ("  (hidden)" if self.effort_only else "")
            options.replace_option_prompt(name, label)

    # ---- controls --------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#chart-list")
    def _chart_chosen(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.chart:
            self.chart = event.option.id
            self.reload()

    def action_chart(self, step: int) -> None:
        options = self.query_one("#chart-list", OptionList)
        # From the highlight (updated at once), not self.chart (updated by the message that
        # follows): quick presses must each move one chart.
        current = options.highlighted if options.highlighted is not None else CHART_ORDER.index(self.chart)
        options.highlighted = (current + step) % len(CHART_ORDER)  # triggers the reload

    def action_period(self, days: int) -> None:
        if days == self.days:
            return
        if days == 0 and self.challenge is None:
            self.notify("No challenge yet: start one with c.", severity="warning")
            return
        self.days = days
        for d in (*PERIODS, 0):
            self.query_one(f"#period-{d}", Button).set_class(d == days, "-selected")
        self.reload()

    @on(Button.Pressed, "#chart-controls Button")
    def _period_button(self, event: Button.Pressed) -> None:
        self.action_period(int(str(event.button.id).split("-")[1]))

    @on(Select.Changed, "#chart-channel, #chart-segment")
    def _filter_changed(self, event: Select.Changed) -> None:
        if self._setting_choices:
            return
        value = None if event.value is Select.NULL else str(event.value)
        if event.select.id == "chart-channel":
            if value == self.channel:
                return
            self.channel = value
        else:
            if value == self.segment:
                return
            self.segment = value
        self.reload()

    def action_clear_filters(self) -> None:
        self.query_one("#chart-channel", Select).clear()
        self.query_one("#chart-segment", Select).clear()
        if self.channel or self.segment:
            self.channel = self.segment = None
            self.reload()
