"""Offline text-to-speech rendered ahead of a session. No Qt."""
