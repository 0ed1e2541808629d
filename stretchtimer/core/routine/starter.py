"""The file ``stretchtimer routines new`` writes: a valid routine to change by hand.

It shows every key once, with a note on what it does, and one step of each kind
(hold, breaths, reps), so a person can copy a step and change it without
reading any documentation. Notes and example texts are in the person's language
(and the file says so with ``language``); keys stay as the format names them.
"""

from __future__ import annotations

from typing import Any

import tomli_w

from stretchtimer.core import i18n
from stretchtimer.core.i18n import N_, _, p_
from stretchtimer.core.routine.language_tags import is_language_tag

NOTE_COLUMN = 29
_DESCRIPTION = N_(
    "What this routine is for, in a sentence or two."
)  # where a note after a key starts, when the key is short enough


def starter_toml(title: str, file_name: str = "THIS-FILE.toml") -> str:
    """A commented routine file called ``title`` (which must already be a valid title)."""
    lines = [
        *_comment(
            _(
                "A stretchtimer routine. Change anything you like, then check the file with\n"
                "    stretchtimer routines validate {file_name}\n"
                "Lines that start with # are notes for you; stretchtimer skips them."
            ).format(file_name=file_name)
        ),
        "",
        _line("format", 2, _("2 adds the spoken guidance below; 1 files still load")),
        _line("title", title),
    ]
    description = _(_DESCRIPTION)
    tag = i18n.current().tag
    # The texts are in the app's language only where its catalogue has them (``ar`` lays
    # the app out right to left without any Arabic words): the description tells.
    if description != _DESCRIPTION and is_language_tag(tag):
        lines.append(_line("language", tag, _("the language of the texts in this file")))
    lines += [
        _line("description", description),
        _line("tags", [p_("tag", "mine")], _("words to find it by in the app")),
        _line("setup", _("You need a chair without wheels and a mat."), _("said at the start")),
        _line("finish", _("Come up to sitting slowly."), _("said before the closing words")),
        "",
        _line("[pace]", None, _("optional; these are the usual values, in seconds")),
        _line("prepare", 5, _("to get into position before each step")),
        _line("rest", 10, _("between two steps")),
        _line("switch", 5, _("to change sides")),
        _line("inhale", 4, _("one breath in, for steps counted in breaths")),
        _line("exhale", 6, _("one breath out")),
        _line("settle", 3, _("quiet after the last instruction, before the timer starts")),
        "",
        *_comment(
            _(
                "Each [[step]] is one exercise, timed in one of three ways:\n"
                "hold (seconds), breaths (slow breaths) or reps (repetitions).\n"
                "Copy a whole step, from [[step]] to the next one, to add another."
            )
        ),
        "",
        *_first_step(),
        "",
        *_other_steps(),
    ]
    return "\n".join(lines) + "\n"


def _first_step() -> list[str]:
    return [
        *_comment(
            # xgettext:no-python-brace-format
            _('{side} and {other} are said as "left" and "right" for the side being done.')
        ),
        "[[step]]",
        _line("name", _("Seated figure-four")),
        _line(
            "setup", _("Sit near the front of your chair, feet flat."), _("getting into position")
        ),
        _line(
            "say",
            # xgettext:no-python-brace-format
            _("Cross your {side} ankle over your {other} knee and lean forward from the hips."),
        ),
        _line(
            "feel",
            # xgettext:no-python-brace-format
            _("A stretch deep in the {side} hip."),
            _("said once the hold begins"),
        ),
        _line(
            "release",
            # xgettext:no-python-brace-format
            _("Sit up and put the {side} foot back down."),
            _("said as the hold ends"),
        ),
        _line("caution", _("Ease off if anything pinches."), _("said with the setup")),
        _line("hold", 30, _("seconds")),
        _line(
            "sides",
            "both",
            # TRANSLATORS: the values stay in English: they are what the file format reads
            _('"none", "both" (left, then right), "left" or "right"'),
        ),
        _line(
            "easier",
            # xgettext:no-python-brace-format
            _("Sit upright and only rest the ankle on the knee."),
            _("offered aloud"),
        ),
    ]


def _other_steps() -> list[str]:
    return [
        "[[step]]",
        _line("name", _("Knees to chest")),
        _line("say", _("Lie on your back and hug both knees gently toward your chest.")),
        _line("breaths", 5, _("slow breaths, in and out")),
        "",
        "[[step]]",
        _line("name", _("Glute bridge")),
        _line(
            "say",
            _(
                "Lie on your back, knees bent and feet flat. Lift your hips, pause, and lower "
                "slowly."
            ),
        ),
        _line("reps", 10, _("repetitions")),
        _line("tempo", 3, _("seconds for one repetition")),
        _line("sets", 2, _("how many rounds of the repetitions")),
        _line("set_rest", 20, _("seconds of rest between rounds")),
        _line("rest", 15, _("seconds of rest after this step, instead of the pace's rest")),
        _line(
            "rep_cues",
            [p_("rep cue", "up"), p_("rep cue", "and down")],
            _("said within each rep, evenly over the tempo"),
        ),
    ]


def _comment(text: str) -> list[str]:
    return [f"# {line}".rstrip() for line in text.splitlines()]


def _line(key: str, value: Any, note: str = "") -> str:
    """``key = value`` as TOML writes it (``[pace]`` when there is no value), with a note."""
    written = key if value is None else f"{key} = {_value(value)}"
    if not note:
        return written
    return f"{written}{' ' * max(NOTE_COLUMN - len(written), 2)}# {note}"


def _value(value: Any) -> str:
    """A TOML value on one line (lists too, as a person writes them)."""
    if isinstance(value, list):
        return f"[{', '.join(_value(item) for item in value)}]"
    return tomli_w.dumps({"v": value}).removeprefix("v = ").strip()
