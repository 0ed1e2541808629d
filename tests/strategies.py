"""Hypothesis strategies for routines, shared by the loader, plan and engine tests."""

from __future__ import annotations

from hypothesis import strategies as st

from stretchtimer.core.routine.model import Breaths, Hold, Pace, Reps, Routine, Sides, Step

_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r")


def texts(max_size: int, *, single_line: bool = False, min_size: int = 0) -> st.SearchStrategy[str]:
    chars = st.characters(blacklist_categories=("Cs", "Cc")) if single_line else _chars
    strategy = st.text(chars, max_size=max_size).map(str.strip)
    if min_size:
        strategy = strategy.filter(lambda text: len(text) >= min_size)
    return strategy


def seconds(low: float, high: float) -> st.SearchStrategy[float]:
    return st.one_of(
        st.integers(int(low) if float(low).is_integer() else int(low) + 1, int(high)),
        st.floats(low, high, allow_nan=False, allow_infinity=False),
    )


def works(*, short: bool = False) -> st.SearchStrategy[Hold | Breaths | Reps]:
    """What a step does; ``short`` keeps sessions small enough to simulate many times."""
    hold_max, breaths_max, reps_max, sets_max = (120, 6, 12, 3) if short else (3600, 100, 500, 20)
    return st.one_of(
        st.builds(Hold, seconds(1, hold_max)),
        st.builds(Breaths, st.integers(1, breaths_max)),
        st.builds(
            Reps,
            count=st.integers(1, reps_max),
            tempo=seconds(0.5, 10 if short else 60),
            sets=st.integers(1, sets_max),
            set_rest=st.none() | seconds(0, 60 if short else 600),
        ),
    )


def steps(*, short: bool = False) -> st.SearchStrategy[Step]:
    return st.builds(
        Step,
        name=texts(80, single_line=True, min_size=1),
        work=works(short=short),
        sides=st.sampled_from(list(Sides)),
        say=texts(40 if short else 1000),
        easier=texts(40 if short else 1000),
        rest=st.none() | seconds(0, 60 if short else 600),
    )


def paces(*, short: bool = False) -> st.SearchStrategy[Pace]:
    limit = 20 if short else None
    return st.builds(
        Pace,
        prepare=st.none() | seconds(0, limit or 120),
        rest=st.none() | seconds(0, limit or 600),
        switch=st.none() | seconds(0, limit or 120),
        inhale=st.none() | seconds(1, 20),
        exhale=st.none() | seconds(1, 20),
    )


def routines(*, max_steps: int = 8, short: bool = False) -> st.SearchStrategy[Routine]:
    return st.builds(
        Routine,
        title=texts(80, single_line=True, min_size=1),
        steps=st.lists(steps(short=short), min_size=1, max_size=max_steps).map(tuple),
        description=texts(2000 if not short else 50),
        tags=st.lists(texts(30, single_line=True, min_size=1), max_size=12).map(tuple),
        pace=paces(short=short),
    )
