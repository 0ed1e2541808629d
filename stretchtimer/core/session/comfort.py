"""The optional comfort rating: how the hips and back feel, 0 to 10, before and after.

0 means very sore and 10 completely comfortable, so a rating that goes up after
a session means it helped. Whether to ask is a setting: ``routine`` (the
default) asks only for routines that call for it (tagged ``sciatica``, such as
the built-in sciatica relief), ``always`` asks for every routine, ``never`` never.
"""

from __future__ import annotations

from stretchtimer.core.i18n import N_, _
from stretchtimer.core.routine.model import Routine

CHOICES = ("routine", "always", "never")
ASKING_TAGS = frozenset({"sciatica"})
LOWEST = 0
HIGHEST = 10

# The questions, marked for the catalogue: show them translated, ``_(QUESTION_BEFORE)``.
QUESTION_BEFORE = N_(
    "Before you start: how do your hips and back feel, 0 (very sore) to 10 (fine)?"
)
QUESTION_BEFORE_SHORT = N_("Before you start: how do your hips and back feel right now?")
QUESTION_AFTER_SHORT = N_("How do your hips and back feel now?")
QUESTION_AFTER = N_("And now: how do your hips and back feel, 0 (very sore) to 10 (fine)?")
# TRANSLATORS: a hint beside the comfort question in the terminal: [Enter to skip]
ENTER_TO_SKIP = N_("Enter to skip")
TRY_AGAIN = N_("Please type a whole number from 0 to 10, or press Enter to skip.")


def asks_comfort(choice: str, routine: Routine) -> bool:
    """Whether to ask for a comfort rating around a session of ``routine``."""
    if choice == "always":
        return True
    if choice == "routine":
        return not ASKING_TAGS.isdisjoint(tag.lower() for tag in routine.tags)
    return False


def parse_comfort(text: str) -> int | None:
    """``"7"`` → 7, ``""`` → None (skipped); raises ValueError for anything else."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not LOWEST <= int(text) <= HIGHEST:
        raise ValueError(_(TRY_AGAIN))
    return int(text)
