"""The routine cards: the list view that knows each card's state, and the delegate that
paints a routine as a card (title, length and steps, tags, its first pose)."""

from __future__ import annotations

import functools
from typing import NamedTuple

from PySide6.QtCore import (
    QEvent,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QHoverEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from stretchtimer.gui import theme
from stretchtimer.gui.plain_paint import fill as plain_fill
from stretchtimer.gui.plain_paint import outline, words
from stretchtimer.gui.qt_values import ALIGN_BOTTOM, ALIGN_CENTER, ALIGN_LEFT, ALIGN_VCENTER
from stretchtimer.gui.routines.list_model import ENTRY_ROLE, Index, RoutineRow, group_heading
from stretchtimer.gui.widgets.pose_thumbnail import (
    kept_thumbnail,
    library_loaded,
    thumbnail,
    when_loaded,
)


def fitted(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text``, cut short with an ellipsis where it is wider than ``width``."""
    if metrics.horizontalAdvance(text) <= width:
        return text  # most titles fit: Qt's namespace (see qt_values) only for the rest
    from PySide6.QtCore import Qt

    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


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
        # Painted with plain_paint: no setPen or colour brushes (see there), the cards being
        # what the Routines page paints first.
        row = index.data(ENTRY_ROLE)
        if not isinstance(row, RoutineRow):
            return
        colours = theme.current()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        view = option.widget
        mirrored = view.isRightToLeft() if view is not None else QGuiApplication.isRightToLeft()
        card = QRectF(option.rect).adjusted(4, 4, -4, -4)
        heading = group_heading(index)
        if heading:
            heading_font = QFont(option.font)
            heading_font.setWeight(QFont.Weight.DemiBold)
            band = QRectF(card.left() + 6, card.top(), card.width(), self.HEADING - 6)
            words(
                painter,
                band,
                ALIGN_LEFT | ALIGN_BOTTOM,
                heading,
                font=heading_font,
                colour=colours.muted,
                mirrored=mirrored,
            )
            card.setTop(card.top() + self.HEADING)
        selected, hovered, focused = self.card_state(option, index)
        path = QPainterPath()
        path.addRoundedRect(card, 12, 12)
        fill = colours.surface_alt if selected or hovered else colours.surface
        plain_fill(painter, path, fill)
        border = colours.accent if selected else colours.border
        outline(painter, card, 12, border, 2 if selected and focused else 1)

        left = card.left() + 18
        width = card.width() - 36
        picture = self._paint_pose(
            painter, row, card, paper=QColor(fill).name(), view=view, index=index
        )
        width -= picture
        title_font = QFont(option.font)
        title_font.setPointSizeF(option.font.pointSizeF() * 1.25)
        title_font.setWeight(QFont.Weight.DemiBold)
        title_metrics = QFontMetrics(title_font)
        title_height = title_metrics.height()
        words(
            painter,
            QRectF(left, card.top() + 12, width, title_height),
            ALIGN_LEFT | ALIGN_VCENTER,
            fitted(row.entry.title, title_metrics, round(width)),
            font=title_font,
            colour=colours.text,
            mirrored=mirrored,
        )

        meta_font = QFont(option.font)
        meta_top = card.top() + 14 + title_height
        metrics = QFontMetrics(meta_font)
        words(
            painter,
            QRectF(left, meta_top, width, metrics.height()),
            ALIGN_LEFT,
            row.meta(),
            font=meta_font,
            colour=colours.muted if row.usable else colours.danger,
            mirrored=mirrored,
        )
        meta_width = metrics.horizontalAdvance(row.meta()) + 14
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
        free at the first paint when the picture was not kept from an earlier run, before
        the pose library has loaded)."""
        name = row.pose()
        if name is None:
            return 0
        side = card.height() - 12
        ratio = painter.device().devicePixelRatioF()
        kept = kept_thumbnail(name, size=round(side), ratio=ratio, paper=paper)
        if kept is not None:
            picture: QPixmap | None = kept.pixmap
        elif not library_loaded():
            if isinstance(view, QAbstractItemView):
                # The row repainted through the view: asking for its viewport would cost
                # the first paint PySide's look-up of every widget class not loaded yet
                # (some 70, with their enums: see page_scroll_area).
                when_loaded(functools.partial(view.update, QPersistentModelIndex(index)))
            return round(side) + 10
        else:
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
            plain_fill(painter, path, fill)
            words(
                painter, chip, ALIGN_CENTER, tag, font=font, colour=colours.muted, mirrored=mirrored
            )
            if mirrored:
                end -= width + 6
            else:
                start += width + 6
