"""stretchtimer: a guided-stretching timer that speaks every step."""

__version__ = "0.1.0"

APP_NAME = "stretchtimer"
APP_DISPLAY_NAME = "Stretch Timer"
APP_ID = "io.github.stretchtimer.StretchTimer"
