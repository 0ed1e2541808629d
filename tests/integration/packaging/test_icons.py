"""The app icon: generated files match their SVG, every size exists, small sizes read
on dark and light panels."""

from __future__ import annotations

import struct
import subprocess
import sys

import pytest
from PySide6.QtGui import QColor, QImage

from stretchtimer.storage.resources import ICON_SIZES, app_icon_png, app_icon_svg, icons_dir
from tests.conftest import REPO

MAKE_ICONS = REPO / "assets" / "icons" / "make_icons.py"
DARK_PANELS = ("#1e1e1e", "#353535")
LIGHT_PANELS = ("#ffffff", "#f6f5f4")
PANEL_SIZES = (16, 22, 24, 32)
NON_TEXT_CONTRAST = 3.0  # WCAG 2.1, 1.4.11: graphics that carry meaning


def test_generated_icon_files_match_their_svg_sources() -> None:
    result = subprocess.run(
        [sys.executable, str(MAKE_ICONS), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_rendering_is_deterministic(tmp_path) -> None:
    """Two renders give the same bytes, so regenerating never makes a spurious diff."""
    sheets = []
    for number in range(2):
        out = tmp_path / f"preview-{number}.png"
        subprocess.run([sys.executable, str(MAKE_ICONS), "--preview", str(out)], check=True)
        sheets.append(out.read_bytes())
    assert sheets[0] == sheets[1]


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_png_has_its_size_and_a_transparent_corner(size: int) -> None:
    image = QImage(str(app_icon_png(size)))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    assert QColor.fromRgba(image.pixel(0, size - 1)).alpha() == 0  # round, not a square tile


def test_the_svg_is_the_scalable_icon() -> None:
    text = app_icon_svg().read_text(encoding="utf-8")
    assert 'viewBox="0 0 256 256"' in text
    assert "<title>Stretch Timer</title>" in text


def png_sizes_in_ico(data: bytes) -> list[int]:
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, _, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        image = QImage.fromData(data[offset : offset + length], "PNG")
        assert image.width() == (width or 256)
        sizes.append(image.width())
    return sizes


def test_windows_ico_holds_every_size_a_shell_asks_for() -> None:
    data = (icons_dir() / "stretchtimer.ico").read_bytes()
    assert png_sizes_in_ico(data) == [16, 24, 32, 48, 64, 128, 256]


def test_macos_icns_holds_retina_sizes() -> None:
    data = (icons_dir() / "stretchtimer.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack_from(">I", data, 4)[0] == len(data)
    found = {}
    offset = 8
    while offset < len(data):
        kind, length = data[offset : offset + 4], struct.unpack_from(">I", data, offset + 4)[0]
        found[kind] = QImage.fromData(data[offset + 8 : offset + length], "PNG").width()
        offset += length
    assert found == {
        b"icp4": 16,
        b"icp5": 32,
        b"ic11": 32,
        b"icp6": 64,
        b"ic12": 64,
        b"ic07": 128,
        b"ic08": 256,
        b"ic13": 256,
        b"ic09": 512,
        b"ic14": 512,
    }


def luminance(color: QColor) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(color.redF())
        + 0.7152 * linear(color.greenF())
        + 0.0722 * linear(color.blueF())
    )


def contrast(first: float, second: float) -> float:
    return (max(first, second) + 0.05) / (min(first, second) + 0.05)


def on_panel(size: int, panel: str) -> list[QColor]:
    """The icon's covered pixels as they look composited on a panel colour."""
    image = QImage(str(app_icon_png(size)))
    background = QColor(panel)
    pixels = []
    for y in range(size):
        for x in range(size):
            color = QColor.fromRgba(image.pixel(x, y))
            alpha = color.alphaF()
            if alpha < 0.5:
                continue
            pixels.append(
                QColor.fromRgbF(
                    color.redF() * alpha + background.redF() * (1 - alpha),
                    color.greenF() * alpha + background.greenF() * (1 - alpha),
                    color.blueF() * alpha + background.blueF() * (1 - alpha),
                )
            )
    return pixels


@pytest.mark.parametrize("panel", DARK_PANELS + LIGHT_PANELS)
@pytest.mark.parametrize("size", PANEL_SIZES)
def test_the_icon_stands_out_on_dark_and_light_panels(size: int, panel: str) -> None:
    """A large part of the icon differs from the panel by the contrast that graphics
    need; an icon as dark as a dark panel or as light as a light one fails."""
    panel_luminance = luminance(QColor(panel))
    pixels = on_panel(size, panel)
    standing_out = [
        pixel
        for pixel in pixels
        if contrast(luminance(pixel), panel_luminance) >= NON_TEXT_CONTRAST
    ]
    assert len(standing_out) >= 0.4 * len(pixels)


@pytest.mark.parametrize("size", (16, 22, 24))
def test_the_figure_reads_against_the_face_at_tray_sizes(size: int) -> None:
    """The person in the stopwatch is drawn in light pixels that contrast with the face."""
    pixels = [luminance(pixel) for pixel in on_panel(size, "#808080")]
    figure = sorted(value for value in pixels if value > 0.7)
    face = sorted(value for value in pixels if 0.1 < value <= 0.7)
    assert len(figure) >= size  # head, arch and legs: more than a stray highlight
    assert contrast(figure[len(figure) // 2], face[len(face) // 2]) >= NON_TEXT_CONTRAST
