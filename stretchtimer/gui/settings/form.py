"""What every card of the Settings page is made of: a titled form, its label column
aligned with the other cards', a slider with its value beside it, a box of seconds."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from stretchtimer.core.i18n import _
from stretchtimer.gui.language import seconds_suffix


def percent_text(value: int) -> str:
    # TRANSLATORS: a volume in per cent; use your language's spacing and sign.
    return _("{value} %").format(value=value)


def align_label_columns(column: QVBoxLayout) -> None:
    """Every card's controls start at one x: the label column as wide as the widest."""
    forms = [
        form
        for index in range(column.count())
        if (item := column.itemAt(index)) is not None and (card := item.widget()) is not None
        for form in card.findChildren(QFormLayout)
    ]
    labels = [
        label
        for form in forms
        for row in range(form.rowCount())
        if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
        and isinstance(label := item.widget(), QLabel)
    ]
    widest = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(widest)


def titled_card(title: str) -> tuple[QFrame, QFormLayout]:
    """A card headed ``title``, and the form its rows go in."""
    frame = QFrame()
    frame.setProperty("card", True)
    outer = QVBoxLayout(frame)
    outer.setContentsMargins(22, 16, 22, 18)
    heading = QLabel(title)
    heading.setStyleSheet("font-size: 13pt; font-weight: 700;")
    outer.addWidget(heading)
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    form.setHorizontalSpacing(24)
    form.setVerticalSpacing(12)
    outer.addLayout(form)
    return frame, form


class LabelledSlider(QWidget):
    """A slider with its value written beside it."""

    def __init__(self, name: str, low: int, high: int, text: Callable[[int], str]) -> None:
        """``name`` is read by screen readers; ``text`` writes a value beside the slider."""
        super().__init__()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(low, high)
        self.slider.setAccessibleName(name)
        self.slider.setPageStep(max(1, (high - low) // 10))
        self.value_label = QLabel()
        self.value_label.setMinimumWidth(90)
        self._text = text
        self.slider.valueChanged.connect(lambda value: self.value_label.setText(text(value)))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.value_label)

    def set_value(self, value: int) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(value)
        self.slider.blockSignals(False)
        self.value_label.setText(self._text(value))


def seconds_box(name: str, low: int, high: int) -> QDoubleSpinBox:
    """A box of whole seconds, ``name`` read by screen readers."""
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setDecimals(0)
    box.setSuffix(seconds_suffix())
    box.setAccessibleName(name)
    box.setMaximumWidth(140)
    return box


def select(combo: QComboBox, value: object) -> None:
    """Choose the item whose data is ``value`` (nothing when none is)."""
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
