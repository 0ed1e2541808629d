"""Values of Qt's enums for the code that builds and paints the Routines page.

PySide makes the Python classes of all 93 enums in the ``Qt`` namespace the first time
the name ``Qt`` is looked up (some 110M instructions: 20-30 ms, and 1.3 MiB), which was
the largest single cost between the window's first frame and its Routines page. The
page's code sets these values through Qt's property system, or an overload that takes
a plain number, instead; code that runs later names ``Qt`` as usual.
``tests/unit/gui/test_qt_values.py`` checks every value here against Qt's own.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

# Qt.AlignmentFlag
ALIGN_LEFT = 0x0001
ALIGN_RIGHT = 0x0002
ALIGN_HCENTER = 0x0004
ALIGN_TOP = 0x0020
ALIGN_BOTTOM = 0x0040
ALIGN_VCENTER = 0x0080
ALIGN_CENTER = 0x0084  # AlignHCenter | AlignVCenter
# Qt.TextFormat
RICH_TEXT = 1
# Qt.TextInteractionFlag
TEXT_SELECTABLE_BY_MOUSE = 1
# Qt.ScrollBarPolicy
SCROLL_BAR_ALWAYS_OFF = 1
# Qt.FocusPolicy
NO_FOCUS = 0
# Qt.ContextMenuPolicy
CUSTOM_CONTEXT_MENU = 3
# Qt.ShortcutContext
WIDGET_WITH_CHILDREN_SHORTCUT = 3
# Qt.Key (what QKeyEvent.key() returns)
KEY_RETURN = 0x01000004
KEY_ENTER = 0x01000005
# Qt.ItemDataRole (what a model's data() is asked for)
DISPLAY_ROLE = 0
ACCESSIBLE_TEXT_ROLE = 11
USER_ROLE = 0x0100


def set_qt_property(target: QObject, name: str, value: object) -> None:
    """Set ``target``'s Qt property ``name`` to ``value`` (one of Qt's enums or flags as a
    number, or a value whose setter has such overloads), as its setter would; a name the
    object has no such property for is a mistake."""
    if not target.setProperty(name, value):
        raise ValueError(f"{type(target).__name__} has no Qt property {name!r} for {value}")
