"""Qt's enum values the Routines page sets as plain numbers are Qt's own, and reach the
widgets as their setters would set them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel

from stretchtimer.gui import qt_values


def test_every_value_is_qts_own(qapp: QApplication) -> None:
    pairs = [
        (qt_values.ALIGN_LEFT, Qt.AlignmentFlag.AlignLeft),
        (qt_values.ALIGN_RIGHT, Qt.AlignmentFlag.AlignRight),
        (qt_values.ALIGN_HCENTER, Qt.AlignmentFlag.AlignHCenter),
        (qt_values.ALIGN_TOP, Qt.AlignmentFlag.AlignTop),
        (qt_values.ALIGN_BOTTOM, Qt.AlignmentFlag.AlignBottom),
        (qt_values.ALIGN_VCENTER, Qt.AlignmentFlag.AlignVCenter),
        (qt_values.ALIGN_CENTER, Qt.AlignmentFlag.AlignCenter),
        (qt_values.RICH_TEXT, Qt.TextFormat.RichText),
        (qt_values.TEXT_SELECTABLE_BY_MOUSE, Qt.TextInteractionFlag.TextSelectableByMouse),
        (qt_values.SCROLL_BAR_ALWAYS_OFF, Qt.ScrollBarPolicy.ScrollBarAlwaysOff),
        (qt_values.NO_FOCUS, Qt.FocusPolicy.NoFocus),
        (qt_values.CUSTOM_CONTEXT_MENU, Qt.ContextMenuPolicy.CustomContextMenu),
        (qt_values.WIDGET_WITH_CHILDREN_SHORTCUT, Qt.ShortcutContext.WidgetWithChildrenShortcut),
        (qt_values.KEY_RETURN, Qt.Key.Key_Return),
        (qt_values.KEY_ENTER, Qt.Key.Key_Enter),
        (qt_values.DISPLAY_ROLE, Qt.ItemDataRole.DisplayRole),
        (qt_values.ACCESSIBLE_TEXT_ROLE, Qt.ItemDataRole.AccessibleTextRole),
        (qt_values.USER_ROLE, Qt.ItemDataRole.UserRole),
    ]
    for ours, qts in pairs:
        assert ours == qts.value, qts


def test_a_property_set_as_a_number_is_set_as_its_setter_sets_it(qapp: QApplication) -> None:
    label = QLabel()
    qt_values.set_qt_property(label, "alignment", qt_values.ALIGN_TOP)
    qt_values.set_qt_property(label, "textFormat", qt_values.RICH_TEXT)
    assert label.alignment() == Qt.AlignmentFlag.AlignTop
    assert label.textFormat() == Qt.TextFormat.RichText
    action = QAction(label)
    qt_values.set_qt_property(action, "shortcut", QKeySequence("Ctrl+N"))
    qt_values.set_qt_property(action, "shortcutContext", qt_values.WIDGET_WITH_CHILDREN_SHORTCUT)
    assert action.shortcut() == QKeySequence("Ctrl+N")
    assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut


def test_a_property_the_object_lacks_is_a_mistake_said_at_once(qapp: QApplication) -> None:
    with pytest.raises(ValueError, match="alignmnet"):
        qt_values.set_qt_property(QLabel(), "alignmnet", qt_values.ALIGN_TOP)
