"""Painting in the theme's colours without Qt's namespace, for what is painted before the
Routines page is on screen: the nav bar's icons and the routine cards.

PySide picks among the overloads of ``QPainter.setPen``, ``setBrush``, ``fillPath`` with
a colour, ``QBrush(colour)`` and ``QBrush.setColor`` by asking whether the argument is
one of Qt's enums, and that builds all 93 enum classes of the ``Qt`` namespace the first
time (some 110M instructions, the largest single cost of the page: see ``qt_values``).
So here brushes come from a palette, outlines are filled strokes of their path, and
words are laid out by QTextLayout with their colour in their format: the same pixels,
none of those calls.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPalette,
    QTextCharFormat,
    QTextLayout,
)

from stretchtimer.gui.qt_values import (
    ALIGN_BOTTOM,
    ALIGN_HCENTER,
    ALIGN_LEFT,
    ALIGN_RIGHT,
    ALIGN_VCENTER,
)

_brushes: dict[str, QBrush] = {}


def brush(colour: str) -> QBrush:
    """A solid brush of ``colour`` (any name QColor reads: "#2a7a68")."""
    made = _brushes.get(colour)
    if made is None:
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Window, QColor(colour))
        made = _brushes[colour] = palette.brush(QPalette.ColorRole.Window)
    return made


def fill(painter: QPainter, path: QPainterPath, colour: str) -> None:
    painter.fillPath(path, brush(colour))


def outline(painter: QPainter, rect: QRectF, radius: float, colour: str, width: float) -> None:
    """The outline of a rectangle with rounded corners, ``width`` thick and centred on
    its edge, as a pen of that width draws it (a pen of one pixel Qt draws with a thin-line
    stroker of its own: the same line, its rounded corners a shade apart)."""
    edge = QPainterPath()
    edge.addRoundedRect(rect, radius, radius)
    stroker = QPainterPathStroker()  # a pen's own outline of a path, without the pen
    stroker.setWidth(width)
    painter.fillPath(stroker.createStroke(edge), brush(colour))


def words(
    painter: QPainter,
    rect: QRectF,
    align: int,
    text: str,
    *,
    font: QFont,
    colour: str,
    mirrored: bool = False,
) -> None:
    """``text`` on one line in ``font`` and ``colour``, placed in ``rect`` as ``align``
    (:mod:`qt_values`' flags) says; ``mirrored``, left and right swap and the line reads
    right to left, as a right-to-left painter's ``drawText`` does."""
    layout = QTextLayout(text, font, painter.device())
    if mirrored:
        # Qt's namespace is built already where the window is right to left (gui.language).
        # Left to right, the direction is the text's own, as drawText gives it there.
        from PySide6.QtCore import Qt

        option = layout.textOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        layout.setTextOption(option)
    written = QTextCharFormat()
    written.setForeground(brush(colour))
    every = QTextLayout.FormatRange()
    every.start, every.length, every.format = 0, len(text), written
    layout.setFormats([every])
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1e6)  # one line, however long: the caller has fitted the text
    layout.endLayout()
    width, height = line.naturalTextWidth(), line.height()
    if mirrored and align & (ALIGN_LEFT | ALIGN_RIGHT):
        align ^= ALIGN_LEFT | ALIGN_RIGHT
    x = rect.left()
    if align & ALIGN_RIGHT:
        x = rect.right() - width
    elif align & ALIGN_HCENTER:
        x = rect.left() + (rect.width() - width) / 2
    y = rect.top()
    if align & ALIGN_BOTTOM:
        y = rect.bottom() - height
    elif align & ALIGN_VCENTER:
        y = rect.top() + (rect.height() - height) / 2
    layout.draw(painter, QPointF(x, y))
