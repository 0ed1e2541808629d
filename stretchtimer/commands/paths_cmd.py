"""``stretchtimer paths``: where the app keeps its files."""

from __future__ import annotations

import argparse
import json
from typing import Any

from stretchtimer.core.i18n import _, p_
from stretchtimer.storage.paths import app_paths


def register(commands: Any) -> None:
    parser = commands.add_parser("paths", help=_("show where stretchtimer keeps its files"))
    parser.add_argument("--json", action="store_true", help=_("print a JSON object"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    listing = app_paths().listing()
    if args.json:
        print(json.dumps({name: str(path) for name, path in listing}, indent=2))
    else:
        labels = _labels()
        for name, path in listing:
            print(f"{labels.get(name, name)}: {path}")
    return 0


def _labels() -> dict[str, str]:
    """What each place is called on the screen (the JSON keeps the names)."""
    return {
        "data": p_("paths", "data"),
        "config": p_("paths", "config"),
        "cache": p_("paths", "cache"),
        "logs": p_("paths", "logs"),
        "routines": p_("paths", "routines"),
        "history": p_("paths", "history"),
        "settings": p_("paths", "settings"),
    }
