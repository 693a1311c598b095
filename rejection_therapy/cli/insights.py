"""``chart NAME`` and ``review``: effort charts in the terminal and the review as Markdown.

Nothing heavy at module level; plotext is imported only when a chart is drawn.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import id_arg, int_arg

CHART_NAMES = ("effort", "cumulative", "calendar", "hours", "answers", "kinds", "channels", "funnel",
               "calibration")
CHART_HELP = {
    "effort": "attempts per day against the goal line",
    "cumulative": "cumulative attempts and no's survived",
    "calendar": "calendar heatmap, a year at a glance",
    "hours": "weekday × hour grid of attempts",
    "answers": "weekday × hour grid of the conversation rate",
    "kinds": "rejection kinds per week",
    "channels": "channels compared: attempts, conversations, silence",
    "funnel": "attempts → conversations → yes, and what a yes costs",
    "calibration": "the chance of a yes you expected vs what happened; dread vs sting",
}


def register(sub, common) -> None:
    epilog = "charts:\n" + "\n".join(f"  {n:<11} {h}" for n, h in CHART_HELP.items())
    p = sub.add_parser(
        "chart", parents=[common], help="draw a chart of your effort in the terminal",
        description="Draw a chart in the terminal (plain text when NO_COLOR is set or output is not a terminal).",
        epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("name", choices=CHART_NAMES, metavar="NAME", help="which chart: " + ", ".join(CHART_NAMES))
    p.add_argument("--days", type=int_arg("number of days", 1, 3660), default=30, help="period in days, ending today (default 30; 30, 90, 365…)")
    p.add_argument("--channel", help="only attempts on this channel")
    p.add_argument("--segment", help="only attempts in this segment")
    p.add_argument("--challenge", metavar="ID", type=challenge_ref,
                   help="the whole period of this challenge instead of --days")
    p.add_argument("--width", type=int_arg("chart width"), help="width in columns (default: the terminal's)")
    p.add_argument("--height", type=int_arg("chart height"), help="height in rows (default 20)")
    p.set_defaults(handler=chart_command)

    r = sub.add_parser(
        "review", parents=[common], help="the monthly or challenge review, as Markdown",
        description="Write the review of a month (default: this month, or the month that just ended during the first days of a month) or of a challenge as Markdown.",
    )
    r.add_argument("--month", metavar="YYYY-MM", help="the month to review (default: this month; in its first days, the month that just ended)")
    r.add_argument("--challenge", metavar="ID", type=challenge_ref, help="review this challenge instead of a month")
    r.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of printing")
    r.add_argument("--adjust", metavar="TEXT",
                   help="store TEXT as this review's Adjust section (what you will change), then print")
    r.set_defaults(handler=review_command)


def challenge_ref(text: str):
    """--challenge: a number (an id, see core.numbers), the start of the uuid, or the name."""
    word = text.strip().lstrip("#")
    if word.isascii() and word.isdigit() or word[:1] in ("-", "+") and word[1:].isdigit():
        return id_arg("challenge")(text)
    return text


def use_color(stream=None) -> bool:
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


def chart_command(args, ctx) -> int:
    import shutil

    from ..core.errors import ValidationError
    from ..insights.charts import Options, Palette, render
    from ..services.charts import chart_data

    width = args.width or min(120, shutil.get_terminal_size((100, 24)).columns)
    height = args.height or 20
    if not 30 <= width <= 400 or not 8 <= height <= 200:
        raise ValidationError("The chart needs a width of 30 to 400 columns and a height of 8 to 200 rows.")
    with ctx.store.read() as s:
        bundle = chart_data(s, ctx.profile_id, args.name, days=args.days, channel=args.channel,
                            segment=args.segment, challenge=args.challenge)
    color = use_color()
    text = render(bundle, Options(width=width, height=height, palette=Palette() if color else None))
    if color:
        from . import write_colored

        write_colored(text + "\n")  # the chart's own colours kept; titles' controls escaped
    else:
        print(text)
    return 0


def review_command(args, ctx) -> int:
    from ..services import review as review_svc

    week = getattr(args, "week", None)  # added by cli/json_out.py
    if sum(bool(x) for x in (args.month, args.challenge, week)) > 1:
        from ..core.errors import ValidationError

        raise ValidationError("Give one of --month, --week or --challenge, not several.")
    if args.adjust is not None:
        with ctx.store.write() as s:
            data = review_svc.build(s, ctx.profile_id, month=args.month, challenge=args.challenge, week=week)
            review_svc.save_adjust(s, ctx.profile_id, data.period_key, args.adjust)
    with ctx.store.read() as s:
        data = review_svc.build(s, ctx.profile_id, month=args.month, challenge=args.challenge, week=week)
    text = review_svc.render_markdown(data)
    if args.output:
        from ..services.followups import write_user_file

        # The one safe write (files.write_private_atomic): 0600 whatever the umask, atomic.
        write_user_file(args.output, text.encode("utf-8"), "review.md")
        print(f"Wrote {data.title} to {args.output}.")
        return 0
    sys.stdout.write(text)
    return 0
