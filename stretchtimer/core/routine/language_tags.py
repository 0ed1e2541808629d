"""Language tags in routine files: ``de``, ``de_AT``, ``pt-BR``, ``sr_Latn``.

A routine may be written in any language a voice could read, not only the ones the
app's own words ship in, so a tag is checked against the two-letter language codes
of ISO 639-1 (plus an optional script and region), not against the app's catalogues.
"""

from __future__ import annotations

import re

from stretchtimer.core.i18n import base_tag

# ISO 639-1: every two-letter language code.
_CODES = """
    aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho
    hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku
    kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn
    no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm
    sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi
    vo wa wo xh yi yo za zh zu
"""
ISO_639_1 = frozenset(_CODES.split())
# A few names people write instead of the code, for the suggestion in an error.
_NAMES = {
    "arabic": "ar",
    "deutsch": "de",
    "dutch": "nl",
    "english": "en",
    "espanol": "es",
    "español": "es",
    "francais": "fr",
    "français": "fr",
    "french": "fr",
    "german": "de",
    "italian": "it",
    "italiano": "it",
    "portuguese": "pt",
    "spanish": "es",
}
# language, then an optional script (Latn) and an optional region (AT, 419)
_TAG = re.compile(r"([A-Za-z]{2})(?:[_-][A-Za-z]{4})?(?:[_-](?:[A-Za-z]{2}|\d{3}))?")


def is_language_tag(tag: str) -> bool:
    """Whether ``tag`` names a language: ``de``, ``de_AT``, ``de-AT``, ``sr_Latn_RS``."""
    match = _TAG.fullmatch(tag)
    return match is not None and match.group(1).lower() in ISO_639_1


def suggest_tag(tag: str) -> str:
    """The code ``tag`` was probably meant to be, or ``""``."""
    lowered = tag.strip().lower()
    if lowered in _NAMES:
        return _NAMES[lowered]
    if len(lowered) == 3 and lowered[:2] in ISO_639_1:  # a three-letter code: deu, fra
        return lowered[:2]
    return ""


def same_language(one: str, other: str) -> bool:
    """``de_AT`` and ``de`` are the same language (regions and scripts aside)."""
    return base_tag(one) == base_tag(other)
