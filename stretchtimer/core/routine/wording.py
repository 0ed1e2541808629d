"""The words of a routine as they are spoken: sides filled in, sentence by sentence.

``{side}`` and ``{other}`` in a step's texts become "left" and "right" for the
side being done, from the person's own body. Long texts are spoken a sentence at
a time, so no single cue runs on.
"""

from __future__ import annotations

import re

from stretchtimer.core.routine.model import Side, Step

SIDE = "{side}"
OTHER = "{other}"
# A sentence ends at . ! or ? (and any closing quote or bracket) before a capital letter.
_SENTENCE = re.compile(r".+?(?:[.!?]+[\"')\]]*(?=\s+[A-Z\"'(0-9])|$)")
_SIDE_WORDS = re.compile(r"\b(left|right)\b", re.IGNORECASE)


def side_word(side: Side) -> str:
    return "left" if side is Side.LEFT else "right"


def other_side(side: Side) -> Side:
    return Side.RIGHT if side is Side.LEFT else Side.LEFT


def fill_sides(text: str, side: Side | None) -> str:
    """``text`` with ``{side}``/``{other}`` said for ``side`` (left as written without one).

    A placeholder at the start of a sentence is said with a capital letter.
    """
    if side is None or "{" not in text:
        return text
    words = {SIDE: side_word(side), OTHER: side_word(other_side(side))}

    def word(match: re.Match[str]) -> str:
        said = words[match.group(0)]
        start = match.start()
        before = text[:start].rstrip()
        return said.capitalize() if not before or before[-1] in ".!?" else said

    return re.sub(r"\{side\}|\{other\}", word, text)


def uses_sides(step: Step) -> bool:
    """Whether the step's own words say which side is which (with the placeholders)."""
    return any(SIDE in text or OTHER in text for text in step.texts())


def names_a_side_first(text: str) -> bool:
    """Whether ``text`` names "left" or "right" in its first sentence."""
    first = sentences(text)[:1]
    return bool(first) and _SIDE_WORDS.search(first[0]) is not None


def sentences(text: str) -> list[str]:
    """``text`` split after each full stop, question or exclamation mark."""
    flat = " ".join(text.split())
    if not flat:
        return []
    return [part.strip() for part in _SENTENCE.findall(flat) if part.strip()]
