"""Text a person typed shows as typed inside the labels that use a little HTML."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QTextDocument

from stretchtimer.gui.widgets.rich_text import escaped


@given(st.text())
def test_escaped_text_reads_back_as_typed_in_qt_rich_text(text: str) -> None:
    document = QTextDocument()
    document.setHtml(f"<p>{escaped(text)}</p>")
    shown = document.toPlainText()
    typed = " ".join(text.split())  # rich text folds runs of white space, as HTML does
    assert " ".join(shown.split()) == typed or not typed.isprintable()


@given(st.text())
def test_escaped_is_what_the_standard_library_escapes(text: str) -> None:
    assert escaped(text) == html.escape(text)
