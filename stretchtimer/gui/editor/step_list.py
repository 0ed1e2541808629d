"""The routine's steps as a list: numbered rows to pick, drag into order, or move with Alt+↑/↓.

The model mirrors the document's draft by step key. A change that adds,
removes or moves one step is passed on as exactly that, so the view keeps the
selection and scroll position; anything bigger resets the list.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from stretchtimer.core.i18n import N_, _, n_
from stretchtimer.core.routine.draft import Kind, StepDraft, typed_number
from stretchtimer.core.routine.model import Sides
from stretchtimer.gui import theme
from stretchtimer.gui.editor.document import DraftDocument
from stretchtimer.gui.widgets.numbers import number

STEP_ROLE = Qt.ItemDataRole.UserRole + 1
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 2
MIME_TYPE = "application/x-stretchtimer-step"
Index = QModelIndex | QPersistentModelIndex
UNNAMED = N_("Unnamed step")  # translate with _()


def step_summary(step: StepDraft) -> str:
    """``"Hold 30 s · both sides"``: what a step does, from what was typed."""

    def shown(text: str, fallback: str) -> tuple[str, int]:
        """What was typed (or ``fallback``), and the count its words agree with."""
        value = typed_number(text)
        if value is None:
            return fallback, 1 if fallback == "1" else 2
        return text.strip(), int(value) if float(value).is_integer() else 2

    if step.kind is Kind.HOLD:
        # TRANSLATORS: a step's summary in the editor's list; {seconds} as typed, "30".
        text = _("Hold {seconds} s").format(seconds=shown(step.hold, "?")[0])
    elif step.kind is Kind.BREATHS:
        count, agrees = shown(step.breaths, "?")
        text = n_("{count} breath", "{count} breaths", agrees).format(count=count)
    else:
        reps, agrees = shown(step.reps, "?")
        sets = shown(step.sets, "1")[0]
        if sets != "1":
            # TRANSLATORS: sets × repetitions in a step's summary, "2 × 10 reps".
            text = n_("{sets} × {count} rep", "{sets} × {count} reps", agrees).format(
                sets=sets, count=reps
            )
        else:
            text = n_("{count} rep", "{count} reps", agrees).format(count=reps)
    if step.sides is Sides.BOTH:
        text = _("{summary} · both sides").format(summary=text)
    elif step.sides is Sides.LEFT:
        text = _("{summary} · left side").format(summary=text)
    elif step.sides is Sides.RIGHT:
        text = _("{summary} · right side").format(summary=text)
    return text


class StepListModel(QAbstractListModel):
    """The draft's steps, by key.

    Signals:
        move_requested(int, int): a step (key) was dropped to end up at a position.
    """

    move_requested = Signal(int, int)

    def __init__(self, document: DraftDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.keys = [step.key for step in document.draft.steps]
        # Keys of steps whose problems are shown: the editor decides (a brand-new step's
        # empty fields are no problem until it is edited or a save is tried).
        self.troubled: set[int] = set()
        document.changed.connect(self._sync)

    # -- following the draft ------------------------------------------------------------

    def _sync(self) -> None:
        new = [step.key for step in self.document.draft.steps]
        old = self.keys
        if new == old:
            self._all_changed()
            return
        if len(new) == len(old) + 1:
            at = _first_difference(old, new)
            if new[:at] + new[at + 1 :] == old:
                self.beginInsertRows(QModelIndex(), at, at)
                self.keys = new
                self.endInsertRows()
                self._all_changed()
                return
        if len(new) == len(old) - 1:
            at = _first_difference(new, old)
            if old[:at] + old[at + 1 :] == new:
                self.beginRemoveRows(QModelIndex(), at, at)
                self.keys = new
                self.endRemoveRows()
                self._all_changed()
                return
        moved = _single_move(old, new)
        if moved is not None:
            source, destination = moved
            self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), destination)
            self.keys = new
            self.endMoveRows()
            self._all_changed()
            return
        self.beginResetModel()
        self.keys = new
        self.endResetModel()

    def _all_changed(self) -> None:
        if self.keys:
            self.dataChanged.emit(self.index(0), self.index(len(self.keys) - 1))

    def set_troubled(self, keys: set[int]) -> None:
        """Mark the steps with these keys as needing a fix (the rest as fine)."""
        if keys != self.troubled:
            self.troubled = set(keys)
            self._all_changed()

    # -- the model ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.keys)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.keys):
            return None
        step = self.document.draft.steps[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return step.name.strip() or _(UNNAMED)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            name = step.name.strip() or _(UNNAMED)
            place = number(index.row() + 1)
            if step.key in self.troubled:
                # TRANSLATORS: read by screen readers for a step in the editor's list.
                words = _("Step {number}: {name}, {summary}, has a problem")
            else:
                words = _("Step {number}: {name}, {summary}")
            return words.format(number=place, name=name, summary=step_summary(step))
        if role == STEP_ROLE:
            return step
        if role == PROBLEM_ROLE:
            return step.key in self.troubled
        return None

    def key_at(self, row: int) -> int | None:
        return self.keys[row] if 0 <= row < len(self.keys) else None

    def row_of(self, key: int) -> int:
        return self.keys.index(key) if key in self.keys else -1

    # -- dragging into order ------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        keys = [self.keys[index.row()] for index in indexes if index.isValid()]
        data.setData(MIME_TYPE, QByteArray(json.dumps(keys[:1]).encode("ascii")))
        return data

    def dropMimeData(  # noqa: N802
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: Index,
    ) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE):
            return False
        try:
            keys = json.loads(bytes(data.data(MIME_TYPE).data()).decode("ascii"))
        except (ValueError, UnicodeDecodeError):
            return False
        if not keys or keys[0] not in self.keys:
            return False  # a step of another editor's routine
        key = keys[0]
        if row < 0:
            row = parent.row() if parent.isValid() else len(self.keys)
        source = self.keys.index(key)
        target = row if row <= source else row - 1  # ``row`` counts the dragged step too
        if target != source:
            self.move_requested.emit(key, target)
        return False  # the move is done; nothing is left for the view to remove


def _first_difference(shorter: list[int], longer: list[int]) -> int:
    for index, key in enumerate(shorter):
        if longer[index] != key:
            return index
    return len(shorter)


def _single_move(old: list[int], new: list[int]) -> tuple[int, int] | None:
    """``(source, destination)`` for ``beginMoveRows`` if ``new`` is ``old`` with one move."""
    if len(old) != len(new) or sorted(old) != sorted(new):
        return None
    first = _first_difference(old, new)
    last = len(old) - 1
    while last > first and old[last] == new[last]:
        last -= 1
    if [*old[first + 1 : last + 1], old[first]] == new[first : last + 1]:
        return first, last + 1  # moved down
    if [old[last], *old[first:last]] == new[first : last + 1]:
        return last, first  # moved up
    return None


class StepDelegate(QStyledItemDelegate):
    """A step row: its number, name and what it does, with a mark when it has a problem."""

    HEIGHT = 58

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        return QSize(option.rect.width(), self.HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        step = index.data(STEP_ROLE)
        if not isinstance(step, StepDraft):
            return
        colours = theme.current()
        troubled = bool(index.data(PROBLEM_ROLE))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(option.rect).adjusted(2, 3, -2, -3)
        path = QPainterPath()
        path.addRoundedRect(card, 10, 10)
        painter.fillPath(
            path, QColor(colours.surface_alt if selected or hovered else colours.surface)
        )
        border = colours.accent if selected else colours.border
        painter.setPen(QPen(QColor(border), 2 if selected and focused else 1))
        painter.drawPath(path)

        # the grip, to say "drag me"
        grip = QColor(colours.muted)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(grip)
        for column in (0, 1):
            for row in range(3):
                painter.drawEllipse(
                    QRectF(card.left() + 10 + column * 5, card.center().y() - 7 + row * 6, 2.6, 2.6)
                )
        # the number in a circle
        number_font = QFont(option.font)
        number_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(number_font)
        circle = QRectF(card.left() + 26, card.center().y() - 13, 26, 26)
        painter.setBrush(QColor(colours.danger if troubled else colours.accent))
        painter.drawEllipse(circle)
        painter.setPen(QColor(colours.accent_text if not troubled else colours.surface))
        label = "!" if troubled else number(index.row() + 1)
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, label)

        left = circle.right() + 12
        width = card.right() - 12 - left
        name_font = QFont(option.font)
        name_font.setWeight(QFont.Weight.DemiBold)
        metrics = QFontMetrics(name_font)
        name = step.name.strip()
        painter.setFont(name_font)
        painter.setPen(QColor(colours.text if name else colours.muted))
        painter.drawText(
            QRectF(left, card.top() + 8, width, metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(name or _(UNNAMED), Qt.TextElideMode.ElideRight, round(width)),
        )
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.92)
        painter.setFont(small)
        painter.setPen(QColor(colours.danger if troubled else colours.muted))
        summary = step_summary(step)
        if troubled:
            summary = _("{summary} · needs a fix").format(summary=summary)
        small_metrics = QFontMetrics(small)
        painter.drawText(
            QRectF(left, card.top() + 10 + metrics.height(), width, small_metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            small_metrics.elidedText(summary, Qt.TextElideMode.ElideRight, round(width)),
        )
        painter.restore()


class StepListView(QListView):
    """The list of steps: click or arrow keys to pick, drag or Alt+↑/↓ to reorder."""

    def __init__(self, model: StepListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(StepDelegate(self))
        self.setAccessibleName(_("Steps"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setMouseTracking(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
