"""Render the app icon's PNGs (and the Windows .ico and macOS .icns) from its SVG sources.

The renderer is Qt's own (QtSvg), which the app already depends on, so no other
tool is needed and a given Qt version always draws the same pixels. Sizes up to
24 px come from ``stretchtimer-small.svg``, a version drawn on a 16 px grid with
bolder lines; larger ones from ``stretchtimer.svg``.

    python assets/icons/make_icons.py                    # rewrite the icon files
    python assets/icons/make_icons.py --check            # exit 1 if one is out of date
    python assets/icons/make_icons.py --preview OUT.png  # small sizes on dark and light panels
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
NAME = "stretchtimer"
LARGE_SOURCE = HERE / f"{NAME}.svg"
SMALL_SOURCE = HERE / f"{NAME}-small.svg"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
SMALL_UP_TO = 24
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# icns element types that hold a PNG of the given pixel size (Apple's icns format).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),  # 16 pt at 2x
    (b"icp6", 64),
    (b"ic12", 64),  # 32 pt at 2x
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),  # 128 pt at 2x
    (b"ic09", 512),
    (b"ic14", 512),  # 256 pt at 2x
)
PREVIEW_SIZES = (16, 22, 24, 32, 48)
PREVIEW_PANELS = ("#1e1e1e", "#353535", "#2b5797", "#f6f5f4", "#ffffff")
PREVIEW_ZOOM = 4


def png_path(size: int) -> Path:
    return HERE / f"{NAME}-{size}.png"


def source_for(size: int) -> Path:
    return SMALL_SOURCE if size <= SMALL_UP_TO else LARGE_SOURCE


def render(size: int) -> QImage:
    """The icon at ``size`` px on a transparent background."""
    renderer = QSvgRenderer(str(source_for(size)))
    if not renderer.isValid():
        raise SystemExit(f"{source_for(size)} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows icon file holding one PNG per size (supported since Windows Vista)."""
    header = struct.pack("<HHH", 0, 1, len(ICO_SIZES))
    offset = len(header) + 16 * len(ICO_SIZES)
    entries, images = b"", b""
    for size in ICO_SIZES:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an icon directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS icon file holding PNG elements."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def wanted_files() -> dict[Path, bytes]:
    """Every generated file and the bytes it should hold."""
    images = {size: render(size) for size in sorted({*SIZES, *ICO_SIZES})}
    pngs = {size: png_bytes(image) for size, image in images.items()}
    files = {png_path(size): pngs[size] for size in SIZES}
    files[HERE / f"{NAME}.ico"] = ico_bytes(pngs)
    files[HERE / f"{NAME}.icns"] = icns_bytes(pngs)
    return files


def same_pixels(path: Path, size: int) -> bool:
    """PNG bytes may differ with the zlib version; the pixels must not."""
    stored = QImage(str(path))
    if stored.isNull():
        return False
    return stored.convertToFormat(QImage.Format.Format_ARGB32) == render(size)


def check() -> list[str]:
    """Files that are missing or no longer match their SVG source."""
    stale = []
    for size in SIZES:
        if not same_pixels(png_path(size), size):
            stale.append(png_path(size).name)
    for path, data in wanted_files().items():
        if path.suffix in {".ico", ".icns"} and (not path.exists() or path.read_bytes() != data):
            stale.append(path.name)
    return stale


def preview(out: Path) -> None:
    """A sheet of the small sizes on dark and light panels, each pixel enlarged."""
    cell = max(PREVIEW_SIZES) + 8
    sheet = QImage(
        len(PREVIEW_SIZES) * cell * PREVIEW_ZOOM,
        len(PREVIEW_PANELS) * cell * PREVIEW_ZOOM,
        QImage.Format.Format_ARGB32,
    )
    painter = QPainter(sheet)
    for row, panel in enumerate(PREVIEW_PANELS):
        for column, size in enumerate(PREVIEW_SIZES):
            tile = QImage(cell, cell, QImage.Format.Format_ARGB32)
            tile.fill(QColor(panel))
            tile_painter = QPainter(tile)
            tile_painter.drawImage((cell - size) // 2, (cell - size) // 2, render(size))
            tile_painter.end()
            zoomed = tile.scaled(
                cell * PREVIEW_ZOOM,
                cell * PREVIEW_ZOOM,
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
            painter.drawImage(column * cell * PREVIEW_ZOOM, row * cell * PREVIEW_ZOOM, zoomed)
    painter.end()
    if not sheet.save(str(out)):
        raise SystemExit(f"could not write {out}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is out of date")
    parser.add_argument("--preview", type=Path, metavar="OUT.png", help="write a preview sheet")
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    if args.preview:
        preview(args.preview)
        print(f"wrote {args.preview}")
        return 0
    if args.check:
        stale = check()
        if stale:
            print(
                f"out of date: {', '.join(stale)}; run python assets/icons/make_icons.py",
                file=sys.stderr,
            )
            return 1
        print("icons are up to date")
        return 0
    for path, data in wanted_files().items():
        path.write_bytes(data)
        print(f"wrote {path.relative_to(HERE.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
