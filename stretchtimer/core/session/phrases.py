"""Every sentence the app speaks during a session, in one place.

Numbers are written as words so that every speech engine reads them the same
way and a clip can be cached by its exact text.
"""

from __future__ import annotations

import functools

from stretchtimer.core.routine.model import Side

_ONES = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


@functools.cache
def number_words(n: int) -> str:
    """``42`` → ``"forty-two"``; whole numbers from 0 to 9999."""
    if not 0 <= n <= 9999:
        raise ValueError(f"number out of range for words: {n}")
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    return f"{_ONES[thousands]} thousand" + (f" {number_words(rest)}" if rest else "")


def duration_words(seconds: float) -> str:
    """``90`` → ``"one minute and thirty seconds"``, rounded to whole seconds."""
    total = max(1, round(seconds))
    minutes, secs = divmod(total, 60)
    parts = []
    if minutes:
        parts.append(f"{number_words(minutes)} minute{'s' if minutes != 1 else ''}")
    if secs:
        parts.append(f"{number_words(secs)} second{'s' if secs != 1 else ''}")
    return " and ".join(parts)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def side_name(side: Side) -> str:
    return "left" if side is Side.LEFT else "right"


def intro(name: str, say: str) -> str:
    """The step's name, then its instructions."""
    name = name.rstrip(".!?")
    return f"{name}. {say}" if say else f"{name}."


def side_first(side: Side) -> str:
    return f"{capital(side_name(side))} side first."


def side_only(side: Side) -> str:
    return f"{capital(side_name(side))} side."


def this_side(side: Side) -> str:
    return f"{capital(side_name(side))} side."


SWITCH_SIDES = "Switch sides."
HALFWAY = "Halfway."
REST = "Rest."
SESSION_COMPLETE = "Session complete. Well done."
PAUSED_FOR_SLEEP = "Paused, because the computer was asleep. Resume when you are ready."
PAUSED_FOR_STALL = (
    "Paused, because stretchtimer was held still for a while. Resume when you are ready."
)
WAITING_FOR_VOICE = "One moment, the voice is still getting ready. Nothing is lost."
HOLD_SHORT = "Hold."
BREATHE_IN = "Breathe in."
BREATHE_OUT = "Breathe out."
IN_SHORT = "In."
OUT_SHORT = "Out."
COUNTDOWN = ("Three.", "Two.", "One.")


def hold_for(seconds: float) -> str:
    return f"Hold for {duration_words(seconds)}."


def breaths_first(count: int) -> str:
    if count == 1:
        return "One slow breath. Breathe in."
    return f"{capital(number_words(count))} slow breaths. Breathe in."


def breaths_left(left: int) -> str:
    if left == 1:
        return "Last breath. Breathe in."
    return f"{capital(number_words(left))} more. Breathe in."


def reps_intro(count: int, sets: int) -> str:
    reps = f"{number_words(count)} rep{'s' if count != 1 else ''}"
    if sets == 1:
        return f"{capital(reps)}."
    return f"{capital(number_words(sets))} sets of {reps}."


@functools.cache
def rep_count(n: int) -> str:
    return f"{capital(number_words(n))}."


def set_of(number: int, sets: int) -> str:
    return f"Set {number_words(number)} of {number_words(sets)}."


def next_step(name: str) -> str:
    return f"Next: {name.rstrip('.!?')}."


def easier(text: str) -> str:
    return f"Easier: {text}"


# -- format 2 -------------------------------------------------------------------------

BEGIN = "Begin."
LAST_ONE = "Last one."


def easier_offer(text: str) -> str:
    """The easier way, offered aloud after the setup."""
    text = text.strip()
    if text[:1].isupper() and not text[1:2].isupper():
        text = text[:1].lower() + text[1:]
    return f"If that is too much, {text}"


def breaths_intro(count: int) -> str:
    if count == 1:
        return "One slow breath."
    return f"{capital(number_words(count))} slow breaths."


def capital_sentence(text: str) -> str:
    """``"and down"`` → ``"And down."``: a short cue said as a sentence of its own."""
    text = capital(text.strip())
    return text if text[-1:] in ".!?" else f"{text}."
