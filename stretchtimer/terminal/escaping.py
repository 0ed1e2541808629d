"""Text from files and imports is shown on the terminal, never executed by it.

A title holding ``ESC ] 0 ; … BEL`` printed raw would retitle the terminal, and
``ESC [ 2 J`` would clear it. Routines and imports refuse control characters now,
but a history written by an older version, a file name, or a message quoting a
bad value can still carry them; so every command that prints such text runs with
:func:`escaped_output`, which shows each control character as ``\\x1b``.

Messages (standard error) are always escaped. Standard output is escaped when it
is a terminal; piped into a file or a program (``history --csv > x.csv``) it keeps
the data exactly as it is.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO, TypeVar

from stretchtimer.core.control_text import printable

KEPT = "\n\t"

Result = TypeVar("Result")


class EscapingStream:
    """A text stream that writes control characters (but line ends and tabs) as escapes."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        # A CSV row ends in CR LF: on a terminal that is just the end of a line.
        self.stream.write(printable(text.replace("\r\n", "\n"), KEPT))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, fileno, isatty, encoding, ...
        return getattr(self.stream, name)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


@contextmanager
def escaped_output() -> Iterator[None]:
    """Within the block, ``sys.stderr`` (and ``sys.stdout`` on a terminal) escape controls."""
    saved = sys.stdout, sys.stderr
    if _is_terminal(sys.stdout):
        sys.stdout = EscapingStream(sys.stdout)
    sys.stderr = EscapingStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def with_escaped_output(run: Callable[..., Result]) -> Callable[..., Result]:
    """``run`` with :func:`escaped_output` around it: for a command's ``run``."""

    @functools.wraps(run)
    def escaped(*args: Any, **kwargs: Any) -> Result:
        with escaped_output():
            return run(*args, **kwargs)

    return escaped
