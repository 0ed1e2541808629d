"""The line icons: the same pictures however they are painted (issue 21's cuts)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter
from PySide6.QtWidgets import QApplication

from stretchtimer.gui import icons


def _painted(fill: str) -> QImage:
    image = QImage(72, 72, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor("#5a6b7c")
    for rect in (
        QRectF(3.3, 4.7, 10.8, 40.3),  # edges between pixels: antialiased
        QRectF(20.0, 10.0, 8.0, 8.0),
        QRectF(30.55, 20.25, 12.96, 44.64),
    ):
        if fill == "ours":
            icons._fill_rect(painter, rect, colour)
        else:
            painter.fillRect(rect, colour)
    painter.end()
    return image


def channels(image: QImage, x: int, y: int) -> list[int]:
    pixel = image.pixel(x, y)
    return [(pixel >> shift) & 0xFF for shift in (0, 8, 16, 24)]


def test_a_filled_rectangle_has_fill_rects_pixels(qapp: QApplication) -> None:
    # The History icon's bars (and the player's pause and skip) are filled without
    # fillRect's overloads, which name Qt's namespace (see plain_paint): as a path, the
    # same pixels inside and outside, and at the antialiased edges within 3 of 255 levels.
    ours, theirs = _painted("ours"), _painted("fillRect")
    edges = 0
    for x in range(72):
        for y in range(72):
            mine, reference = channels(ours, x, y), channels(theirs, x, y)
            if reference[3] in (0, 255):
                assert mine == reference, (x, y)
            else:
                edges += 1
                assert max(abs(a - b) for a, b in zip(mine, reference, strict=True)) <= 3
    assert edges > 100  # the rectangles' edges between pixels were compared


def test_an_icon_greyed_out_in_its_own_colour_is_painted_once(qapp: QApplication) -> None:
    painted: list[str] = []

    def history(p: QPainter, s: float) -> None:
        painted.append(p.device())
        icons.history(p, s)

    icon = icons.make_icon(history, "#5a6b7c")
    assert len(painted) == 1  # the nav bar's icons: one picture for both modes
    normal = icon.pixmap(24, 24, QIcon.Mode.Normal).toImage()
    assert icon.pixmap(24, 24, QIcon.Mode.Disabled).toImage() == normal
    greyed = icons.make_icon(history, "#5a6b7c", "#aaaaaa")
    assert len(painted) == 3
    assert greyed.pixmap(24, 24, QIcon.Mode.Disabled).toImage() != normal
    assert greyed.pixmap(24, 24, QIcon.Mode.Normal).toImage() == normal
    assert opaque_colours(normal) == {"#5a6b7c"}
    assert opaque_colours(greyed.pixmap(24, 24, QIcon.Mode.Disabled).toImage()) == {"#aaaaaa"}


def opaque_colours(image: QImage) -> set[str]:
    return {
        QColor.fromRgba(image.pixel(x, y)).name()
        for x in range(image.width())
        for y in range(image.height())
        if QColor.fromRgba(image.pixel(x, y)).alpha() == 255
    }


def test_every_icon_is_drawn_in_its_colour_alone(qapp: QApplication) -> None:
    # Drawn in black, then given its colour (see icons._picture): no black left, no
    # other colour, and the edges as clear as they were.
    for draw in (icons.routines, icons.session, icons.history, icons.settings, icons.play):
        picture = icons._picture(draw, "#2a7a68").toImage()
        assert opaque_colours(picture) == {"#2a7a68"}
        assert QColor.fromRgba(picture.pixel(0, 0)).alpha() == 0
