"""A routine as it is being typed: every field as text, checked by the routine loader.

The editor keeps a :class:`RoutineDraft`, not a :class:`Routine`: a half-typed
routine is not valid yet ("3o" seconds, an empty name), and the person must see
why in the words ``stretchtimer routines validate`` uses. So a draft is turned
into the document a routine file would hold and checked by the one validator
there is (``routine_file.parse_routine``); nothing here decides what is valid.

A draft keeps the amounts of every kind of step (hold, breaths, reps), so
switching a step from hold to reps and back loses nothing; only the chosen
kind is written.
"""

from __future__ import annotations

import dataclasses
import enum
import itertools
import math
import re
from dataclasses import dataclass
from typing import Any

from stretchtimer.core.routine.file import PACE_KEYS, parse_routine
from stretchtimer.core.routine.languages import translation_tables
from stretchtimer.core.routine.model import (
    LATEST_FORMAT,
    SOURCE_LANGUAGE,
    Breaths,
    Hold,
    Routine,
    RoutineTranslation,
    Sides,
    Step,
    StepTranslation,
)
from stretchtimer.core.routine.problems import Problem, RoutineFileError

_keys = itertools.count(1)

NEW_HOLD = "30"
NEW_BREATHS = "5"
NEW_REPS = "10"
NEW_TEMPO = "3"
NEW_SETS = "1"


class Kind(enum.Enum):
    """How a step is timed."""

    HOLD = "hold"
    BREATHS = "breaths"
    REPS = "reps"


def new_key() -> int:
    """A key no other step of this run of the program has: how views follow a step."""
    return next(_keys)


@dataclass(frozen=True)
class StepDraft:
    """One step as typed. Numbers are text; an empty optional number means "the default"."""

    key: int = dataclasses.field(default_factory=new_key, compare=False)
    name: str = ""
    kind: Kind = Kind.HOLD
    hold: str = NEW_HOLD
    breaths: str = NEW_BREATHS
    reps: str = NEW_REPS
    tempo: str = NEW_TEMPO
    sets: str = NEW_SETS
    set_rest: str = ""
    sides: Sides = Sides.NONE
    say: str = ""
    easier: str = ""
    rest: str = ""
    # format 2
    setup: str = ""
    feel: str = ""
    release: str = ""
    caution: str = ""
    settle: str = ""
    pose: str = ""
    rep_cues: tuple[str, ...] = ()
    # kept as read, so that saving an edited routine keeps its translations
    translations: tuple[StepTranslation, ...] = ()

    def uses_format_2(self) -> bool:
        return any(
            (self.setup, self.feel, self.release, self.caution, self.settle, self.pose)
        ) or bool(self.rep_cues or self.translations)

    def copy(self) -> StepDraft:
        """The same step under a new key (a duplicate is a step of its own)."""
        return dataclasses.replace(self, key=new_key())


@dataclass(frozen=True)
class RoutineDraft:
    """A routine as typed. ``tags`` are the tags as a tuple; pace values are text."""

    title: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    prepare: str = ""
    rest: str = ""
    switch: str = ""
    inhale: str = ""
    exhale: str = ""
    steps: tuple[StepDraft, ...] = ()
    format: int = LATEST_FORMAT  # a new routine is format 2; an opened one keeps its own
    setup: str = ""
    finish: str = ""
    settle: str = ""
    language: str = SOURCE_LANGUAGE  # the language of the texts above
    translations: tuple[RoutineTranslation, ...] = ()  # kept as read

    def written_format(self) -> int:
        """Format 2 when the routine is, or when a format-2 field is filled in."""
        own_language = self.language != SOURCE_LANGUAGE or bool(self.translations)
        uses_2 = any((self.setup, self.finish, self.settle, own_language)) or any(
            step.uses_format_2() for step in self.steps
        )
        return LATEST_FORMAT if uses_2 else self.format

    def step_index(self, key: int) -> int:
        """The position of the step with ``key``; raises KeyError when it is gone."""
        for index, step in enumerate(self.steps):
            if step.key == key:
                return index
        raise KeyError(key)

    def step(self, key: int) -> StepDraft:
        return self.steps[self.step_index(key)]


# -- numbers as text ------------------------------------------------------------------

_INTEGER = re.compile(r"[+-]?\d{1,30}")
_DECIMAL = re.compile(
    r"[+-]?(\d{1,30}\.\d{0,30}|\.\d{1,30})([eE][+-]?\d{1,3})?"  # 2.5, .5, 2.5e3
    r"|[+-]?\d{1,30}[eE][+-]?\d{1,3}"  # 5e-3
)


def number_text(value: float) -> str:
    """``30`` → ``"30"``, ``2.5`` → ``"2.5"``: the shortest text that reads back the same."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def typed_number(text: str) -> int | float | str | None:
    """What a typed number means in a routine file.

    Empty → ``None`` (not set); ``"30"`` → 30; ``"2.5"`` or ``"2,5"`` → 2.5;
    anything else stays text, so the loader names it ("found the text ...").
    """
    written = text.strip()
    if not written:
        return None
    if _INTEGER.fullmatch(written):
        return int(written)
    decimal = written.replace(",", ".") if written.count(",") == 1 else written
    if _DECIMAL.fullmatch(decimal):
        value = float(decimal)
        if math.isfinite(value):
            return value
    return written


# -- from a routine, to a routine file's document --------------------------------------


def draft_from_routine(routine: Routine) -> RoutineDraft:
    pace = routine.pace
    return RoutineDraft(
        title=routine.title,
        description=routine.description,
        tags=routine.tags,
        prepare=_optional(pace.prepare),
        rest=_optional(pace.rest),
        switch=_optional(pace.switch),
        inhale=_optional(pace.inhale),
        exhale=_optional(pace.exhale),
        steps=tuple(step_draft_from_step(step) for step in routine.steps),
        format=routine.format,
        setup=routine.setup,
        finish=routine.finish,
        settle=_optional(pace.settle),
        language=routine.language,
        translations=routine.translations,
    )


def step_draft_from_step(step: Step) -> StepDraft:
    work = step.work
    draft = StepDraft(
        name=step.name,
        sides=step.sides,
        say=step.say,
        easier=step.easier,
        rest=_optional(step.rest),
        setup=step.setup,
        feel=step.feel,
        release=step.release,
        caution=step.caution,
        settle=_optional(step.settle),
        pose=step.pose,
        rep_cues=step.rep_cues,
        translations=step.translations,
    )
    if isinstance(work, Hold):
        return dataclasses.replace(draft, kind=Kind.HOLD, hold=number_text(work.seconds))
    if isinstance(work, Breaths):
        return dataclasses.replace(draft, kind=Kind.BREATHS, breaths=str(work.count))
    return dataclasses.replace(
        draft,
        kind=Kind.REPS,
        reps=str(work.count),
        tempo=number_text(work.tempo),
        sets=str(work.sets),
        set_rest=_optional(work.set_rest),
    )


def _optional(value: float | None) -> str:
    return "" if value is None else number_text(value)


def draft_document(draft: RoutineDraft) -> dict[str, Any]:
    """The draft as the table a routine file would hold (what the loader checks)."""
    written = draft.written_format()
    document: dict[str, Any] = {"format": written, "title": draft.title}
    if draft.language != SOURCE_LANGUAGE:
        document["language"] = draft.language
    if draft.description.strip():
        document["description"] = draft.description
    for key in ("setup", "finish"):
        if getattr(draft, key).strip():
            document[key] = getattr(draft, key)
    if draft.tags:
        document["tags"] = list(draft.tags)
    pace_keys = (*PACE_KEYS, "settle") if written >= LATEST_FORMAT else PACE_KEYS
    pace = {
        key: value for key in pace_keys if (value := typed_number(getattr(draft, key))) is not None
    }
    if pace:
        document["pace"] = pace
    if draft.steps:
        document["step"] = [_step_document(step) for step in draft.steps]
    if draft.translations:
        document["translations"] = translation_tables(draft.translations)
    return document


def _step_document(step: StepDraft) -> dict[str, Any]:
    table: dict[str, Any] = {"name": step.name}
    if step.pose.strip():
        table["pose"] = step.pose.strip()
    for key in ("setup", "caution", "say", "feel", "release"):
        if getattr(step, key).strip():
            table[key] = getattr(step, key)
    amount = {Kind.HOLD: step.hold, Kind.BREATHS: step.breaths, Kind.REPS: step.reps}[step.kind]
    # An empty amount is written as empty text, so the loader says what it expected.
    written = typed_number(amount)
    table[step.kind.value] = "" if written is None else written
    if step.kind is Kind.REPS:
        for key in ("tempo", "sets", "set_rest"):
            value = typed_number(getattr(step, key))
            if value is not None:
                table[key] = value
        if step.rep_cues:
            table["rep_cues"] = list(step.rep_cues)
    if step.sides is not Sides.NONE:
        table["sides"] = step.sides.value
    if step.easier.strip():
        table["easier"] = step.easier
    for key in ("rest", "settle"):
        value = typed_number(getattr(step, key))
        if value is not None:
            table[key] = value
    if step.translations:
        table["translations"] = translation_tables(step.translations)
    return table


# -- checking -------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftCheck:
    """The routine a draft makes, or every problem in it (never both)."""

    routine: Routine | None
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.routine is not None


def check_draft(draft: RoutineDraft, source: str = "<routine>") -> DraftCheck:
    """Check the draft with the routine loader; ``source`` names it in the problems."""
    import tomli_w  # loaded when first needed (1 MB), not at start

    text = tomli_w.dumps(draft_document(draft), multiline_strings=True)
    try:
        routine = parse_routine(text.encode("utf-8", "surrogatepass"), source)
    except RoutineFileError as error:
        return DraftCheck(None, error.problems)
    return DraftCheck(routine)


def problem_text(problem: Problem) -> str:
    """A problem in the words of ``routines validate``, without the file and line.

    The line would point into the text the editor checks, not into a file a
    person has; where the problem is, the editor shows by the field.
    """
    whole = str(dataclasses.replace(problem, line=None))
    return whole.removeprefix(f"{problem.source}: ")


# Where a problem belongs in the editor: a routine field or a step field.
ROUTINE_FIELDS = ("title", "description", "tags", *PACE_KEYS, "settle", "setup", "finish", "steps")
STEP_FIELDS = (
    "name",
    "amount",
    "tempo",
    "sets",
    "set_rest",
    "sides",
    "say",
    "easier",
    "rest",
    "setup",
    "feel",
    "release",
    "caution",
    "settle",
    "pose",
    "rep_cues",
)


def problem_field(problem: Problem) -> str:
    """The field a problem is about: ``"title"``, ``"rest"`` (of the pace or a step), ...

    Step problems about the hold, breaths or reps, or about a missing amount,
    belong to ``"amount"``; problems about the list of steps to ``"steps"``.
    """
    key = problem.key or ""
    if key.startswith("translations."):  # shown by the text it translates
        key = key.split(".", 2)[-1] if key.count(".") >= 2 else "title"
    if problem.step is not None:
        if key in ("hold", "breaths", "reps", ""):
            return "amount"
        if key.startswith("rep_cues"):
            return "rep_cues"
        return key if key in STEP_FIELDS else "name"
    if key.startswith("tags"):
        return "tags"
    if key.startswith("pace."):
        return key.removeprefix("pace.")
    if key == "step":
        return "steps"
    return key if key in ROUTINE_FIELDS else "title"


def new_step(name: str = "", kind: Kind = Kind.HOLD) -> StepDraft:
    return StepDraft(name=name, kind=kind)


def title_problem(title: str) -> Problem | None:
    """What the loader says about ``title`` as a routine's title, if anything."""
    check = check_draft(RoutineDraft(title=title, steps=(StepDraft(name="step"),)), "title")
    return next((problem for problem in check.problems if problem.key == "title"), None)
