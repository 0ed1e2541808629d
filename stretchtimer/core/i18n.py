"""The words a person reads and hears, in their language: gettext throughout.

One system for every layer, because the core, the command line and the spoken phrases
must not load Qt, and one catalogue format (``.po``) is what translators and Weblate
read. Qt's own catalogue (``qtbase``) still translates Qt's standard buttons and
dialogs in the desktop app.

Mark a text with ``_`` where it is used; ``n_`` for a count ("1 breath left",
"3 breaths left"), whose forms each language's catalogue decides; ``p_`` where the same
English word needs a different translation by context; ``N_`` for a text kept in a
constant and translated later with ``_``. Placeholders are named, ``{count}``, and filled
with ``str.format`` after translating, so that a translator can move them::

    n_("{count} breath left", "{count} breaths left", left).format(count=left)

The catalogues are loaded by :mod:`stretchtimer.storage.languages`; the language in use
is process-wide (:func:`use`), and :func:`speaking_in` reads one routine's words in the
routine's own language without changing the app's.
"""

from __future__ import annotations

import contextvars
import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

SOURCE_LANGUAGE = "en"
# Scripts written right to left; the desktop app mirrors its layout for them.
_RIGHT_TO_LEFT = frozenset({"ar", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"})


def base_tag(tag: str) -> str:
    """``"de_DE.UTF-8"`` or ``"de-AT"`` → ``"de"``: the language without region or encoding."""
    language = tag.split(".", maxsplit=1)[0].split("@", maxsplit=1)[0]
    return language.replace("-", "_").split("_", maxsplit=1)[0].lower()


@dataclass(frozen=True)
class Language:
    """A language and the catalogue that translates into it."""

    tag: str
    translations: gettext.NullTranslations = field(
        default_factory=gettext.NullTranslations, compare=False, repr=False
    )

    @property
    def base(self) -> str:
        return base_tag(self.tag)

    @property
    def right_to_left(self) -> bool:
        return self.base in _RIGHT_TO_LEFT

    @property
    def is_source(self) -> bool:
        return self.base == SOURCE_LANGUAGE


SOURCE = Language(SOURCE_LANGUAGE)

_app_language: Language = SOURCE
_spoken: contextvars.ContextVar[Language | None] = contextvars.ContextVar("spoken", default=None)


def _catalogue() -> gettext.NullTranslations:
    return (_spoken.get() or _app_language).translations


def _(message: str) -> str:
    """``message`` in the language in use."""
    return _catalogue().gettext(message)


def n_(singular: str, plural: str, count: int) -> str:
    """The form of ``singular``/``plural`` the language uses for ``count``."""
    return _catalogue().ngettext(singular, plural, count)


def p_(context: str, message: str) -> str:
    """``message`` translated as meant in ``context`` (the same word, other meanings)."""
    return _catalogue().pgettext(context, message)


def np_(context: str, singular: str, plural: str, count: int) -> str:
    return _catalogue().npgettext(context, singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for "mark, translate later"
    """Marks ``message`` for the catalogue without translating it yet."""
    return message


def use(language: Language) -> None:
    """Make ``language`` the app's language, for every text from now on."""
    global _app_language  # noqa: PLW0603 - one language per process, chosen at start
    _app_language = language


def app_language() -> Language:
    return _app_language


def current() -> Language:
    """The language texts are in right now (a routine's own, inside :func:`speaking_in`)."""
    return _spoken.get() or _app_language


@contextmanager
def speaking_in(language: Language) -> Iterator[Language]:
    """Within the block, texts are translated into ``language`` (in this thread only)."""
    token = _spoken.set(language)
    try:
        yield language
    finally:
        _spoken.reset(token)
