"""The language in use, and a routine read in its own language without changing the app's."""

from __future__ import annotations

import gettext
import threading
from collections.abc import Iterator

import pytest

from stretchtimer.core import i18n
from stretchtimer.core.i18n import Language, _, base_tag, n_


class Catalogue(gettext.NullTranslations):
    """A catalogue as gettext would load it: one text, and German plurals."""

    def gettext(self, message: str) -> str:
        return {"Switch sides.": "Seite wechseln."}.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return "{count} Atemzug" if n == 1 else "{count} Atemzüge"


GERMAN = Language("de_DE.UTF-8", Catalogue())


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.use(i18n.SOURCE)


def test_texts_read_as_written_until_a_language_is_chosen() -> None:
    assert _("Switch sides.") == "Switch sides."
    assert n_("{count} breath", "{count} breaths", 3).format(count=3) == "3 breaths"


def test_the_chosen_language_translates_every_later_text() -> None:
    i18n.use(GERMAN)
    assert _("Switch sides.") == "Seite wechseln."
    assert n_("{count} breath", "{count} breaths", 1).format(count=1) == "1 Atemzug"
    assert i18n.app_language().base == "de"


def test_a_routine_is_read_in_its_own_language_and_the_app_keeps_its_own() -> None:
    with i18n.speaking_in(GERMAN):
        assert _("Switch sides.") == "Seite wechseln."
        assert i18n.current() is GERMAN
    assert _("Switch sides.") == "Switch sides."
    assert i18n.current() is i18n.SOURCE


def test_speaking_in_a_language_leaves_other_threads_alone() -> None:
    seen: list[str] = []
    with i18n.speaking_in(GERMAN):
        other = threading.Thread(target=lambda: seen.append(_("Switch sides.")))
        other.start()
        other.join(5)
    assert seen == ["Switch sides."]


@pytest.mark.parametrize(
    ("tag", "base"),
    [("de_DE.UTF-8", "de"), ("de-AT", "de"), ("fr_CA@euro", "fr"), ("ES", "es"), ("ar", "ar")],
)
def test_a_tag_names_its_language_without_region_or_encoding(tag: str, base: str) -> None:
    assert base_tag(tag) == base


def test_arabic_and_hebrew_are_written_right_to_left_and_german_is_not() -> None:
    assert Language("ar").right_to_left
    assert Language("he_IL").right_to_left
    assert not Language("de").right_to_left
    assert Language("en_GB").is_source
