"""Ask for a 0–10 comfort rating in the terminal: a number, or Enter to skip."""

from __future__ import annotations

from typing import TextIO

from stretchtimer.core.i18n import _
from stretchtimer.core.session.comfort import ENTER_TO_SKIP, TRY_AGAIN, parse_comfort

ATTEMPTS = 5  # after this many answers that are not a rating, skip


def ask_comfort(question: str, stdin: TextIO, out: TextIO) -> int | None:
    """The person's rating, or None when they skip (Enter, end of input, or no valid answer)."""
    prompt = f"{question} [{_(ENTER_TO_SKIP)}] "
    for _attempt in range(ATTEMPTS):
        out.write(prompt)
        out.flush()
        line = stdin.readline()
        if not line:  # end of input
            out.write("\n")
            return None
        try:
            return parse_comfort(line)
        except ValueError:
            prompt = f"{_(TRY_AGAIN)} "
    return None
