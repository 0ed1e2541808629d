"""The built-in routines' tags read in the person's language; a person's own as written."""

from __future__ import annotations

from collections.abc import Callable

from stretchtimer.core.i18n import Language
from stretchtimer.core.routine.tags import tag_name
from stretchtimer.storage.routines.library import builtin_entries


def test_every_builtin_tag_is_translated_and_own_tags_are_kept(
    language: Callable[[str], Language],
) -> None:
    tags = {tag for entry in builtin_entries() if entry.routine for tag in entry.routine.tags}
    assert tag_name("hips") == "hips"
    for tag in ("de", "es", "fr"):
        language(tag)
        untranslated = sorted(name for name in tags if tag_name(name) == name)
        assert untranslated == [], f"{tag}: {untranslated}"
        assert tag_name("my evening tag") == "my evening tag"
    language("de")
    assert tag_name("hips") == "Hüften"
