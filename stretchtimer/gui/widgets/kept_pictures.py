"""Pose pictures kept between runs, in the cache folder.

The routine cards and the routine's strip of figures read their pictures from here on
later starts, so a start that shows the same routines in the same theme neither imports
the pose library (its poses, kinematics and painter: some 1.6 MiB held for the whole
run) nor paints a figure. A picture that is not kept is painted as always, and kept.

Each picture is a PNG file named by a digest (BLAKE2b) of everything it is made from:
the pose and side, the size and pixel ratio, the three colours, the language (the file
carries what the figure shows, in words, for screen readers), the app's version and the
size and modification time of every file of the pose library and its painter, and of
the translations. Anything else (missing, unreadable, damaged, another size) means "not
kept". At most :data:`KEPT` files stay; the oldest go first. Owner-only, as the rest of
the cache folder.
"""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path
from typing import NamedTuple

from PySide6.QtGui import QImage, QPixmap

from stretchtimer import __version__
from stretchtimer.core import i18n
from stretchtimer.storage.atomic import write_atomically
from stretchtimer.storage.code_stamp import stamp_files
from stretchtimer.storage.routines.builtin_cache import hasher

log = logging.getLogger(__name__)

FOLDER_NAME = "pose-pictures"  # in the cache folder
CACHE_FORMAT = 1  # raise when what a file holds changes
KEPT = 400  # pictures kept at most (a few themes, sizes and languages of the library)
LIMIT = 2 * 1024 * 1024  # a kept picture larger than this is not ours
WHAT = "what"  # the PNG text that says what the figure shows
# What a picture is drawn by: a change to any of these files makes new names.
_DRAWN_BY = (
    "core/poses/*.py",
    "core/poses/*.toml",
    "core/i18n.py",
    "gui/widgets/pose_painter.py",
    "locale/*/LC_MESSAGES/core.mo",
)

Colours = tuple[str, str, str]  # ink, paper, accent


class PictureKey(NamedTuple):
    name: str
    side: str | None
    size: int  # logical pixels a side
    ratio: float  # device pixels a logical one
    colours: Colours


class Picture(NamedTuple):
    pixmap: QPixmap
    what: str  # what the figure shows, in the language in use


def file_name(key: PictureKey) -> str:
    digest = hasher()
    digest.update(_stamp().encode())
    digest.update(json.dumps([i18n.app_language().tag, *key]).encode())
    return f"{digest.hexdigest()}.png"


@functools.cache
def _stamp() -> str:
    """The version and the files the pictures are drawn by (read once a run)."""
    digest = hasher()
    digest.update(json.dumps([CACHE_FORMAT, __version__]).encode())
    stamp_files(digest, _DRAWN_BY)
    return str(digest.hexdigest())


def read(folder: Path, key: PictureKey) -> Picture | None:
    """The picture kept in ``folder`` for ``key``; None when there is none that fits."""
    path = folder / file_name(key)
    try:
        if path.stat().st_size > LIMIT:
            return None
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        log.info("ignoring the kept pose picture %s: %s", path, error)
        return None
    image = QImage()
    side = round(key.size * key.ratio)
    if not image.loadFromData(data, "PNG") or image.width() != side or image.height() != side:
        log.info("ignoring the kept pose picture %s: not a picture of this size", path)
        return None
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(key.ratio)
    return Picture(pixmap, image.text(WHAT))


def encoded(picture: Picture) -> bytes | None:
    """``picture`` as the bytes of a PNG file that carries what it shows. On the GUI
    thread: PySide making its classes on two threads at once can crash it."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    image = picture.pixmap.toImage()
    image.setText(WHAT, picture.what)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # (the stub says bytes)
        return None
    return bytes(data.data())


def keep(folder: Path, key: PictureKey, data: bytes) -> None:
    """Write a picture ``encoded`` to ``data`` to ``folder`` for ``key``, and let the
    oldest pictures go beyond :data:`KEPT`. Any thread (only Python and the file
    system); a folder that cannot be written to is only logged (the picture is painted
    again next time)."""
    try:
        write_atomically(folder / file_name(key), data)
        _prune(folder)
    except OSError as error:
        log.info("could not keep a pose picture in %s: %s", folder, error)


def _prune(folder: Path) -> None:
    pictures = sorted(folder.glob("*.png"), key=lambda path: path.stat().st_mtime_ns)
    for path in pictures[:-KEPT]:
        path.unlink(missing_ok=True)
