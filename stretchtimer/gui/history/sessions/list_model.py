"""The list of sessions, newest first: a model that reads only the rows on screen.

The model knows how many sessions there are and keeps a few thousand of them
in memory. When the view asks for a row it does not have, the row shows as
"Loading…" and the page it belongs to is read in the background (see
``history_source``); its rows appear when the answer comes. Answers that were
asked for before a row was deleted or put back are dropped (the rows have moved
since), and asked for again if they are still on screen. So 100,000 sessions
scroll as smoothly as ten, and the GUI thread never waits for the disk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor

from stretchtimer.core.formatting import clock_text
from stretchtimer.core.i18n import N_, _
from stretchtimer.gui import theme
from stretchtimer.gui.history.source import PAGE_SIZE
from stretchtimer.gui.language import short_date_time

if TYPE_CHECKING:  # the history is read off the GUI thread; so are its modules
    from stretchtimer.storage.history.problems import HistoryProblem
    from stretchtimer.storage.history.records import SessionRecord

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
PageReader = Callable[[int, Callable[["list[SessionRecord] | HistoryProblem"], None]], None]

COLUMNS = (
    # TRANSLATORS: a column of the sessions table: the day and time a session began.
    N_("When"),
    N_("Routine"),
    # TRANSLATORS: a column of the sessions table: minutes done of minutes planned.
    N_("Time"),
    N_("Status"),
    N_("Comfort"),
)
WHEN, ROUTINE, TIME, STATUS, COMFORT = range(len(COLUMNS))
MAX_CACHED = 3_000  # rows kept in memory; the rest are read again when shown
LOADING = N_("Loading…")
SESSION_ROLE = Qt.ItemDataRole.UserRole + 1


def when_text(session: SessionRecord) -> str:
    """``"Tue, 14 May 2024, 08:05"``: when it was done, as the locale writes it."""
    return short_date_time(session.local_start)


def time_text(session: SessionRecord) -> str:
    # TRANSLATORS: time done of time planned: "4:30 of 5:00".
    return _("{done} of {planned}").format(
        done=clock_text(session.active_seconds), planned=clock_text(session.planned_seconds)
    )


def status_text(session: SessionRecord) -> str:
    from stretchtimer.storage.history.text import STATUS_WORDS  # loaded with the sessions

    words = _(STATUS_WORDS[session.status]).capitalize()
    if session.is_preview:
        # TRANSLATORS: a session played faster to try a routine out: "Completed, preview ×20".
        return _("{status}, preview ×{speed}").format(status=words, speed=f"{session.speed:g}")
    return words


def comfort_text(session: SessionRecord) -> str:
    """``"3 → 6 (+3)"``, ``"4 → –"``, or ``""`` without ratings."""
    before, after = session.comfort_before, session.comfort_after
    if before is None and after is None:
        return ""
    text = f"{'–' if before is None else before} → {'–' if after is None else after}"
    if before is not None and after is not None:
        # TRANSLATORS: in the Comfort column: the rating after was the same as before.
        text += f"  ({after - before:+d})" if after != before else "  " + _("(same)")
    return text


def spoken_comfort(session: SessionRecord) -> str:
    """The comfort cell for screen readers (which would read "→" as "right arrow"):
    ``"3 before, 6 after"``, ``"4 before, none after"``, ``"not rated"``."""
    before, after = session.comfort_before, session.comfort_after
    if before is None and after is None:
        return _("not rated")
    # TRANSLATORS: a rating that was not given, read out: "4 before, none after".
    none = _("none")
    return _("{before} before, {after} after").format(
        before=none if before is None else before, after=none if after is None else after
    )


def spoken_row(session: SessionRecord) -> str:
    """The whole row as one sentence, for screen readers."""
    rated = session.comfort_before is not None or session.comfort_after is not None
    parts = {
        "routine": session.routine_title,
        "when": when_text(session),
        "time": time_text(session),
        "status": status_text(session),
    }
    if rated:
        # TRANSLATORS: a row of the sessions table, read by a screen reader.
        return _("{routine}, {when}, {time}, {status}, comfort {comfort}").format(
            comfort=spoken_comfort(session), **parts
        )
    return _("{routine}, {when}, {time}, {status}").format(**parts)


class SessionListModel(QAbstractTableModel):
    """Every session, newest first; rows are read a page at a time when they are shown.

    Signals:
        problem(object): a :class:`HistoryProblem` met while reading a page.
    """

    problem = Signal(object)

    def __init__(self, read_page: PageReader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._read_page = read_page
        self._total = 0
        self._rows: dict[int, SessionRecord] = {}
        self._asked: set[int] = set()  # pages asked for and not answered yet
        self._wanted: set[int] = set()  # pages to ask for on the next turn of the event loop
        self._generation = 0  # goes up whenever rows move, so older answers are dropped
        self._focus = 0  # the row asked for last: the cache keeps rows near it
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._ask)

    # -- contents -----------------------------------------------------------------------

    def reset(self, total: int, first_page: tuple[SessionRecord, ...]) -> None:
        self.beginResetModel()
        self._generation += 1
        self._total = total
        self._rows = dict(enumerate(first_page))
        self._asked.clear()
        self._wanted.clear()
        self.endResetModel()

    def record(self, row: int) -> SessionRecord | None:
        return self._rows.get(row)

    def row_of(self, session_id: str) -> int | None:
        return next((row for row, item in self._rows.items() if item.id == session_id), None)

    def loaded_rows(self) -> int:
        return len(self._rows)

    def reading(self) -> bool:
        """Whether pages the view asked for are being read."""
        return bool(self._asked or self._wanted)

    def remove_row(self, row: int) -> None:
        """The session in ``row`` is gone: the rows below move up."""
        if not 0 <= row < self._total:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        self._moved()
        self._total -= 1
        self._rows = {
            (index if index < row else index - 1): item
            for index, item in self._rows.items()
            if index != row
        }
        self.endRemoveRows()

    def insert_record(self, row: int, record: SessionRecord) -> None:
        """``record`` stands at ``row`` again: the rows from there move down."""
        row = max(0, min(row, self._total))
        self.beginInsertRows(QModelIndex(), row, row)
        self._moved()
        self._total += 1
        self._rows = {
            (index if index < row else index + 1): item for index, item in self._rows.items()
        }
        self._rows[row] = record
        self.endInsertRows()

    def _moved(self) -> None:
        self._generation += 1
        self._asked.clear()

    # -- reading pages --------------------------------------------------------------------

    def _want(self, row: int) -> None:
        self._focus = row
        page = row // PAGE_SIZE
        if page in self._asked or page in self._wanted:
            return
        self._wanted.add(page)
        self._timer.start()  # ask once the view has finished painting

    def _ask(self) -> None:
        pages, self._wanted = sorted(self._wanted), set()
        for page in pages:
            self._asked.add(page)
            self._read_page(page * PAGE_SIZE, self._answer_for(page, self._generation))

    def _answer_for(
        self, page: int, generation: int
    ) -> Callable[[list[SessionRecord] | HistoryProblem], None]:
        def answered(answer: list[SessionRecord] | HistoryProblem) -> None:
            self._answered(page, generation, answer)

        return answered

    def _answered(
        self, page: int, generation: int, answer: list[SessionRecord] | HistoryProblem
    ) -> None:
        if generation != self._generation:
            return  # rows moved since this was asked; a repaint asks again
        self._asked.discard(page)
        if not isinstance(answer, list):  # a problem, to show
            self.problem.emit(answer)
            return
        first = page * PAGE_SIZE
        for offset, record in enumerate(answer):
            if first + offset < self._total:
                self._rows[first + offset] = record
        self._trim()
        last = min(self._total, first + PAGE_SIZE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def _trim(self) -> None:
        if len(self._rows) <= MAX_CACHED:
            return
        keep = sorted(self._rows, key=lambda row: abs(row - self._focus))[: MAX_CACHED * 2 // 3]
        self._rows = {row: self._rows[row] for row in keep}

    # -- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = (
                Qt.AlignmentFlag.AlignRight
                if section in (TIME, COMFORT)
                else Qt.AlignmentFlag.AlignLeft
            )
            return side | Qt.AlignmentFlag.AlignVCenter
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        session = self._rows.get(index.row())
        column = index.column()
        if session is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._want(index.row())
                return _(LOADING) if column == WHEN else ""
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(theme.current().muted)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(session, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column == WHEN:
                return spoken_row(session)
            return spoken_comfort(session) if column == COMFORT else _cell(session, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return _colour(session, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (TIME, COMFORT):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == SESSION_ROLE:
            return session
        return None


def cell_text(session: SessionRecord, column: int) -> str:
    """What a column shows for ``session``."""
    return _cell(session, column)


def _cell(session: SessionRecord, column: int) -> str:
    if column == WHEN:
        return when_text(session)
    if column == ROUTINE:
        return session.routine_title
    if column == TIME:
        return time_text(session)
    if column == STATUS:
        return status_text(session)
    return comfort_text(session)


def _colour(session: SessionRecord, column: int) -> QColor | None:
    colours = theme.current()
    if column == STATUS:  # only what stands out is coloured
        tone = {
            "completed": None,
            "stopped": colours.warm,
            "interrupted": colours.danger,
            "in_progress": colours.calm,
        }[session.status.value]
        if session.is_preview:
            tone = colours.muted
        return QColor(tone) if tone else None
    if column == COMFORT:
        before, after = session.comfort_before, session.comfort_after
        if before is not None and after is not None and after != before:
            return QColor(colours.accent if after > before else colours.warm)
        return QColor(colours.muted)
    if column == TIME:
        return QColor(colours.muted)
    return None
