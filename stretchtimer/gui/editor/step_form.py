"""One step's fields: name, how it is timed, sides, the words to say (the way in, the
action, what to feel, the way out, a caution), the easier way, rest.

Only the fields of the chosen kind are shown: seconds for a hold, a count for
breaths, and count, time per rep, sets and rest between sets for reps.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stretchtimer.core.formatting import seconds_text
from stretchtimer.core.i18n import N_, _
from stretchtimer.core.routine.draft import Kind, StepDraft, typed_number
from stretchtimer.core.routine.model import ResolvedPace, Sides
from stretchtimer.core.routine.wording import fill_sides
from stretchtimer.core.session import phrases
from stretchtimer.gui.editor.document import DraftDocument
from stretchtimer.gui.editor.fields import (
    Choice,
    LineField,
    NumberField,
    ProblemLabel,
    TextArea,
    with_problem,
    with_unit,
)
from stretchtimer.gui.editor.pose_picker import PosePicker
from stretchtimer.gui.widgets.numbers import number as format_number

KINDS: list[tuple[object, str, str]] = [
    (Kind.HOLD, N_("Hold"), N_("Hold a position for a number of seconds")),
    (Kind.BREATHS, N_("Breaths"), N_("Hold a position for a number of slow breaths")),
    (Kind.REPS, N_("Repetitions"), N_("Repeat a movement a number of times, in one or more sets")),
]
SIDES = (
    (Sides.NONE, N_("No sides: done once")),
    (Sides.BOTH, N_("Both sides: left, then right")),
    (Sides.LEFT, N_("Left side only")),
    (Sides.RIGHT, N_("Right side only")),
)
AMOUNT_FIELDS = {Kind.HOLD: "hold", Kind.BREATHS: "breaths", Kind.REPS: "reps"}
# Format 2 texts: caption, what it is for. {side} and {other} say the side being done.
GUIDANCE_TEXTS = (
    ("setup", N_("Setup"), N_("Said before the timer: how to get into position")),
    ("caution", N_("Caution"), N_("Said with the setup, every time: when to stop or ease off")),
    ("feel", N_("Feel"), N_("Said once the hold has begun: where the stretch should be")),
    ("release", N_("Release"), N_("Said as the timed part ends: how to come out of it")),
)
# TRANSLATORS: {side} and {other} are written as they are (the person types them);
# translate the example sentence, keeping {side} and {other} in it.
SIDE_HINT = N_(
    "Write {side} and {other} for the side being done and its opposite: "
    "“Cross your {side} ankle over your {other} knee.”"
)
TEXT_FIELDS = ("say", "easier", *(name for name, _caption, _tip in GUIDANCE_TEXTS))


class StepForm(QWidget):
    """The fields of the step with ``key``.

    Signals:
        hear_requested(str): speak this text with the chosen voice.
        try_requested(int): try the routine from the step with this key.
    """

    hear_requested = Signal(str)
    try_requested = Signal(int)

    def __init__(
        self, document: DraftDocument, defaults: ResolvedPace, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.defaults = defaults
        self.key: int | None = None
        self.problems: dict[str, ProblemLabel] = {}
        self.rows: dict[str, QWidget] = {}
        self._build()
        document.changed.connect(lambda _focus: self.refresh())

    def _problem(self, name: str) -> ProblemLabel:
        label = ProblemLabel()
        self.problems[name] = label
        return label

    def _edit(self, name: str, value: object) -> None:
        if self.key is not None:
            self.document.set_step_field(self.key, name, value)

    def _number(
        self,
        name: str,
        label: str,
        unit: str | None,
        tip: str = "",
        *,
        step: float = 1,
        low: float = 1,
    ) -> NumberField:
        """A number field; with a ``unit``, also its row (field, unit, problem)."""
        field = NumberField(label, step=step, low=low, tip=tip)
        field.edited.connect(lambda text: self._edit(name, text))
        problem = self._problem(name)
        if unit is not None:
            self.rows[name] = with_problem(with_unit(field, unit), problem)
        return field

    def _pair(self, name: str, first: str, second: str, between: str, after: str) -> None:
        """Two numbers on one row, read as a sentence: ``[10] times, each [3] seconds``."""
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        for field, text in ((getattr(self, first), between), (getattr(self, second), after)):
            row.addWidget(field)
            label = QLabel(text)
            label.setObjectName("Subtle")
            row.addWidget(label)
        row.addStretch(1)
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(holder)
        layout.addWidget(self.problems[first])
        layout.addWidget(self.problems[second])
        self.rows[name] = column

    def _build(self) -> None:
        self._build_fields()
        self._build_texts()
        self._build_pose()
        self._build_layout()

    def _build_fields(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("StepHeading")
        self.name = LineField(
            _("Step name"), _("What is this stretch called? For example “Pigeon pose”")
        )
        self.name.edited.connect(lambda text: self._edit("name", text))
        self.kind = Choice(_("Timed by"), [(kind, _(label), _(tip)) for kind, label, tip in KINDS])
        self.kind.chosen.connect(lambda kind: self._edit("kind", kind))
        self.hold = self._number(
            "hold", _("Hold for"), _("seconds"), _("How many seconds to hold the position")
        )
        self.breaths = self._number(
            "breaths",
            _("Breaths"),
            _("slow breaths, in and out"),
            _("How many slow breaths to hold it"),
        )
        self.reps = self._number("reps", _("Repetitions"), None, _("How many times, in each set"))
        self.tempo = self._number(
            "tempo",
            _("Seconds for each repetition"),
            None,
            _("How long one repetition takes: 4 for “2 seconds up, 2 seconds down”"),
            step=0.5,
            low=0.5,
        )
        self._pair("repetitions", "reps", "tempo", _("times, each taking"), _("seconds"))
        self.sets = self._number("sets", _("Sets"), None, _("How many sets of repetitions"))
        self.set_rest = self._number("set_rest", _("Rest between sets"), None, low=0)
        self._pair(
            "sets_row", "sets", "set_rest", _("sets, with"), _("seconds of rest between them")
        )
        self.sides = QComboBox()
        self.sides.setAccessibleName(_("Sides"))
        self.sides.setToolTip(_("Done once, on each side in turn, or on one side only"))
        self.sides.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for value, label in SIDES:
            self.sides.addItem(_(label), value)
        self.sides.activated.connect(lambda index: self._edit("sides", self.sides.itemData(index)))
        self.rest = self._number("rest", _("Rest after this step"), None, low=0)
        self.rest_unit = QLabel()
        self.rest_unit.setObjectName("Subtle")
        self.rows["rest"] = with_problem(
            with_unit(self.rest, self.rest_unit), self.problems["rest"]
        )

    def _build_texts(self) -> None:
        self.say = TextArea(
            _("Words to say"),
            _("What the voice says as the step begins: how to get into position, what to feel"),
            lines=3,
        )
        self.say.edited.connect(lambda text: self._edit("say", text))
        self.hear_say = QPushButton(_("Hear it"))
        self.hear_say.setAccessibleName(_("Hear the step's words"))
        self.hear_say.setToolTip(_("Hear the step's name and words in the chosen voice"))
        self.hear_say.clicked.connect(self._hear_step)
        self.easier = TextArea(
            _("Easier variation"),
            _("An easier way to do it, offered when the stretch is too much (optional)"),
            lines=3,
        )
        self.easier.edited.connect(lambda text: self._edit("easier", text))
        self.hear_easier = QPushButton(_("Hear it"))
        self.hear_easier.setAccessibleName(_("Hear the easier variation"))
        self.hear_easier.setToolTip(_("Hear the easier variation in the chosen voice"))
        self.hear_easier.clicked.connect(self._hear_easier)
        self.texts: dict[str, TextArea] = {}
        for name, caption, tip in GUIDANCE_TEXTS:
            # TRANSLATORS: a field's placeholder; {purpose} says what the text is for.
            area = TextArea(_(caption), _("{purpose} (optional)").format(purpose=_(tip)), lines=2)
            area.edited.connect(lambda text, key=name: self._edit(key, text))
            self.texts[name] = area
        self.side_hint = QLabel(_(SIDE_HINT))
        self.side_hint.setObjectName("Subtle")
        self.side_hint.setWordWrap(True)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.advice.setObjectName("Subtle")
        self.advice.setAccessibleName(_("Advice for following this step by ear"))
        self.try_here = QPushButton(_("Try from this step"))
        self.try_here.setAccessibleName(_("Try the routine from this step"))
        self.try_here.setToolTip(
            _("Play the routine from this step, without keeping it in your history")
        )
        self.try_here.clicked.connect(self._try_here)

    def _build_pose(self) -> None:
        self.pose = PosePicker()
        self.pose.picked.connect(lambda name: self._edit("pose", name))

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(20)
        form.setVerticalSpacing(10)
        form.addRow(_("Name"), with_problem(self.name, self._problem("name")))
        form.addRow(_("Timed by"), with_problem(self.kind, self._problem("amount")))
        form.addRow(_("Hold for"), self.rows["hold"])
        form.addRow(_("Breaths"), self.rows["breaths"])
        form.addRow(_("Repetitions"), self.rows["repetitions"])
        form.addRow(_("Sets"), self.rows["sets_row"])
        form.addRow(_("Sides"), with_problem(_left(self.sides), self._problem("sides")))
        form.addRow("", self.side_hint)
        for name in ("setup", "caution"):
            area = self.texts[name]
            form.addRow(area.accessibleName(), with_problem(area, self._problem(name)))
        form.addRow(_("Words to say"), self._with_button(self.say, self.hear_say, "say"))
        for name in ("feel", "release"):
            area = self.texts[name]
            form.addRow(area.accessibleName(), with_problem(area, self._problem(name)))
        form.addRow(
            _("Easier variation"), self._with_button(self.easier, self.hear_easier, "easier")
        )
        form.addRow(_("Rest after"), self.rows["rest"])
        form.addRow(_("Pose"), self.pose)
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            caption = item.widget() if item is not None else None
            if isinstance(caption, QLabel):
                caption.setObjectName("FieldCaption")
                field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                field = field_item.widget() if field_item is not None else None
                if field is not None:
                    caption.setBuddy(_first_input(field))
        self.form = form
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.try_here)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.advice)
        layout.addStretch(1)
        layout.addLayout(bottom)

    def _with_button(self, area: TextArea, button: QPushButton, name: str) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        row.addWidget(with_problem(area, self._problem(name)), 1)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        return holder

    # -- showing a step -----------------------------------------------------------------

    def show_step(self, key: int | None) -> None:
        self.key = key
        self.refresh()

    def step(self) -> StepDraft | None:
        if self.key is None:
            return None
        try:
            return self.document.draft.step(self.key)
        except KeyError:
            return None

    def refresh(self) -> None:
        step = self.step()
        self.setEnabled(step is not None)
        if step is None:
            return
        draft = self.document.draft
        number = draft.step_index(step.key) + 1
        self.heading.setText(
            _("Step {number} of {count}").format(
                number=format_number(number), count=format_number(len(draft.steps))
            )
        )
        self.name.set_value(step.name)
        self.kind.set_value(step.kind)
        for name in ("hold", "breaths", "reps", "tempo", "sets", "set_rest", "rest"):
            field = getattr(self, name)
            assert isinstance(field, NumberField)
            field.set_value(getattr(step, name))
        self.sides.setCurrentIndex(self.sides.findData(step.sides))
        self.say.set_value(step.say)
        self.easier.set_value(step.easier)
        for name, area in self.texts.items():
            area.set_value(getattr(step, name))
        self.side_hint.setVisible(step.sides is not Sides.NONE)
        routine_rest = typed_number(draft.rest)
        rest = routine_rest if isinstance(routine_rest, int | float) else self.defaults.rest
        self.rest.setPlaceholderText(format_number(rest))
        # TRANSLATORS: after the rest field; {rest} is a length such as "20 s".
        self.rest_unit.setText(
            _("seconds (leave it empty for the routine's {rest})").format(rest=seconds_text(rest))
        )
        usual = _("Leave it empty for the routine's rest of {rest}.").format(
            rest=seconds_text(rest)
        )
        self.rest.setToolTip(usual)
        self.set_rest.setPlaceholderText(format_number(rest))
        self.set_rest.setToolTip(usual)
        self._show_kind(step.kind)
        self.hear_say.setEnabled(bool(step.name.strip() or step.say.strip()))
        self.hear_easier.setEnabled(bool(step.easier.strip()))
        self.pose.set_pose(step.pose)

    def _show_kind(self, kind: Kind) -> None:
        self.form.setRowVisible(self.rows["hold"], kind is Kind.HOLD)
        self.form.setRowVisible(self.rows["breaths"], kind is Kind.BREATHS)
        self.form.setRowVisible(self.rows["repetitions"], kind is Kind.REPS)
        self.form.setRowVisible(self.rows["sets_row"], kind is Kind.REPS)

    def show_problems(self, found: dict[str, str]) -> None:
        """Show ``field → problem`` for this step (``"amount"`` under the kind's count)."""
        step = self.step()
        for name, label in self.problems.items():
            text = found.get(name)
            if name == "amount":
                text = None  # shown under the amount field itself
            label.show_problem(text)
        if step is not None:
            amount = AMOUNT_FIELDS[step.kind]
            self.problems[amount].show_problem(found.get("amount"))
        for name in ("hold", "breaths", "reps", "tempo", "sets", "set_rest", "rest"):
            field = getattr(self, name)
            assert isinstance(field, NumberField)
            problem = name in found or (
                step is not None and name == AMOUNT_FIELDS[step.kind] and "amount" in found
            )
            field.set_problem(problem)
        self.name.set_problem("name" in found)
        self.say.set_problem("say" in found)
        self.easier.set_problem("easier" in found)
        for name, area in self.texts.items():
            area.set_problem(name in found)

    def show_advice(self, advice: list[str]) -> None:
        """The guidance check's advice for this step: not errors, a way to be followed by ear."""
        self.advice.setText("\n".join(_("Advice: {advice}").format(advice=text) for text in advice))
        self.advice.setVisible(bool(advice))

    def field_widget(self, name: str) -> QWidget | None:
        step = self.step()
        if name == "amount" and step is not None:
            name = AMOUNT_FIELDS[step.kind]
        widget = self.texts.get(name) or getattr(self, name, None)
        return widget if isinstance(widget, QWidget) else None

    # -- hear and try ---------------------------------------------------------------------

    def _hear_step(self) -> None:
        step = self.step()
        if step is not None:
            words = " ".join(text.strip() for text in (step.setup, step.say) if text.strip())
            left = step.sides.order()[0]
            self.hear_requested.emit(phrases.intro(step.name.strip(), fill_sides(words, left)))

    def _hear_easier(self) -> None:
        step = self.step()
        if step is not None and step.easier.strip():
            easier = fill_sides(step.easier.strip(), step.sides.order()[0])
            self.hear_requested.emit(phrases.easier(easier))

    def _try_here(self) -> None:
        if self.key is not None:
            self.try_requested.emit(self.key)


def _left(widget: QWidget) -> QWidget:
    """``widget`` at its own width, on the left of its row."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(widget)
    row.addStretch(1)
    return holder


def _first_input(widget: QWidget) -> QWidget:
    for kind in (LineField, TextArea, QComboBox, QPushButton):
        found = widget if isinstance(widget, kind) else widget.findChild(kind)
        if found is not None:
            return found
    return widget
