"""The routine cards: each card shows the state Qt's list view gives it (chosen, under the
mouse, chosen with the keyboard's focus), read from the view rather than from the style
option (whose QStyle type costs the first paint some 8 ms)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.routines.cards import (
    CardState,
    RoutineCardDelegate,
    RoutineCards,
    style_state,
)
from stretchtimer.gui.theme import ThemeManager
from stretchtimer.gui.widgets.pose_thumbnail import library_loaded

Index = QModelIndex | QPersistentModelIndex


class Recording(RoutineCardDelegate):
    """Paints as the app does and notes, for every card painted, the state the view's
    style option says and the state the cards' painter used."""

    def __init__(self, view: RoutineCards) -> None:
        super().__init__(view)
        self.seen: list[tuple[int, CardState, CardState]] = []

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.seen.append((index.row(), style_state(option), self.card_state(option, index)))
        super().paint(painter, option, index)


class QtsOwnState(RoutineCardDelegate):
    """The cards painted from the style option's state, as they were before."""

    def card_state(self, option: QStyleOptionViewItem, index: Index) -> CardState:
        return style_state(option)


@pytest.fixture
def cards(qtbot, window: MainWindow) -> Iterator[RoutineCards]:  # type: ignore[no-untyped-def]
    view = window.routines.list
    assert isinstance(view, RoutineCards)
    qtbot.waitUntil(library_loaded, timeout=10_000)  # the cards' pictures, as a person sees
    yield view


def center_of(view: RoutineCards, row: int) -> QPoint:
    return view.visualRect(view.model().index(row, 0)).center()


def painted(view: RoutineCards) -> None:
    view.viewport().repaint()
    QApplication.processEvents()


def test_every_card_is_painted_in_the_state_qt_gives_it(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    cards: RoutineCards,
) -> None:
    recording = Recording(cards)
    cards.setItemDelegate(recording)
    viewport = cards.viewport()
    cards.setFocus()
    painted(cards)
    qtbot.mouseMove(viewport, center_of(cards, 2))  # over a card
    painted(cards)
    qtbot.mouseMove(viewport, center_of(cards, 3))  # over the next
    painted(cards)
    qtbot.keyClick(cards, Qt.Key.Key_Down)  # the keyboard chooses another
    painted(cards)
    cards.scrollToBottom()  # the cards move under a mouse that stays
    painted(cards)
    qtbot.mouseMove(viewport, center_of(cards, cards.model().rowCount() - 1))
    painted(cards)
    window.routines.search.setFocus()  # the list loses the focus
    qtbot.keyClicks(window.routines.search, "hip")  # a search: fewer cards, in new places
    painted(cards)
    qtbot.mouseMove(viewport, center_of(cards, 0))
    painted(cards)
    window.routines.search.clear()
    painted(cards)
    qtbot.mouseMove(window.routines.search)  # the mouse leaves the list
    painted(cards)
    cards.setFocus()
    painted(cards)

    seen = recording.seen
    assert [(row, qt) for row, qt, used in seen if qt != used] == []
    # Every state was there to compare: chosen with and without the focus, under the mouse.
    states = {qt for _row, qt, _used in seen}
    assert CardState(selected=True, hovered=False, focused=True) in states
    assert CardState(selected=True, hovered=False, focused=False) in states
    assert any(state.hovered and not state.selected for state in states)
    assert any(state.hovered and state.selected for state in states)
    assert CardState(selected=False, hovered=False, focused=False) in states


def grab(view: RoutineCards) -> QImage:
    QApplication.processEvents()
    return view.viewport().grab().toImage()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_cards_look_as_they_did_when_painted_from_the_style_state(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    cards: RoutineCards,
    themes: ThemeManager,
    theme: str,
) -> None:
    themes.apply(theme)
    window.restyle()
    viewport = cards.viewport()
    ours = cards.itemDelegate()
    reference = QtsOwnState(cards)

    def same() -> int:
        cards.setItemDelegate(ours)
        now = grab(cards)
        cards.setItemDelegate(reference)
        before = grab(cards)
        cards.setItemDelegate(ours)
        assert now == before
        return len({now.pixel(x, 40) for x in range(0, now.width(), 7)})

    cards.setFocus()  # the first card chosen, the list focused
    colours = same()
    assert colours > 2  # something was painted
    qtbot.mouseMove(viewport, center_of(cards, 1))  # another card under the mouse
    same()
    qtbot.mouseMove(viewport, center_of(cards, 0))  # the chosen card under the mouse
    same()
    window.routines.search.setFocus()  # chosen, without the focus
    same()
    qtbot.mouseMove(window.routines.search)
    same()
