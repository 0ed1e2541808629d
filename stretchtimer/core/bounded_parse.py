"""Parse TOML and JSON text that anybody could have written, within limits.

``tomllib`` and ``json`` recurse once per nesting level, so a one-kilobyte file
of ``[[[[…]]]]`` ends in ``RecursionError``; an integer of more than 4,300 digits
ends in ``ValueError``; dotted keys ``a.a.a.…`` build dictionaries thousands deep
that any later walk trips on. Every file the app reads from its folders (routines,
settings, reminders, drafts, imports) goes through here, so each of those becomes
one :class:`ParseLimitError` with a sentence and, when known, a line.

The nesting is measured before parsing by a scan that skips strings and comments,
and the parsed result is measured again without recursion.
"""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

from stretchtimer.core.i18n import _

MAX_DEPTH = 32
"""No file the app writes nests more than a few levels; 32 leaves room for people."""


class ParseLimitError(ValueError):
    """The text nests too deeply or holds a number too long to read."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


# Tokens that matter to nesting. Strings come first so that brackets inside them,
# and a ``#`` inside them, are skipped whole.
_TOML_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # multi-line basic string
    r"|'''(?:[^']|'(?!''))*'''"  # multi-line literal string
    r'|"(?:[^"\\\n]|\\.)*"'  # basic string
    r"|'[^'\n]*'"  # literal string
    r"|#[^\n]*"  # comment
    r"|[\[\]{}]",
    re.DOTALL,
)
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def _deepest_bracket(text: str, tokens: re.Pattern[str], limit: int) -> int | None:
    """The offset where nesting first goes past ``limit``, or None."""
    depth = 0
    for match in tokens.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return match.start()
        elif token in "]}":
            depth = max(0, depth - 1)
    return None


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def structure_depth(value: object) -> int:
    """How deeply lists and dicts nest in ``value`` (a scalar is 0), without recursion."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: list[object] = list(item.values())
        elif isinstance(item, list):
            children = list(item)
        else:
            continue
        depth += 1
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH + 1:
            return depth
        stack.extend((child, depth) for child in children)
    return deepest


def _too_deep(line: int | None = None) -> ParseLimitError:
    return ParseLimitError(
        _(
            "nests lists or tables more than {depth} levels deep, which no stretchtimer "
            "file needs; is this the right file?"
        ).format(depth=MAX_DEPTH),
        line,
    )


def _too_many_digits(error: ValueError) -> ParseLimitError:
    if "digits" in str(error):
        return ParseLimitError(_("holds a number with thousands of digits; no setting needs one"))
    return ParseLimitError(_("holds a value that cannot be read ({error})").format(error=error))


def loads_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads`` within limits.

    Raises ``tomllib.TOMLDecodeError`` for text that is not TOML and
    :class:`ParseLimitError` for TOML that is too deep or holds an unreadable number.
    """
    offset = _deepest_bracket(text, _TOML_TOKENS, MAX_DEPTH)
    if offset is not None:
        raise _too_deep(_line_of(text, offset))
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise
    except RecursionError:  # the scan above should make this unreachable
        raise _too_deep() from None
    except ValueError as error:
        raise _too_many_digits(error) from None
    if structure_depth(document) > MAX_DEPTH:
        raise _too_deep()
    return document


def loads_json(text: str | bytes) -> Any:
    """``json.loads`` within limits.

    Raises ``json.JSONDecodeError`` for text that is not JSON and
    :class:`ParseLimitError` for JSON that is too deep or holds an unreadable number.
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    offset = _deepest_bracket(text, _JSON_TOKENS, MAX_DEPTH)
    if offset is not None:
        raise _too_deep(_line_of(text, offset))
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise _too_deep() from None
    except ValueError as error:
        raise _too_many_digits(error) from None
