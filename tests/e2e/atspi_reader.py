"""What a screen reader gets from a running app: its accessibility tree over AT-SPI.

Run with the system's Python (``/usr/bin/python3``), which has the AT-SPI client
library (``gir1.2-atspi-2.0``, ``python3-gi``); the project's virtual environment
does not. It talks to the accessibility bus of the session in
``DBUS_SESSION_BUS_ADDRESS``, as Orca does.

    atspi_reader.py tree APP          print APP's tree as JSON (what is showing)
    atspi_reader.py focus APP NAME    give the keyboard focus to the object named NAME
"""

from __future__ import annotations

import json
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

WAIT = 30.0  # seconds for the app to appear on the bus


def find_app(name: str) -> Atspi.Accessible:
    deadline = time.monotonic() + WAIT
    seen: list[str] = []
    while time.monotonic() < deadline:
        desktop = Atspi.get_desktop(0)
        apps = [desktop.get_child_at_index(i) for i in range(desktop.get_child_count())]
        seen = [app.get_name() for app in apps if app is not None]
        for app in apps:
            if app is not None and app.get_name() == name:
                return app
        time.sleep(0.3)
    sys.exit(f"{name!r} is not on the accessibility bus (there: {seen})")


def node(accessible: Atspi.Accessible) -> dict[str, object] | None:
    states = accessible.get_state_set()
    if not states.contains(Atspi.StateType.SHOWING):
        return None
    children = [node(accessible.get_child_at_index(i)) for i in range(accessible.get_child_count())]
    return {
        "role": accessible.get_role_name(),
        "name": accessible.get_name() or "",
        "description": accessible.get_description() or "",
        "focusable": states.contains(Atspi.StateType.FOCUSABLE),
        "focused": states.contains(Atspi.StateType.FOCUSED),
        "checked": states.contains(Atspi.StateType.CHECKED),
        "children": [child for child in children if child is not None],
    }


def named(accessible: Atspi.Accessible, name: str) -> Atspi.Accessible | None:
    if accessible.get_name() == name:
        return accessible
    for index in range(accessible.get_child_count()):
        found = named(accessible.get_child_at_index(index), name)
        if found is not None:
            return found
    return None


def main() -> None:
    command, app_name = sys.argv[1], sys.argv[2]
    app = find_app(app_name)
    if command == "tree":
        print(json.dumps(node(app)))
    elif command == "focus":
        target = named(app, sys.argv[3])
        if target is None:
            sys.exit(f"nothing named {sys.argv[3]!r}")
        if not target.get_component_iface().grab_focus():
            sys.exit(f"{sys.argv[3]!r} did not take the focus")
    else:
        sys.exit(f"unknown command {command!r}")


if __name__ == "__main__":
    main()
