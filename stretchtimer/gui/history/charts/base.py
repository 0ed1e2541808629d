"""What the History page's charts share: items with one sentence each, a keyboard cursor,
tooltips, and colours read from the theme when they paint.

A chart is a row (or grid) of items: days, weeks. The mouse shows an item's
sentence as a tooltip; the keyboard moves a cursor over the items and shows the
same sentence through ``cursor_moved`` (the page writes it under the chart) and
the chart's accessible description, so a screen reader says it too.

A chart is laid out left to right (:meth:`CursorChart.logical_rect`) and painted
through :meth:`CursorChart.begin_painting`, which mirrors it in a right-to-left
layout (``--lang ar``): time runs right to left and the axis stands on the right,
while every text, drawn with :meth:`CursorChart.draw_text`, reads as written.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QHelpEvent, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from stretchtimer.gui import theme


def blend(low: str, high: str, amount: float) -> QColor:
    """The colour ``amount`` (0..1) of the way from ``low`` to ``high``."""
    a, b = QColor(low), QColor(high)
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def mirrored(alignment: Qt.AlignmentFlag) -> Qt.AlignmentFlag:
    """``alignment`` with left and right swapped, as it stands (Qt would swap them once
    more for a right-to-left painter: ``AlignAbsolute`` keeps them)."""
    swap = {
        Qt.AlignmentFlag.AlignLeft: Qt.AlignmentFlag.AlignRight,
        Qt.AlignmentFlag.AlignRight: Qt.AlignmentFlag.AlignLeft,
    }
    across = alignment & Qt.AlignmentFlag.AlignHorizontal_Mask
    down = alignment & Qt.AlignmentFlag.AlignVertical_Mask
    return swap.get(across, across) | down | Qt.AlignmentFlag.AlignAbsolute


class CursorChart(QWidget):
    """A chart whose items can be read one by one with the mouse or the arrow keys.

    Subclasses give :meth:`item_count`, :meth:`item_text` and :meth:`logical_rect`,
    and paint; :meth:`paint_cursor` draws the keyboard cursor.

    Signals:
        cursor_moved(str): the sentence of the item the keyboard cursor is on (empty when
            the chart loses the focus).
    """

    cursor_moved = Signal(str)

    # How far the arrow keys move the cursor: (left/right, up/down).
    STEPS = (1, 1)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cursor_index: int | None = None
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    # -- what subclasses give -----------------------------------------------------------

    def item_count(self) -> int:
        raise NotImplementedError

    def item_text(self, index: int) -> str:
        raise NotImplementedError

    def logical_rect(self, index: int) -> QRectF:
        """Where item ``index`` is in the chart laid out left to right."""
        raise NotImplementedError

    def default_cursor(self) -> int:
        """Where the cursor starts: the newest item."""
        return self.item_count() - 1

    # -- left to right, or right to left -----------------------------------------------

    def item_rect(self, index: int) -> QRectF:
        """Where item ``index`` is on the screen (mirrored in a right-to-left layout)."""
        return self.on_screen(self.logical_rect(index))

    def on_screen(self, rect: QRectF) -> QRectF:
        """``rect``, laid out left to right, where the layout's direction shows it."""
        if not self.isRightToLeft():
            return QRectF(rect)
        return QRectF(self.width() - rect.right(), rect.top(), rect.width(), rect.height())

    def logical_x(self, x: float) -> float:
        """A point's x on the screen, as the chart laid out left to right has it."""
        return self.width() - x if self.isRightToLeft() else x

    def begin_painting(self) -> QPainter:
        """A painter on the chart that takes left-to-right coordinates (mirrored in a
        right-to-left layout)."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.isRightToLeft():
            painter.translate(self.width(), 0)
            painter.scale(-1, 1)
        return painter

    def draw_text(
        self, painter: QPainter, rect: QRectF, alignment: Qt.AlignmentFlag, text: str
    ) -> None:
        """``text`` in ``rect`` (left-to-right coordinates): in a right-to-left layout the
        box and its alignment are mirrored, never the letters."""
        if not self.isRightToLeft():
            painter.drawText(rect, alignment, text)
            return
        painter.save()
        painter.resetTransform()
        painter.drawText(self.on_screen(rect), mirrored(alignment), text)
        painter.restore()

    # -- the cursor ---------------------------------------------------------------------

    def item_at(self, point: QPoint) -> int | None:
        for index in range(self.item_count()):
            if self.item_rect(index).adjusted(-1, -1, 1, 1).contains(point.toPointF()):
                return index
        return None

    def set_cursor(self, index: int | None) -> None:
        count = self.item_count()
        if index is not None:
            index = max(0, min(count - 1, index)) if count else None
        self.cursor_index = index
        text = self.item_text(index) if index is not None else ""
        self.setAccessibleDescription(text)
        self.update()
        if text:
            self.cursor_moved.emit(text)

    def cursor_text(self) -> str:
        return "" if self.cursor_index is None else self.item_text(self.cursor_index)

    def data_changed(self) -> None:
        """Call after new data: keeps the cursor in range and says its (new) sentence."""
        if self.cursor_index is not None:
            self.set_cursor(min(self.cursor_index, self.item_count() - 1))
        self.updateGeometry()
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        across, down = self.STEPS
        if self.isRightToLeft():
            across = -across  # left is later: time runs right to left
        moves = {
            Qt.Key.Key_Left: -across,
            Qt.Key.Key_Right: across,
            Qt.Key.Key_Up: -down,
            Qt.Key.Key_Down: down,
        }
        key = event.key()
        if not self.item_count() or key not in (*moves, Qt.Key.Key_Home, Qt.Key.Key_End):
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Home:
            self.set_cursor(0)
        elif key == Qt.Key.Key_End:
            self.set_cursor(self.default_cursor())
        else:
            start = self.cursor_index if self.cursor_index is not None else self.default_cursor()
            self.set_cursor(start + moves[Qt.Key(key)])
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        if self.cursor_index is None and self.item_count():
            self.set_cursor(self.default_cursor())
        else:
            self.set_cursor(self.cursor_index)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self.update()
        self.cursor_moved.emit("")  # the page shows its summary again
        super().focusOutEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.item_at(event.pos())
            if index is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.item_text(index), self)
            return True
        return super().event(event)

    # -- painting helpers -------------------------------------------------------------------

    def paint_cursor(self, painter: QPainter, radius: float = 3.0) -> None:
        """A ring round the cursor's item while the chart has the keyboard focus."""
        if self.cursor_index is None or not self.hasFocus():
            return
        colours = theme.current()
        pen = QPen(QColor(colours.text), 2.0)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(
            self.logical_rect(self.cursor_index).adjusted(-2.5, -2.5, 2.5, 2.5), radius, radius
        )
