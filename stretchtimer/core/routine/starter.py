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

format = 2                   # 2 adds the spoken guidance below; 1 files still load
{title_line}
description = "What this routine is for, in a sentence or two."
tags = ["mine"]              # words to find it by in the app
setup = "You need a chair without wheels and a mat."    # said at the start
finish = "Come up to sitting slowly."                   # said before the closing words

[pace]                       # optional; these are the usual values, in seconds
prepare = 5                  # to get into position before each step
rest = 10                    # between two steps
switch = 5                   # to change sides
inhale = 4                   # one breath in, for steps counted in breaths
exhale = 6                   # one breath out
settle = 3                   # quiet after the last instruction, before the timer starts

# Each [[step]] is one exercise, timed in one of three ways:
# hold (seconds), breaths (slow breaths) or reps (repetitions).
# Copy a whole step, from [[step]] to the next one, to add another.

# {{side}} and {{other}} are said as "left" and "right" for the side being done.
[[step]]
name = "Seated figure-four"
setup = "Sit near the front of your chair, feet flat."      # getting into position
say = "Cross your {{side}} ankle over your {{other}} knee and lean forward from the hips."
feel = "A stretch deep in the {{side}} hip."                 # said once the hold begins
release = "Sit up and put the {{side}} foot back down."      # said as the hold ends
caution = "Ease off if anything pinches."                    # said with the setup
hold = 30                    # seconds
sides = "both"               # "none", "both" (left, then right), "left" or "right"
easier = "Sit upright and only rest the ankle on the knee."  # offered aloud

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
rep_cues = ["up", "and down"]  # said within each rep, evenly over the tempo
"""


def starter_toml(title: str, file_name: str = "THIS-FILE.toml") -> str:
    """A commented routine file called ``title`` (which must already be a valid title)."""
    title_line = tomli_w.dumps({"title": title}).strip()
    return _TEMPLATE.format(title_line=title_line, file_name=file_name)
