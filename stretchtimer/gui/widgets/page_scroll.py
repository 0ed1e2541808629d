"""The pages' scroll areas: frameless, on the page's own background, named for screen
readers."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from stretchtimer.gui.qt_values import NO_FOCUS, SCROLL_BAR_ALWAYS_OFF, set_qt_property


def page_scroll_area(content: QWidget, name: str, *, takes_focus: bool) -> QScrollArea:
    """A scroll area around ``content`` (styled as ``#ScrollContent``), called ``name``.

    ``takes_focus`` is for content with no controls of its own (text), so the keyboard
    can still scroll it. Otherwise the area takes no focus: the content's controls do
    and the area scrolls to each, and a screen reader does not stop on a bare pane.
    """
    content.setObjectName("ScrollContent")
    scroll = QScrollArea()
    scroll.setAccessibleName(name)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    set_qt_property(scroll, "horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)
    # A viewport of our own, not the one the scroll area made: asking for that one makes
    # PySide look up its class among every widget class it has not loaded yet (some 70,
    # each with its enums: 30-60 ms, the largest single cost of the Routines page).
    viewport = QWidget()
    viewport.setAutoFillBackground(False)
    scroll.setViewport(viewport)
    if not takes_focus:
        set_qt_property(scroll, "focusPolicy", NO_FOCUS)
    scroll.setWidget(content)
    return scroll
