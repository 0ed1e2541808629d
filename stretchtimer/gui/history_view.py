"""The History page: a year of practice, streaks and minutes, comfort, and every session.

Everything is read in the background (``history_source``) and shown when it
arrives; the list reads only the rows on screen (``session_list``).

Deleting a session deletes it from the file at once and keeps a full copy in
memory for a while: "Undo" (the button on the message, or Ctrl+Z) puts the
copy back exactly, with its id, its parts and its ratings. Why not wait to
delete until the undo time is over? Because then the file, the statistics, an
export or another program would still show a session the person has deleted,
and the real deletion would run while the app closes, where a locked or full
disk could not be reported. This way the file is always what the person sees;
a copy that cannot be put back (the file is locked, say) stays in memory and the
message keeps its Undo button, so the person can try again.

Call :meth:`HistoryView.refresh` after a session was saved; while the page is
hidden that only marks it to be read again when it is next shown.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stretchtimer.gui.comfort_chart import ComfortChart
from stretchtimer.gui.heatmap import Heatmap
from stretchtimer.gui.history_export import default_folder, export_dialog, export_path
from stretchtimer.gui.history_notices import EmptyState, ProblemBanner
from stretchtimer.gui.history_source import HistorySource
from stretchtimer.gui.services import AppServices
from stretchtimer.gui.session_list import SessionListModel, SessionTable, when_text
from stretchtimer.gui.stat_tiles import StatTiles
from stretchtimer.gui.toast import Toast
from stretchtimer.gui.week_chart import WeekChart

if TYPE_CHECKING:  # the history is read off the GUI thread; so are its modules
    from stretchtimer.gui.history_reading import Loaded, Overview, Restored
    from stretchtimer.gui.session_details import SessionDetails
    from stretchtimer.storage.history.problems import HistoryProblem
    from stretchtimer.storage.history.records import SessionRecord
    from stretchtimer.storage.history.removal import RemovedSession

log = logging.getLogger(__name__)

UNDO_SECONDS = 12.0
TABLE_ROWS = 10  # rows the list shows at once
# Sizes only (colours come from the theme's sheet): one sheet for the whole page is far
# quicker to apply than one per widget.
PAGE_STYLE = """
#StatValue { font-size: 22pt; font-weight: 700; }
#StatLabel { font-weight: 600; }
#CardTitle { font-size: 13pt; font-weight: 700; }
QTableView::item { padding: 0 10px; }
"""
# Problems that may pass by themselves (a lock, a full disk): "Try again" is offered.
RETRY_KINDS = ("locked", "unavailable", "read_only", "disk_full", "damaged")


def _card(title: str, subtitle: str = "") -> tuple[QFrame, QVBoxLayout, QLabel]:
    card = QFrame()
    card.setProperty("card", True)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(20, 14, 20, 16)
    layout.setSpacing(6)
    heading = QLabel(title)
    heading.setObjectName("CardTitle")
    caption = QLabel(subtitle)
    caption.setObjectName("Subtle")
    caption.setWordWrap(True)
    top = QHBoxLayout()
    top.addWidget(heading)
    top.addStretch(1)
    layout.addLayout(top)
    layout.addWidget(caption)
    return card, layout, caption


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
        self.removed: list[RemovedSession] = []  # deleted sessions that Undo can put back
        self.details: SessionDetails | None = None
        self.export_chooser: QFileDialog | None = None  # the open export dialog, if any
        self.undo_seconds = UNDO_SECONDS
        self._export_folder: Path | None = None
        self._stale = True  # read the history when next shown
        self._loads = 0  # loads asked for: only the answer to the last one is shown
        self._list_wanted = False  # a load asked for since the last answer wants the list too
        self._build()
        self.setStyleSheet(PAGE_STYLE)  # once, at the end: each widget is styled once
        self.model.problem.connect(self._problem)

    # -- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel("History")
        title.setObjectName("PageTitle")
        self.export_button = QPushButton("Export…")
        self.export_button.setAccessibleName("Export your history")
        self.export_button.setToolTip("Save your sessions as JSON or CSV (Ctrl+E)")
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
        self.toast.action.connect(self.undo)
        self.toast.expired.connect(self._undo_expired)
        self.toast.close_button.clicked.connect(self._undo_expired)
        self.undo_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        self.undo_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_shortcut.activated.connect(self.undo)
        export_shortcut = QShortcut(QKeySequence("Ctrl+E"), self)
        export_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        export_shortcut.activated.connect(self.export)
        for first, second in (
            (self.export_button, self.heatmap),
            (self.heatmap, self.week_chart),
            (self.week_chart, self.comfort_chart),
            (self.comfort_chart, self.table),
            (self.table, self.open_button),
            (self.open_button, self.delete_button),
        ):
            self.setTabOrder(first, second)
            first.installEventFilter(self)  # keep what has the focus in view
        self.delete_button.installEventFilter(self)

    def _build_content(self) -> QScrollArea:
        self.tiles = StatTiles()
        heatmap_card, heatmap_layout, self.heatmap_caption = _card("Last 12 months")
        self.heatmap = Heatmap()
        self.heatmap.cursor_moved.connect(self._heatmap_cursor)
        heatmap_layout.insertWidget(1, self.heatmap)
        charts = self._build_charts()
        sessions_header = self._build_sessions()

        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 16, 24)
        column.setSpacing(12)
        column.addWidget(self.tiles)
        column.addWidget(heatmap_card)
        column.addLayout(charts)
        column.addSpacing(8)
        column.addLayout(sessions_header)
        column.addWidget(self.table, 1)
        inner = QWidget()
        inner.setObjectName("ScrollContent")
        inner.setLayout(column)
        self.content = inner
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().setAutoFillBackground(False)
        scroll.setWidget(inner)
        self.scroller = scroll
        return scroll

    def _build_charts(self) -> QHBoxLayout:
        weeks_card, weeks_layout, self.week_caption = _card("Minutes per week")
        self.week_chart = WeekChart()
        self.week_chart.cursor_moved.connect(
            lambda text: self.week_caption.setText(text or self._week_summary())
        )
        weeks_layout.insertWidget(1, self.week_chart, 1)

        comfort_card, comfort_layout, self.comfort_caption = _card(
            "Comfort before and after",
            "Average rating each week: 0 very sore, 10 completely comfortable.",
        )
        self.comfort_chart = ComfortChart()
        self.comfort_chart.cursor_moved.connect(
            lambda text: self.comfort_caption.setText(text or self._comfort_summary())
        )
        self.no_comfort = QLabel(
            "No comfort ratings yet. Turn on “Comfort rating” in Settings and say how your "
            "hips and back feel before and after a routine: here you will see, week by "
            "week, whether stretching helps."
        )
        self.no_comfort.setObjectName("Subtle")
        self.no_comfort.setWordWrap(True)
        self.no_comfort.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_comfort.setAccessibleName("No comfort ratings yet")
        comfort_layout.insertWidget(1, self.comfort_chart, 1)
        comfort_layout.insertWidget(2, self.no_comfort, 1)

        charts = QHBoxLayout()
        charts.setSpacing(12)
        charts.addWidget(weeks_card, 1)
        charts.addWidget(comfort_card, 1)
        return charts

    def _build_sessions(self) -> QHBoxLayout:
        self.table = SessionTable(self.model)
        self.table.open_requested.connect(self.open_row)
        self.table.delete_requested.connect(self.delete_row)
        self.table.setMinimumHeight(
            SessionTable.ROW_HEIGHT * TABLE_ROWS + self.table.horizontalHeader().sizeHint().height()
        )
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sessions_title = QLabel("Sessions")
        sessions_title.setObjectName("CardTitle")
        self.sessions_count = QLabel()
        self.sessions_count.setObjectName("Subtle")
        self.open_button = QPushButton("Open")
        self.open_button.setAccessibleName("Open the session")
        self.open_button.setToolTip("Show every part of the session (Enter)")
        self.open_button.clicked.connect(lambda: self.open_row(self.table.current_row()))
        self.delete_button = QPushButton("Delete")
        self.delete_button.setAccessibleName("Delete the session")
        self.delete_button.setToolTip("Delete the session; you can undo it for a moment (Delete)")
        self.delete_button.clicked.connect(lambda: self.delete_row(self.table.current_row()))
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
        if self._stale:
            self.reload()

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
        self.tiles.show_overview(overview)
        self.heatmap.set_days(overview.days, overview.today)
        self.heatmap_caption.setText(
            self.heatmap.cursor_text() if self.heatmap.hasFocus() else self._heatmap_summary()
        )
        monday = overview.weeks[-1].start if overview.weeks else overview.today
        self.week_chart.set_weeks(overview.weeks, monday)
        self.week_caption.setText(self._week_summary())
        self.comfort_chart.set_weeks(overview.comfort)
        rated = bool(overview.comfort)
        self.comfort_chart.setVisible(rated)
        self.no_comfort.setVisible(not rated)
        self.comfort_caption.setVisible(rated)
        self.comfort_caption.setText(self._comfort_summary())
        count = self.model.rowCount()
        self.sessions_count.setText(f"{count:,} in all, newest first")
        self._enable_row_buttons()

    def _heatmap_summary(self) -> str:
        overview = self.overview
        if overview is None:
            return ""
        from stretchtimer.commands.history_text import total_text  # loaded with the overview

        days = sum(1 for total in overview.days.values() if total.sessions)
        seconds = sum(total.active_seconds for total in overview.days.values())
        if not days:
            return "No sessions in the last 12 months."
        return (
            f"{days} day{'s' if days != 1 else ''} with a session, "
            f"{total_text(seconds)} in all. Use the arrow keys to read each day."
        )

    def _heatmap_cursor(self, text: str) -> None:
        self.heatmap_caption.setText(text or self._heatmap_summary())

    def _week_summary(self) -> str:
        overview = self.overview
        if overview is None or not overview.weeks:
            return ""
        from stretchtimer.commands.history_text import total_text  # loaded with the overview

        this_week = overview.weeks[-1]
        return f"This week so far: {total_text(this_week.active_seconds)}."

    def _comfort_summary(self) -> str:
        return "Average rating each week: 0 very sore, 10 completely comfortable."

    def _enable_row_buttons(self) -> None:
        has_row = self.table.current_row() is not None and self.model.rowCount() > 0
        self.open_button.setEnabled(has_row)
        self.delete_button.setEnabled(has_row)

    def _problem(self, problem: HistoryProblem) -> None:
        self.banner.add(problem.message)

    # -- a session ----------------------------------------------------------------------

    def open_row(self, row: int | None) -> None:
        record = self.model.record(row) if row is not None else None
        if record is not None:
            self.source.details(record.id, self._show_details)

    def _show_details(self, answer: SessionRecord | HistoryProblem | None) -> None:
        from stretchtimer.storage.history.problems import HistoryProblem  # loaded by now

        if isinstance(answer, HistoryProblem):
            self._problem(answer)
            return
        if answer is None:
            self.toast.show_message("That session is no longer in your history.")
            self.refresh()
            return
        from stretchtimer.gui.session_details import SessionDetails  # when first needed

        if self.details is not None:
            self.details.close()
        dialog = SessionDetails(answer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.delete_requested.connect(self.delete_session)
        dialog.finished.connect(lambda _result: self._details_closed(dialog))
        self.details = dialog
        dialog.open()

    def _details_closed(self, dialog: SessionDetails) -> None:
        if self.details is dialog:
            self.details = None
        self.table.setFocus()

    # -- delete and undo ------------------------------------------------------------------

    def delete_row(self, row: int | None) -> None:
        record = self.model.record(row) if row is not None else None
        if record is not None:
            self.delete_session(record.id)

    def delete_session(self, session_id: str) -> None:
        """Take the session out of the list at once and delete it; Undo can put it back."""
        row = self.model.row_of(session_id)
        record = self.model.record(row) if row is not None else None
        if row is not None:
            self.model.remove_row(row)
            self.table.select_row(row)
        self.source.delete(
            session_id, lambda answer: self._deleted(answer, session_id, row, record)
        )

    def _deleted(
        self,
        answer: RemovedSession | HistoryProblem | None,
        session_id: str,
        row: int | None,
        record: SessionRecord | None,
    ) -> None:
        from stretchtimer.storage.history.problems import HistoryProblem  # loaded by now

        if isinstance(answer, HistoryProblem):
            if row is not None and record is not None and self.model.row_of(session_id) is None:
                self.model.insert_record(row, record)
                self.table.select_row(row)
            self._problem(answer)
            return
        if answer is not None:
            self.removed.append(answer)
            self._offer_undo()
        self._reload_overview()

    def _offer_undo(self, text: str = "") -> None:
        if not self.removed:
            return
        if not text:
            if len(self.removed) == 1:
                session = self.removed[0].record
                text = f"Deleted the {session.routine_title} session of {when_text(session)}."
            else:
                text = f"Deleted {len(self.removed)} sessions."
        self.toast.show_message(
            text,
            action="Undo  (Ctrl+Z)",
            action_name="Undo the deletion",
            seconds=self.undo_seconds,
        )

    def undo(self) -> None:
        """Put back the session deleted last."""
        if not self.removed:
            return
        removed = self.removed.pop()
        self.source.restore(removed, lambda answer: self._restored(answer, removed))

    def _restored(self, answer: Restored | HistoryProblem | None, removed: RemovedSession) -> None:
        from stretchtimer.storage.history.problems import HistoryProblem  # loaded by now

        if isinstance(answer, HistoryProblem):
            self.removed.append(removed)  # keep the copy: the person can try again
            self.toast.show_message(
                f"The session could not be put back yet: {answer.message}",
                action="Try again",
                action_name="Try to put the session back again",
                seconds=0,
            )
            return
        record = removed.record
        if answer is not None and answer.row is not None and self.model.row_of(record.id) is None:
            self.model.insert_record(answer.row, record)
            self.table.select_row(answer.row)
            self.table.scrollTo(self.model.index(answer.row, 0))
        if self.removed:
            self._offer_undo()
        else:
            self.toast.show_message(
                f"Put back the {record.routine_title} session of {when_text(record)}."
            )
        self._reload_overview()

    def _undo_expired(self) -> None:
        """The undo time is over: the copies of deleted sessions are let go."""
        if self.removed:
            log.info(
                "history page: %d deleted session(s) can no longer be put back", len(self.removed)
            )
        self.removed.clear()

    def _reload_overview(self) -> None:
        """New statistics after a deletion or an undo; the list keeps its place."""
        self._load(list_too=False)

    # -- export ---------------------------------------------------------------------------

    def export(self) -> None:
        if not self.export_button.isEnabled():
            return
        dialog = export_dialog(self, self._export_folder or default_folder(), self.today())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(
            lambda name: self._export_to(export_path(name, dialog.selectedNameFilter()))
        )
        self.export_chooser = dialog
        dialog.finished.connect(lambda _result: setattr(self, "export_chooser", None))
        dialog.open()

    def _export_to(self, target: Path) -> None:
        self._export_folder = target.parent
        self.export_button.setEnabled(False)
        self.source.export(target, lambda answer: self._exported(answer, target))

    def _exported(self, answer: int | HistoryProblem | None, target: Path) -> None:
        from stretchtimer.storage.history.problems import HistoryProblem  # loaded by now

        self.export_button.setEnabled(self.model.rowCount() > 0)
        if isinstance(answer, HistoryProblem):
            self._problem(answer)
            return
        count = answer or 0
        self.toast.show_message(
            f"Saved {count:,} session{'s' if count != 1 else ''} to {target} "
            "(readable only by you)."
        )

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
