"""What routines and their files are called: a file name from a title, titles compared as
a person reads them, a copy's title and a numbered one, within the title length limit, and
the names and titles the built-in routines keep for themselves."""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from stretchtimer.core.i18n import _
from stretchtimer.core.routine.model import Routine

MAX_STEM = 60
TITLE_LIMIT = 80


def slug(title: str) -> str:
    """A file name stem for a title: ``"Desk hips (copy)"`` → ``"desk-hips-copy"``."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    stem = "-".join(words)[:MAX_STEM].strip("-")
    return stem or "routine"


def builtin_ids() -> set[str]:
    from stretchtimer.storage.routines.library import builtin_entries

    return {entry.id for entry in builtin_entries()}


def builtin_titles() -> set[str]:
    """The built-in routines' titles in every language they have (a copy must not look
    like a built-in in any of them)."""
    from stretchtimer.storage.routines.library import builtin_entries

    titles = set()
    for entry in builtin_entries():
        if entry.routine is not None:
            titles.add(entry.routine.title)
            titles.update(t.title for t in entry.routine.translations if t.title)
    return titles


def title_key(title: str) -> str:
    """Titles that differ only in letter case or spaces around them are the same title."""
    return title.strip().casefold()


def titled(routine: Routine, title: str) -> Routine:
    return dataclasses.replace(routine, title=title.strip()[:TITLE_LIMIT].strip())


def numbered_title(title: str, number: int) -> str:
    """``"Desk hips (2)"``: the title with a number, within the title length limit."""
    suffix = f" ({number})"
    return title.strip()[: TITLE_LIMIT - len(suffix)].rstrip() + suffix


def copy_title(title: str) -> str:
    """``"Hip openers"`` → ``"Hip openers (copy)"``, within the 80-character limit."""
    # TRANSLATORS: added to the title of a copy of a routine: "Hip openers (copy)"
    suffix = " " + _("(copy)")
    return title[: TITLE_LIMIT - len(suffix)].rstrip() + suffix
