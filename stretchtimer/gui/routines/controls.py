"""The buttons, menus and keys of the routine actions, and when each can be used.

The buttons sit in the Routines page's header and under the chosen routine's
details; the same actions are in the list's context menu and on keys:

    Ctrl+N new · Ctrl+E edit · Ctrl+D duplicate · F2 rename · Delete delete ·
    Ctrl+Z undo the delete · Ctrl+I import

What each one does is :class:`~stretchtimer.gui.routines.actions.RoutineActions`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from stretchtimer.core.i18n import _
from stretchtimer.gui.qt_values import (
    CUSTOM_CONTEXT_MENU,
    WIDGET_WITH_CHILDREN_SHORTCUT,
    set_qt_property,
)

if TYPE_CHECKING:
    from stretchtimer.gui.routines.page import RoutinesView
    from stretchtimer.storage.routines.library import RoutineEntry


class RoutineCommands(Protocol):
    """What the controls carry out (:class:`~.actions.RoutineActions`)."""

    def new_routine(self) -> None: ...
    def choose_import(self) -> None: ...
    def open_routines_folder(self) -> None: ...
    def undo_delete(self) -> None: ...
    def edit(self) -> None: ...
    def duplicate(self) -> None: ...
    def rename(self) -> None: ...
    def delete(self) -> None: ...
    def export(self) -> None: ...


def _button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    return button


def _action(text: str, key: str, run: Callable[[], None], where: QWidget) -> QAction:
    """An action on ``where`` and its children, with its key when it has one."""
    made = QAction(text, where)
    if key:
        set_qt_property(made, "shortcut", QKeySequence(key))  # setShortcut: see qt_values
    set_qt_property(made, "shortcutContext", WIDGET_WITH_CHILDREN_SHORTCUT)
    made.triggered.connect(lambda _checked=False: run())
    where.addAction(made)
    return made


class RoutineControls:
    """Puts the routine actions' buttons, menus and keys on ``view``, wired to ``commands``."""

    def __init__(self, view: RoutinesView, commands: RoutineCommands) -> None:
        self.view = view
        self._buttons(commands)
        self._actions(commands)
        set_qt_property(view.list, "contextMenuPolicy", CUSTOM_CONTEXT_MENU)
        view.list.customContextMenuRequested.connect(self._context_menu)

    def _buttons(self, commands: RoutineCommands) -> None:
        view = self.view
        self.new_button = _button(
            _("+ New routine"), _("New routine"), _("Make a routine of your own (Ctrl+N)")
        )
        self.import_button = _button(
            _("Import…"),
            _("Import a routine file"),
            _("Add a routine file someone shared (Ctrl+I)"),
        )
        self.folder_button = _button(
            _("Folder"),
            _("Open the routines folder"),
            _("Show your routine files in the file manager"),
        )
        for button in (self.import_button, self.folder_button, self.new_button):
            view.header.addWidget(button)
        self.edit_button = _button(
            _("Edit"), _("Edit the routine"), _("Change this routine (Ctrl+E)")
        )
        self.more_button = _button(
            _("More"), _("More actions"), _("Duplicate, rename, export or delete")
        )
        for place, button in enumerate((self.edit_button, self.more_button)):
            view.detail_buttons.insertWidget(place, button)
        view.tab_in_reading_order(
            [self.import_button, self.folder_button, self.new_button],
            [self.edit_button, self.more_button],
        )
        self.new_button.clicked.connect(commands.new_routine)
        self.import_button.clicked.connect(commands.choose_import)
        self.folder_button.clicked.connect(commands.open_routines_folder)
        self.edit_button.clicked.connect(commands.edit)

    def _actions(self, commands: RoutineCommands) -> None:
        view = self.view
        self.new_action = _action(_("New routine"), "Ctrl+N", commands.new_routine, view)
        self.import_action = _action(
            _("Import a routine file…"), "Ctrl+I", commands.choose_import, view
        )
        self.undo_action = _action(_("Undo the delete"), "Ctrl+Z", commands.undo_delete, view)
        self.edit_action = _action(_("Edit"), "Ctrl+E", commands.edit, view.list)
        self.duplicate_action = _action(_("Duplicate…"), "Ctrl+D", commands.duplicate, view.list)
        self.rename_action = _action(_("Rename…"), "F2", commands.rename, view.list)
        self.delete_action = _action(_("Delete"), "Delete", commands.delete, view.list)
        self.export_action = QAction(_("Export…"), view)
        self.export_action.triggered.connect(lambda _checked=False: commands.export())
        self.folder_action = QAction(_("Open the routines folder"), view)
        self.folder_action.triggered.connect(lambda _checked=False: commands.open_routines_folder())
        self.more_menu = QMenu(self.more_button)
        for item in (
            self.duplicate_action,
            self.rename_action,
            self.export_action,
            self.delete_action,
        ):
            self.more_menu.addAction(item)
        self.more_button.setMenu(self.more_menu)

    def _context_menu(self, at: QPoint) -> None:
        index = self.view.list.indexAt(at)
        if index.isValid():
            self.view.list.setCurrentIndex(index)
        menu = QMenu(self.view.list)
        if index.isValid():
            for item in (self.edit_action, self.duplicate_action, self.rename_action):
                menu.addAction(item)
            menu.addAction(self.export_action)
            menu.addAction(self.delete_action)
            menu.addSeparator()
        menu.addAction(self.new_action)
        menu.addAction(self.import_action)
        menu.addAction(self.folder_action)
        menu.exec(self.view.list.viewport().mapToGlobal(at))

    def update(self, entry: RoutineEntry | None) -> None:
        """Enable what can be done with ``entry`` (the chosen routine, or none)."""
        own = entry is not None and not entry.builtin
        usable = entry is not None and entry.routine is not None
        self.edit_button.setText(
            _("Edit a copy") if entry is not None and entry.builtin else _("Edit")
        )
        self.edit_button.setToolTip(
            _("Built-in routines stay as they are: edit a copy of your own (Ctrl+E)")
            if entry is not None and entry.builtin
            else _("Change this routine (Ctrl+E)")
        )
        for control in (self.edit_button, self.edit_action):
            control.setEnabled(usable)
        self.duplicate_action.setEnabled(usable)
        self.rename_action.setEnabled(own and usable)
        self.delete_action.setEnabled(own)
        self.export_action.setEnabled(entry is not None)
        self.more_button.setEnabled(entry is not None)
