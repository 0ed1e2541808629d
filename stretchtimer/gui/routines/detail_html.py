"""The routine's details and its script as the Routines page shows them: rich text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stretchtimer.core.i18n import N_, _
from stretchtimer.core.routine.tags import tag_name
from stretchtimer.gui.routines.step_words import seconds_words, work_words
from stretchtimer.gui.widgets.numbers import number
from stretchtimer.gui.widgets.rich_text import escaped

if TYPE_CHECKING:
    from stretchtimer.core.session.script import ScriptSegment
    from stretchtimer.gui.routines.list_model import RoutineRow


def script_html(script: tuple[ScriptSegment, ...]) -> str:
    """The script as a table: each part of the session, then what is heard and when."""
    # With the script, which is shown on request: not needed for the page's first paint.
    from stretchtimer.core.routine.model import Side
    from stretchtimer.core.session.plan import SegmentKind
    from stretchtimer.core.session.script import script_time
    from stretchtimer.gui.session.player.text import kind_words, side_words

    rows = []
    for segment in script:
        what = kind_words(SegmentKind(segment.kind))
        if segment.step_name:
            what = f"{what} · {segment.step_name}"
        if segment.side:
            what = f"{what} · {side_words(Side(segment.side))}"
        rows.append(
            f"<tr><td style='padding-top:8px'><b>{script_time(segment.start)}</b></td>"
            f"<td style='padding-top:8px'><b>{escaped(what)}</b>"
            f"<span style='opacity:0.7'> · {seconds_words(segment.length, 0)}</span></td></tr>"
        )
        for cue in segment.cues:
            if cue.spoken:
                length = seconds_words(cue.length, 1)
                if cue.length_from != "clip":
                    # TRANSLATORS: a cue's length when no clip was measured: "2.5 s, estimated".
                    length = _("{length}, estimated").format(length=length)
                heard = f"“{escaped(cue.text)}”<span style='opacity:0.6'> · {length}</span>"
            else:
                heard = f"<span style='opacity:0.7'>[{escaped(sound_words(cue.sound))}]</span>"
            rows.append(
                f"<tr><td style='opacity:0.7'>{script_time(cue.start)}</td><td>{heard}</td></tr>"
            )
    return f"<table cellspacing='0' cellpadding='2'>{''.join(rows)}</table>"


# What the script calls each sound it plays instead of words.
_SOUND_WORDS = {
    "session_start": N_("start chime"),
    "switch": N_("switch-sides chime"),
    "end": N_("end chime"),
    "complete": N_("completion chime"),
    "inhale": N_("breathe-in tone"),
    "exhale": N_("breathe-out tone"),
}


def sound_words(sound: str | None) -> str:
    """A sound of the script, in words: "end chime"; "tone" for one without a name."""
    if sound in _SOUND_WORDS:
        return _(_SOUND_WORDS[sound])
    return _("tone")


def details_html(row: RoutineRow) -> str:
    """What the detail pane says of a routine: its description, tags and steps (or
    what is wrong with its file)."""
    entry = row.entry
    if entry.routine is None:
        assert entry.error is not None
        problems = "".join(f"<li>{escaped(str(problem))}</li>" for problem in entry.error.problems)
        words = _("This file has problems, so it cannot be played yet. Fix them in {file}:")
        file = f"<code>{escaped(entry.source)}</code>"
        return f"<p>{escaped(words).replace('{file}', file)}</p><ul>{problems}</ul>"
    routine = entry.shown() or entry.routine  # in the app's language, where translated
    parts = []
    if routine.description:
        parts.append(f"<p>{escaped(routine.description)}</p>")
    if routine.tags:
        tags = _("Tags: {tags}").format(tags=", ".join(map(tag_name, routine.tags)))
        parts.append(f"<p style='opacity:0.8'>{escaped(tags)}</p>")
    steps = []
    for place, step in enumerate(routine.steps, start=1):
        easier = " · " + escaped(_("easier variation available")) if step.easier else ""
        steps.append(
            f"<p><b>{number(place)}. {escaped(step.name)}</b><br>"
            f"<span style='opacity:0.75'>{escaped(work_words(step))}{easier}"
            f"</span></p>"
        )
    parts.append("".join(steps))
    return "".join(parts)
