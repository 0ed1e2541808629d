"""Control characters in text that came from a file: refused where it is checked,
escaped where it is printed.

An ``ESC`` in a routine's title printed raw can set the terminal's title, clear
the screen or worse, so C0 and C1 control characters and ``DEL`` are errors in
every text a routine or an import holds (a note may keep its line ends and tabs),
and :func:`printable` shows any that still reach a terminal as ``\\x1b``.
Lone surrogates (which no UTF-8 file can hold, yet JSON's ``\\ud800`` can) are
refused and escaped alike.
"""

from __future__ import annotations

import re

from stretchtimer.core.i18n import _

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
LINE_BREAKS = "\n\r\t"


def first_control(text: str, allowed: str = "") -> str | None:
    """The first control character in ``text`` not in ``allowed``, as ``U+001B``; or None."""
    for match in _CONTROL.finditer(text):
        if match.group() not in allowed:
            return f"U+{ord(match.group()):04X}"
    return None


def control_problem(text: str, allowed: str = "") -> str | None:
    """A sentence for a text holding a control character, or None when it holds none."""
    found = first_control(text, allowed)
    if found is None:
        return None
    return _("holds a control character ({character}); remove it").format(character=found)


def printable(text: str, allowed: str = "") -> str:
    """``text`` with every control character not in ``allowed`` shown as an escape."""

    def escape(match: re.Match[str]) -> str:
        character = match.group()
        if character in allowed:
            return character
        return f"\\x{ord(character):02x}" if ord(character) < 0x100 else f"\\u{ord(character):04x}"

    return _CONTROL.sub(escape, text)
