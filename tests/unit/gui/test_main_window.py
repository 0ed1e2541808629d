"""The window as a whole: places, keyboard reach, names for screen readers, its size."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QComboBox,
    QLineEdit,
    QScrollBar,
    QWidget,
)

from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.services import AppServices
from tests.unit.gui.conftest import close_and_delete


def test_ctrl_number_moves_between_the_four_places(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    for number, place in enumerate(("routines", "session", "history", "settings"), start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.current_place() == place
        assert window.nav.buttons[place].isChecked()


def focus_chain(window: QWidget) -> list[QWidget]:
    first = window.focusWidget() or window
    chain, widget = [], first.nextInFocusChain()
    while widget is not first and len(chain) < 500:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def test_every_control_has_an_accessible_name_and_is_reachable_by_tab(
    qtbot,
    window: MainWindow,  # type: ignore[no-untyped-def]
) -> None:
    for place in ("session", "history", "settings", "routines"):
        window.show_place(place)  # pages are built when first shown
    controls = [
        widget
        for widget in window.findChildren(QWidget)
        if isinstance(widget, QAbstractButton | QAbstractSlider | QComboBox | QLineEdit)
        and not isinstance(widget, QScrollBar)
        and not isinstance(widget.parent(), QLineEdit)  # Qt's own clear button
        and not widget.objectName().startswith("qt_")
        and widget.parent() is not None
        and widget.parent().objectName() != "qt_spinbox_lineedit"
    ]
    reachable = set(focus_chain(window))
    for control in controls:
        name = control.accessibleName()
        if isinstance(control, QAbstractButton):
            name = name or control.text()
        where = f"{type(control).__name__} in {type(control.parent()).__name__}"
        assert name, where
        if control.focusPolicy() & Qt.FocusPolicy.TabFocus:
            assert control in reachable, control.accessibleName()


def test_size_and_position_are_remembered(qtbot, services: AppServices, themes) -> None:  # type: ignore[no-untyped-def]
    first = MainWindow(services)
    qtbot.addWidget(first)
    first.resize(1010, 690)
    first.move(40, 30)
    first.show()
    qtbot.waitExposed(first)
    first.close()
    second = MainWindow(services)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (1010, 690)


def test_a_start_in_the_tray_builds_the_routines_page_when_the_window_is_first_shown(
    qtbot,  # type: ignore[no-untyped-def]
    services: AppServices,
    themes,  # type: ignore[no-untyped-def]
) -> None:
    # stretchtimer --tray: an hour in the tray should not hold a page nobody has seen.
    main = MainWindow(services, furnish=False)
    try:
        main.finish_startup(when_shown=True)
        qtbot.wait(50)
        assert main.centralWidget() is None  # nothing built for a hidden window
        main.show()  # the person opens it from the tray
        qtbot.waitExposed(main)
        assert main.current_place() == "routines"
        qtbot.waitUntil(main.routines.isVisible, timeout=2000)
        assert main.routines.list.model().rowCount() > 0  # the routines are there
    finally:
        close_and_delete(main)


def test_a_settings_notice_appears_in_the_window(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.show_notice("Your settings file could not be read; the defaults are in use.")
    assert window.notices.isVisibleTo(window)
    qtbot.mouseClick(window.notices.close_button, Qt.MouseButton.LeftButton)
    assert not window.notices.isVisibleTo(window)


def test_a_damaged_history_is_set_aside_at_start_and_the_person_told_where(
    qtbot,
    services: AppServices,
    themes,  # type: ignore[no-untyped-def]
) -> None:
    history = services.paths.history
    history.parent.mkdir(parents=True, exist_ok=True)
    history.write_bytes(b"not a database at all" * 100)
    main = MainWindow(services)
    qtbot.addWidget(main)
    main.show()
    main.finish_startup()
    # The history is opened once the Routines page has painted, and the person told then.
    qtbot.waitUntil(lambda: main.notices.isVisibleTo(main), timeout=3000)
    kept = [
        path
        for path in history.parent.iterdir()
        if path.name != history.name and path.name.startswith(history.name)
    ]
    assert kept, "the damaged file must be kept, not deleted"
    assert kept[0].read_bytes() == b"not a database at all" * 100
    assert main.notices.isVisibleTo(main)
    assert str(kept[0]) in main.notices.text.text()


def test_the_arrow_keys_move_between_the_places_in_the_nav_bar(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.nav.buttons["routines"].setFocus()
    qtbot.keyClick(window.nav.buttons["routines"], Qt.Key.Key_Down)
    assert window.current_place() == "session"
    assert window.nav.buttons["session"].isChecked()
    assert not window.nav.buttons["routines"].isChecked()
