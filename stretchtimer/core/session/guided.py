"""What a format-2 step says, and where: a way in, the action, what to feel, a way out.

The plan (``plan.py``) decides how long each segment lasts; this module puts a
format-2 step's words on a segment's :class:`CueSheet`. Every text is said with
its side filled in ("Cross your left ankle ..."), a sentence at a time so that
no cue runs on, and words said inside a timed part only where they fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from stretchtimer.core.routine.model import Breaths, Reps, Routine, Side, Step
from stretchtimer.core.routine.wording import fill_sides, sentences, uses_sides
from stretchtimer.core.session import phrases
from stretchtimer.core.session.cues import CUE_GAP, HALFWAY_FROM, CueRole, CueSheet, Sound

FIT_MARGIN = 0.15  # seconds kept free before a fixed cue or the end of a timed part


@dataclass(frozen=True)
class Wording:
    """How the person wants to be guided (their settings)."""

    speak_easier: bool = True  # offer the easier way aloud after the setup


DEFAULT_WORDING = Wording()


def say_text(sheet: CueSheet, role: CueRole, text: str) -> None:
    """Say ``text`` a sentence at a time, each as soon as the one before has finished."""
    for sentence in sentences(text):
        sheet.say_next(role, sentence)


def way_in(
    sheet: CueSheet,
    routine: Routine,
    step: Step,
    side: Side | None,
    *,
    first: bool,
    wording: Wording,
) -> None:
    """The preparation: what you need (first step), the name, the side, caution, setup,
    the action, the easier option, and for counted steps how many."""
    if first:
        say_text(sheet, CueRole.SETUP, routine.setup)
    sheet.say_next(CueRole.INTRO, phrases.intro(step.name, ""))
    if side is not None and not uses_sides(step):
        sided = len(step.sides.order()) > 1
        sheet.say_next(CueRole.SIDE, phrases.side_first(side) if sided else phrases.side_only(side))
    say_text(sheet, CueRole.CAUTION, fill_sides(step.caution, side))
    say_text(sheet, CueRole.SETUP, fill_sides(step.setup, side))
    say_text(sheet, CueRole.ACTION, fill_sides(step.say, side))
    if step.easier and wording.speak_easier:
        say_text(sheet, CueRole.EASIER, phrases.easier_offer(fill_sides(step.easier, side)))
    if isinstance(step.work, Reps):
        sheet.say_next(CueRole.REPS, phrases.reps_intro(step.work.count, step.work.sets))
    elif isinstance(step.work, Breaths):
        sheet.say_next(CueRole.REPS, phrases.breaths_intro(step.work.count))
        # Breath counts leave no room for more words once they start: feel is said here.
        say_text(sheet, CueRole.FEEL, fill_sides(step.feel, side))


def switch(sheet: CueSheet, step: Step, side: Side) -> None:
    """Changing sides: switch, then the new side's setup and action."""
    sheet.say_next(CueRole.SWITCH, phrases.switch_sides())
    if not uses_sides(step):
        sheet.say_next(CueRole.SIDE, phrases.this_side(side))
    say_text(sheet, CueRole.SETUP, fill_sides(step.setup, side))
    say_text(sheet, CueRole.ACTION, fill_sides(step.say, side))


def release(sheet: CueSheet, step: Step, side: Side | None) -> None:
    """The way out of the timed part just ended."""
    say_text(sheet, CueRole.RELEASE, fill_sides(step.release, side))


def hold(sheet: CueSheet, step: Step, side: Side | None, seconds: float) -> None:
    """A hold: "Begin", what to feel where it fits, halfway, three, two, one."""
    _say_or_tone(sheet, 0.0, CueRole.BEGIN, (phrases.begin(),), until=seconds - FIT_MARGIN)
    countdown = [
        (seconds - ahead, word)
        for ahead, word in zip((3, 2, 1), phrases.countdown(), strict=True)
        if seconds - ahead > 0
    ]
    feel_until = countdown[0][0] if countdown else seconds
    for sentence in sentences(fill_sides(step.feel, side)):
        sheet.say_if_fits(CueRole.FEEL, sentence, until=feel_until - FIT_MARGIN)
    if seconds >= HALFWAY_FROM:
        sheet.say_at(seconds / 2, CueRole.HALFWAY, (phrases.halfway(),), until=feel_until)
    for offset, word in countdown:
        sheet.say_at(offset, CueRole.COUNTDOWN, (word,), until=seconds - FIT_MARGIN)


def breath(
    sheet: CueSheet, pace: tuple[float, float], first: bool, left: int, start: float
) -> None:
    """One breath (``pace`` is inhale and exhale seconds), its words only where they fit;
    a tone where none does."""
    inhale, exhale = pace
    counted = f"{phrases.begin()} {phrases.breathe_in()}" if first else phrases.breaths_left(left)
    phases = (
        (start, CueRole.INHALE, (counted, phrases.breathe_in(), phrases.in_short()), inhale),
        (start + inhale, CueRole.EXHALE, (phrases.breathe_out(), phrases.out_short()), exhale),
    )
    for offset, role, options, length in phases:
        before = len(sheet.cues)
        sheet.say_at(offset, role, options, until=offset + length - FIT_MARGIN)
        if len(sheet.cues) == before:
            sound = Sound.INHALE if role is CueRole.INHALE else Sound.EXHALE
            sheet.tone_at(offset, role, options[-2], sound)


def rep_texts(step: Step, work: Reps, rep: int) -> list[tuple[float, Sequence[str]]]:
    """The words of one rep (0-based), each with its offset into the rep and shorter
    options: the count (or "last one") with the first rep cue, then the other rep cues."""
    last = rep == work.count - 1 and work.count > 1
    count = phrases.last_one() if last else phrases.rep_count(rep + 1)
    cues = step.rep_cues
    first_words = [count]
    if cues:
        first_words = [f"{count} {phrases.capital_sentence(cues[0])}", count]
    if rep == 0:
        first_words = [f"{phrases.begin()} {first_words[0]}", *first_words]
    texts: list[tuple[float, Sequence[str]]] = [(0.0, first_words)]
    slot = work.tempo / max(1, len(cues))
    for index, cue in enumerate(cues[1:], start=1):
        texts.append((index * slot, [phrases.capital_sentence(cue)]))
    return texts


def reps(sheet: CueSheet, step: Step, work: Reps) -> None:
    """Counts on the beat, "last one" on the last rep, rep cues evenly within each rep;
    a word is said only where it ends before the next one is due."""
    words = [
        (rep * work.tempo + offset, options, offset == 0.0)
        for rep in range(work.count)
        for offset, options in rep_texts(step, work, rep)
    ]
    end = work.count * work.tempo
    for index, (offset, options, counted) in enumerate(words):
        next_due = words[index + 1][0] if index + 1 < len(words) else end
        if counted:  # every rep is heard: its count, or a tone where no word fits
            _say_or_tone(sheet, offset, CueRole.REP, options, until=next_due - CUE_GAP)
        else:
            sheet.say_at(offset, CueRole.REP, options, until=next_due - CUE_GAP)


def _say_or_tone(
    sheet: CueSheet, offset: float, role: CueRole, options: Sequence[str], *, until: float
) -> None:
    """Say the first option that fits by ``until``; where none does, a tone marks the moment."""
    before = len(sheet.cues)
    sheet.say_at(offset, role, options, until=until)
    if len(sheet.cues) == before:
        sheet.tone_at(offset, role, options[-1], Sound.INHALE)


def texts_to_render(routine: Routine) -> set[str]:
    """Words the session may say that the timeline does not hold: the easier way,
    said when the person presses E, for each side."""
    texts: set[str] = set()
    for step in routine.steps:
        if step.easier:
            for side in step.sides.order():
                texts.add(phrases.easier(fill_sides(step.easier, side)))
    return texts
