"""``stretchtimer play``'s options survive the trip to a running app unchanged."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchtimer.core.session.options import PlayOptions

options = st.builds(
    PlayOptions,
    speed=st.floats(min_value=0.1, max_value=100.0, allow_nan=False),
    voice=st.none() | st.text(max_size=40),
    rate=st.none() | st.integers(min_value=80, max_value=400),
    mute=st.booleans(),
)


@given(options)
def test_options_round_trip_through_json(value: PlayOptions) -> None:
    assert PlayOptions.from_json(value.to_json()) == value


def test_only_what_was_asked_is_sent_and_a_speed_makes_a_preview() -> None:
    assert PlayOptions().to_json() == {}
    assert not PlayOptions().preview
    assert PlayOptions(speed=20).preview
    assert PlayOptions(speed=20, mute=True).to_json() == {"speed": 20, "mute": True}


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        ({"speed": 0}, "speed"),
        ({"speed": True}, "speed"),
        ({"voice": 3}, "voice"),
        ({"rate": "fast"}, "rate"),
        ({"mute": "yes"}, "mute"),
    ],
)
def test_wrong_values_are_refused_by_name(message: dict[str, object], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        PlayOptions.from_json(message)
