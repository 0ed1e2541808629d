"""The ``--voice``, ``--rate`` (and ``--mute``) options shared by ``play`` and ``say``."""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from stretchtimer.core.i18n import _
from stretchtimer.storage.settings import Settings

MIN_RATE = 80
MAX_RATE = 400


def rate_value(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("expected words per minute, found {text}").format(text=repr(text))
        ) from None
    if not MIN_RATE <= value <= MAX_RATE:
        raise argparse.ArgumentTypeError(
            _("expected a rate from {lowest} to {highest} words per minute, found {text}").format(
                lowest=MIN_RATE, highest=MAX_RATE, text=text
            )
        )
    return value


def add_voice_options(parser: Any) -> None:
    parser.add_argument(
        "--voice",
        metavar="ID",
        help=_("the voice to speak with (see `stretchtimer voices`); overrides the setting"),
    )
    parser.add_argument(
        "--rate",
        type=rate_value,
        metavar="WPM",
        help=_(
            "speaking rate in words per minute, {lowest} to {highest}; overrides the setting"
        ).format(lowest=MIN_RATE, highest=MAX_RATE),
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
