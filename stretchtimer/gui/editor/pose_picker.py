"""The step form's pose picker: find a pose by name, see it move, pick it (or none).

Signals a pose name; the step form stores it as the step's ``pose`` (routine format 2).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stretchtimer.core.i18n import N_, _, p_
from stretchtimer.core.poses import pose_names, posed
from stretchtimer.gui.widgets.pose_figure import PoseFigure
from stretchtimer.gui.widgets.pose_motion import Motion
from stretchtimer.gui.widgets.pose_thumbnail import thumbnail

NONE_TEXT = N_("No picture (show the step's name)")  # translate with _()
ICON = 44


class PosePicker(QWidget):
    """A search field, the library's poses as a list with small pictures, and a preview.

    Signals:
        picked(str): the person chose this pose ("" for none).
    """

    picked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Find a pose: pigeon, bridge, chair…"))
        self.search.setAccessibleName(_("Find a pose"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(_("Type words of a pose's name or of what it shows"))
        self.search.textChanged.connect(self._filter)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Poses"))
        self.list.setToolTip(_("Click a pose, or press Enter on it, to give it to this step"))
        self.list.setIconSize(QSize(ICON, ICON))
        self.list.setMinimumHeight(180)
        self.preview = PoseFigure(paper="window")
        self.preview.setFixedSize(180, 180)
        self._fill()
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemActivated.connect(lambda _item: self._pick())
        self.list.itemClicked.connect(lambda _item: self._pick())
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.list, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(column, 1)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)

    def _fill(self) -> None:
        none = QListWidgetItem(_(NONE_TEXT))
        none.setData(Qt.ItemDataRole.UserRole, "")
        self.list.addItem(none)
        for name in pose_names():
            figure = posed(name)
            item = QListWidgetItem(f"{p_('pose', figure.pose.title)}  ·  {name}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, figure.description())
            picture = thumbnail(name, size=ICON, ratio=self.devicePixelRatioF(), paper="")
            if picture is not None:
                item.setIcon(QIcon(picture))
            self.list.addItem(item)

    def pose(self) -> str:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def set_pose(self, name: str) -> None:
        """Show ``name`` as the chosen pose (without signalling)."""
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == name:
                self.list.setCurrentItem(item)
                break
        self.list.blockSignals(False)
        self._preview(name)

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            haystack = f"{item.text()} {item.data(Qt.ItemDataRole.AccessibleTextRole) or ''}"
            item.setHidden(bool(words) and not all(word in haystack.lower() for word in words))

    def _current_changed(self, current: QListWidgetItem | None, _old: object) -> None:
        self._preview(str(current.data(Qt.ItemDataRole.UserRole)) if current else "")

    def _preview(self, name: str) -> None:
        self.preview.show_pose(name or None, fallback=_("No picture"))
        moves = bool(name) and posed(name).pose.movement
        self.preview.set_motion(Motion("reps", running=True) if moves else Motion())

    def _pick(self) -> None:
        self.picked.emit(self.pose())
