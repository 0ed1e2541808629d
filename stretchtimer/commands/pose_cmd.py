"""``stretchtimer pose``: list the pose library and draw a pose to an SVG or PNG file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from stretchtimer.core.i18n import _
from stretchtimer.core.poses import Moment, UnknownPoseError, frame_names, pose_names, posed
from stretchtimer.core.poses.camera import View
from stretchtimer.core.poses.palette import DARK, LIGHT

SIZE = 512


def register(commands: Any) -> None:
    parser = commands.add_parser("pose", help=_("list the pose figures and draw one to a file"))
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, title=_("actions")
    )

    listing = actions.add_parser("list", help=_("list the poses a routine step can name"))
    listing.add_argument("--json", action="store_true", help=_("print a JSON list"))
    listing.set_defaults(run=run_list)

    render = actions.add_parser("render", help=_("draw a pose to an SVG or PNG file"))
    render.add_argument("name", metavar="NAME", help=_("a pose name (or NAME:FRAME)"))
    render.add_argument("--side", choices=("left", "right"), help=_("the side, for sided poses"))
    render.add_argument(
        "--view", choices=[view.value for view in View], help=_("where to look from")
    )
    render.add_argument(
        "--frame",
        metavar="FRAME",
        help=_("for a movement: a keyframe name, or a number from 0 (first) to 1 (second)"),
    )
    render.add_argument(
        "--theme", choices=("light", "dark"), default="light", help=_("light or dark colours")
    )
    render.add_argument(
        "--size",
        type=int,
        default=SIZE,
        metavar="PIXELS",
        help=_("longer side (default {size})").format(size=SIZE),
    )
    render.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help=_("pixel ratio of a PNG (2 for high-DPI screens)"),
    )
    render.add_argument(
        "--to", type=Path, required=True, metavar="FILE", help=_("FILE.svg or FILE.png")
    )
    render.set_defaults(run=run_render)


def run_list(args: argparse.Namespace) -> int:
    rows: list[dict[str, Any]] = []
    for name in pose_names():
        pose = posed(name).pose
        rows.append(
            {
                "name": name,
                "title": pose.title,
                "sided": pose.sided,
                "frames": list(pose.frames) if pose.movement else [],
                "view": pose.view.value,
            }
        )
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    width = max(len(row["name"]) for row in rows)
    for row in rows:
        notes = []
        if row["sided"]:
            notes.append(_("left/right"))
        if row["frames"]:
            notes.append(_("moves {frames}").format(frames=" ↔ ".join(row["frames"])))
        extra = f"  ({', '.join(notes)})" if notes else ""
        print(f"{row['name']:<{width}}  {row['title']}{extra}")
    print("\n" + _("Keyframes on their own: {names}").format(names=", ".join(frame_names())))
    return 0


def _problem(sentence: str) -> int:
    print(f"stretchtimer: {sentence}", file=sys.stderr)
    return 1


def run_render(args: argparse.Namespace) -> int:
    target: Path = args.to
    kind = target.suffix.lower()
    if kind not in (".svg", ".png"):
        return _problem(
            _("{file} should end in .svg or .png (the kind of picture to write).").format(
                file=target
            )
        )
    if not 16 <= args.size <= 4096:
        return _problem(_("--size should be between 16 and 4096 pixels."))
    if not 0.5 <= args.scale <= 4:
        return _problem(_("--scale should be between 0.5 and 4."))
    if not target.parent.is_dir():
        return _problem(_("the folder {folder} does not exist.").format(folder=target.parent))
    name, moment = args.name, Moment()
    if args.frame is not None:
        try:
            moment = Moment(blend=min(max(float(args.frame), 0.0), 1.0))
        except ValueError:
            name = f"{args.name.partition(':')[0]}:{args.frame}"
    try:
        figure = posed(name, args.side)
    except UnknownPoseError as error:
        return _problem(str(error)[0].lower() + str(error)[1:])
    view = View(args.view) if args.view else None
    drawing = figure.drawing(moment, view)
    frame = figure.steady_bounds(view)
    palette = DARK if args.theme == "dark" else LIGHT
    if kind == ".svg":
        from stretchtimer.core.poses.svg import svg_text

        data = svg_text(
            drawing,
            palette=palette,
            size=args.size,
            frame=frame,
            title=figure.description(),
            background=True,
        ).encode("utf-8")
    else:
        data = _png(drawing, palette, frame, args.size, args.scale)
    from stretchtimer.storage.atomic import write_atomically

    try:
        write_atomically(target, data)
    except OSError as error:
        return _problem(
            _("could not write {file} ({reason}).").format(file=target, reason=error.strerror)
        )
    print(target)
    return 0


def _png(drawing: Any, palette: Any, frame: Any, size: int, scale: float) -> bytes:
    """A PNG through Qt's painter, without a window (the offscreen platform)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication

    from stretchtimer.gui.widgets.pose_painter import fit_size, render_image

    _app = QGuiApplication.instance() or QGuiApplication(["stretchtimer"])
    width, height = fit_size(frame, size)
    image = render_image(drawing, palette, width=width, height=height, scale=scale, frame=frame)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes, Qt a str
    buffer.close()
    return bytes(data.data())
