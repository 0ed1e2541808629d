"""The app in another language, for tests: a shipped one, or the pseudo-language ``qps``.

The pseudo-language wraps every marked text in ⟦ ⟧, so a text a person sees or hears
without the marks was never marked for translation. Use the fixtures in tests/conftest.py:
``pseudo_locale`` (the folder with its catalogues, built once a run) and ``language``
(a function that switches the app's language until the test ends).
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
PSEUDO = "qps"
# A text of the pseudo-language: everything the catalogue translated sits between the marks,
# and a translated part may sit inside a translated sentence ("⟦⟦hold ⟦20 s⟧⟧, each side⟧").
_INNERMOST = re.compile(r"⟦[^⟦⟧]*⟧")


def translations_script() -> ModuleType:
    """packaging/translations.py (``packaging`` is also pip's library: loaded by path)."""
    spec = importlib.util.spec_from_file_location(
        "translations", REPO / "packaging" / "translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def unmarked(text: str, allowed: tuple[str, ...] = ()) -> str:
    """What is left of ``text`` outside the marks, less the ``allowed`` parts (names,
    numbers, punctuation): words there were never translated."""
    rest = text
    while (inner := _INNERMOST.sub(" ", rest)) != rest:  # innermost marks first
        rest = inner
    for part in allowed:
        rest = rest.replace(part, " ")
    return " ".join(re.findall(r"[^\W\d_]{2,}", rest))
