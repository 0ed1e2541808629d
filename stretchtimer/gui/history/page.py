"""The History page: a year of practice, streaks and minutes, comfort, and every session.

Everything is read in the background (``history_source``) and shown when it
arrives; the list reads only the rows on screen (``session_list``). What can be
done with a session (open, delete with undo, export) is in ``session_actions``.

Call :meth:`HistoryView.refresh` after a session was saved; while the page is
hidden that only marks it to be read again when it is next shown. A page left open
over midnight moves on to the new day by itself (today on the heatmap, the streak,
this week's minutes) within a minute.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stretchtimer.core.i18n import _, n_
from stretchtimer.gui.history.notices import EmptyState, ProblemBanner
from stretchtimer.gui.history.overview import OverviewPanel
from stretchtimer.gui.history.sessions.actions import SessionActions
from stretchtimer.gui.history.sessions.list_model import SessionListModel
from stretchtimer.gui.history.sessions.table import SessionTable
from stretchtimer.gui.history.source import HistorySource
from stretchtimer.gui.language import number
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.widgets.page_scroll import page_scroll_area
from stretchtimer.gui.widgets.toast import Toast

if TYPE_CHECKING:  # the history is read off the GUI thread; so are its modules
    from stretchtimer.gui.history.reading import Loaded, Overview
    from stretchtimer.storage.history.problems import HistoryProblem

log = logging.getLogger(__name__)

TABLE_ROWS = 10  # rows the list shows at once
# Sizes only (colours come from the theme's sheet): one sheet for the whole page is far
# quicker to apply than one per widget.
PAGE_STYLE = """
#StatValue { font-size: 22pt; font-weight: 700; }
#StatLabel { font-weight: 600; }
#CardTitle { font-size: 13pt; font-weight: 700; }
QTableView::item { padding: 0 10px; }
"""
DAY_CHECK_MS = 60_000  # how often a page on show looks whether a new day has begun
# Problems that may pass by themselves (a lock, a full disk): "Try again" is offered.
RETRY_KINDS = ("locked", "unavailable", "read_only", "disk_full", "damaged")


class HistoryView(QWidget):
    """Statistics, charts and the list of sessions; open, delete with undo, export.

    Signals:
        browse(): the person wants to pick a routine (from the empty page).
    """

    browse = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.source = HistorySource(services.paths.history, services.tasks, self)
        self.model = SessionListModel(self.source.page, self)
        self.overview: Overview | None = None
        self._stale = True  # read the history when next shown
        self._loads = 0  # loads asked for: only the answer to the last one is shown
        self._list_wanted = False  # a load asked for since the last answer wants the list too
        self._day_check = QTimer(self)
        self._day_check.setInterval(DAY_CHECK_MS)
        self._day_check.timeout.connect(self._check_day)
        self._build()
        self.setStyleSheet(PAGE_STYLE)  # once, at the end: each widget is styled once
        self.model.problem.connect(self._problem)
        self.session_actions = SessionActions(
            self.source, self.model, self.table, self.toast, window=self, today=self.today
        )
        self.session_actions.changed.connect(self._reload_overview)
        self.session_actions.gone.connect(self.refresh)
        self.session_actions.problem.connect(self._problem)
        self.session_actions.exporting.connect(self._exporting)
        self.undo_shortcut.activated.connect(self.session_actions.undo)
        self.export_shortcut.activated.connect(self.export)
        self.open_button.clicked.connect(
            lambda: self.session_actions.open_row(self.table.current_row())
        )
        self.delete_button.clicked.connect(
            lambda: self.session_actions.delete_row(self.table.current_row())
        )

    # -- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(_("History"))
        title.setObjectName("PageTitle")
        self.export_button = QPushButton(_("Export…"))
        self.export_button.setAccessibleName(_("Export your history"))
        self.export_button.setToolTip(_("Save your sessions as JSON or CSV (Ctrl+E)"))
        self.export_button.clicked.connect(self.export)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.export_button)

        self.banner = ProblemBanner()
        self.banner.retry.connect(self.reload)
        self.empty = EmptyState()
        self.empty.browse.connect(self.browse)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_content())
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 12, 0)
        layout.setSpacing(12)
        header.setContentsMargins(0, 0, 16, 0)
        layout.addLayout(header)
        banner_row = QHBoxLayout()
        banner_row.setContentsMargins(0, 0, 16, 0)
        banner_row.addWidget(self.banner)
        layout.addLayout(banner_row)
        layout.addWidget(self.stack, 1)

        self.toast = Toast(self)
        self.undo_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        self.undo_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.export_shortcut = QShortcut(QKeySequence("Ctrl+E"), self)
        self.export_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for first, second in (
            (self.export_button, self.heatmap),
            (self.heatmap, self.week_chart),
            (self.week_chart, self.comfort_chart),
            # Top to bottom: the list's buttons stand above it, in its heading.
            (self.comfort_chart, self.open_button),
            (self.open_button, self.delete_button),
            (self.delete_button, self.table),
        ):
            self.setTabOrder(first, second)
            first.installEventFilter(self)  # keep what has the focus in view
        self.table.installEventFilter(self)

    def _build_content(self) -> QScrollArea:
        self.panel = OverviewPanel()
        panel = self.panel  # its parts, by their names, for the keyboard and for tests
        self.tiles, self.heatmap, self.heatmap_caption = (
            panel.tiles,
            panel.heatmap,
            panel.heatmap_caption,
        )
        self.tiles.set_goal(self.services.settings.current.weekly_goal)
        self.services.settings.changed.connect(
            lambda settings: self.tiles.set_goal(settings.weekly_goal)
        )
        self.week_chart, self.week_caption = panel.week_chart, panel.week_caption
        self.comfort_chart, self.comfort_caption = panel.comfort_chart, panel.comfort_caption
        self.no_comfort = panel.no_comfort
        sessions_header = self._build_sessions()

        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 16, 24)
        column.setSpacing(12)
        column.addWidget(self.panel)
        column.addSpacing(8)
        column.addLayout(sessions_header)
        column.addWidget(self.table, 1)
        inner = QWidget()
        inner.setLayout(column)
        self.content = inner
        self.scroller = page_scroll_area(inner, _("Your history"), takes_focus=False)
        return self.scroller

    def _build_sessions(self) -> QHBoxLayout:
        self.table = SessionTable(self.model)
        self.table.setMinimumHeight(
            SessionTable.ROW_HEIGHT * TABLE_ROWS + self.table.horizontalHeader().sizeHint().height()
        )
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sessions_title = QLabel(_("Sessions"))
        sessions_title.setObjectName("CardTitle")
        self.sessions_count = QLabel()
        self.sessions_count.setObjectName("Subtle")
        self.open_button = QPushButton(_("Open"))
        self.open_button.setAccessibleName(_("Open the session"))
        self.open_button.setToolTip(_("Show every part of the session (Enter)"))
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setAccessibleName(_("Delete the session"))
        self.delete_button.setToolTip(
            _("Delete the session; you can undo it for a moment (Delete)")
        )
        sessions_header = QHBoxLayout()
        sessions_header.addWidget(sessions_title)
        sessions_header.addSpacing(8)
        sessions_header.addWidget(self.sessions_count)
        sessions_header.addStretch(1)
        sessions_header.addWidget(self.open_button)
        sessions_header.addWidget(self.delete_button)
        return sessions_header

    # -- reading --------------------------------------------------------------------------

    def today(self) -> date:
        """The local day now (known once the history was read: it is worked out there)."""
        return self.overview.today if self.overview else date.today()

    def _now(self) -> float:
        return self.services.clock().now().wall

    def refresh(self) -> None:
        """Read the history again (a session was saved); waits until the page is shown."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        self._stale = False
        self._load(list_too=True)

    def _load(self, *, list_too: bool) -> None:
        self._loads += 1
        self._list_wanted |= list_too
        number = self._loads

        def loaded(answer: Loaded) -> None:
            if number == self._loads:  # answers can come in any order: the last one counts
                list_wanted, self._list_wanted = self._list_wanted, False
                self._loaded(answer, list_too=list_wanted)

        self.source.load(self._now(), loaded)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._day_check.start()
        self._check_day()
        if self._stale:
            self.reload()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        self._day_check.stop()

    def _check_day(self) -> None:
        """Past midnight, the page is read again for the new day."""
        if self.overview is not None and not self.overview.is_today(self._now()):
            self.refresh()

    def _loaded(self, loaded: Loaded, *, list_too: bool = True) -> None:
        retry = loaded.overview is None and any(
            p.kind.value in RETRY_KINDS for p in loaded.problems
        )
        self.banner.show_problems([p.message for p in loaded.problems], retry=retry)
        overview = loaded.overview
        self.overview = overview
        if overview is None:
            if loaded.problems:
                self.empty.show_unavailable()
            else:
                self.empty.show_empty()
            self._show_sessions(False)
            self.model.reset(0, ())
            return
        if list_too or self.model.rowCount() == 0:
            keep = self.table.current_row()
            self.model.reset(overview.listed, overview.first_page)
            if keep:
                self.table.select_row(keep)
        self.empty.show_empty()
        self._show_sessions(overview.listed > 0)
        self._show_overview(overview)

    def _show_sessions(self, any_sessions: bool) -> None:
        self.stack.setCurrentIndex(0 if any_sessions else 1)
        self.export_button.setEnabled(any_sessions)
        self.export_button.setVisible(any_sessions)  # nothing to export yet

    def _show_overview(self, overview: Overview) -> None:
        self.panel.show_overview(overview)
        count = self.model.rowCount()
        self.sessions_count.setText(
            n_("{count} in all, newest first", "{count} in all, newest first", count).format(
                count=number(count)
            )
        )
        self._enable_row_buttons()

    def _enable_row_buttons(self) -> None:
        has_row = self.table.current_row() is not None and self.model.rowCount() > 0
        self.open_button.setEnabled(has_row)
        self.delete_button.setEnabled(has_row)

    def _problem(self, problem: HistoryProblem) -> None:
        self.banner.add(problem.message)

    # -- actions --------------------------------------------------------------------------

    def export(self) -> None:
        if self.export_button.isEnabled():
            self.session_actions.export()

    def _exporting(self, busy: bool) -> None:
        self.export_button.setEnabled(not busy and self.model.rowCount() > 0)

    def _reload_overview(self) -> None:
        """New statistics after a deletion or an undo; the list keeps its place."""
        self._load(list_too=False)

    # -- keyboard -------------------------------------------------------------------------

    def focus_first(self) -> None:
        """Where the keyboard starts on this page: the year of days, or the way to a routine."""
        if self.stack.currentIndex() == 0:
            self.heatmap.setFocus()
        else:
            self.empty.button.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.FocusIn
            and isinstance(watched, QWidget)
            and self.content.isAncestorOf(watched)
        ):
            self.scroll_to(watched)
        return super().eventFilter(watched, event)

    def scroll_to(self, widget: QWidget) -> None:
        """Bring all of ``widget`` into view (its top, if it is taller than the view).

        However the focus came (Tab, a click, a closed dialog), what has it is seen.
        """
        margin = 12
        top = widget.mapTo(self.content, QPoint(0, 0)).y() - margin
        bottom = top + widget.height() + 2 * margin
        bar = self.scroller.verticalScrollBar()
        view = self.scroller.viewport().height()
        if top < bar.value() or bottom - top > view:
            bar.setValue(top)
        elif bottom > bar.value() + view:
            bar.setValue(bottom - view)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.empty.restyle()
        super().changeEvent(event)
