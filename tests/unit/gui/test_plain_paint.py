"""Painting without Qt's namespace gives the pixels the usual calls give: words as
drawText places them, outlines as a pen draws them, brushes of the colour asked for."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QApplication

from stretchtimer.gui import plain_paint
from stretchtimer.gui.qt_values import (
    ALIGN_BOTTOM,
    ALIGN_CENTER,
    ALIGN_LEFT,
    ALIGN_RIGHT,
    ALIGN_TOP,
    ALIGN_VCENTER,
)

COLOUR = "#2a7a68"


def painted(paint: Callable[[QPainter], None], *, right_to_left: bool = False) -> QImage:
    image = QImage(240, 60, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#f4f3ef"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if right_to_left:
        painter.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    paint(painter)
    painter.end()
    return image


def differing(one: QImage, other: QImage) -> int:
    return sum(
        1
        for x in range(one.width())
        for y in range(one.height())
        if one.pixel(x, y) != other.pixel(x, y)
    )


@pytest.mark.parametrize(
    "align",
    [
        ALIGN_LEFT | ALIGN_VCENTER,
        ALIGN_LEFT | ALIGN_BOTTOM,
        ALIGN_LEFT | ALIGN_TOP,
        ALIGN_RIGHT | ALIGN_TOP,
        ALIGN_CENTER,
    ],
)
@pytest.mark.parametrize("right_to_left", [False, True], ids=["ltr", "rtl"])
@pytest.mark.parametrize("text", ["Desk hips", "5:55 · 4 steps · Built-in"])
def test_words_are_placed_and_coloured_as_draw_text_does(
    qapp: QApplication, align: int, right_to_left: bool, text: str
) -> None:
    font = QFont()
    font.setPointSizeF(12.5)
    rect = QRectF(10.5, 6, 220, 48)

    def ours(painter: QPainter) -> None:
        plain_paint.words(
            painter, rect, align, text, font=font, colour=COLOUR, mirrored=right_to_left
        )

    def theirs(painter: QPainter) -> None:
        painter.setFont(font)
        painter.setPen(QColor(COLOUR))
        painter.drawText(rect, align, text)

    mine = painted(ours, right_to_left=right_to_left)
    reference = painted(theirs, right_to_left=right_to_left)
    assert differing(mine, painted(lambda _painter: None)) > 50  # words were painted
    assert mine == reference


def outlines(width: int) -> tuple[QImage, QImage]:
    card = QRectF(8, 8, 200, 40)

    def ours(painter: QPainter) -> None:
        plain_paint.outline(painter, card, 12, COLOUR, width)

    def theirs(painter: QPainter) -> None:
        path = QPainterPath()
        path.addRoundedRect(card, 12, 12)
        painter.setPen(QPen(QColor(COLOUR), width))
        painter.drawPath(path)

    return painted(ours), painted(theirs)


def ink(image: QImage) -> int:
    """How much the picture differs from the bare background, summed."""
    paper = QColor("#f4f3ef")
    return sum(
        abs(QColor(image.pixel(x, y)).red() - paper.red())
        for x in range(image.width())
        for y in range(image.height())
    )


def test_an_outline_is_the_band_a_pen_of_its_width_draws(qapp: QApplication) -> None:
    mine, reference = outlines(2)
    assert differing(mine, painted(lambda _painter: None)) > 400  # drawn all round
    assert mine == reference


def test_a_one_pixel_outline_differs_from_the_pens_only_where_qt_draws_thin_lines_its_way(
    qapp: QApplication,
) -> None:
    # Qt strokes a pen of a pixel or less with a stroker of its own: along the sides the
    # same pixels, in the rounded corners the same line give or take a level of shading.
    mine, reference = outlines(1)
    for x in range(30, 190):
        assert mine.pixel(x, 8) == reference.pixel(x, 8)
        assert mine.pixel(x, 48) == reference.pixel(x, 48)
    for y in range(25, 33):
        assert mine.pixel(8, y) == reference.pixel(8, y)
    assert abs(ink(mine) - ink(reference)) <= ink(reference) * 0.03


def test_a_brush_is_solid_in_its_colour(qapp: QApplication) -> None:
    brush = plain_paint.brush(COLOUR)
    assert brush.style() == Qt.BrushStyle.SolidPattern
    assert brush.color().name() == COLOUR
    assert plain_paint.brush(COLOUR) is brush  # made once
