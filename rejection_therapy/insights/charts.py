"""Chart builders: a ChartBundle (insights.data) in, text out.

plotext 6 is imported lazily (≈280 ms). Every build uses a private plotext terminal, so no
global figure state leaks between charts or threads, and one lock serialises the C kernel.
``Options.palette`` None draws without colour (the CLI under NO_COLOR, the tests); the TUI
passes RGB colours taken from the Textual theme.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field, replace

from ..core.review import TOO_LITTLE, Rated, best_and_worst
from ..core.silence import KIND_LABELS
from ..core.text import plural
from .data import ChartBundle

RGB = tuple[int, int, int]
_LOCK = threading.Lock()
_THEMES: set[str] = set()
MIN_RATE_ATTEMPTS = 3  # a rate from fewer attempts is noise
KIND_CHARS = ("█", "▓", "▒", "░")  # stacked kinds without colour
BAR_DAYS_MAX = 120  # more days than this draw as a line (365 bars cost >100 ms)


@dataclass(frozen=True)
class Palette:
    series: tuple[RGB, ...] = ((80, 150, 255), (255, 170, 60), (120, 200, 120), (200, 110, 200))
    text: RGB | None = None
    muted: RGB = (128, 128, 128)
    shades: tuple[RGB, ...] = ((60, 60, 60), (40, 80, 60), (40, 120, 70), (50, 170, 90), (80, 220, 110))

    def color(self, i: int) -> RGB:
        return self.series[i % len(self.series)]


@dataclass(frozen=True)
class Options:
    width: int = 80
    height: int = 20
    palette: Palette | None = None
    extra: dict = field(default_factory=dict)


def _theme_name(palette: Palette | None) -> str:
    """A plotext theme with the palette's text colour and no background (registered once)."""
    if palette is None or palette.text is None:
        return "colorless"
    import plotext as plt

    name = f"rt-{palette.text}-{palette.muted}"
    if name not in _THEMES:
        plt.add_theme(name, text=plt.pixel(foreground=palette.text), grid=plt.pixel(foreground=palette.muted))
        _THEMES.add(name)
    return name


def _figure(opts: Options, height: int | None = None):
    from plotext._kernel.terminal import terminal

    term = terminal()
    term.limit(False, False)
    fig = term._master
    fig.plot_size(max(20, opts.width), max(5, height or opts.height))
    fig.theme(_theme_name(opts.palette))
    return fig


def _marker(kind: str, opts: Options, i: int):
    import plotext as plt

    if opts.palette is None:
        return kind
    return plt.marker(kind, pixel=plt.pixel(foreground=opts.palette.color(i)))


def _out(fig, opts: Options) -> str:
    return fig.build().string(colorless=opts.palette is None).rstrip("\n")


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{round(100 * x)}%"


def _header(b: ChartBundle, summary: str) -> str:
    scope = b.period.label
    if b.filt.channel:
        scope += f", channel {b.filt.channel}"
    if b.filt.segment:
        scope += f", segment {b.filt.segment}"
    # Title, scope and summary on lines of their own: short lines wrap once at most in a pane.
    head = f"{b.title}\n{scope}: {b.period.start.isoformat()} to {b.period.end.isoformat()}"
    return head + (f"\n{summary}" if summary else "")


def _date_ticks(fig, days, opts: Options) -> None:
    """Numeric x (0..n-1) with date labels: plotext mixes dated bars and lines badly."""
    n = len(days)
    count = max(2, min(n, (opts.width - 6) // 11))
    pos = sorted({round(i * (n - 1) / (count - 1)) for i in range(count)}) if n > 1 else [0]
    fmt = "%b %d" if (days[-1] - days[0]).days < 300 else "%b %d %y"
    fig.ruler("x").ticks(pos, [days[i].strftime(fmt) for i in pos])


def _count_ticks(fig, top: float, axis: str = "y", rows: int = 5, low: float = 0) -> None:
    """Whole-number ticks with thousands separators (counts are never 0.8 or 2.3e3)."""
    top = max(1, int(math.ceil(top)))
    raw = (top - low) / max(1, rows - 1)
    step = min(s for s in (b * 10 ** k for b in (1, 2, 5) for k in range(10)) if s >= raw)
    ticks = list(range(int(low) // step * step, top + step, step))
    fig.ruler(axis).ticks(ticks, [f"{t:,}" for t in ticks])
    fig.ruler(axis).lim(ticks[0], ticks[-1])


def effort(b: ChartBundle, opts: Options) -> str:
    s = b.data
    total = sum(s.attempts)
    # Rates count only the days since the first attempt: a store a day old has one day, not 30.
    since = b.extra.get("since")
    live = [i for i, d in enumerate(s.days) if since is None or d >= since] or list(range(len(s.days)))
    with_goal = [(s.attempts[i], s.goal[i]) for i in live if s.goal[i] > 0]
    met = sum(1 for a, g in with_goal if a >= g)
    summary = f"{plural(total, 'attempt')} in {plural(len(s.days), 'day')}, {total / max(1, len(live)):.1f} a day"
    if len(live) < len(s.days):
        summary += f" over {plural(len(live), 'day')} since your first attempt"
    if with_goal:
        summary += f"; goal met on {met} of {plural(len(with_goal), 'day')} (goal {s.goal[-1]} a day)"
    key = ("bars: attempts per day" if len(s.days) <= BAR_DAYS_MAX else "line: attempts per day")
    if with_goal:
        key += "; flat line: the goal"
    fig = _figure(opts, opts.height - 3)
    xs = list(range(len(s.days)))
    if len(s.days) <= BAR_DAYS_MAX:
        fig.draw(fig.bar(xs, s.attempts, marker=_marker("full", opts, 0)))
    else:
        fig.draw(fig.signal(xs, s.attempts, marker=_marker("hd", opts, 0)).lines())
    if with_goal:
        fig.draw(fig.signal(xs, s.goal, marker=_marker("hd", opts, 1)).lines())
    _count_ticks(fig, max([*s.attempts, *s.goal, 1]))
    _date_ticks(fig, s.days, opts)
    return _header(b, summary) + "\n" + _out(fig, opts) + "\n" + key


def cumulative(b: ChartBundle, opts: Options) -> str:
    c = b.data
    if b.effort_only:
        summary = f"{c.attempts[-1]:,} attempts so far"
        key = "line: attempts made, all time"
    else:
        summary = f"{c.attempts[-1]:,} attempts so far, {c.nos[-1]:,} no's survived"
        key = "upper line: attempts made; lower line: no's survived (all time)"
    fig = _figure(opts, opts.height - 3)
    xs = list(range(len(c.days)))
    fig.draw(fig.signal(xs, c.attempts, marker=_marker("hd", opts, 0)).lines())
    if not b.effort_only:
        fig.draw(fig.signal(xs, c.nos, marker=_marker("hd", opts, 1)).lines())
    _count_ticks(fig, max([*c.attempts, 1]), low=min([*c.nos, *c.attempts]) if not b.effort_only else c.attempts[0])
    _date_ticks(fig, c.days, opts)
    return _header(b, summary) + "\n" + _out(fig, opts) + "\n" + key


def calendar(b: ChartBundle, opts: Options) -> str:
    from .heatmap import render_text

    colors = opts.palette.shades if opts.palette else None
    return _header(b, "") + "\n" + render_text(b.data, colors)  # render_text has the summary


def _shade(value: float, top: float, opts: Options) -> str | None:
    if opts.palette is None or top <= 0:
        return None
    # An int index: ``-(-a // b)`` with a float rate is a float (and crashed every colour run).
    level = math.ceil(4 * value / top) if value > 0 else 0
    r, g, bb = opts.palette.shades[max(0, min(4, int(level)))]
    return f"\x1b[48;2;{r};{g};{bb}m"


def weekday_hour_grid(b: ChartBundle, opts: Options, rate: bool) -> str:
    from .heatmap import WEEKDAY_SHORT

    cells = b.data
    total = sum(x.attempts for x in cells.values())
    hours = sorted({h for (_, h), x in cells.items() if x.attempts})
    if hours:
        lo, hi = hours[0], hours[-1]
    else:
        lo, hi = 8, 18
    most = max((x.attempts for x in cells.values()), default=0)
    cw = 4 if rate else max(3, len(str(most)) + 1)  # cell width: numbers keep a gap
    width_hours = max(1, (opts.width - 4) // cw)
    if hi - lo + 1 > width_hours:  # keep the busiest window that fits
        lo = max(0, min(lo, 24 - width_hours))
        hi = lo + width_hours - 1
    values: dict[tuple[int, int], float | None] = {}
    for key, x in cells.items():
        values[key] = (x.conversation_rate if x.attempts >= MIN_RATE_ATTEMPTS else None) if rate else x.attempts
    top = max((v for v in values.values() if v), default=0)
    lines = ["    " + "".join(f"{h:>{cw}}" for h in range(lo, hi + 1))]
    for row in range(7):
        wd = (b.first_weekday + row) % 7
        parts = [f"{WEEKDAY_SHORT[wd]}  "]
        for h in range(lo, hi + 1):
            v = values.get((wd, h))
            if v is None or (not rate and v == 0):
                txt = " " * (cw - 1) + "·"
            else:
                txt = f"{round(100 * v):>{cw}}" if rate else f"{int(v):>{cw}}"
            color = _shade(v or 0, top, opts)
            parts.append(f"{color}{txt}\x1b[0m" if color else txt)
        lines.append("".join(parts))
    if rate:
        convs = sum(x.conversations for x in cells.values())
        # The review's rule: a best only among cells with enough attempts whose rates differ.
        best, _ = best_and_worst(Rated(f"{wd} {h}", x.attempts, x.conversations) for (wd, h), x in cells.items())
        summary = f"{convs:,} conversations from {total:,} attempts ({_pct(convs / total if total else None)}); cells show % answered (· under {MIN_RATE_ATTEMPTS} attempts)"
        if best:
            wd, h = (int(p) for p in best.key.split())
            summary += f"; best: {WEEKDAY_SHORT[wd]} {h:02d}:00 ({_pct(best.rate)} of {best.attempts:,})"
        elif total:
            summary += f"; best hour: {TOO_LITTLE}"
    else:
        busiest = max(cells.items(), key=lambda kx: kx[1].attempts, default=None)
        summary = f"{total:,} attempts by local hour (each in the zone it was logged in)"
        if busiest and busiest[1].attempts:
            (wd, h), x = busiest
            summary += f"; busiest: {WEEKDAY_SHORT[wd]} {h:02d}:00 ({x.attempts:,})"
    return _header(b, summary) + "\n" + "\n".join(lines)


def hours(b: ChartBundle, opts: Options) -> str:
    return weekday_hour_grid(b, opts, rate=False)


def answers(b: ChartBundle, opts: Options) -> str:
    return weekday_hour_grid(b, opts, rate=True)


def kinds(b: ChartBundle, opts: Options) -> str:
    k = b.data
    totals = {kind: sum(v) for kind, v in k.counts.items()}
    total = sum(totals.values())
    summary = f"{total:,} no's: " + ", ".join(f"{KIND_LABELS.get(kind, kind)} {n:,}" for kind, n in totals.items())
    if not total:
        return _header(b, summary) + "\nNo no's with a kind in this period yet."
    kinds_shown = [kind for kind in k.counts if totals[kind]]
    fig = _figure(opts, opts.height - 2)
    labels = [w.strftime("%b %y" if k.unit == "month" else "%m-%d") for w in k.weeks]
    if opts.palette:
        markers = [_marker("full", opts, i) for i in range(len(kinds_shown))]
    else:
        markers = [KIND_CHARS[i % 4] for i in range(len(kinds_shown))]
    fig.draw(fig.bar(labels, [k.counts[kind] for kind in kinds_shown], stacked=True, marker=markers))
    _count_ticks(fig, max(sum(k.counts[kind][i] for kind in kinds_shown) for i in range(len(labels))))
    fig.label("no's per month" if k.unit == "month" else "no's per week (week starting)", axis="x")
    key = "  ".join(f"{KIND_CHARS[i % 4] if opts.palette is None else i + 1} {KIND_LABELS.get(kind, kind)}"
                    for i, kind in enumerate(kinds_shown))
    return _header(b, summary) + "\n" + _out(fig, opts) + "\nStacked bottom to top: " + key


def channels(b: ChartBundle, opts: Options) -> str:
    rows = b.data
    total = sum(x.attempts for x in rows)
    summary = f"{total:,} attempts over {len(rows)} channel{'s' if len(rows) != 1 else ''}"
    if not rows:
        return _header(b, summary) + "\nNo attempts in this period yet."
    names = [x.key for x in rows]
    fig = _figure(opts, max(5, opts.height - 7 - len(rows)))  # header, legend and table around it
    groups = [[x.attempts for x in rows], [x.conversations for x in rows], [x.silences for x in rows]]
    markers = [_marker("full", opts, i) for i in range(3)] if opts.palette else list(KIND_CHARS[:3])
    fig.draw(fig.bar(names, groups, marker=markers))
    _count_ticks(fig, max(x.attempts for x in rows))
    table = ["", f"{'channel':<14}{'attempts':>9}{'conversations':>15}{'silence':>10}",
             *(f"{str(x.key)[:13]:<14}{x.attempts:>9,}{x.conversations:>8,} ({_pct(x.conversation_rate):>4})"
               f"{_pct(x.silence_rate):>10}" for x in rows)]
    legend = ("Bars, left to right: attempts, conversations, silences"
              + (" (█ ▓ ▒)." if opts.palette is None else "."))
    return _header(b, summary) + "\n" + _out(fig, opts) + "\n" + legend + "\n".join(table)


def funnel(b: ChartBundle, opts: Options) -> str:
    d = b.data
    f = d.funnel
    summary = (f"{f.attempts:,} attempts → {f.conversations:,} conversations "
               f"({_pct(f.conversation_rate)}) → {f.yeses:,} yes")
    lines = [_header(b, summary)]
    if f.attempts:
        fig = _figure(opts, min(opts.height - 8, 11))  # 3 lines above, up to 5 below
        fig.draw(fig.bar(["yes", "conversations", "attempts"], [f.yeses, f.conversations, f.attempts],
                         orientation="h", labeled=True, marker=_marker("full", opts, 0)))
        _count_ticks(fig, max(1, f.attempts) * 1.08, axis="x")
        lines.append(_out(fig, opts))
    lines.append(f.sentence())
    if f.conversations_per_yes:
        lines.append(f"A yes takes {f.conversations_per_yes:.1f} conversations and "
                     f"{f.attempts_per_yes:.1f} attempts: every attempt, no included, "
                     f"earns {1 / f.attempts_per_yes:.0%} of a yes.")
    lines.append(f"Silence is not a no: {d.silences:,} went unanswered, {d.nos:,} said no.")
    return "\n".join(lines)


_PLOTS = {"effort", "cumulative", "kinds", "channels", "funnel"}  # a plotext figure that can shrink
BUILDERS = {
    "effort": effort, "cumulative": cumulative, "calendar": calendar, "hours": hours,
    "answers": answers, "kinds": kinds, "channels": channels, "funnel": funnel,
}


def _register_extra_charts() -> None:
    """Charts that live in their own modules (see insights.data.CHARTS)."""
    from .calibration_chart import calibration

    BUILDERS["calibration"] = calibration


_register_extra_charts()


def render(bundle: ChartBundle, opts: Options | None = None) -> str:
    """The chart as text (ANSI colours only when ``opts.palette`` is set)."""
    opts = opts or Options()
    if bundle.hidden:
        return _fit(f"{bundle.title}\n{bundle.hidden}", opts.width)
    with _LOCK:
        text = _fit(BUILDERS[bundle.name](bundle, opts), opts.width)
        # Sized to the space actually left: when the sentences around the plot wrap, the plot
        # gets shorter (the date labels at its foot must stay on screen).
        rows = opts.height
        for _ in range(3):
            over = text.count("\n") + 1 - rows
            if over <= 0 or bundle.name not in _PLOTS:
                break
            opts = replace(opts, height=opts.height - over)
            text = _fit(BUILDERS[bundle.name](bundle, opts), opts.width)
    return text


def _fit(text: str, width: int) -> str:
    """Wrap the sentences around a chart to its width (lines with colour codes are sized already)."""
    import textwrap

    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width or "\x1b" in line:
            out.append(line)
        else:
            out.extend(textwrap.wrap(line, width, subsequent_indent="  ") or [""])
    return "\n".join(out)
