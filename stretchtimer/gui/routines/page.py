"""The Routines page: find a routine, read what it holds and what it will say, start it
with Enter."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stretchtimer.core.i18n import N_, _
from stretchtimer.core.routine.model import Routine
from stretchtimer.gui.qt_values import (
    ALIGN_TOP,
    KEY_ENTER,
    KEY_RETURN,
    RICH_TEXT,
    TEXT_SELECTABLE_BY_MOUSE,
    WIDGET_WITH_CHILDREN_SHORTCUT,
    set_qt_property,
)
from stretchtimer.gui.ready_probe import after_first_paint
from stretchtimer.gui.routines.cards import RoutineCardDelegate, RoutineCards
from stretchtimer.gui.routines.detail_html import details_html, script_html
from stretchtimer.gui.routines.list_model import (
    ENTRY_ROLE,
    RoutineFilter,
    RoutineListModel,
    RoutineRow,
)
from stretchtimer.gui.routines.pose_strip import PoseStrip
from stretchtimer.gui.widgets.page_scroll import page_scroll_area
from stretchtimer.storage.routines.library import RoutineEntry
from stretchtimer.storage.settings import Settings

ALL_TAGS = N_("All tags")  # the tag filter's first entry: translate with _()
CLEAR_BUTTON_WAIT_MS = 500  # the search's clear button by then, even if the page never paints


class RoutinesView(QWidget):
    """Lists routines with a filter and shows the chosen one.

    Signals:
        start_requested(str): the id of the routine to play.
    """

    start_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RoutineListModel(self)
        self.filter = RoutineFilter(self)
        self.filter.setSourceModel(self.model)
        self.settings = Settings()
        self.clips_folder: Path | None = None  # where rendered clips are: their real lengths
        self._clear_button_asked = False
        self._build()

    def _build(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(24)
        layout.addLayout(self._build_list(), 5)
        layout.addWidget(self._build_detail(), 6)
        # Pointing at Start (or tabbing to it) warms the natural voice up: see _warm_voice.
        self.start_button.installEventFilter(self)
        self.search.returnPressed.connect(self._start_current)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        set_qt_property(find, "context", WIDGET_WITH_CHILDREN_SHORTCUT)
        find.activated.connect(self.focus_search)
        self.tab_in_reading_order([])

    def tab_in_reading_order(
        self, header: Sequence[QWidget], detail: Sequence[QWidget] = ()
    ) -> None:
        """Tab runs top to bottom, left to right: ``header`` buttons, the search, the list,
        the routine's steps and its buttons (``detail`` ones before Start)."""
        order = [
            *header,
            self.search,
            self.tag,
            self.list,
            self.detail_scroll,
            self.script_button,
            *detail,
            self.start_button,
        ]
        self._tab_order = order
        if self.isVisible():
            self._apply_tab_order()

    def _apply_tab_order(self) -> None:
        # Applied once the page is in the window: moving a page into the window rebuilds
        # its part of the focus chain.
        for first, second in itertools.pairwise(self._tab_order):
            self.setTabOrder(first, second)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._apply_tab_order()
        if not self._clear_button_asked:
            self._clear_button_asked = True
            # The search's clear button takes its icon from the style and the system's
            # icon theme (5-12 ms at start): given once the page has painted. It shows only
            # when something is typed, so nothing on screen changes.
            after_first_paint(
                self, lambda: self.search.setClearButtonEnabled(True), CLEAR_BUTTON_WAIT_MS
            )

    def _build_list(self) -> QVBoxLayout:
        title = QLabel(_("Routines"))
        title.setObjectName("PageTitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search routines and stretches  (Ctrl+F)"))
        self.search.setAccessibleName(_("Search routines"))
        self.search.textChanged.connect(self._filter_changed)
        self.tag = QComboBox()
        self.tag.setAccessibleName(_("Filter by tag"))
        self.tag.currentTextChanged.connect(self._filter_changed)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.tag, 1)

        self.list = RoutineCards()
        self.list.setModel(self.filter)
        self.list.setItemDelegate(RoutineCardDelegate(self.list))
        self.list.setAccessibleName(_("Routines"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setMouseTracking(True)
        self.list.setSpacing(2)
        self.list.doubleClicked.connect(self._start_index)
        self.list.installEventFilter(self)  # Enter on a row starts it
        self.list.selectionModel().currentChanged.connect(self._show_current)
        self.empty = QLabel(_("No routine matches. Clear the search to see them all."))
        self.empty.setObjectName("Subtle")
        self.empty.hide()

        self.header = QHBoxLayout()  # the title; routine actions add their buttons here
        self.header.setSpacing(8)
        self.header.addWidget(title)
        self.header.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(self.header)
        left.addSpacing(6)
        left.addLayout(filters)
        left.addWidget(self.list, 1)
        left.addWidget(self.empty)
        self.list_column = left
        return left

    def _build_detail(self) -> QFrame:
        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        self.detail_title.setObjectName("DetailTitle")  # styled by the theme's sheet
        self.detail_meta = QLabel()
        self.detail_meta.setObjectName("Subtle")
        self.detail_text = _rich_text(_("Routine details"))
        set_qt_property(self.detail_text, "alignment", ALIGN_TOP)
        self.script_button = QPushButton(_("Show the script"))
        self.script_button.setCheckable(True)
        self.script_button.setAccessibleName(_("Show what the session will say, and when"))
        self.script_button.setToolTip(
            _(
                "Every instruction and count as the session will say it, with its time "
                "(as `stretchtimer routines script` prints it)"
            )
        )
        self.script_button.toggled.connect(lambda _on: self._show_script())
        self.script_text = _rich_text(_("The session's script"))
        self.script_text.hide()
        self.start_button = QPushButton(_("Start  (Enter)"))
        self.start_button.setProperty("primary", True)
        self.start_button.setAccessibleName(_("Start the routine"))
        self.start_button.setToolTip(_("Start this routine (Enter)"))
        self.start_button.clicked.connect(self._start_current)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 8, 0)
        inner_layout.addWidget(self.detail_text)
        script_row = QHBoxLayout()  # the button at its own width, on the left
        script_row.addWidget(self.script_button)
        script_row.addStretch(1)
        inner_layout.addLayout(script_row)
        inner_layout.addWidget(self.script_text)
        inner_layout.addStretch(1)
        scroll = self.detail_scroll = page_scroll_area(
            inner, _("The routine's steps"), takes_focus=True
        )
        card = QFrame()
        card.setProperty("card", True)
        detail = QVBoxLayout(card)
        detail.setContentsMargins(24, 20, 24, 20)
        detail.addWidget(self.detail_title)
        detail.addWidget(self.detail_meta)
        detail.addSpacing(6)
        self.pose_strip = PoseStrip()
        detail.addWidget(self.pose_strip)
        detail.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        detail.addLayout(buttons)
        self.detail_buttons = buttons  # routine actions put theirs before the stretch
        return card

    # -- data -------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Ctrl+F: type to find a routine, Enter to start it."""
        self.search.setFocus()
        self.search.selectAll()

    def set_entries(self, entries: list[RoutineEntry]) -> None:
        current = self.current_row()
        keep = current.entry.id if current else None
        self.model.set_entries(entries)
        tag = self.tag.currentText()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItems([_(ALL_TAGS), *self.model.all_tags()])
        self.tag.setCurrentText(tag if tag in self.model.all_tags() else _(ALL_TAGS))
        self.tag.blockSignals(False)
        self._filter_changed()
        self.select(keep)

    def set_settings(self, settings: Settings) -> None:
        """Show the lengths a session takes with ``settings`` (prepare, rest, breaths, rate)."""
        changed = settings != self.settings
        self.settings = settings
        if self.model.set_settings(settings) or changed:
            self._show_current(self.list.currentIndex())

    def keep_lengths_in(self, folder: Path) -> None:
        """Where the routines' lengths are kept between runs (call before
        :meth:`set_entries`): a start reads them instead of planning every routine."""
        self.model.lengths_folder = folder

    def set_clips_folder(self, folder: Path) -> None:
        """The speech cache, so the script shows the lengths of clips already rendered."""
        self.clips_folder = folder
        self._show_script()

    def select(self, routine_id: str | None) -> None:
        for row in range(self.filter.rowCount()):
            index = self.filter.index(row, 0)
            data = index.data(ENTRY_ROLE)
            if routine_id is None or (isinstance(data, RoutineRow) and data.entry.id == routine_id):
                self.list.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                return
        if routine_id is not None:
            self.select(None)

    def current_row(self) -> RoutineRow | None:
        data = self.list.currentIndex().data(ENTRY_ROLE)
        return data if isinstance(data, RoutineRow) else None

    # -- reactions --------------------------------------------------------------------

    def _filter_changed(self, *_: object) -> None:
        tag = self.tag.currentText()
        self.filter.set_tag("" if self.tag.currentIndex() <= 0 else tag)
        self.filter.set_text(self.search.text())
        empty = self.filter.rowCount() == 0
        self.empty.setVisible(empty)
        if self.search.text().strip() and not empty:
            # The best match is the one Enter starts.
            self.list.setCurrentIndex(self.filter.index(0, 0))
        elif not self.list.currentIndex().isValid() and not empty:
            self.select(None)
        self._show_current(self.list.currentIndex())

    def _show_current(self, index: QModelIndex) -> None:
        row = index.data(ENTRY_ROLE) if index.isValid() else None
        if not isinstance(row, RoutineRow):
            self.detail_title.setText("")
            self.detail_meta.setText("")
            self.detail_text.setText("")
            self.pose_strip.set_routine(None)
            self.start_button.setEnabled(False)
            self._show_script()
            return
        self.detail_title.setText(row.entry.title)
        self.detail_meta.setText(row.meta())
        self.start_button.setEnabled(row.usable)
        self.detail_text.setText(details_html(row))
        self.pose_strip.set_routine(row.entry.routine)
        self._show_script()

    def _show_script(self) -> None:
        row = self.current_row()
        # What is said: in the app's language where the routine is translated into it.
        routine = row.entry.shown() if row is not None else None
        self.script_button.setVisible(routine is not None)
        shown = routine is not None and self.script_button.isChecked()
        self.script_button.setText(_("Hide the script") if shown else _("Show the script"))
        self.script_text.setVisible(shown)
        if shown:
            assert routine is not None
            self.script_text.setText(self._script_html(routine))

    def _script_html(self, routine: Routine) -> str:
        from stretchtimer.core.session.estimate import plan_options
        from stretchtimer.speech.clip_cache import VoiceChoice
        from stretchtimer.speech.script_timing import routine_script

        voice = VoiceChoice(self.settings.voice, self.settings.rate)
        script = routine_script(routine, plan_options(self.settings), voice, self.clips_folder)
        return script_html(script)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.list:
            if (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (KEY_RETURN, KEY_ENTER)
            ):
                self._start_current()
                return True
        elif event.type() in (QEvent.Type.Enter, QEvent.Type.FocusIn):
            self._warm_voice()  # the start button, the only other widget watched
        return super().eventFilter(watched, event)

    def _warm_voice(self) -> None:
        """A session is about to be needed: start the audio process, and the natural
        voice's worker with its model loaded, in the background (never at app start; both
        end again on their own when no session comes)."""
        if self.settings.muted:
            return
        from stretchtimer.runtime.audio.link import shared_link

        shared_link().warm()
        if self.clips_folder is None or not self.settings.voice_enabled:
            return
        from stretchtimer.speech.clip_cache import VoiceChoice
        from stretchtimer.speech.warm import warm_up_for

        voice = VoiceChoice(self.settings.voice, self.settings.rate)
        warm_up_for(voice, self.clips_folder, None)

    def _start_index(self, index: QModelIndex) -> None:
        row = index.data(ENTRY_ROLE)
        if isinstance(row, RoutineRow) and row.usable:
            self.start_requested.emit(row.entry.id)

    def _start_current(self) -> None:
        self._start_index(self.list.currentIndex())


def _rich_text(name: str) -> QLabel:
    """A wrapping label of rich text that the mouse can select, called ``name``."""
    label = QLabel()
    label.setWordWrap(True)
    set_qt_property(label, "textFormat", RICH_TEXT)
    set_qt_property(label, "textInteractionFlags", TEXT_SELECTABLE_BY_MOUSE)
    label.setAccessibleName(name)
    return label
