"""The sessions as a table, newest first: keys and mouse to open and delete them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from stretchtimer.core.i18n import _
from stretchtimer.gui.history.sessions.list_model import (
    COMFORT,
    LOADING,
    ROUTINE,
    STATUS,
    TIME,
    WHEN,
    SessionListModel,
    cell_text,
)

FIT_ROWS = 200  # rows measured to fit the columns: the first pages, where the eye goes


class SessionTable(QTableView):
    """The sessions as a table: Enter or a double-click opens one, Delete deletes it,
    Home and End go to the newest and the oldest.

    Signals:
        open_requested(int): the row to open.
        delete_requested(int): the row to delete.
    """

    open_requested = Signal(int)
    delete_requested = Signal(int)

    ROW_HEIGHT = 40

    def __init__(self, model: SessionListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName(_("Sessions, newest first"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)
        self.setCornerButtonEnabled(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.ROW_HEIGHT)
        columns = self.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setSectionResizeMode(ROUTINE, QHeaderView.ResizeMode.Stretch)
        self.fit_columns()
        for changed in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged):
            changed.connect(lambda *_: self.fit_columns())
        model.modelReset.connect(self._select_first)
        self.doubleClicked.connect(lambda index: self.open_requested.emit(index.row()))

    def fit_columns(self) -> None:
        """Each column as wide as the longest text it holds now (and its heading), so the
        routine's name gets the room an empty column would waste."""
        metrics = self.fontMetrics()
        header = self.horizontalHeader()
        heading_metrics = header.fontMetrics()
        model = self.model()
        if not isinstance(model, SessionListModel):
            return
        # Only the sessions already read: measuring must not make the list read more.
        loaded = [
            record
            for row in range(min(model.rowCount(), FIT_ROWS))
            if (record := model.record(row)) is not None
        ]
        for column in (WHEN, TIME, STATUS, COMFORT):
            heading = model.headerData(column, Qt.Orientation.Horizontal)
            widest = heading_metrics.horizontalAdvance(str(heading or ""))
            if column == WHEN and len(loaded) < model.rowCount():
                widest = max(widest, metrics.horizontalAdvance(_(LOADING)))
            for record in loaded:
                widest = max(widest, metrics.horizontalAdvance(cell_text(record, column)))
            header.resizeSection(column, widest + 40)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_columns()  # the style sheet sets the font once the table is shown

    def current_row(self) -> int | None:
        index = self.currentIndex()
        return index.row() if index.isValid() else None

    def select_row(self, row: int) -> None:
        model = self.model()
        if model.rowCount() == 0:
            return
        row = max(0, min(row, model.rowCount() - 1))
        self.setCurrentIndex(model.index(row, 0))
        self.selectRow(row)

    def _select_first(self) -> None:
        if self.model().rowCount():
            self.select_row(0)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        ends = {Qt.Key.Key_Home: 0, Qt.Key.Key_End: self.model().rowCount() - 1}
        if event.key() in ends and self.model().rowCount():
            end = ends[Qt.Key(event.key())]  # rows, not columns: the whole row is selected
            self.select_row(end)
            self.scrollTo(self.model().index(end, 0))
            event.accept()
            return
        current = self.current_row()
        if current is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit(current)
            event.accept()
            return
        if current is not None and event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit(current)
            event.accept()
            return
        super().keyPressEvent(event)
