"""core.text's fast paths (no regex when there is nothing to remove or escape) change nothing.

The quick ``log`` and ``today`` print and clean only plain text: compiling the control and
bidi patterns cost ~2 ms of each. The fast paths must give exactly what the patterns give.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rejection_therapy.core import text

# Plain text with, now and then, every kind of character the patterns care about.
TRICKY = "\x00\x07\t\n\r\x1b[]()\x7f\x85\x9b\u00a0\u061c\u200e\u200f\u202a\u202e\u2066\u2069\ud800\udcff·×é "
TEXT = st.text(st.one_of(st.sampled_from(TRICKY), st.characters()), max_size=40)


def _strip_by_patterns(value: str, multiline: bool) -> str:
    value = re.sub(text._ESCAPE_SEQ, "", value)
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        return re.sub(text._CONTROL_MULTI, "", value)
    value = value.replace("\n", " ").replace("\t", " ").replace("\r", " ")
    return re.sub(text._CONTROL_SINGLE, "", value)


@settings(max_examples=400, deadline=None)
@given(TEXT, st.booleans())
def test_printable_and_strip_controls_give_what_the_patterns_give(value, multiline):
    assert text.printable(value) == re.sub(text._UNSAFE, text._escape, value)
    assert text.strip_controls(value, multiline=multiline) == _strip_by_patterns(value, multiline)


def test_plain_lines_take_the_fast_path():
    assert text.printable("Logged no #7 · 3 attempts today (goal 10)\n\tok") == "Logged no #7 · 3 attempts today (goal 10)\n\tok"
    assert text.strip_controls("Ann · Ltd") == "Ann · Ltd"
