"""The Settings page and its cards."""
