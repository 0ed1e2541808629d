"""The routines as a list model, a filter by text and tag, and a card-like row painter."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHoverEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from stretchtimer.core.formatting import clock_text
from stretchtimer.core.i18n import _, n_
from stretchtimer.core.routine.tags import tag_name
from stretchtimer.gui import theme
from stretchtimer.gui.widgets.numbers import number
from stretchtimer.gui.widgets.pose_thumbnail import (
    library_loaded,
    step_pose,
    thumbnail,
    when_loaded,
)
from stretchtimer.storage.routines.lengths import PLAN_SETTINGS, routine_seconds
from stretchtimer.storage.routines.library import RoutineEntry
from stretchtimer.storage.settings import Settings

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class RoutineRow:
    entry: RoutineEntry
    seconds: float  # planned length, 0 for a broken file

    @property
    def usable(self) -> bool:
        return self.entry.routine is not None

    def meta(self) -> str:
        if not self.usable:
            return _("Cannot be used")
        assert self.entry.routine is not None
        steps = len(self.entry.routine.steps)
        origin = _("Built-in") if self.entry.builtin else _("Your routine")
        count = n_("{count} step", "{count} steps", steps).format(count=number(steps))
        return f"{clock_text(self.seconds)} · {count} · {origin}"

    def pose(self) -> str | None:
        """The pose of the routine's first step that has one: the card's picture."""
        routine = self.entry.routine
        steps = routine.steps if routine is not None else ()
        return next((name for step in steps if (name := step_pose(step))), None)

    def tags(self) -> tuple[str, ...]:
        """The routine's tags as shown (a built-in routine's in the app's language)."""
        return self._tags

    @functools.cached_property
    def _tags(self) -> tuple[str, ...]:
        # Worked out once a row: the list asks for every row's tags at every filter, sort
        # and paint (some 170 times as the page first shows, 12 translations each).
        return tuple(tag_name(tag) for tag in self.entry.routine.tags) if self.entry.routine else ()

    def search_texts(self) -> tuple[str, ...]:
        """What a search looks in, most telling first: the title, the step names and tags,
        the description and every step's words."""
        return self._search_texts

    @functools.cached_property
    def _search_texts(self) -> tuple[str, ...]:
        routine = self.entry.routine
        if routine is None:
            return (self.entry.id.lower(),)
        steps = " ".join(step.name for step in routine.steps)
        return (
            f"{routine.title} {self.entry.id}".lower(),
            f"{steps} {' '.join(routine.tags)} {' '.join(self.tags())}".lower(),
            routine.description.lower(),
        )

    def match_rank(self, words: list[str]) -> int | None:
        """How well ``words`` match: 0 all in the title, 1 in the title, step names and
        tags, 2 anywhere (the description too); None when some word is nowhere."""
        seen = ""
        for rank, text in enumerate(self.search_texts()):
            seen += f" {text}"
            if all(word in seen for word in words):
                return rank
        return None


class RoutineListModel(QAbstractListModel):
    """The routines with their lengths as the person's settings make them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[RoutineRow] = []
        self._settings = Settings()
        self.lengths_folder: Path | None = None  # where lengths are kept between runs

    def set_entries(self, entries: list[RoutineEntry]) -> None:
        self.beginResetModel()
        self.rows = self._rows(entries)
        self.endResetModel()

    def set_settings(self, settings: Settings) -> bool:
        """Use ``settings`` for the lengths; whether a length may have changed."""
        old, self._settings = self._settings, settings
        if _plan_settings(old) == _plan_settings(settings):
            return False
        self.rows = self._rows([row.entry for row in self.rows])
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0))
        return True

    def _rows(self, entries: list[RoutineEntry]) -> list[RoutineRow]:
        seconds = routine_seconds(entries, self._settings, self.lengths_folder)
        return [RoutineRow(entry, length) for entry, length in zip(entries, seconds, strict=True)]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.entry.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = f"{row.entry.title}, {row.meta()}"
            if row.tags():
                # TRANSLATORS: read by screen readers after a routine's name and length.
                text += ", " + _("tags {tags}").format(tags=", ".join(row.tags()))
            return text
        if role == ENTRY_ROLE:
            return row
        return None

    def all_tags(self) -> list[str]:
        return sorted({tag for row in self.rows for tag in row.tags()}, key=str.lower)


class RoutineFilter(QSortFilterProxyModel):
    """Shows the routines that match the typed words and the chosen tag."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._tag = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.lower().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        # Best matches first: title, then step names, then description (sorting again on
        # the same column would be skipped, so the order is reset first).
        self.sort(-1)
        self.sort(0)

    @property
    def searching(self) -> bool:
        """Words are typed: rows are in order of how well they match."""
        return bool(self._words)

    def set_tag(self, tag: str) -> None:
        self.beginFilterChange()
        self._tag = tag
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, RoutineListModel)
        row = model.rows[source_row]
        if self._tag and self._tag not in row.tags():
            return False
        return row.match_rank(self._words) is not None

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, RoutineListModel)
        first, second = model.rows[left.row()], model.rows[right.row()]
        return (first.match_rank(self._words) or 0, left.row()) < (
            second.match_rank(self._words) or 0,
            right.row(),
        )


def _plan_settings(settings: Settings) -> tuple[object, ...]:
    return tuple(getattr(settings, name) for name in PLAN_SETTINGS)


def group_heading(index: Index) -> str:
    """_("Your routines") or _("Built-in routines") above the first row of each group, while
    the list shows both groups in their own order (not sorted by a search)."""
    model = index.model()
    row = index.data(ENTRY_ROLE)
    if not isinstance(row, RoutineRow) or model is None:
        return ""
    if isinstance(model, RoutineFilter) and model.searching:
        return ""
    count = model.rowCount()
    groups = {
        entry.entry.builtin
        for number in range(count)
        if isinstance(entry := model.index(number, 0).data(ENTRY_ROLE), RoutineRow)
    }
    if len(groups) < 2:
        return ""
    before = model.index(index.row() - 1, 0).data(ENTRY_ROLE) if index.row() > 0 else None
    if isinstance(before, RoutineRow) and before.entry.builtin == row.entry.builtin:
        return ""
    return _("Built-in routines") if row.entry.builtin else _("Your routines")


class CardState(NamedTuple):
    selected: bool
    hovered: bool
    focused: bool


def style_state(option: QStyleOptionViewItem) -> CardState:
    """The card's state as the view put it in ``option`` (builds QStyle's class)."""
    from PySide6.QtWidgets import QStyle

    state = option.state
    return CardState(
        selected=bool(state & QStyle.StateFlag.State_Selected),
        hovered=bool(state & QStyle.StateFlag.State_MouseOver),
        focused=bool(state & QStyle.StateFlag.State_HasFocus),
    )


class RoutineCards(QListView):
    """The list of routine cards, which knows each card's state as Qt's list view works
    it out for its items (selected, under the mouse, the current one with the focus).

    The cards' painter asks here rather than reading the style option's state: that
    state's type is QStyle's, and PySide makes QStyle's class with its eleven enum classes
    (some 8 ms) when a value of it first reaches Python, which would be as the first
    cards paint. Qt keeps the card under the mouse to itself: it is followed here from
    the same events, as QAbstractItemView follows it (mouse moves, hover events, the
    mouse leaving), and kept as a persistent index as Qt keeps it, so a search or a new
    list moves or clears it the same way.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hovered = QPersistentModelIndex()

    def card_state(self, index: Index) -> CardState:
        selections = self.selectionModel()
        selected = selections is not None and selections.isSelected(index)
        # Qt: the view or its viewport has the focus; the viewport's focus goes to the view.
        focused = self.hasFocus() and index == self.currentIndex() and index.isValid()
        return CardState(selected=selected, hovered=index == self.hovered, focused=focused)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        handled = super().viewportEvent(event)
        kind = event.type()
        if kind in (QEvent.Type.HoverMove, QEvent.Type.HoverEnter) and isinstance(
            event, QHoverEvent
        ):
            self._hover_at(event)
        elif kind in (QEvent.Type.HoverLeave, QEvent.Type.Leave):
            self.hovered = QPersistentModelIndex()
        return handled

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        super().mouseMoveEvent(event)
        self._hover_at(event)

    def _hover_at(self, event: QHoverEvent | QMouseEvent) -> None:
        self.hovered = QPersistentModelIndex(self.indexAt(event.position().toPoint()))


class RoutineCardDelegate(QStyledItemDelegate):
    """Paints a routine as a card: title, length and steps, tags; a group's heading above
    its first card."""

    HEIGHT = 84
    HEADING = 34

    def card_state(self, option: QStyleOptionViewItem, index: Index) -> CardState:
        """Whether the card is selected, under the mouse, and the focused current one."""
        view = option.widget
        if isinstance(view, RoutineCards):
            return view.card_state(index)
        return style_state(option)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        extra = self.HEADING if group_heading(index) else 0
        return QSize(option.rect.width(), self.HEIGHT + extra)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(ENTRY_ROLE)
        if not isinstance(row, RoutineRow):
            return
        colours = theme.current()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(option.rect).adjusted(4, 4, -4, -4)
        heading = group_heading(index)
        if heading:
            heading_font = QFont(option.font)
            heading_font.setWeight(QFont.Weight.DemiBold)
            painter.setFont(heading_font)
            painter.setPen(QColor(colours.muted))
            band = QRectF(card.left() + 6, card.top(), card.width(), self.HEADING - 6)
            painter.drawText(
                band, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, heading
            )
            card.setTop(card.top() + self.HEADING)
        selected, hovered, focused = self.card_state(option, index)
        path = QPainterPath()
        path.addRoundedRect(card, 12, 12)
        fill = QColor(colours.surface_alt if selected or hovered else colours.surface)
        painter.fillPath(path, fill)
        border = QColor(colours.accent if selected else colours.border)
        painter.setPen(QPen(border, 2 if selected and focused else 1))
        painter.drawPath(path)

        left = card.left() + 18
        width = card.width() - 36
        picture = self._paint_pose(
            painter, row, card, paper=fill.name(), view=option.widget, index=index
        )
        width -= picture
        title_font = QFont(option.font)
        title_font.setPointSizeF(option.font.pointSizeF() * 1.25)
        title_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(title_font)
        painter.setPen(QColor(colours.text))
        title_height = QFontMetrics(title_font).height()
        painter.drawText(
            QRectF(left, card.top() + 12, width, title_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(title_font).elidedText(
                row.entry.title, Qt.TextElideMode.ElideRight, round(width)
            ),
        )

        meta_font = QFont(option.font)
        painter.setFont(meta_font)
        painter.setPen(QColor(colours.muted if row.usable else colours.danger))
        meta_top = card.top() + 14 + title_height
        metrics = QFontMetrics(meta_font)
        painter.drawText(
            QRectF(left, meta_top, width, metrics.height()), Qt.AlignmentFlag.AlignLeft, row.meta()
        )
        meta_width = metrics.horizontalAdvance(row.meta()) + 14
        mirrored = option.direction is Qt.LayoutDirection.RightToLeft
        self._paint_tags(
            painter,
            row.tags(),
            fill=colours.surface if selected or hovered else colours.surface_alt,
            # Right to left, the line reads from the right: the tags go left of the meta.
            x=left if mirrored else left + meta_width,
            top=meta_top,
            right=left + width - meta_width if mirrored else card.right() - 14 - picture,
            base=option.font,
            mirrored=mirrored,
        )
        painter.restore()

    def _paint_pose(
        self,
        painter: QPainter,
        row: RoutineRow,
        card: QRectF,
        *,
        paper: str,
        view: QWidget | None,
        index: Index,
    ) -> int:
        """The first step's pose at the card's right end; returns the width it takes (kept
        free at the first paint, before the pose library has loaded)."""
        name = row.pose()
        if name is None:
            return 0
        side = card.height() - 12
        if not library_loaded():
            if isinstance(view, QAbstractItemView):
                # The row repainted through the view: asking for its viewport would cost
                # the first paint PySide's look-up of every widget class not loaded yet
                # (some 70, with their enums: see page_scroll_area).
                when_loaded(functools.partial(view.update, QPersistentModelIndex(index)))
            return round(side) + 10
        ratio = painter.device().devicePixelRatioF()
        picture = thumbnail(name, size=round(side), ratio=ratio, paper=paper)
        if picture is None:
            return 0
        painter.drawPixmap(QPointF(card.right() - side - 10, card.top() + 6), picture)
        return round(side) + 10

    def _paint_tags(
        self,
        painter: QPainter,
        tags: tuple[str, ...],
        *,
        fill: str,
        x: float,
        top: float,
        right: float,
        base: QFont,
        mirrored: bool = False,
    ) -> None:
        """The tags as chips from ``x`` towards ``right`` (``mirrored``: from ``right``
        towards ``x``), as many as fit."""
        colours = theme.current()
        font = QFont(base)
        font.setPointSizeF(base.pointSizeF() * 0.85)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        start, end = x, right
        for tag in tags:
            width = metrics.horizontalAdvance(tag) + 16
            if end - start < width:
                break
            at = end - width if mirrored else start
            chip = QRectF(at, top - 1, width, metrics.height() + 4)
            path = QPainterPath()
            path.addRoundedRect(chip, chip.height() / 2, chip.height() / 2)
            painter.fillPath(path, QColor(fill))
            painter.setPen(QColor(colours.muted))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, tag)
            if mirrored:
                end -= width + 6
            else:
                start += width + 6
