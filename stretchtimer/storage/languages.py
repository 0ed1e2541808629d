"""The languages stretchtimer ships, and which one a person gets.

Catalogues are gettext files inside the package. Each part of the app has its own
domain, so that translators (and Weblate, one component a domain) see them apart:

- ``core``: spoken phrases, reminders and every message of the core, storage, speech,
  runtime and system layers;
- ``cli``: the command line (``stretchtimer --help`` and every command's output);
- ``app``: the desktop app.

Sources live in ``stretchtimer/locale/<domain>/<lang>.po`` next to the template
``<domain>.pot``; the compiled catalogues the app reads live in the standard
``stretchtimer/locale/<lang>/LC_MESSAGES/<domain>.mo``
(``packaging/translations.py`` makes both). Adding a language is adding its ``.po``
files and compiling them.

The language comes from, in order: ``--lang`` on the command line, the Language
setting, the system's locale (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``,
then the platform's), and English.
"""

from __future__ import annotations

import functools
import gettext
import locale
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from stretchtimer.core.i18n import SOURCE_LANGUAGE, Language, base_tag, p_, speaking_in
from stretchtimer.storage.bounded_read import FileRefusedError, read_bounded
from stretchtimer.storage.settings import MAX_SETTINGS_BYTES

if TYPE_CHECKING:
    from stretchtimer.core.routine.model import Routine

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
SOURCE_NAME = "English"
DOMAINS = ("core", "cli", "app")


def shipped_languages(locale_dir: Path = LOCALE_DIR) -> list[str]:
    """The languages with catalogues, English first."""
    found = (
        {entry.name for entry in locale_dir.iterdir() if (entry / "LC_MESSAGES").is_dir()}
        if locale_dir.is_dir()
        else set()
    )
    return [SOURCE_LANGUAGE, *sorted(found - {SOURCE_LANGUAGE})]


@functools.cache
def native_name(tag: str, locale_dir: Path = LOCALE_DIR) -> str:
    """The language's own name for itself ("Deutsch"), from its catalogue: a translator
    names their language there, so a new language needs no code; the tag without one."""
    if base_tag(tag) == SOURCE_LANGUAGE:
        return SOURCE_NAME
    with speaking_in(load_language(base_tag(tag), locale_dir)):
        # TRANSLATORS: not "English": your language's name for itself, as the Language
        # setting lists it ("Deutsch", "Español", "Français").
        named = p_("the name of this language, in this language", "English")
    return named if named != SOURCE_NAME else tag


def load_language(tag: str, locale_dir: Path = LOCALE_DIR) -> Language:
    """``tag`` with its catalogues; a language without any reads as written (English).

    A tag without catalogues still counts (``ar`` lays the app out right to left even
    when no Arabic catalogue ships).
    """
    chain: gettext.NullTranslations | None = None
    for domain in DOMAINS:
        try:
            found = gettext.translation(domain, locale_dir, languages=[tag])
        except OSError:  # no such catalogue, or one that cannot be read
            continue
        if chain is None:
            chain = found
        else:
            chain.add_fallback(found)
    return Language(tag, chain or gettext.NullTranslations())


def session_language(routine: Routine, wanted: Language) -> tuple[Routine, Language]:
    """The routine as read in the language it plays in, and that language: ``wanted``
    when the routine is written or translated in it, else the routine's own (a person's
    French routine plays in French, by a French voice, in a German app). A session and
    ``routines script`` both follow this rule."""
    # Here, not at the top: every start chooses its language with this module, and the
    # routine model (a dozen dataclasses) is not needed for the window's first frame.
    from stretchtimer.core.routine.language_tags import same_language
    from stretchtimer.core.routine.languages import in_language, playing_language

    tag = playing_language(routine, wanted.tag)
    chosen = wanted if same_language(tag, wanted.tag) else load_language(tag)
    return in_language(routine, tag), chosen


def _usable(tag: str) -> bool:
    return bool(tag) and base_tag(tag) not in {"c", "posix"}


def system_language(environ: Mapping[str, str] | None = None, locale_dir: Path = LOCALE_DIR) -> str:
    """The first language of the system's that stretchtimer speaks, else English."""
    environ = os.environ if environ is None else environ
    wanted: list[str] = []
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if not value:
            continue
        wanted += value.split(":") if name == "LANGUAGE" else [value]
        if name != "LANGUAGE":
            break  # the first of LC_ALL, LC_MESSAGES, LANG that is set decides
    if not wanted:
        platform_tag = locale.getlocale()[0]
        wanted = [platform_tag] if platform_tag else []
    shipped = set(shipped_languages(locale_dir))
    for tag in filter(_usable, wanted):
        if base_tag(tag) in shipped:
            return base_tag(tag)
    return SOURCE_LANGUAGE


def configured_language(settings_file: Path) -> str:
    """The Language setting, read without judging the rest of the file ("" if none).

    The settings store reads, checks and repairs the file later; here only the one key
    is wanted, before anything is shown. It is read within the same bounds as there
    (a FIFO, a huge file or ``[[[[...`` nested a thousand deep reads as no setting).
    """
    try:
        data = read_bounded(settings_file, MAX_SETTINGS_BYTES)
    except (OSError, FileRefusedError):
        return ""
    # The TOML parser only for a file that is there (a fresh start has none): some 12M
    # instructions before the window's first frame.
    import tomllib

    from stretchtimer.core.bounded_parse import ParseLimitError, loads_toml

    try:
        document = loads_toml(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, ParseLimitError, UnicodeDecodeError):
        return ""
    appearance = document.get("appearance")
    value = appearance.get("language", "") if isinstance(appearance, dict) else ""
    return value.strip() if isinstance(value, str) and len(value) <= 20 else ""


def choose_language(
    asked: str | None,
    settings_file: Path | None,
    environ: Mapping[str, str] | None = None,
    locale_dir: Path = LOCALE_DIR,
) -> str:
    """The language to use: ``--lang``, else the setting, else the system's."""
    if asked:
        return asked
    configured = configured_language(settings_file) if settings_file else ""
    return configured or system_language(environ, locale_dir)
