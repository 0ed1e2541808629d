"""The editor's checks as a person types: problems under their fields, the status line,
the way to the first problem."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QWidget,
)

from stretchtimer.core.formatting import clock_text
from stretchtimer.core.i18n import _, n_
from stretchtimer.core.routine.draft import (
    DraftCheck,
    Kind,
    problem_field,
)
from stretchtimer.core.routine.guidance import check_guidance
from stretchtimer.core.routine.model import Routine
from stretchtimer.core.routine.problems import Problem
from stretchtimer.core.session.estimate import estimated_seconds, plan_options
from stretchtimer.gui.editor.base import EditorBase
from stretchtimer.gui.editor.document import Focus
from stretchtimer.gui.widgets.numbers import number

log = logging.getLogger(__name__)

STEP_FIELD_OF = {"hold": "amount", "breaths": "amount", "reps": "amount", "kind": "amount"}


class CheckedEditor(EditorBase):
    """Shows what the routine loader says about the draft, where it applies."""

    # -- changes and problems -----------------------------------------------------------------

    def _changed(self, focus: Focus) -> None:
        if focus.field is not None:
            field = STEP_FIELD_OF.get(focus.field, focus.field) if focus.step else focus.field
            self.touched.add((focus.step, field))
        if focus.step is not None:
            self.select_step(focus.step)
        elif self.model.rowCount() and not self.list.currentIndex().isValid():
            self._select_row(0)
        else:
            self._current_changed(self.list.currentIndex())
        self._update_title()

    def _keep_or_forget_draft(self) -> None:
        if self.document.modified:
            self.file.keep_draft(self.document.draft)
        else:
            self.file.forget_draft()

    def _visible(self, step: int | None, field: str) -> bool:
        if self.revealed or (step, field) in self.touched:
            return True
        if step is None:
            return not self.fresh_routine
        return step not in self.fresh_steps

    def _show_check(self, check: DraftCheck) -> None:
        steps = self.document.draft.steps
        routine_found: dict[str, str] = {}
        step_found: dict[int, dict[str, str]] = {}
        shown = 0
        for problem in check.problems:
            field = problem_field(problem)
            text = _inline(problem)
            if problem.step is None:
                if self._visible(None, field):
                    routine_found.setdefault(field, text)
                    shown += 1
            elif 0 < problem.step <= len(steps):
                key = steps[problem.step - 1].key
                if self._visible(key, field):
                    step_found.setdefault(key, {}).setdefault(field, text)
                    shown += 1
        self.step_problems = step_found
        self.model.set_troubled(set(step_found))
        self.routine_form.show_problems(routine_found)
        current = self.step_form.key
        self.step_form.show_problems(step_found.get(current, {}) if current else {})
        self.steps_problem.setText(routine_found.get("steps", ""))
        self.steps_problem.setVisible("steps" in routine_found)
        self._show_advice(check)
        self._show_status(check, shown)

    def _show_advice(self, check: DraftCheck) -> None:
        """The guidance check, inline: what a person could not follow with eyes closed."""
        step_advice: dict[int, list[str]] = {}
        routine_advice: list[str] = []
        if check.routine is not None:
            steps = self.document.draft.steps
            pace = plan_options(self.services.settings.current).pace_defaults
            for advice in check_guidance(check.routine, pace_defaults=pace):
                text = f"{advice.key}: {advice.message}" if advice.key else advice.message
                if advice.step is not None and 0 < advice.step <= len(steps):
                    step_advice.setdefault(steps[advice.step - 1].key, []).append(text)
                else:
                    routine_advice.append(text)
        self.step_advice = step_advice
        self.routine_form.show_advice(routine_advice)
        current = self.step_form.key
        self.step_form.show_advice(step_advice.get(current, []) if current else [])

    def _settings_changed(self, _settings: object) -> None:
        self._show_check(self.document.check)

    def _show_status(self, check: DraftCheck, shown: int) -> None:
        count = len(self.document.draft.steps)
        steps = n_("{count} step", "{count} steps", count).format(count=number(count))
        if check.routine is not None:
            self.last_seconds = self._seconds(check.routine)
        if self.last_seconds is None:
            self.total_label.setText(steps)
        else:
            # TRANSLATORS: the routine's length and its steps, "5:30 in all · 6 steps".
            self.total_label.setText(
                _("{time} in all · {steps}").format(time=clock_text(self.last_seconds), steps=steps)
            )
        self.total_label.setEnabled(check.ok)
        problems = len(check.problems)
        self.problem_button.setVisible(bool(problems) or self.document.modified)
        if not problems:
            self.problem_button.setText(_("Ready to save"))
            self.problem_button.setProperty("problem", False)
        else:
            if shown:
                words = n_(
                    "{count} thing to fix before saving",
                    "{count} things to fix before saving",
                    problems,
                )
            else:
                words = n_("{count} thing to fill in", "{count} things to fill in", problems)
            self.problem_button.setText(words.format(count=number(problems)))
            self.problem_button.setProperty("problem", bool(shown))
        self.problem_button.setEnabled(bool(problems))
        self.problem_button.style().unpolish(self.problem_button)
        self.problem_button.style().polish(self.problem_button)
        self.try_button.setEnabled(check.ok)
        self.step_form.try_here.setEnabled(check.ok)

    def _seconds(self, routine: Routine) -> float:
        return estimated_seconds(routine, self.services.settings.current)

    def go_to_first_problem(self) -> None:
        """Show every problem and put the cursor in the first one's field."""
        self.revealed = True
        check = self.document.checked_now()
        self._show_check(check)
        if not check.problems:
            return
        problem = check.problems[0]
        field = problem_field(problem)
        steps = self.document.draft.steps
        widget: QWidget | None
        if problem.step is not None and 0 < problem.step <= len(steps):
            self.select_step(steps[problem.step - 1].key)
            widget = self.step_form.field_widget(field)
        elif field == "steps":
            widget = self.add_button if steps else self.first_step_buttons[Kind.HOLD]
        else:
            widget = self.routine_form.field_widget(field)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)


def _inline(problem: Problem) -> str:
    """The problem under its field: the loader's message (with the tag's number for tags)."""
    if problem.key and problem.key.startswith("tags["):
        return f"{problem.key}: {problem.message}"
    return problem.message
