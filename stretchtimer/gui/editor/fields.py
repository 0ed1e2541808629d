"""The editor's input widgets: text and number fields that report only the person's edits.

Every field has a ``set_value`` that shows a value from the draft without
reporting it as an edit, and an ``edited`` signal for what the person typed.
Undo and redo belong to the editor (one history for the whole routine), so the
fields' own undo is switched off: Ctrl+Z always reaches the editor.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from stretchtimer.core.i18n import _
from stretchtimer.core.routine.draft import number_text, typed_number


def _keys(standard: QKeySequence.StandardKey, *usual: str) -> list[QKeySequence]:
    """The usual keys, and the platform's own (not every platform knows both)."""
    keys = [QKeySequence(text) for text in usual]
    keys.extend(key for key in QKeySequence.keyBindings(standard) if key not in keys)
    return keys


def undo_keys() -> list[QKeySequence]:
    return _keys(QKeySequence.StandardKey.Undo, "Ctrl+Z")


def redo_keys() -> list[QKeySequence]:
    return _keys(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y")


class _LeaveUndoToTheEditor(QObject):
    """Lets Ctrl+Z / Ctrl+Shift+Z pass a text field by, to the editor's own actions."""

    def __init__(self) -> None:
        super().__init__()
        self.keys = (*undo_keys(), *redo_keys())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and QKeySequence(event.keyCombination()) in self.keys
        ):
            event.ignore()
            return True
        return False


_FILTER: _LeaveUndoToTheEditor | None = None


def leave_undo_to_the_editor(widget: QWidget) -> None:
    global _FILTER  # noqa: PLW0603 - one filter object serves every field
    if _FILTER is None:
        _FILTER = _LeaveUndoToTheEditor()
    widget.installEventFilter(_FILTER)


class LineField(QLineEdit):
    """One line of text.

    Signals:
        edited(str): the person changed the text.
    """

    edited = Signal(str)

    def __init__(self, name: str, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self.setToolTip(placeholder)  # still there once the placeholder is typed over
        self._showing = False
        self.textChanged.connect(self._changed)
        leave_undo_to_the_editor(self)

    def set_value(self, text: str) -> None:
        if self.text() == text:
            return
        self._showing = True
        try:
            self.setText(text)
        finally:
            self._showing = False

    def _changed(self, text: str) -> None:
        if not self._showing:
            self.edited.emit(text)

    def set_problem(self, problem: bool) -> None:
        if bool(self.property("problem")) != problem:
            self.setProperty("problem", problem)
            self.style().unpolish(self)
            self.style().polish(self)


class NumberField(LineField):
    """A number typed as text; ↑ and ↓ step it (Page Up / Page Down by ten steps).

    Whatever is typed is kept as typed: the loader says what is wrong with it.
    """

    def __init__(
        self,
        name: str,
        *,
        step: float = 1,
        low: float = 0,
        placeholder: str = "",
        tip: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(name, placeholder, parent)
        self.setToolTip(tip)
        self.step = step
        self.low = low
        self.setFixedWidth(84)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        steps = {
            Qt.Key.Key_Up: 1,
            Qt.Key.Key_Down: -1,
            Qt.Key.Key_PageUp: 10,
            Qt.Key.Key_PageDown: -10,
        }.get(Qt.Key(event.key()))
        if steps is None or event.modifiers() & Qt.KeyboardModifier.AltModifier:
            super().keyPressEvent(event)
            return
        value = typed_number(self.text())
        if value is None:
            value = typed_number(self.placeholderText().split(" ")[0]) or self.low
        if isinstance(value, str):
            return  # not a number yet: nothing to step
        stepped = max(self.low, value + steps * self.step)
        self.setText(number_text(stepped))


class TextArea(QPlainTextEdit):
    """A few lines of text; Tab moves on to the next field.

    Signals:
        edited(str): the person changed the text.
    """

    edited = Signal(str)

    def __init__(
        self, name: str, placeholder: str = "", lines: int = 3, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self.setToolTip(placeholder)  # still there once the placeholder is typed over
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        height = self.fontMetrics().lineSpacing() * lines + 18
        self.setFixedHeight(height)
        self._showing = False
        self.textChanged.connect(self._changed)
        leave_undo_to_the_editor(self)

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, text: str) -> None:
        if self.toPlainText() == text:
            return
        self._showing = True
        try:
            self.setPlainText(text)
        finally:
            self._showing = False

    def _changed(self) -> None:
        if not self._showing:
            self.edited.emit(self.toPlainText())

    def set_problem(self, problem: bool) -> None:
        if bool(self.property("problem")) != problem:
            self.setProperty("problem", problem)
            self.style().unpolish(self)
            self.style().polish(self)


class ProblemLabel(QLabel):
    """What is wrong with the field above it, in the loader's words; hidden when nothing is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FieldProblem")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_problem(self, text: str | None) -> None:
        self.setText(text or "")
        self.setAccessibleName(_("Problem: {problem}").format(problem=text) if text else "")
        self.setVisible(bool(text))


class Choice(QWidget):
    """A row of buttons of which one is chosen (how a step is timed).

    Keys work as in a group of radio buttons: Tab stops once, on the chosen
    button, and the arrow keys choose the one before or after it.

    Signals:
        chosen(object): the value the person chose.
    """

    chosen = Signal(object)

    def __init__(
        self, name: str, options: list[tuple[object, str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[object, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for number, (value, label, tip) in enumerate(options):
            button = QPushButton(label)
            button.setCheckable(True)
            # TRANSLATORS: {tip} says what the choice does; ← and → are arrow keys.
            button.setToolTip(_("{tip} (← and → to change)").format(tip=tip))
            button.setAccessibleName(f"{name}: {label}")
            button.setProperty("segment", "first" if number == 0 else "middle")
            if number == len(options) - 1:
                button.setProperty("segment", "last")
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.installEventFilter(self)
            self.group.addButton(button, number)
            self.buttons[value] = button
            layout.addWidget(button)
            button.clicked.connect(lambda _checked=False, chosen=value: self.chosen.emit(chosen))
        layout.addStretch(1)
        self._tab_stop()

    def set_value(self, value: object) -> None:
        button = self.buttons.get(value)
        if button is not None and not button.isChecked():
            button.setChecked(True)
        self._tab_stop()

    def _tab_stop(self) -> None:
        """Only the chosen button takes Tab; the others take clicks and arrow keys."""
        for button in self.buttons.values():
            tab = button.isChecked() or self.group.checkedButton() is None
            policy = Qt.FocusPolicy.StrongFocus if tab else Qt.FocusPolicy.ClickFocus
            button.setFocusPolicy(policy)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        step = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Down: 1,
        }.get(Qt.Key(event.key()))
        buttons = list(self.buttons.values())
        held = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if step is None or watched not in buttons or held != Qt.KeyboardModifier.NoModifier:
            return False
        target = buttons[(buttons.index(watched) + step) % len(buttons)]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        target.click()
        return True


def with_unit(field: QWidget, unit: str | QLabel) -> QWidget:
    """``[30] seconds``: a field with its unit after it."""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(8)
    layout.addWidget(field)
    if isinstance(unit, QLabel) or unit:
        label = unit if isinstance(unit, QLabel) else QLabel(unit)
        label.setObjectName("Subtle")
        layout.addWidget(label)
    layout.addStretch(1)
    return holder


def with_problem(field: QWidget, problem: ProblemLabel) -> QWidget:
    """A field with its problem line under it."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(3)
    layout.addWidget(field)
    layout.addWidget(problem)
    return holder
