"""PlotextWidget: a chart (insights.charts) drawn at the widget's size in the app's theme.

The text is built in a thread worker (plotext is imported there, once) and redrawn when the
widget is resized or the theme changes. Colours come only from the theme's variables.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.color import Color
from textual.widget import Widget
from textual.widgets import Static


def theme_rgb(widget: Widget, name: str, fallback: str = "#808080") -> tuple[int, int, int]:
    """A theme variable ($primary …) as RGB, resolved against the theme's background."""
    variables = widget.app.theme_variables or widget.app.get_css_variables()
    background = Color.parse(variables.get("background", "#000000"))
    raw = variables.get(name, fallback)
    try:
        color = Color.parse(raw)
    except Exception:  # noqa: BLE001 - "auto 60%" and other computed values
        color = Color.parse(variables.get("foreground", fallback)).blend(background, 0.4)
    if color.a < 1:
        color = background.blend(color.with_alpha(1), color.a)
    return color.rgb


def theme_palette(widget: Widget):
    """A charts.Palette in the colours of the current theme."""
    from ...insights.charts import Palette

    bg = Color(*theme_rgb(widget, "background", "#000000"))
    success = Color(*theme_rgb(widget, "success"))
    shades = tuple(bg.blend(success, f).rgb for f in (0.12, 0.35, 0.55, 0.78, 1.0))
    return Palette(
        series=tuple(theme_rgb(widget, n) for n in ("primary", "accent", "success", "error")),
        text=theme_rgb(widget, "foreground", "#e0e0e0"),
        muted=theme_rgb(widget, "text-muted", "#808080"),
        shades=shades,
    )


class PlotextWidget(Static):
    """Shows ``bundle`` (an insights.data.ChartBundle) as a chart that fits the widget."""

    DEFAULT_CSS = """
    PlotextWidget { width: 1fr; height: 1fr; min-height: 8; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self.bundle: Any = None
        self.text: str = ""  # the last chart drawn, without colour codes (tests read it)
        self.rich_text: Text = Text()
        self._size_drawn: tuple[int, int] | None = None

    def on_mount(self) -> None:
        # After the new theme's CSS variables are in place (a watch on app.theme is too early).
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.redraw())

    def show_bundle(self, bundle: Any) -> None:
        self.bundle = bundle
        self.redraw()

    def on_resize(self) -> None:
        if self.bundle is not None and (self.content_size.width, self.content_size.height) != self._size_drawn:
            self.redraw()

    def redraw(self) -> None:
        if self.bundle is None or not self.is_mounted:
            return
        width, height = max(30, self.content_size.width), max(8, self.content_size.height)
        self._size_drawn = (self.content_size.width, self.content_size.height)
        palette = theme_palette(self)
        bundle = self.bundle

        def work() -> Text:
            from ...insights.charts import Options, render

            return Text.from_ansi(render(bundle, Options(width=width, height=height, palette=palette)),
                                  no_wrap=True)

        self._pending = self.run_worker(work, thread=True, group="plot", exclusive=True, exit_on_error=False)

    def on_worker_state_changed(self, event) -> None:
        from textual.worker import WorkerState

        if event.worker is not getattr(self, "_pending", None):
            return
        if event.state == WorkerState.SUCCESS:
            text: Text = event.worker.result
            self.text = text.plain
            self.rich_text = text
            self.update(text)
        elif event.state == WorkerState.ERROR:
            self.app.notify(f"The chart could not be drawn: {event.worker.error}", severity="error", markup=False)
