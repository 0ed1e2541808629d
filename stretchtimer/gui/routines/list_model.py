"""The routines as a list model, and a filter by text and tag (the cards are drawn by
:mod:`~stretchtimer.gui.routines.cards`)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)
from PySide6.QtWidgets import (
    QWidget,
)

from stretchtimer.core.formatting import clock_text
from stretchtimer.core.i18n import _, n_
from stretchtimer.core.routine.tags import tag_name
from stretchtimer.gui.qt_values import ACCESSIBLE_TEXT_ROLE, DISPLAY_ROLE, USER_ROLE
from stretchtimer.gui.widgets.numbers import number
from stretchtimer.gui.widgets.pose_thumbnail import (
    step_pose,
)
from stretchtimer.storage.routines.lengths import PLAN_SETTINGS, routine_seconds
from stretchtimer.storage.routines.library import RoutineEntry
from stretchtimer.storage.settings import Settings

ENTRY_ROLE = USER_ROLE + 1
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

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == DISPLAY_ROLE:
            return row.entry.title
        if role == ACCESSIBLE_TEXT_ROLE:
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
