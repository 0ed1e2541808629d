"""No text of the player, the Routines page, the editor or the shared widgets is
translated when its module is imported: the language is chosen after the imports."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import gettext, importlib, pkgutil
from stretchtimer.core import i18n

class TooEarly(gettext.NullTranslations):
    def gettext(self, message):
        raise SystemExit(f"translated while importing: {message!r}")
    ngettext = lambda self, one, many, count: self.gettext(one)
    pgettext = lambda self, context, message: self.gettext(message)
    npgettext = lambda self, context, one, many, count: self.gettext(one)

i18n.use(i18n.Language("xx", TooEarly()))
for folder in ("session", "routines", "editor", "widgets"):
    package = importlib.import_module(f"stretchtimer.gui.{folder}")
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"stretchtimer.gui.{folder}.{module.name}")
print("imported")
"""


def test_no_text_is_translated_while_the_modules_are_imported() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr or result.stdout
    assert result.stdout.strip() == "imported"
