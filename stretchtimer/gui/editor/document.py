"""The routine being edited: one immutable draft at a time, every change undoable.

Each change replaces the whole :class:`RoutineDraft` (drafts are frozen and
share unchanged steps, so this is cheap) through a :class:`DraftChange` on a
``QUndoStack``. Undo puts the previous draft back. Typing in one field makes
one undo step, not one per letter. After every change the draft is checked by
the routine loader (``check_draft``), and views are told what changed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from stretchtimer.core.i18n import N_, _
from stretchtimer.core.routine.draft import (
    DraftCheck,
    Kind,
    RoutineDraft,
    StepDraft,
    check_draft,
)

log = logging.getLogger(__name__)

MERGE_ID = 1  # QUndoCommand.id() of changes that may merge with the next one
CHECK_AT_ONCE = 25  # up to this many steps, a draft is checked as it is typed
CHECK_DELAY_MS = 150  # larger routines are checked once typing pauses

# What undo and redo call a change of each field ("Undo: change the title").
ROUTINE_FIELD_NAMES = {
    "title": N_("change the title"),
    "description": N_("change the description"),
    "tags": N_("change the tags"),
    "prepare": N_("change the time to get ready"),
    "rest": N_("change the rest between steps"),
    "switch": N_("change the time to switch sides"),
    "inhale": N_("change the breath in"),
    "exhale": N_("change the breath out"),
    "settle": N_("change the quiet before the timer"),
    "setup": N_("change what you need"),
    "finish": N_("change the closing words"),
}
STEP_FIELD_NAMES = {
    "name": N_("change the step's name"),
    "kind": N_("change how the step is timed"),
    "hold": N_("change the hold"),
    "breaths": N_("change the breaths"),
    "reps": N_("change the reps"),
    "tempo": N_("change the time per rep"),
    "sets": N_("change the sets"),
    "set_rest": N_("change the rest between sets"),
    "sides": N_("change the sides"),
    "say": N_("change the words to say"),
    "easier": N_("change the easier variation"),
    "rest": N_("change the rest after the step"),
    "setup": N_("change how to get into position"),
    "caution": N_("change the caution"),
    "feel": N_("change what to feel"),
    "release": N_("change how to come out"),
}


@dataclass(frozen=True)
class Focus:
    """What a change was about: a step (by key) and a field, for views to follow."""

    step: int | None = None
    field: str | None = None


class DraftChange(QUndoCommand):
    """Replace the draft; undo puts the old one back."""

    def __init__(
        self,
        document: DraftDocument,
        before: RoutineDraft,
        after: RoutineDraft,
        text: str,
        *,
        merge_key: object = None,
        focus: Focus = Focus(),
    ) -> None:
        super().__init__(text)
        self.document = document
        self.before = before
        self.after = after
        self.merge_key = merge_key
        self.focus = focus

    def id(self) -> int:
        return MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, DraftChange) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        if self.after == self.before:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        self.document.show(self.after, self.focus)

    def undo(self) -> None:
        self.document.show(self.before, self.focus)


class DraftDocument(QObject):
    """The draft, its undo stack, and what the loader thinks of it.

    Signals:
        changed(object): the draft changed; the :class:`Focus` of the change.
        checked(object): the :class:`DraftCheck` of the current draft.
    """

    changed = Signal(object)
    checked = Signal(object)

    def __init__(self, draft: RoutineDraft, source: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.source = source
        self.undo_stack = QUndoStack(self)
        self.check: DraftCheck = check_draft(draft, source)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check_now)

    # -- applying -----------------------------------------------------------------------

    def change(
        self,
        after: RoutineDraft,
        text: str,
        *,
        merge_key: object = None,
        focus: Focus = Focus(),
    ) -> None:
        """Make ``after`` the draft, as one undoable step called ``text``."""
        if after == self.draft and [s.key for s in after.steps] == [
            s.key for s in self.draft.steps
        ]:
            return
        self.undo_stack.push(
            DraftChange(self, self.draft, after, text, merge_key=merge_key, focus=focus)
        )

    def show(self, draft: RoutineDraft, focus: Focus) -> None:
        """Make ``draft`` current (undo commands call this)."""
        self.draft = draft
        self.changed.emit(focus)
        if len(draft.steps) <= CHECK_AT_ONCE:
            self.check_now()
        else:
            self._check_timer.start()

    def check_now(self) -> DraftCheck:
        self._check_timer.stop()
        self.check = check_draft(self.draft, self.source)
        self.checked.emit(self.check)
        return self.check

    def checked_now(self) -> DraftCheck:
        """The check of the current draft, made now if one is waiting."""
        if self._check_timer.isActive():
            return self.check_now()
        return self.check

    def replace(self, draft: RoutineDraft, text: str) -> None:
        """Put a whole other draft in place (the file's version, a kept draft), undoably."""
        self.change(draft, text, focus=Focus())

    # -- the routine's fields -----------------------------------------------------------

    def set_field(self, name: str, value: Any) -> None:
        if getattr(self.draft, name) == value:
            return
        self.change(
            dataclasses.replace(self.draft, **{name: value}),
            _(ROUTINE_FIELD_NAMES.get(name, N_("change the routine"))),
            merge_key=("routine", name),
            focus=Focus(None, name),
        )

    # -- steps --------------------------------------------------------------------------

    def set_step_field(self, key: int, name: str, value: Any) -> None:
        try:
            index = self.draft.step_index(key)
        except KeyError:
            return
        step = self.draft.steps[index]
        if getattr(step, name) == value:
            return
        changed = dataclasses.replace(step, **{name: value})
        steps = (*self.draft.steps[:index], changed, *self.draft.steps[index + 1 :])
        typing = name not in ("kind", "sides")
        self.change(
            dataclasses.replace(self.draft, steps=steps),
            _(STEP_FIELD_NAMES.get(name, N_("change the step"))),
            merge_key=("step", key, name) if typing else None,
            focus=Focus(key, name),
        )

    def add_step(self, after: int | None = None, kind: Kind = Kind.HOLD) -> int:
        """Add a new step after the one with key ``after`` (or at the end); its key."""
        step = StepDraft(kind=kind)
        return self._insert(step, after, _("add a step"))

    def duplicate_step(self, key: int) -> int | None:
        try:
            step = self.draft.step(key)
        except KeyError:
            return None
        return self._insert(step.copy(), key, _("duplicate a step"))

    def _insert(self, step: StepDraft, after: int | None, text: str) -> int:
        steps = list(self.draft.steps)
        position = len(steps)
        if after is not None:
            with contextlib.suppress(KeyError):
                position = self.draft.step_index(after) + 1
        steps.insert(position, step)
        self.change(
            dataclasses.replace(self.draft, steps=tuple(steps)),
            text,
            focus=Focus(step.key),
        )
        return step.key

    def remove_step(self, key: int) -> int | None:
        """Remove a step; the key of the step to select next (None when none is left)."""
        try:
            index = self.draft.step_index(key)
        except KeyError:
            return None
        steps = self.draft.steps[:index] + self.draft.steps[index + 1 :]
        following = steps[min(index, len(steps) - 1)].key if steps else None
        self.change(
            dataclasses.replace(self.draft, steps=steps),
            _("remove a step"),
            focus=Focus(following),
        )
        return following

    def move_step(self, key: int, to: int) -> None:
        """Move a step so that it ends up at position ``to`` (clamped to the list)."""
        try:
            index = self.draft.step_index(key)
        except KeyError:
            return
        steps = list(self.draft.steps)
        to = max(0, min(to, len(steps) - 1))
        if to == index:
            return
        step = steps.pop(index)
        steps.insert(to, step)
        self.change(
            dataclasses.replace(self.draft, steps=tuple(steps)),
            _("move a step"),
            focus=Focus(key),
        )

    # -- state --------------------------------------------------------------------------

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()
