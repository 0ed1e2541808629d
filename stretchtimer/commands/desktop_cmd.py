"""``stretchtimer desktop install|uninstall``: the app-menu launcher on Linux desktops."""

from __future__ import annotations

import argparse
import sys
from typing import Any

LINUX_LIKE = ("linux", "freebsd", "openbsd", "netbsd")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "desktop", help="add stretchtimer to your Linux app menu, or remove it"
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    install = actions.add_parser(
        "install", help="add the launcher and icons for you (under XDG_DATA_HOME)"
    )
    install.set_defaults(run=run_install)
    uninstall = actions.add_parser("uninstall", help="remove the launcher and icons again")
    uninstall.set_defaults(run=run_uninstall)


def _supported() -> bool:
    if sys.platform.startswith(LINUX_LIKE):
        return True
    print(
        "stretchtimer: `stretchtimer desktop` is for Linux desktops; on Windows and macOS "
        "start stretchtimer from its bundle or make a shortcut to the `stretchtimer` command.",
        file=sys.stderr,
    )
    return False


def run_install(args: argparse.Namespace) -> int:
    from stretchtimer.system.launcher import (
        DesktopIntegrationError,
        DesktopLayout,
        data_home,
        install,
        own_command,
    )

    if not _supported():
        return 1
    layout = DesktopLayout(data_home())
    command = own_command()
    try:
        written = install(layout, command)
    except DesktopIntegrationError as error:
        print(f"stretchtimer: {error}", file=sys.stderr)
        return 1
    print(f"Added Stretch Timer to your app menu: {layout.desktop_entry}")
    print(f"It starts: {' '.join(command)}")
    print(f"Icons: {len(written) - 1} files under {layout.hicolor}")
    print("It may take a moment to appear; `stretchtimer desktop uninstall` removes it.")
    return 0


def run_uninstall(args: argparse.Namespace) -> int:
    from stretchtimer.system.launcher import (
        DesktopIntegrationError,
        DesktopLayout,
        data_home,
        uninstall,
    )

    if not _supported():
        return 1
    layout = DesktopLayout(data_home())
    try:
        removed = uninstall(layout)
    except DesktopIntegrationError as error:
        print(f"stretchtimer: {error}", file=sys.stderr)
        return 1
    if removed:
        print(
            f"Removed Stretch Timer from your app menu "
            f"({len(removed)} files in {layout.data_home})."
        )
    else:
        print(f"Stretch Timer was not in your app menu (nothing found in {layout.data_home}).")
    return 0
