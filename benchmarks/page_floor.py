"""What the Routines page's widgets cost by themselves: a floor for issue 21's start-up
and memory targets.

    python -m benchmarks.page_floor [--starts N]

A plain PySide6 script (no stretchtimer module) builds the shape of the app's window as a
person first sees it: the side bar with four icon buttons, the page's title and three
buttons, the search and tag filter, a list view of the five built-in routines drawn as
cards by an item delegate (title, length, tag pills, a small figure drawn with painter
paths over a soft radial shadow), the detail pane (title, a strip of four figures,
description, four steps, buttons), all under the app's own style sheet. Like the app, it
shows its window empty first and fills it in after the first paint. It runs beside the
bare window and the app, alternated, timed and measured as ``bench_gui_startup`` does
(launch to first paint, to the page painted, resident memory 5 s after start, by kind).

What it tells: how much of the app's distance from the bare window any page of these
widgets pays on this machine with this PySide6 and Python (the ``Qt`` namespace's enum
classes, Qt's code for item views, text and style sheets), and how much is the app's
own: its Python modules and objects, its data, its threads. Not part of ``run.py``: it
has no target of its own (some 2 minutes).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.bench_gui_startup import (
    BARE_WINDOW,
    MemoryKinds,
    Start,
    measure,
    quick_start,
)
from benchmarks.xvfb import display_env, xvfb

# The replica: reads the style sheet and the routines' texts from the file named by
# $FLOOR_PAGE (written by the benchmark from the app's theme and built-in routines).
PAGE = r"""
import json, os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

READY = os.environ["STRETCHTIMER_READY_FILE"]
with open(os.environ["FLOOR_PAGE"], encoding="utf-8") as handle:
    DATA = json.load(handle)


def note(mode):
    with open(READY, mode) as handle:
        handle.write(f"{time.monotonic()}\n")


class FirstPaint(QObject):
    def __init__(self, widget, callback):
        super().__init__(widget)
        self.callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and self.callback is not None:
            callback, self.callback = self.callback, None
            watched.removeEventFilter(self)
            callback()
        return False


app = QApplication([*sys.argv, "-style", "Fusion"])
app.setStyleSheet(DATA["style"])
window = QMainWindow()
window.resize(1120, 720)


def fill():
    from PySide6.QtCore import QAbstractListModel, QModelIndex, QPointF, QRectF, QSize, Qt
    from PySide6.QtCore import QSortFilterProxyModel
    from PySide6.QtGui import (
        QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap, QRadialGradient,
    )
    from PySide6.QtWidgets import (
        QComboBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QListView, QMenu, QPushButton,
        QScrollArea, QStackedWidget, QStyledItemDelegate, QVBoxLayout, QWidget,
    )

    routines = DATA["routines"]
    ink, accent = QColor("#2b2b2b"), QColor("#2e7d5b")

    def figure(painter, box, lean):
        shadow = QRadialGradient(QPointF(box.center().x(), box.bottom() - 4), box.width() / 2)
        shadow.setColorAt(0.0, QColor(0, 0, 0, 60))
        shadow.setColorAt(1.0, QColor(0, 0, 0, 0))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(shadow)
        painter.drawEllipse(QRectF(box.left(), box.bottom() - 10, box.width(), 12))
        path = QPainterPath()
        x, top, h = box.center().x(), box.top() + 6, box.height() - 12
        path.moveTo(x, top + h * 0.25)
        path.lineTo(x + lean, top + h * 0.6)
        path.lineTo(x - h * 0.2, top + h)
        path.moveTo(x + lean, top + h * 0.6)
        path.lineTo(x + h * 0.2, top + h)
        path.moveTo(x, top + h * 0.3)
        path.lineTo(x + h * 0.25, top + h * 0.45)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        width = max(2.0, h / 12)
        painter.setPen(QPen(ink, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawPath(path)
        painter.setPen(QPen(accent, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(x + lean, top + h * 0.6), QPointF(x + h * 0.2, top + h))
        painter.setBrush(ink)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QPointF(x, top + h * 0.12), h * 0.1, h * 0.1)

    class Model(QAbstractListModel):
        def rowCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else len(routines)

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return routines[index.row()]["title"]
            if role == Qt.ItemDataRole.UserRole:
                return routines[index.row()]
            return None

    class Cards(QStyledItemDelegate):
        def sizeHint(self, option, index):
            return QSize(option.rect.width(), 88)

        def paint(self, painter, option, index):
            row = index.data(Qt.ItemDataRole.UserRole)
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            card = QRectF(option.rect.adjusted(2, 4, -2, -4))
            painter.setPen(QPen(accent if index.row() == 0 else QColor("#d8d4cc"), 1.5))
            painter.setBrush(QColor("#eeece6") if index.row() == 0 else QColor("#ffffff"))
            painter.drawRoundedRect(card, 8, 8)
            title = QFont(option.font)
            title.setPointSizeF(title.pointSizeF() * 1.3)
            title.setBold(True)
            painter.setFont(title)
            painter.setPen(ink)
            name = card.adjusted(18, 8, -90, -40)
            painter.drawText(name, Qt.AlignmentFlag.AlignLeft, row["title"])
            painter.setFont(option.font)
            painter.setPen(QColor("#555555"))
            meta = card.adjusted(18, 44, -90, -8)
            painter.drawText(meta, Qt.AlignmentFlag.AlignLeft, row["meta"])
            x = meta.left() + painter.fontMetrics().horizontalAdvance(row["meta"]) + 14
            for tag in row["tags"][:3]:
                width = painter.fontMetrics().horizontalAdvance(tag) + 16
                pill = QRectF(x, meta.top(), width, 20)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor("#e6e3dc"))
                painter.drawRoundedRect(pill, 10, 10)
                painter.setPen(QColor("#444444"))
                painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, tag)
                x += width + 6
            figure(painter, QRectF(card.right() - 76, card.top() + 6, 64, 64), index.row() * 3 - 6)
            painter.restore()

    class Strip(QWidget):
        def sizeHint(self):
            return QSize(320, 72)

        def paintEvent(self, event):
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            for number in range(4):
                figure(painter, QRectF(number * 80, 0, 70, 70), number * 4 - 6)
            painter.end()

    def icon(kind):
        picture = QPixmap(18, 18)
        picture.fill(QColor(0, 0, 0, 0))
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#555555"), 1.6))
        for line in range(3):
            painter.drawLine(QPointF(3 + kind, 4 + 5 * line), QPointF(15, 4 + 5 * line))
        painter.end()
        return QIcon(picture)

    central = QWidget()
    outer = QHBoxLayout(central)
    outer.setContentsMargins(0, 0, 0, 0)
    side = QFrame()
    side.setObjectName("NavBar")
    side.setFixedWidth(176)
    side_layout = QVBoxLayout(side)
    name = QLabel("Stretch Timer")
    name.setObjectName("AppName")
    side_layout.addWidget(name)
    for number, text in enumerate(("Routines", "Session", "History", "Settings")):
        button = QPushButton(icon(number), text)
        button.setCheckable(True)
        button.setChecked(number == 0)
        side_layout.addWidget(button)
    side_layout.addStretch(1)
    outer.addWidget(side)
    pages = QStackedWidget()
    outer.addWidget(pages, 1)

    page = QWidget()
    columns = QHBoxLayout(page)
    columns.setContentsMargins(28, 24, 28, 24)
    columns.setSpacing(24)
    left = QVBoxLayout()
    header = QHBoxLayout()
    title = QLabel("Routines")
    title.setObjectName("PageTitle")
    header.addWidget(title)
    for text in ("Import…", "Folder", "+ New routine"):
        header.addWidget(QPushButton(text))
    left.addLayout(header)
    filters = QHBoxLayout()
    search = QLineEdit()
    search.setPlaceholderText("Search routines and stretches  (Ctrl+F)")
    tags = QComboBox()
    tags.addItems(["All tags", *sorted({tag for row in routines for tag in row["tags"]})])
    filters.addWidget(search, 3)
    filters.addWidget(tags, 1)
    left.addLayout(filters)
    model = Model(page)
    proxy = QSortFilterProxyModel(page)
    proxy.setSourceModel(model)
    view = QListView()
    view.setModel(proxy)
    view.setItemDelegate(Cards(view))
    view.setMouseTracking(True)
    view.setCurrentIndex(proxy.index(0, 0))
    left.addWidget(view, 1)
    columns.addLayout(left, 5)

    chosen = routines[0]
    detail = QFrame()
    detail.setObjectName("DetailCard")
    lines = QVBoxLayout(detail)
    heading = QLabel(chosen["title"])
    heading.setObjectName("DetailTitle")
    lines.addWidget(heading)
    lines.addWidget(QLabel(chosen["meta"]))
    lines.addWidget(Strip())
    about = QLabel(chosen["description"])
    about.setWordWrap(True)
    lines.addWidget(about)
    lines.addWidget(QLabel("Tags: " + ", ".join(chosen["tags"])))
    for number, step in enumerate(chosen["steps"], 1):
        label = QLabel(f"<b>{number}. {step}</b><br>hold 30 s, each side")
        label.setWordWrap(True)
        lines.addWidget(label)
    lines.addWidget(QPushButton("Show the script"), 0, Qt.AlignmentFlag.AlignLeft)
    lines.addStretch(1)
    buttons = QHBoxLayout()
    buttons.addWidget(QPushButton("Edit a copy"))
    more = QPushButton("More")
    menu = QMenu(more)
    menu.addAction("Export…")
    more.setMenu(menu)
    buttons.addWidget(more)
    buttons.addStretch(1)
    start = QPushButton("Start  (Enter)")
    start.setObjectName("PrimaryButton")
    buttons.addWidget(start)
    lines.addLayout(buttons)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(detail)
    columns.addWidget(scroll, 6)
    pages.addWidget(page)
    window.setCentralWidget(central)
    FirstPaint(page, lambda: note("a"))


FirstPaint(window, lambda: (note("w"), QTimer.singleShot(0, fill)))
window.show()
app.exec()
"""


def page_data(path: Path) -> None:
    """The app's light style sheet and its built-in routines' texts, for the replica."""
    from stretchtimer.gui.theme import LIGHT, style_sheet
    from stretchtimer.storage.routines.library import builtin_entries

    routines = []
    for entry in builtin_entries():
        routine = entry.routine
        assert routine is not None
        routines.append(
            {
                "title": routine.title,
                "meta": f"5:55 · {len(routine.steps)} steps · Built-in",
                "tags": list(routine.tags),
                "description": routine.description,
                "steps": [step.name for step in routine.steps],
            }
        )
    path.write_text(json.dumps({"style": style_sheet(LIGHT), "routines": routines}), "utf-8")


def summary(
    name: str, starts: list[Start], times: list[tuple[float, float]], bare: dict[str, Any]
) -> str:
    shown = statistics.median(s for s, _f in times) * 1000
    filled = statistics.median(f for _s, f in times) * 1000
    memory = statistics.median(start.memory for start in starts) / 1024
    kinds = {
        kind: statistics.median(getattr(start.kinds, kind) for start in starts) / 1024
        for kind in MemoryKinds._fields
    }
    line = {
        "program": name,
        "first_paint_ms": round(shown, 1),
        "filled_ms": round(filled, 1),
        "resident_mib": round(memory, 2),
        "anonymous_mib": round(kinds["anonymous"], 2),
        "file_mib": round(kinds["file"], 2),
    }
    if bare:
        line["first_ratio"] = round(shown / bare["first_paint_ms"], 3)
        line["filled_ratio"] = round(filled / bare["first_paint_ms"], 3)
        line["memory_ratio"] = round(memory / bare["resident_mib"], 3)
    return json.dumps(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--starts", type=int, default=5, help="measured starts of each")
    parser.add_argument("--quick", type=int, default=10, help="more starts timed only")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary, xvfb() as display:
        folder = Path(temporary)
        data = folder / "page.json"
        page_data(data)
        environment = display_env(
            display, STRETCHTIMER_HOME=str(folder / "home"), FLOOR_PAGE=str(data)
        )
        programs = {
            "bare window": ([sys.executable, "-c", BARE_WINDOW], 1),
            "page floor": ([sys.executable, "-c", PAGE], 2),
            "app": ([sys.executable, "-m", "stretchtimer"], 2),
        }
        measure(programs["app"][0], environment, folder, lines=2)  # settings and caches
        starts: dict[str, list[Start]] = {name: [] for name in programs}
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in programs}
        for _ in range(arguments.starts):
            for name, (command, lines) in programs.items():
                start = measure(command, environment, folder, lines=lines)
                starts[name].append(start)
                times[name].append((start.shown, start.filled))
        for _ in range(arguments.quick):
            for name, (command, lines) in programs.items():
                times[name].append(quick_start(command, environment, folder, lines=lines))
    bare: dict[str, Any] = {}
    for name in programs:
        line = summary(name, starts[name], times[name], bare)
        print(line)
        if not bare:
            bare = json.loads(line)


if __name__ == "__main__":
    main()
