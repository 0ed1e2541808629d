"""``stretchtimer paths``: where the app keeps its files."""

from __future__ import annotations

import argparse
import json
from typing import Any

from stretchtimer.storage.paths import app_paths


def register(commands: Any) -> None:
    parser = commands.add_parser("paths", help="show where stretchtimer keeps its files")
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    listing = app_paths().listing()
    if args.json:
        print(json.dumps({name: str(path) for name, path in listing}, indent=2))
    else:
        for name, path in listing:
            print(f"{name}: {path}")
    return 0
