"""Every sentence the app speaks during a session, in one place, in the session's language.

Each phrase is a function, translated when it is called (inside
:func:`stretchtimer.core.i18n.speaking_in` while a plan is built), never at import.

Numbers: English says them as words ("Hold for forty-five seconds."), so that every
speech engine reads them the same way and a clip is cached by its exact text. Other
languages write digits and let their voice read them, because a voice reads its own
language's numbers better than any table here would. Where grammar needs a word for
one ("eine Minute", "un minuto"), the phrase for exactly one is a sentence of its own
in the catalogue; every other count goes through the language's plural forms. So a
new language needs only its catalogue.
"""

from __future__ import annotations

import functools

from stretchtimer.core import i18n
from stretchtimer.core.i18n import _, n_, p_
from stretchtimer.core.routine.model import Side
from stretchtimer.core.routine.wording import side_word

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
    """``42`` → ``"forty-two"``; whole numbers from 0 to 9999 (English)."""
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


def spoken_number(n: int) -> str:
    """``n`` as the session's language says it in a sentence: words in English, digits
    in every other language (its voice reads them)."""
    return number_words(n) if _in_words() and 0 <= n <= 9999 else str(n)


def _in_words() -> bool:
    """Whether the session's language says its numbers as words (the source language)."""
    return _is_source(i18n.current().tag)


@functools.cache
def _is_source(tag: str) -> bool:  # a plan asks for every count: parse each tag once
    return i18n.base_tag(tag) == i18n.SOURCE_LANGUAGE


def duration_words(seconds: float) -> str:
    """``90`` → ``"one minute and thirty seconds"``, rounded to whole seconds."""
    total = max(1, round(seconds))
    minutes, secs = divmod(total, 60)
    minute_words = _minutes(minutes) if minutes else ""
    second_words = _seconds(secs) if secs else ""
    if minute_words and second_words:
        # TRANSLATORS: a length of time said aloud: "one minute and thirty seconds".
        return _("{minutes} and {seconds}").format(minutes=minute_words, seconds=second_words)
    return minute_words or second_words


def _minutes(count: int) -> str:
    if count == 1:
        # TRANSLATORS: part of a spoken length of time ("Hold for one minute."); write
        # the number as a word, in the form your grammar needs.
        return _("one minute")
    return n_("{count} minute", "{count} minutes", count).format(count=spoken_number(count))


def _seconds(count: int) -> str:
    if count == 1:
        # TRANSLATORS: part of a spoken length of time; the number as a word.
        return _("one second")
    return n_("{count} second", "{count} seconds", count).format(count=spoken_number(count))


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def side_name(side: Side) -> str:
    """The side's word in the session's language ("left", "links", "izquierdo")."""
    return side_word(side)


def intro(name: str, say: str) -> str:
    """The step's name, then its instructions."""
    name = name.rstrip(".!?")
    return f"{name}. {say}" if say else f"{name}."


def side_first(side: Side) -> str:
    """Said before the first side of a step done on both."""
    return _("Left side first.") if side is Side.LEFT else _("Right side first.")


def side_only(side: Side) -> str:
    """Said before a step done on one side only."""
    return this_side(side)


def this_side(side: Side) -> str:
    """Said when a side begins: "Left side."."""
    return _("Left side.") if side is Side.LEFT else _("Right side.")


def switch_sides() -> str:
    return _("Switch sides.")


def halfway() -> str:
    # TRANSLATORS: said in the middle of a timed hold.
    return _("Halfway.")


def rest() -> str:
    # TRANSLATORS: said when a rest between steps or sets begins.
    return _("Rest.")


def session_complete() -> str:
    return _("Session complete. Well done.")


def paused_for_sleep() -> str:
    return _("Paused, because the computer was asleep. Resume when you are ready.")


def paused_for_stall() -> str:
    return _("Paused, because stretchtimer was held still for a while. Resume when you are ready.")


def waiting_for_voice() -> str:
    return _("One moment, the voice is still getting ready. Nothing is lost.")


def hold_short() -> str:
    # TRANSLATORS: a hold begins and there is no time for more words.
    return _("Hold.")


def breathe_in() -> str:
    return _("Breathe in.")


def breathe_out() -> str:
    return _("Breathe out.")


def in_short() -> str:
    # TRANSLATORS: the shortest way to say "Breathe in." when a breath is fast.
    return _("In.")


def out_short() -> str:
    # TRANSLATORS: the shortest way to say "Breathe out." when a breath is fast.
    return _("Out.")


def countdown() -> tuple[str, str, str]:
    """The last three seconds of a hold, counted aloud."""
    # TRANSLATORS: the last three seconds of a hold counted aloud: "Three.", "Two.", "One.".
    return (_("Three."), _("Two."), _("One."))


def hold_for(seconds: float) -> str:
    return _("Hold for {duration}.").format(duration=duration_words(seconds))


def breaths_first(count: int) -> str:
    return f"{breaths_intro(count)} {breathe_in()}"


def breaths_left(left: int) -> str:
    """Said at the start of each breath after the first: how many are left."""
    if left == 1:
        return _("Last breath. Breathe in.")
    # TRANSLATORS: {count} breaths are left, this one included ("Four more. Breathe in.").
    more = n_("{count} more. Breathe in.", "{count} more. Breathe in.", left)
    return capital(more.format(count=spoken_number(left)))


def _reps(count: int) -> str:
    if count == 1:
        # TRANSLATORS: how many repetitions a set has, when it is one; the number as a word.
        return _("one rep")
    return n_("{count} rep", "{count} reps", count).format(count=spoken_number(count))


def reps_intro(count: int, sets: int) -> str:
    """ "Ten reps." or "Two sets of ten reps." (one set is just its reps)."""
    reps = _reps(count)
    if sets == 1:
        return f"{capital(reps)}."
    # TRANSLATORS: "Two sets of ten reps."; {reps} is "ten reps" or "one rep".
    sets_of = n_("{count} set of {reps}.", "{count} sets of {reps}.", sets)
    return capital(sets_of.format(count=spoken_number(sets), reps=reps))


def rep_count(n: int) -> str:
    """A rep counted aloud: "One.", "Two.", ..."""
    if _in_words():
        return _english_count(n)
    # TRANSLATORS: a repetition counted aloud, {number} in digits ("7."): the voice reads it.
    return _("{number}.").format(number=n)


@functools.cache
def _english_count(n: int) -> str:
    return f"{capital(number_words(n))}."


def set_of(number: int, sets: int) -> str:
    return _("Set {number} of {sets}.").format(
        number=spoken_number(number), sets=spoken_number(sets)
    )


def next_step(name: str) -> str:
    # TRANSLATORS: said during a rest, with the name of the step that comes after it.
    return _("Next: {name}.").format(name=name.rstrip(".!?"))


def easier(text: str) -> str:
    # TRANSLATORS: the easier variation of a step, when the person asks for it.
    return _("Easier: {text}").format(text=text)


# -- format 2 -------------------------------------------------------------------------


def begin() -> str:
    # TRANSLATORS: said when a timed part (hold, breaths, reps) starts.
    return _("Begin.")


def last_one() -> str:
    # TRANSLATORS: said on the last repetition of a set.
    return _("Last one.")


def easier_offer(text: str) -> str:
    """The easier way, offered aloud after the setup."""
    text = text.strip()
    # TRANSLATORS: "lowercase" if the easier variation in "If that is too much, {text}"
    # goes on with a small letter, as after a comma; "keep" if it keeps its capital,
    # as after a colon in German ("Falls das zu viel ist: Setz dich ...").
    lowercase = p_("easier offer", "lowercase") != "keep"
    if lowercase and text[:1].isupper() and not text[1:2].isupper():
        text = text[:1].lower() + text[1:]
    # TRANSLATORS: {text} is the routine's easier variation, a sentence of its own
    # (see "lowercase", context "easier offer"): "If that is too much, sit on a cushion."
    return _("If that is too much, {text}").format(text=text)


def breaths_intro(count: int) -> str:
    if count == 1:
        return _("One slow breath.")
    breaths = n_("{count} slow breath.", "{count} slow breaths.", count)
    return capital(breaths.format(count=spoken_number(count)))


def capital_sentence(text: str) -> str:
    """``"and down"`` → ``"And down."``: a short cue said as a sentence of its own."""
    text = capital(text.strip())
    return text if text[-1:] in ".!?" else f"{text}."
