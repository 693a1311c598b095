"""The calibration chart: the chance of a yes expected against the share that said yes.

A separate module registered in ``insights.charts.BUILDERS`` (and ``insights.data.CHARTS``);
its data is a ``services.calibration.CalibrationView``.
"""

from __future__ import annotations

from ..core.calibration import pct

TITLE = "Predict, then compare: expected yes vs actual yes"


def _table(view) -> list[str]:
    rows = [(c, cal) for c, cal in view.by_channel.items() if cal.guessed]
    if not rows:
        return []
    out = ["", f"{'Channel':<14}{'guesses':>8}{'expected':>10}{'said yes':>10}{'dread':>7}{'sting':>7}"]
    for channel, cal in rows[:12]:
        dread = f"{cal.expected_sting:.1f}" if cal.expected_sting is not None else "–"
        sting = f"{cal.actual_sting:.1f}" if cal.actual_sting is not None else "–"
        out.append(f"{channel[:13]:<14}{cal.guessed:>8,}{pct(cal.expected_yes):>9}%{pct(cal.actual_yes):>9}%"
                   f"{dread:>7}{sting:>7}")
    return out


def calibration(b, opts) -> str:
    """Header sentences, a line of expected vs actual yes per week or month, a channel table."""
    view = b.data
    lines = [b.title + f" · {b.period.label}"]
    lines += view.lines()
    points = [(p, cal) for p, cal in view.over_time if cal.guessed]
    if len(points) >= 2:
        from .charts import _date_ticks, _figure, _marker, _out

        fig = _figure(opts, max(8, opts.height - 6 - min(12, len(view.by_channel))))
        xs = list(range(len(points)))
        fig.draw(fig.signal(xs, [100 * c.expected_yes for _, c in points], marker=_marker("dot", opts, 1)).lines())
        fig.draw(fig.signal(xs, [100 * c.actual_yes for _, c in points], marker=_marker("hd", opts, 0)).lines())
        _date_ticks(fig, [p for p, _ in points], opts)
        lines.append(_out(fig, opts))
        lines.append(f"dotted line: the yes % you expected; solid line: the yes % you got (per {view.unit})")
    elif points:
        lines.append(f"(One {view.unit} of guesses so far: the line over time starts with the second.)")
    lines += _table(view)
    return "\n".join(lines)
