"""The routine's own fields: title, description, tags, and its timing between steps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from stretchtimer.core.formatting import seconds_text
from stretchtimer.core.i18n import N_, _
from stretchtimer.core.routine.draft import RoutineDraft, typed_number
from stretchtimer.core.routine.model import ResolvedPace
from stretchtimer.gui.editor.document import DraftDocument, Focus
from stretchtimer.gui.editor.fields import (
    LineField,
    NumberField,
    ProblemLabel,
    TextArea,
    with_problem,
    with_unit,
)
from stretchtimer.gui.widgets.numbers import number as format_number

PACE_LABELS = (
    ("prepare", N_("Get ready"), N_("Time to get into position before each step")),
    ("rest", N_("Rest between steps"), N_("Rest after each step, unless a step says otherwise")),
    ("switch", N_("Switch sides"), N_("Time to change sides in a step done on both sides")),
    ("inhale", N_("Breathe in"), N_("Length of one breath in, for steps counted in breaths")),
    ("exhale", N_("Breathe out"), N_("Length of one breath out, for steps counted in breaths")),
    ("settle", N_("Quiet"), N_("Quiet after the last instruction, before a hold starts")),
)


def tags_from_text(text: str) -> tuple[str, ...]:
    """``"desk, seated"`` → ``("desk", "seated")``."""
    return tuple(tag.strip() for tag in text.split(",") if tag.strip())


class RoutineForm(QWidget):
    """Title, description, tags and pace; edits go to the document."""

    def __init__(
        self, document: DraftDocument, defaults: ResolvedPace, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.defaults = defaults
        self.problems: dict[str, ProblemLabel] = {}
        self._build()
        document.changed.connect(self._changed)
        self.refresh()

    def _problem(self, name: str) -> ProblemLabel:
        label = ProblemLabel()
        self.problems[name] = label
        return label

    def _build(self) -> None:
        self.title = LineField(_("Title"), _("Name this routine, for example “Morning hips”"))
        self.title.setObjectName("EditorTitle")
        self.title.edited.connect(lambda text: self.document.set_field("title", text))
        self.description = TextArea(
            _("Description"),
            _("What this routine is for, and anything to keep in mind (optional)"),
            lines=2,
        )
        self.description.edited.connect(lambda text: self.document.set_field("description", text))
        self.setup = TextArea(
            _("What you need"),
            _("Said at the start: what you need and where, like “You need a mat.” (optional)"),
            lines=2,
        )
        self.setup.edited.connect(lambda text: self.document.set_field("setup", text))
        self.finish = TextArea(
            _("Closing words"),
            _(
                "Said before the session ends: how to come up, like “Roll onto your side and "
                "come up slowly.” (optional)"
            ),
            lines=2,
        )
        self.finish.edited.connect(lambda text: self.document.set_field("finish", text))
        self.advice = QLabel()
        self.advice.setObjectName("Subtle")
        self.advice.setWordWrap(True)
        self.advice.setAccessibleName(_("Advice for following the routine by ear"))
        self.advice.hide()
        self.tags = LineField(_("Tags"), _("Tags to find it by, with commas: desk, seated, hips"))
        self.tags.edited.connect(lambda text: self.document.set_field("tags", tags_from_text(text)))
        self.timing_button = QToolButton()
        self.timing_button.setCheckable(True)
        self.timing_button.setAccessibleName(_("Timing between steps"))
        self.timing_button.setToolTip(
            _("Show the times to get ready, rest, switch sides and breathe in this routine")
        )
        self.timing_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.timing_button.setObjectName("TimingToggle")
        self.timing_button.toggled.connect(self._show_timing)

        self.timing = self._build_timing()
        self._lay_out()

    def _build_timing(self) -> QWidget:
        self.pace: dict[str, NumberField] = {}
        timing = QWidget()
        grid = QGridLayout(timing)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(2)
        for column, (name, label, tip) in enumerate(PACE_LABELS):
            default = getattr(self.defaults, name)
            field = NumberField(
                _(label),
                low=1 if name in ("inhale", "exhale") else 0,
                placeholder=format_number(default),
            )
            # TRANSLATORS: {purpose} says what the time is for; {usual} is a length, "5 s".
            tip_words = _("{purpose}. Leave it empty for your usual {usual}.")
            field.setToolTip(tip_words.format(purpose=_(tip), usual=seconds_text(default)))
            field.edited.connect(lambda text, key=name: self.document.set_field(key, text))
            self.pace[name] = field
            caption = QLabel(_(label))
            caption.setObjectName("FieldCaption")
            caption.setBuddy(field)
            grid.addWidget(caption, 0, column)
            grid.addWidget(with_unit(field, _("seconds")), 1, column)
            grid.addWidget(self._problem(name), 2, column)
        grid.setColumnStretch(len(PACE_LABELS), 1)
        timing.hide()
        return timing

    def _lay_out(self) -> None:
        tags_row = QWidget()
        row = QHBoxLayout(tags_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        row.addWidget(with_problem(self.tags, self._problem("tags")), 1)
        row.addWidget(self.timing_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(16)
        layout.setVerticalSpacing(8)
        rows = (
            (_("Title"), with_problem(self.title, self._problem("title")), self.title),
            (_("About it"), with_problem(self.description, self._problem("description")), None),
            (_("Tags"), tags_row, self.tags),
            (_("You need"), with_problem(self.setup, self._problem("setup")), self.setup),
            (_("To close"), with_problem(self.finish, self._problem("finish")), self.finish),
        )
        for number, (text, widget, buddy) in enumerate(rows):
            caption = QLabel(text)
            caption.setObjectName("FieldCaption")
            caption.setBuddy(buddy or self.description)
            layout.addWidget(caption, number, 0, Qt.AlignmentFlag.AlignTop)
            layout.addWidget(widget, number, 1)
        layout.addWidget(self.timing, len(rows), 1)
        layout.addWidget(self.advice, len(rows) + 1, 1)
        layout.setColumnStretch(1, 1)
        layout.setColumnMinimumWidth(0, 70)

    # -- from the draft -----------------------------------------------------------------

    def _changed(self, focus: Focus) -> None:
        self.refresh()
        if focus.step is None and focus.field in self.pace:
            self.timing_button.setChecked(True)

    def refresh(self) -> None:
        draft = self.document.draft
        self.title.set_value(draft.title)
        self.description.set_value(draft.description)
        self.setup.set_value(draft.setup)
        self.finish.set_value(draft.finish)
        if tags_from_text(self.tags.text()) != draft.tags:
            self.tags.set_value(", ".join(draft.tags))
        for name, field in self.pace.items():
            field.set_value(getattr(draft, name))
        self.timing_button.setText(self._timing_text(draft))

    def _timing_text(self, draft: RoutineDraft) -> str:
        arrow = "▾" if self.timing_button.isChecked() else "▸"
        own = [
            name
            for name, _label, _tip in PACE_LABELS
            if typed_number(getattr(draft, name)) is not None
        ]
        if not own:
            # TRANSLATORS: a button that opens the timing; {arrow} is ▸ or ▾.
            return _("Timing between steps: your usual  {arrow}").format(arrow=arrow)
        return _("Timing between steps: set for this routine  {arrow}").format(arrow=arrow)

    def _show_timing(self, shown: bool) -> None:
        self.timing.setVisible(shown)
        self.timing_button.setText(self._timing_text(self.document.draft))

    def show_problems(self, found: dict[str, str]) -> None:
        """Show ``field → problem`` under each field; a problem in the timing opens it."""
        for name, label in self.problems.items():
            label.show_problem(found.get(name))
        for name, field in (("title", self.title), ("tags", self.tags), *self.pace.items()):
            field.set_problem(name in found)
        self.description.set_problem("description" in found)
        self.setup.set_problem("setup" in found)
        self.finish.set_problem("finish" in found)
        if any(name in found for name in self.pace):
            self.timing_button.setChecked(True)

    def field_widget(self, name: str) -> QWidget | None:
        if name in self.pace:
            self.timing_button.setChecked(True)
            return self.pace[name]
        fields: dict[str, QWidget] = {
            "title": self.title,
            "description": self.description,
            "tags": self.tags,
            "setup": self.setup,
            "finish": self.finish,
        }
        return fields.get(name)

    def show_advice(self, advice: list[str]) -> None:
        """The guidance check's advice about the routine as a whole (not an error)."""
        self.advice.setText("\n".join(_("Advice: {advice}").format(advice=text) for text in advice))
        self.advice.setVisible(bool(advice))
