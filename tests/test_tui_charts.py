"""Pilot tests of the Charts screen (g) and the Review screen (r) against the real app."""

from __future__ import annotations

from datetime import date

from textual.widgets import Markdown, OptionList, Select, TextArea

from rejection_therapy.services import review as review_svc
from rejection_therapy.services.context import AppContext
from rejection_therapy.tui.widgets.heatmap import LEFT, CalendarHeatmap
from rejection_therapy.tui.widgets.plot import PlotextWidget

from .test_insights_charts import add_rated_cells, fill_known, local_today, start_effort_only
from .tui_helpers import make_test_app, settle


def _known_store(location, effort_only: bool = False) -> date:
    """Fill the known store around the app's today (returned)."""
    ctx = AppContext.open(location)
    try:
        today = local_today(ctx)
        fill_known(ctx, today=today)
        if effort_only:
            start_effort_only(ctx, today)
    finally:
        ctx.close()
    return today


def _theme_colour_used(app, variable: str) -> bool:
    from textual.color import Color

    want = Color.parse(app.theme_variables[variable]).rgb
    text = app.screen.query_one(PlotextWidget).rich_text
    return any(span.style.color is not None and span.style.color.get_truecolor()[:3] == want
               for span in text.spans if not isinstance(span.style, str))


async def _plot_text(pilot) -> str:
    await settle(pilot)
    return " ".join(pilot.app.screen.query_one(PlotextWidget).text.split())  # sentences wrap


async def test_every_chart_draws_in_colour_in_the_app(sqlite_location):
    """n through every chart with the theme's colours: none may fail to draw (issue 11)."""
    _known_store(sqlite_location)
    ctx = AppContext.open(sqlite_location)
    try:
        add_rated_cells(ctx, local_today(ctx))
    finally:
        ctx.close()
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await app.switch_mode("charts")
        await settle(pilot)
        for _ in range(8):
            app.screen.action_chart(1)
            await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert not [m for m in messages if "could not be drawn" in m], messages


async def test_charts_screen_moves_between_charts_periods_and_filters(sqlite_location):
    _known_store(sqlite_location)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(130, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        text = await _plot_text(pilot)
        assert type(app.screen).__name__ == "ChartsScreen"
        assert "15 attempts in 30 days" in text and "goal 4 a day" in text

        assert _theme_colour_used(app, "primary")  # the bars are drawn in the theme's colour
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        await settle(pilot)
        assert _theme_colour_used(app, "primary")  # redrawn in the new theme

        await pilot.press("3")
        text = await _plot_text(pilot)
        assert "15 attempts in 365 days" in text and "last 365 days" in text

        await pilot.press("right_square_bracket")  # cumulative
        text = await _plot_text(pilot)
        assert "15 attempts so far, 9 no's survived" in text

        await pilot.press("right")  # calendar: the Textual heatmap widget
        await settle(pilot)
        heatmap = app.screen.query_one(CalendarHeatmap)
        assert heatmap.display and heatmap.data.total == 15
        assert "15 attempts on 4 of 365 days" in heatmap.render().plain
        weeks = heatmap.data.weeks()
        col = next(i for i, w in enumerate(weeks) if heatmap.data.end in w)
        row = weeks[col].index(heatmap.data.end)
        assert heatmap.day_at(LEFT + col * heatmap._cell(), 1 + row) == heatmap.data.end  # hover

        app.screen.query_one("#chart-list", OptionList).highlighted = 7  # the funnel
        text = await _plot_text(pilot)
        assert "a yes costs 15 attempts; 10 more to go" in text

        await pilot.click("#period-30")
        screen = app.screen
        screen.channel = "email"  # what choosing "email" in the channel Select does
        screen.reload()
        text = await _plot_text(pilot)
        assert "2 attempts → 0 conversations" in text and "channel email" in text

        await pilot.press("x")
        text = await _plot_text(pilot)
        assert "15 attempts → 6 conversations" in text

        await pilot.resize_terminal(90, 30)
        await settle(pilot)
        await settle(pilot)
        assert max(len(line) for line in app.screen.query_one(PlotextWidget).text.splitlines()) <= 90


async def test_logging_keys_on_the_charts_screen_change_nothing_and_say_so(sqlite_location):
    """n and p once moved between charts; now they only log, on the dashboard (issue 11 item 12)."""
    from sqlalchemy import func, select

    from rejection_therapy.store.models import Attempt

    _known_store(sqlite_location)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        app.clear_notifications()
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.query_one("#chart-list", OptionList).highlighted == 0  # still effort
        await pilot.press("y", "p")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert any("on the dashboard only" in n.message for n in app._notifications)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert app.screen.query_one("#chart-list", OptionList).highlighted == 1
    ctx = AppContext.open(sqlite_location)
    try:
        with ctx.store.read() as s:
            assert s.scalar(select(func.count(Attempt.id))) == 15  # nothing logged
    finally:
        ctx.close()


async def test_charts_screen_hides_outcome_charts_in_effort_only_mode(sqlite_location):
    _known_store(sqlite_location, effort_only=True)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(130, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        app.screen.query_one("#chart-list", OptionList).highlighted = 7
        text = await _plot_text(pilot)
        assert "effort-only" in text and "10 more to go" not in text
        note = str(app.screen.query_one("#chart-note").render())
        assert "Q4 sprint" in note
        await pilot.press("left_square_bracket", "left_square_bracket", "left", "left_square_bracket",
                          "left_square_bracket", "left")  # back to cumulative, quick presses
        text = await _plot_text(pilot)
        assert "15 attempts so far" in text and "no's survived" not in text
        await pilot.press("left_square_bracket", "4")  # the effort chart over the whole challenge
        text = await _plot_text(pilot)
        assert "challenge “Q4 sprint”" in text and "goal met on" in text


async def test_review_screen_writes_the_adjust_section(sqlite_location):
    month = _known_store(sqlite_location).strftime("%Y-%m")
    decided = "Call before 10:00 [@click=app.quit]now[/]"
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(130, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "ReviewScreen"
        assert "Rejection kinds" in screen.markdown_text
        await pilot.press("e")
        area = screen.query_one("#adjust-text", TextArea)
        assert area.has_focus
        area.insert(decided)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.is_running  # the markup in the text did nothing
        assert "Call before 10:00 \\[@click=app.quit\\]now\\[/\\]" in screen.markdown_text
        assert screen.query_one(Markdown) is not None

    ctx = AppContext.open(sqlite_location)
    try:
        with ctx.store.read() as s:
            assert review_svc.load_adjust(s, ctx.profile_id, month) == decided
    finally:
        ctx.close()

    app = make_test_app(sqlite_location)  # a restart shows the stored text
    async with app.run_test(size=(130, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.query_one("#adjust-text", TextArea).text == decided


async def test_review_screen_moves_between_months_and_challenges(sqlite_location):
    today = _known_store(sqlite_location, effort_only=True)
    app = make_test_app(sqlite_location)
    async with app.run_test(size=(130, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        this_month = today.strftime("%B %Y")
        assert screen.markdown_text.startswith(f"# Review of {this_month}")
        assert "effort-only" in screen.markdown_text  # the running sprint hides replies
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert not screen.markdown_text.startswith(f"# Review of {this_month}")
        select = screen.query_one("#review-period", Select)
        challenge = next(value for _label, value in screen._period_options if value.startswith("challenge:"))
        select.value = challenge
        await settle(pilot)
        assert screen.markdown_text.startswith("# Review of the challenge “Q4 sprint”")


async def test_charts_fit_the_space_left_at_80x24_and_100x30(sqlite_location):
    """Issue 11: date labels lost at 100x30 and 80x24, the segment filter cut or off-screen,
    the calendar rows wrapped at 80 columns. Every chart fits its pane and keeps its foot."""
    from textual.widgets import Select

    today = _known_store(sqlite_location)
    app = make_test_app(sqlite_location)
    for size in ((80, 24), (100, 30)):
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await app.switch_mode("charts")
            await settle(pilot)
            screen = app.screen
            for select in screen.query(Select):
                assert select.region.right <= size[0], select.id
            for step in range(8):
                if step:
                    screen.action_chart(1)
                    await settle(pilot)
                if screen.chart == "calendar":
                    heatmap = screen.query_one(CalendarHeatmap)
                    lines = heatmap.render().plain.splitlines()
                    assert max(len(line) for line in lines[:8]) <= heatmap.content_size.width
                    assert heatmap.data.end in heatmap._weeks()[-1]  # today stays on screen
                    continue
                plot = screen.query_one(PlotextWidget)
                lines = plot.text.splitlines()
                assert len(lines) <= plot.content_size.height, (screen.chart, size, len(lines))
                if screen.chart in ("effort", "cumulative"):
                    assert any(today.strftime("%b %d") in line for line in lines[-4:]), (screen.chart, size)
        app = make_test_app(sqlite_location)


async def test_review_adjust_title_is_not_cut_at_80_and_100_columns(sqlite_location):
    """Issue 11: "Adjust: what will you change nex" at 100 and 80 columns."""
    from .snapshot_helpers import capture

    _known_store(sqlite_location)
    for size in ((80, 24), (100, 30)):
        app = make_test_app(sqlite_location)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await app.switch_mode("review")
            await settle(pilot)
            text, _ = capture(app)
            x = app.screen.query_one("#adjust-pane").region.x
            pane = " ".join(" ".join(line[x:] for line in text.splitlines()).split())
            assert "Adjust: what will you change next time?" in pane, text
