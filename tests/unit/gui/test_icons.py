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


def test_a_filled_rectangle_has_fill_rects_pixels(qapp: QApplication) -> None:
    # The History icon's bars (and the player's pause and skip) are filled without
    # fillRect's overloads; a path fill would differ at the antialiased edges.
    assert _painted("ours") == _painted("fillRect")


def test_an_icon_greyed_out_in_its_own_colour_is_painted_once(qapp: QApplication) -> None:
    painted: list[str] = []

    def history(p: QPainter, s: float) -> None:
        painted.append(p.pen().color().name())
        icons.history(p, s)

    icon = icons.make_icon(history, "#5a6b7c")
    assert painted == ["#5a6b7c"]  # the nav bar's icons: one picture for both modes
    normal = icon.pixmap(24, 24, QIcon.Mode.Normal).toImage()
    assert icon.pixmap(24, 24, QIcon.Mode.Disabled).toImage() == normal
    greyed = icons.make_icon(history, "#5a6b7c", "#aaaaaa")
    assert painted == ["#5a6b7c", "#5a6b7c", "#aaaaaa"]
    assert greyed.pixmap(24, 24, QIcon.Mode.Disabled).toImage() != normal
    assert greyed.pixmap(24, 24, QIcon.Mode.Normal).toImage() == normal
