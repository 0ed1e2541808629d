"""The file ``stretchtimer routines new`` writes: a valid routine to change by hand.

It shows every key once, with a note on what it does, and one step of each kind
(hold, breaths, reps), so a person can copy a step and change it without
reading any documentation.
"""

from __future__ import annotations

import tomli_w

_TEMPLATE = """\
# A stretchtimer routine. Change anything you like, then check the file with
#     stretchtimer routines validate {file_name}
# Lines that start with # are notes for you; stretchtimer skips them.

format = 1                   # always 1
{title_line}
description = "What this routine is for, in a sentence or two."
tags = ["mine"]              # words to find it by in the app

[pace]                       # optional; these are the usual values, in seconds
prepare = 5                  # to get into position before each step
rest = 10                    # between two steps
switch = 5                   # to change sides
inhale = 4                   # one breath in, for steps counted in breaths
exhale = 6                   # one breath out

# Each [[step]] is one exercise, timed in one of three ways:
# hold (seconds), breaths (slow breaths) or reps (repetitions).
# Copy a whole step, from [[step]] to the next one, to add another.

[[step]]
name = "Seated figure-four"
say = "Sit near the front of your chair, rest one ankle on the other knee and lean forward."
hold = 30                    # seconds
sides = "both"               # "none", "both" (left, then right), "left" or "right"
easier = "Sit upright and only cross the ankle over the knee."

[[step]]
name = "Knees to chest"
say = "Lie on your back and hug both knees gently toward your chest."
breaths = 5                  # slow breaths, in and out

[[step]]
name = "Glute bridge"
say = "Lie on your back, knees bent and feet flat. Lift your hips, pause, and lower slowly."
reps = 10                    # repetitions
tempo = 3                    # seconds for one repetition
sets = 2                     # how many rounds of the repetitions
set_rest = 20                # seconds of rest between rounds
rest = 15                    # seconds of rest after this step, instead of the pace's rest
"""


def starter_toml(title: str, file_name: str = "THIS-FILE.toml") -> str:
    """A commented routine file called ``title`` (which must already be a valid title)."""
    title_line = tomli_w.dumps({"title": title}).strip()
    return _TEMPLATE.format(title_line=title_line, file_name=file_name)
