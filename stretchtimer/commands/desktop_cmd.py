"""``stretchtimer desktop install|uninstall``: the app-menu launcher on Linux desktops."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from stretchtimer.core.i18n import _, n_

LINUX_LIKE = ("linux", "freebsd", "openbsd", "netbsd")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "desktop", help=_("add stretchtimer to your Linux app menu, or remove it")
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    install = actions.add_parser(
        "install", help=_("add the launcher and icons for you (under XDG_DATA_HOME)")
    )
    install.set_defaults(run=run_install)
    uninstall = actions.add_parser("uninstall", help=_("remove the launcher and icons again"))
    uninstall.set_defaults(run=run_uninstall)


def _supported() -> bool:
    if sys.platform.startswith(LINUX_LIKE):
        return True
    sentence = _(
        "`stretchtimer desktop` is for Linux desktops; on Windows and macOS "
        "start stretchtimer from its bundle or make a shortcut to the `stretchtimer` command."
    )
    print(f"stretchtimer: {sentence}", file=sys.stderr)
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
    icons = len(written) - 1
    print(_("Added Stretch Timer to your app menu: {file}").format(file=layout.desktop_entry))
    print(_("It starts: {command}").format(command=" ".join(command)))
    print(
        n_(
            "Icons: {count} file under {folder}", "Icons: {count} files under {folder}", icons
        ).format(count=icons, folder=layout.hicolor)
    )
    print(_("It may take a moment to appear; `stretchtimer desktop uninstall` removes it."))
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
            n_(
                "Removed Stretch Timer from your app menu ({count} file in {folder}).",
                "Removed Stretch Timer from your app menu ({count} files in {folder}).",
                len(removed),
            ).format(count=len(removed), folder=layout.data_home)
        )
    else:
        print(
            _("Stretch Timer was not in your app menu (nothing found in {folder}).").format(
                folder=layout.data_home
            )
        )
    return 0
