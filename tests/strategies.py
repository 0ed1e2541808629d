"""Hypothesis strategies for routines, shared by the loader, plan and engine tests."""

from __future__ import annotations

from hypothesis import strategies as st

from stretchtimer.core.routine.model import Breaths, Hold, Pace, Reps, Routine, Sides, Step

# Control characters are refused in routine texts, all but line ends and tabs.
_chars = st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t")


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


# -- format 2 -------------------------------------------------------------------------

_words = st.sampled_from(
    ["Sit tall.", "Cross your {side} ankle over your {other} knee.", "Breathe slowly.", "Lean"]
)


def guided_texts(sided: bool, max_sentences: int = 6) -> st.SearchStrategy[str]:
    """Texts of sentences, with ``{side}``/``{other}`` only where the step has sides."""
    sentence = _words if sided else _words.filter(lambda text: "{" not in text)
    return st.lists(sentence, max_size=max_sentences).map(" ".join)


@st.composite
def guided_steps(draw: st.DrawFn, *, short: bool = True) -> Step:
    sides = draw(st.sampled_from(list(Sides)))
    sided = sides is not Sides.NONE
    work = draw(works(short=short))
    rep_cues: tuple[str, ...] = ()
    if isinstance(work, Reps):
        rep_cues = tuple(draw(st.lists(st.sampled_from(["up", "and down", "hold"]), max_size=4)))
    return Step(
        name=draw(texts(30, single_line=True, min_size=1)),
        work=work,
        sides=sides,
        say=draw(guided_texts(sided)),
        easier=draw(guided_texts(sided, 2)),
        rest=draw(st.none() | seconds(0, 20)),
        setup=draw(guided_texts(sided, 3)),
        feel=draw(guided_texts(sided, 2)),
        release=draw(guided_texts(sided, 2)),
        caution=draw(guided_texts(sided, 1)),
        settle=draw(st.none() | seconds(0, 30)),
        rep_cues=rep_cues,
    )


def guided_routines(*, max_steps: int = 4) -> st.SearchStrategy[Routine]:
    """Valid format-2 routines (texts kept short, so that many can be planned)."""
    pace = st.builds(
        Pace,
        prepare=st.none() | seconds(0, 20),
        rest=st.none() | seconds(0, 20),
        switch=st.none() | seconds(0, 20),
        inhale=st.none() | seconds(1, 20),
        exhale=st.none() | seconds(1, 20),
        settle=st.none() | seconds(0, 30),
    )
    return st.builds(
        Routine,
        title=st.just("Guided"),
        steps=st.lists(guided_steps(), min_size=1, max_size=max_steps).map(tuple),
        pace=pace,
        format=st.just(2),
        setup=guided_texts(False, 2),
        finish=guided_texts(False, 2),
    )
