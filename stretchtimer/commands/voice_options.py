"""The ``--voice``, ``--rate`` (and ``--mute``) options shared by ``play`` and ``say``."""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from stretchtimer.storage.settings import Settings

MIN_RATE = 80
MAX_RATE = 400


def rate_value(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected words per minute, found {text!r}") from None
    if not MIN_RATE <= value <= MAX_RATE:
        raise argparse.ArgumentTypeError(
            f"expected a rate from {MIN_RATE} to {MAX_RATE} words per minute, found {text}"
        )
    return value


def add_voice_options(parser: Any) -> None:
    parser.add_argument(
        "--voice",
        metavar="ID",
        help="the voice to speak with (see `stretchtimer voices`); overrides the setting",
    )
    parser.add_argument(
        "--rate",
        type=rate_value,
        metavar="WPM",
        help=f"speaking rate in words per minute, {MIN_RATE} to {MAX_RATE}; overrides the setting",
    )


def voice_settings(settings: Settings, args: argparse.Namespace) -> Settings:
    """``settings`` with the command line's voice options on top."""
    changes: dict[str, Any] = {}
    if getattr(args, "voice", None) is not None:
        changes["voice"] = args.voice.strip()
        changes["voice_enabled"] = True
    if getattr(args, "rate", None) is not None:
        changes["rate"] = args.rate
    if getattr(args, "mute", False):
        changes["muted"] = True
    return dataclasses.replace(settings, **changes)
