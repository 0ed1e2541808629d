"""Plain text made safe to show inside Qt rich text (the labels that use a little HTML).

Not :func:`html.escape`: importing :mod:`html` loads its table of 2,000 named
entities (half a megabyte), and Qt's rich text needs only these five characters
escaped.
"""

from __future__ import annotations

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escaped(text: str) -> str:
    """``text`` with ``& < > " '`` written as entities, so it shows as typed."""
    return text.translate(_ESCAPES)
