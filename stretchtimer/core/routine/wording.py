"""The words of a routine as they are spoken: sides filled in, sentence by sentence.

``{side}`` and ``{other}`` in a step's texts become the words for the side being done
and the other one, from the person's own body, in the language being spoken (the
catalogue's "left" and "right"). Where the plain word does not fit the sentence's
grammar, a text may give the two forms itself: ``{side:linke|rechte}`` is "linke" on
the left side and "rechte" on the right, and ``{other:linken|rechten}`` likewise for
the other side. Long texts are spoken a sentence at a time, so no single cue runs on.
"""

from __future__ import annotations

import functools
import re

from stretchtimer.core.i18n import p_
from stretchtimer.core.routine.model import Side, Step

SIDE = "{side}"
OTHER = "{other}"
# A sentence ends at . ! or ? (and any closing quote or bracket) before a capital letter
# (or a digit, or Spanish ¿ ¡, or an opening quote or bracket).
_SENTENCE = re.compile(
    r".+?(?:[.!?]+[\"')\]»]*(?=\s+[\"'(«¿¡]*[A-Z0-9\u00c0-\u00d6\u00d8-\u00de])|$)"
)
# {side}, {other}, and the forms a translation may give: {side:linke|rechte}
# (one form only, {side:links}, is said for both sides rather than read out as written)
_PLACEHOLDER = re.compile(r"\{(side|other)(?::([^{}|]*)(?:\|([^{}|]*))?)?\}")


def side_word(side: Side) -> str:
    """The word for ``side`` in the language being spoken."""
    # TRANSLATORS: the word put in a routine's {side} and {other}: "Cross your left ankle
    # over your right knee." A routine's translation may give other forms itself.
    return p_("side", "left") if side is Side.LEFT else p_("side", "right")


def other_side(side: Side) -> Side:
    return Side.RIGHT if side is Side.LEFT else Side.LEFT


def fill_sides(text: str, side: Side | None) -> str:
    """``text`` with ``{side}``/``{other}`` said for ``side`` (left as written without one).

    ``{side:A|B}`` says A on the left and B on the right. A placeholder at the start of
    a sentence is said with a capital letter.
    """
    if side is None or "{" not in text:
        return text

    def word(match: re.Match[str]) -> str:
        meant = side if match.group(1) == "side" else other_side(side)
        if match.group(2) is not None:
            left, right = match.group(2), match.group(3)
            said = left if meant is Side.LEFT or right is None else right
        else:
            said = side_word(meant)
        before = text[: match.start()].rstrip()
        return said[:1].upper() + said[1:] if not before or before[-1] in ".!?¿¡" else said

    return _PLACEHOLDER.sub(word, text)


def uses_sides(step: Step) -> bool:
    """Whether the step's own words say which side is which (with the placeholders)."""
    return any(_PLACEHOLDER.search(text) for text in step.texts())


def names_a_side_first(text: str) -> bool:
    """Whether ``text`` names the left or the right side in its first sentence, in the
    language being spoken."""
    first = sentences(text)[:1]
    return bool(first) and _side_words(_side_word_forms()).search(first[0]) is not None


def _side_word_forms() -> str:
    # TRANSLATORS: every form of the words for left and right that a sentence may use,
    # separated by |, to find out whether a routine's text names a side (German:
    # links|rechts|linke|rechte|linken|rechten|...).
    return p_("side words", "left|right")


@functools.lru_cache(maxsize=8)
def _side_words(forms: str) -> re.Pattern[str]:
    # The English words count too: a routine not yet translated is read as written.
    words = {word.strip() for word in f"left|right|{forms}".split("|") if word.strip()}
    pattern = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """``text`` split after each full stop, question or exclamation mark."""
    flat = " ".join(text.split())
    if not flat:
        return []
    return [part.strip() for part in _SENTENCE.findall(flat) if part.strip()]
