"""A routine's tags as a person reads them."""

from __future__ import annotations

from stretchtimer.core.i18n import p_


def _builtin_tags() -> dict[str, str]:
    """The tags of the built-in routines in the language in use."""
    return {
        "back": p_("routine tag", "back"),
        "desk": p_("routine tag", "desk"),
        "flexibility": p_("routine tag", "flexibility"),
        "floor": p_("routine tag", "floor"),
        "gentle": p_("routine tag", "gentle"),
        "glutes": p_("routine tag", "glutes"),
        "hips": p_("routine tag", "hips"),
        "sciatica": p_("routine tag", "sciatica"),
        "seated": p_("routine tag", "seated"),
        "short": p_("routine tag", "short"),
        "standing": p_("routine tag", "standing"),
        "strength": p_("routine tag", "strength"),
    }


def tag_name(tag: str) -> str:
    """A routine's tag as a person reads it: the built-in routines' tags in the language
    in use, a person's own tags as they wrote them."""
    return _builtin_tags().get(tag, tag)
