"""``rejection-therapy settings [KEY VALUE]``: list every setting, or change one with the
settings screen's validation (services.setting_values, core.setting_fields)."""

from __future__ import annotations

import sys


def register(sub, common) -> None:
    p = sub.add_parser("settings", parents=[common], help="list the settings, or change one: settings KEY VALUE",
                       description="Without arguments, lists every setting with its value and meaning. "
                                   "With KEY VALUE, changes one (validated as in the app's settings screen). "
                                   "Goals apply from today on.")
    p.add_argument("key", metavar="KEY", nargs="?")
    p.add_argument("value", metavar="VALUE", nargs="?")
    p.set_defaults(handler=cmd_settings)


def cmd_settings(args, ctx) -> int:
    from ..core.errors import ValidationError
    from ..core.text import strip_controls
    from ..services import setting_values

    if args.key is None:
        with ctx.store.read() as s:
            lines = setting_values.lines(s, ctx.profile_id)
        width = max(len(line.key) for line in lines)
        vwidth = min(30, max(len(line.value) for line in lines))
        section = None
        out = []
        for line in lines:
            if line.section != section:
                section = line.section
                out.append(("" if not out else "\n") + section)
            value = strip_controls(line.value).replace("\n", " ")
            if len(value) > 30:
                value = value[:29] + "…"
            out.append(f"  {line.key:<{width}}  {value:<{vwidth}}  {line.label}{' · ' + line.meaning if line.meaning else ''}")
        sys.stdout.write("\n".join(out) + "\n")
        return 0
    if args.value is None:
        setting_values.field(args.key)  # an unknown key says so
        raise ValidationError(f"Give the new value too: rejection-therapy settings {args.key} VALUE.")
    with ctx.store.write() as s:
        line = setting_values.set_text(s, ctx.profile_id, args.key, args.value)
    sys.stdout.write(f"{line.label} is now {strip_controls(line.value)}.\n")
    return 0
