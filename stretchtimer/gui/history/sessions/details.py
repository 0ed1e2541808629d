"""One session in full: each part of it, planned against done, skipped, easier variation used."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stretchtimer.core.formatting import clock_text
from stretchtimer.core.i18n import N_, _, n_, p_
from stretchtimer.core.session.plan import SegmentKind
from stretchtimer.gui import icons, theme
from stretchtimer.gui.history.sessions.list_model import status_text, when_text
from stretchtimer.gui.history.tiles import StatTile
from stretchtimer.storage.history.records import SegmentRecord, SessionRecord

DETAILS_STYLE = """
#StatValue { font-size: 16pt; font-weight: 700; }
#StatLabel { font-weight: 600; }
QTableView::item { padding: 0 8px; }
"""
SEGMENT_COLUMNS = (
    N_("Stretch"),
    # TRANSLATORS: a column of a session's parts: hold, breaths, rest, get ready.
    N_("Part"),
    N_("Planned"),
    # TRANSLATORS: a column of a session's parts: the time done.
    N_("Done"),
    N_("Result"),
)
OUTCOME_WORDS = {
    # TRANSLATORS: the result of a part of a session: it was done in full.
    "done": N_("Done"),
    "partial": N_("Cut short"),
    "skipped": N_("Skipped"),
}


def part_words() -> dict[SegmentKind, str]:
    """What each kind of part is called in the session's table."""
    return {
        SegmentKind.PREPARE: p_("part of a session", "Get ready"),
        SegmentKind.HOLD: p_("part of a session", "Hold"),
        SegmentKind.SWITCH: p_("part of a session", "Switch sides"),
        SegmentKind.BREATHS: p_("part of a session", "Breathe"),
        SegmentKind.REPS: p_("part of a session", "Reps"),
        SegmentKind.SET_REST: p_("part of a session", "Rest"),
        SegmentKind.REST: p_("part of a session", "Rest"),
        SegmentKind.DONE: p_("part of a session", "Done"),
    }


def part_text(segment: SegmentRecord) -> str:
    """``"Hold, left side"``, ``"Breathe"``, ``"Get ready"``."""
    try:
        words = part_words()[SegmentKind(segment.kind)]
    except (ValueError, KeyError):
        words = segment.kind.replace("_", " ").capitalize()
    if segment.side == "left":
        return _("{part}, left side").format(part=words)
    if segment.side == "right":
        return _("{part}, right side").format(part=words)
    return words


def is_work(segment: SegmentRecord) -> bool:
    """A hold, breaths or reps: the stretch itself, not the pauses around it."""
    known = {kind.value: kind for kind in SegmentKind}
    return segment.kind not in known or known[segment.kind].is_work


def result_text(segment: SegmentRecord) -> str:
    known = OUTCOME_WORDS.get(segment.outcome)
    words = _(known) if known else segment.outcome.capitalize()
    if segment.easier and is_work(segment):
        return _("{result} · easier variation").format(result=words)
    return words


def parts_text(session: SessionRecord) -> tuple[str, str]:
    """How many parts, and which of them were skipped or cut short."""
    count = len(session.segments)
    skipped = sum(segment.outcome == "skipped" for segment in session.segments)
    partial = sum(segment.outcome == "partial" for segment in session.segments)
    # TRANSLATORS: parts of a session (hold, breaths, rest): "2 skipped".
    missed = [n_("{count} skipped", "{count} skipped", skipped).format(count=skipped)]
    # TRANSLATORS: parts of a session (hold, breaths, rest): "1 cut short".
    cut = [n_("{count} cut short", "{count} cut short", partial).format(count=partial)]
    if not count:
        return "0", _("none finished")
    missed = (missed if skipped else []) + (cut if partial else [])
    return str(count), ", ".join(missed) if missed else _("all done")


def easier_text(session: SessionRecord) -> tuple[str, str]:
    names = list(dict.fromkeys(s.step_name for s in session.segments if s.easier and is_work(s)))
    if not names:
        return _("Not used"), _("every stretch as written")
    return _("Used"), ", ".join(names)


def comfort_tile(session: SessionRecord) -> tuple[str, str]:
    before, after = session.comfort_before, session.comfort_after
    if before is None and after is None:
        return "–", _("not rated")
    value = f"{'–' if before is None else before} → {'–' if after is None else after}"
    if before is None or after is None:
        return value, _("rated once")
    change = after - before
    if change == 0:
        return value, _("the same after")
    if change > 0:
        # TRANSLATORS: comfort, in points of the 0–10 scale: "3 better after".
        return value, n_("{count} better after", "{count} better after", change).format(
            count=change
        )
    return value, n_("{count} worse after", "{count} worse after", -change).format(count=-change)


class SessionDetails(QDialog):
    """Shows one session and its parts; it can be deleted from here too.

    Signals:
        delete_requested(str): the id of the session to delete.
    """

    delete_requested = Signal(str)

    def __init__(self, session: SessionRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(_("{routine} — session details").format(routine=session.routine_title))
        self.setMinimumSize(820, 640)
        self.setStyleSheet(DETAILS_STYLE)

        title = QLabel(session.routine_title)
        title.setObjectName("PageTitle")
        title.setWordWrap(True)
        self.facts = QLabel(
            _("{when} · {status}").format(when=when_text(session), status=status_text(session))
        )
        self.facts.setObjectName("Subtle")
        self.facts.setWordWrap(True)
        self.tiles = self._tiles(session)
        self.note = QLabel(session.note or "")
        self.note.setWordWrap(True)
        self.note.setVisible(bool(session.note))

        self.table = self._segment_table(session)
        self.empty = QLabel(_("No part of this session was finished, so there is nothing to list."))
        self.empty.setWordWrap(True)
        self.empty.setObjectName("Subtle")
        self.empty.setVisible(not session.segments)
        self.table.setVisible(bool(session.segments))

        buttons = self._buttons()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(self.facts)
        layout.addSpacing(8)
        layout.addLayout(self.tiles)
        layout.addWidget(self.note)
        layout.addSpacing(8)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addStretch(0)
        layout.addLayout(buttons)
        self.table.setFocus()

    def _tiles(self, session: SessionRecord) -> QHBoxLayout:
        time = StatTile(_("Time"))
        time.show_value(
            clock_text(session.active_seconds),
            # TRANSLATORS: under the time a session took: "of 5:00 planned".
            _("of {planned} planned").format(planned=clock_text(session.planned_seconds)),
        )
        parts = StatTile(_("Parts"))
        parts.show_value(*parts_text(session))
        comfort = StatTile(_("Comfort"))
        comfort.show_value(*comfort_tile(session))
        easier = StatTile(_("Easier variation"))
        easier.show_value(*easier_text(session))
        row = QHBoxLayout()
        row.setSpacing(10)
        for tile in (time, parts, comfort, easier):
            row.addWidget(tile, 1)
        return row

    def _buttons(self) -> QHBoxLayout:
        self.delete_button = QPushButton(_("Delete session"))
        self.delete_button.setAccessibleName(_("Delete this session"))
        self.delete_button.setToolTip(_("Delete this session (you can undo it for a moment)"))
        self.delete_button.clicked.connect(self._delete)
        self.close_button = QPushButton(_("Close"))
        self.close_button.setProperty("primary", True)
        self.close_button.setAccessibleName(_("Close the session details"))
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        return buttons

    def _segment_table(self, session: SessionRecord) -> QTableWidget:
        colours = theme.current()
        table = QTableWidget(len(session.segments), len(SEGMENT_COLUMNS))
        table.setAccessibleName(_("Parts of the session"))
        table.setHorizontalHeaderLabels([_(heading) for heading in SEGMENT_COLUMNS])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setTabKeyNavigation(False)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(34)
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(SEGMENT_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (2, 3):
            heading = table.horizontalHeaderItem(column)
            if heading is not None:
                heading.setTextAlignment(
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
        leaf = icons.make_icon(icons.leaf, colours.accent)
        for row, segment in enumerate(session.segments):
            cells = (
                segment.step_name or "—",
                part_text(segment),
                clock_text(segment.planned_seconds),
                clock_text(segment.actual_seconds),
                result_text(segment),
            )
            work = is_work(segment)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (2, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if segment.outcome == "skipped" or not work:
                    item.setForeground(QColor(colours.muted))
                if column == 4 and segment.outcome == "partial":
                    item.setForeground(QColor(colours.warm))
                if column == 4 and segment.easier and work:
                    item.setIcon(leaf)
                table.setItem(row, column, item)
        return table

    def _delete(self) -> None:
        self.delete_requested.emit(self.session.id)
        self.accept()
