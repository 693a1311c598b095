"""The JSON form of an export: readable, one record a line, written a slice at a time.

json's ``indent=`` turns off its C encoder (3x slower), so records are encoded one by one
and joined by hand. Attempts go out ``SLICE`` at a time; ``written(n)`` hears each slice
(the progress of a big export). The text is the same whatever the slice size.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

SLICE = 1000


def _enc(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _items(values: list) -> str:
    return "[]" if not values else "[\n  " + ",\n  ".join(_enc(v) for v in values) + "\n ]"


def json_chunks(head: dict[str, Any], profiles: Iterable[dict[str, Any]],
                written: Callable[[int], None] | None = None) -> Iterator[str]:
    yield "{\n" + ",\n".join(f"{_enc(k)}: {_enc(v)}" for k, v in head.items()) + ',\n"profiles": ['
    sep = "\n"
    for p in profiles:
        out = sep + "{\n "
        for n, (k, v) in enumerate(p.items()):
            out += ("" if n == 0 else ",\n ") + f"{_enc(k)}: "
            if k == "attempts" and isinstance(v, list) and v:
                out += "[\n  "
                for i in range(0, len(v), SLICE):
                    part = v[i:i + SLICE]
                    yield out + ("" if i == 0 else ",\n  ") + ",\n  ".join(_enc(a) for a in part)
                    out = ""
                    if written is not None:
                        written(len(part))
                out += "\n ]"
            else:
                out += _items(v) if isinstance(v, list) else _enc(v)
        yield out + "\n}"
        sep = ",\n"
    yield "\n]}\n"
