"""Onboarding presets and the settings form's text parsers (pure)."""

from __future__ import annotations

import pytest

from rejection_therapy.core import presets
from rejection_therapy.core import setting_text as st
from rejection_therapy.core.errors import ValidationError
from rejection_therapy.core.goals import Goal, check_goal


def test_the_three_paths_have_the_product_numbers():
    assert presets.get("sales").goal == Goal(daily_attempts=60, daily_nos=20, daily_cap=100)
    assert presets.get("sprint").goal == Goal(daily_attempts=3, daily_nos=0, daily_cap=6)
    assert presets.get("100-day").goal == Goal(daily_attempts=1, daily_nos=0, daily_cap=None)
    assert [p.key for p in presets.PRESETS] == ["sales", "sprint", "100-day"]
    for p in presets.PRESETS:
        check_goal(p.goal)  # every preset is a valid goal
    assert presets.get("sales").settings["default_channel"] == "call"
    assert presets.get("sprint").settings["default_channel"] == "pitch"


def test_summaries_read_well():
    assert presets.get("sales").summary() == "60 attempts a day · 20 no's · cap 100"
    assert presets.get("100-day").summary() == "1 attempt a day · no cap"


def test_custom_path_takes_typed_numbers():
    assert presets.custom("10", "", "").goal == Goal(10, 0, None)
    assert presets.custom(" 5 ", "2", "8").goal == Goal(5, 2, 8)
    assert presets.custom(4, None, None).goal == Goal(4, 0, None)
    assert presets.custom("", "", "").goal == Goal(0, 0, None)


@pytest.mark.parametrize(("attempts", "nos", "cap", "words"), [
    ("ten", "", "", "whole number"),
    ("-3", "", "", "cannot be below 0"),
    ("20", "", "10", "below the daily goal"),
    ("5", "", "0", "cannot be below 1"),
    ("5000", "", "", "more than anyone can do"),
])
def test_custom_path_refuses_bad_numbers_with_a_sentence(attempts, nos, cap, words):
    with pytest.raises(ValidationError, match=words):
        presets.custom(attempts, nos, cap)


def test_unknown_preset():
    with pytest.raises(KeyError):
        presets.get("nope")


def test_pairs_round_trip_and_errors():
    assert st.parse_pairs("call=40, Email: 10", "goals") == {"call": 40, "email": 10}
    assert st.parse_pairs("  ", "goals") == {}
    assert st.format_pairs({"call": 40, "email": 10}) == "call=40, email=10"
    with pytest.raises(ValidationError, match="channel=number"):
        st.parse_pairs("call forty", "goals")
    with pytest.raises(ValidationError, match="twice"):
        st.parse_pairs("call=1, CALL=2", "goals")


def test_whole_numbers_names_and_weekdays():
    assert st.parse_whole(" 12 ", "bad") == 12
    with pytest.raises(ValidationError, match="^bad$"):
        st.parse_whole("1.5", "bad")
    assert st.parse_optional_whole("", "bad") is None
    assert st.parse_names("Call, email ,, pitch") == ("call", "email", "pitch")
    assert st.parse_rest_weekdays("sat sun") == (5, 6)
    assert st.parse_rest_weekdays("") == ()
    assert st.format_weekdays((6, 5)) == "sat, sun"
