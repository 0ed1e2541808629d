"""Settings: defaults for every key, atomic saves, and a bad file is never lost."""

from __future__ import annotations

import dataclasses
import errno
import os
import stat
import tomllib
from pathlib import Path

import pytest

from stretchtimer.storage import atomic
from stretchtimer.storage import settings as settings_module
from stretchtimer.storage.settings import SETTINGS_VERSION, Settings, SettingsStore


def test_no_file_means_every_default(tmp_path: Path) -> None:
    result = SettingsStore(tmp_path / "settings.toml").load()
    assert result.settings == Settings() and result.notice is None


def test_saved_settings_load_back_and_the_file_is_private_and_versioned(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "config" / "settings.toml")
    changed = dataclasses.replace(
        Settings(),
        rate=200,
        voice_volume=0.5,
        theme="dark",
        reminder_days=("mon", "wed"),
        breath_guidance="tones",
    )
    store.save(changed)
    assert store.load().settings == changed
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    document = tomllib.loads(store.path.read_text())
    assert document["version"] == SETTINGS_VERSION
    assert document["voice"]["rate"] == 200 and document["appearance"]["theme"] == "dark"


def test_a_partial_file_fills_the_rest_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("version = 1\n[voice]\nrate = 120\n")
    result = SettingsStore(path).load()
    assert result.settings == dataclasses.replace(Settings(), rate=120)
    assert result.notice is None


def test_an_unreadable_file_is_kept_aside_and_the_person_told(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("version = 1\n[voice\nrate = 120\n")
    original = path.read_bytes()
    store = SettingsStore(path)
    result = store.load()
    assert result.settings == Settings()
    assert result.notice is not None and "settings.toml.unreadable-1" in result.notice
    assert (tmp_path / "settings.toml.unreadable-1").read_bytes() == original
    store.save(result.settings)  # saving later does not lose the person's file
    assert (tmp_path / "settings.toml.unreadable-1").read_bytes() == original


def test_invalid_values_fall_back_one_by_one_and_the_file_is_copied(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        'version = 1\n[voice]\nrate = 9000\nvoice_volume = 0.3\n[appearance]\ntheme = "purple"\n'
    )
    result = SettingsStore(path).load()
    assert result.settings.rate == Settings().rate
    assert result.settings.voice_volume == 0.3
    assert result.settings.theme == "system"
    assert result.notice is not None and "voice.rate = 9000 is not valid" in result.notice
    assert (tmp_path / "settings.toml.invalid-1").exists()


def test_a_file_from_a_newer_version_is_read_but_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    text = "version = 99\n[voice]\nrate = 150\n[future]\nthing = 1\n"
    path.write_text(text)
    store = SettingsStore(path)
    result = store.load()
    assert result.settings.rate == 150
    assert result.notice is not None and "newer" in result.notice
    store.save(dataclasses.replace(result.settings, rate=300))
    assert path.read_text() == text


def test_older_files_are_upgraded_with_a_backup_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings_module, "SETTINGS_VERSION", 2)

    def rename_speed(document: dict) -> dict:  # type: ignore[type-arg]
        document["voice"]["rate"] = document["voice"].pop("speed")
        document["version"] = 2
        return document

    monkeypatch.setitem(settings_module.UPGRADES, 1, rename_speed)
    path = tmp_path / "settings.toml"
    path.write_text("version = 1\n[voice]\nspeed = 140\n")
    result = SettingsStore(path).load()
    assert result.settings.rate == 140 and result.notice is None
    assert (tmp_path / "settings.toml.v1-1").read_text() == "version = 1\n[voice]\nspeed = 140\n"
    assert tomllib.loads(path.read_text())["version"] == 2


def test_a_full_disk_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.toml"
    store = SettingsStore(path)
    store.save(Settings())
    before = path.read_text()

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)  # a full disk cannot be had here
    with pytest.raises(OSError, match="No space left"):
        store.save(dataclasses.replace(Settings(), rate=99))
    assert path.read_text() == before
    assert sorted(item.name for item in tmp_path.iterdir()) == ["settings.toml"]  # no debris


def test_the_comfort_question_is_a_choice_asked_only_where_a_routine_calls_for_it(
    tmp_path: Path,
) -> None:
    assert Settings().comfort_rating == "routine"
    path = tmp_path / "settings.toml"
    path.write_text('version = 1\n[session]\ncomfort_rating = "always"\n')
    assert SettingsStore(path).load().settings.comfort_rating == "always"
    path.write_text("version = 1\n[session]\ncomfort_rating = true\n")  # not a choice
    result = SettingsStore(path).load()
    assert result.settings.comfort_rating == "routine"
    assert (
        result.notice is not None and "session.comfort_rating = True is not valid" in result.notice
    )


@pytest.mark.parametrize(
    "text",
    [
        "version = 0\n[voice]\nrate = 120\n",
        "version = -3\n",
        "version = 1\n[voice]\nvoice = " + "[" * 5000 + "]" * 5000 + "\n",
        "version = 1\n[voice]\nrate = " + "9" * 5000 + "\n",
        "version = 1\n" + "a" + ".a" * 3000 + " = 1\n",
    ],
    ids=["version-0", "version-negative", "nested-5000", "digits-5000", "dotted-3000"],
)
def test_a_file_that_cannot_be_used_falls_back_to_defaults_with_one_sentence(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text)
    result = SettingsStore(path).load()
    assert result.settings == Settings()
    assert result.notice is not None and "\n" not in result.notice
    assert len(result.notice) < 400
    copy = tmp_path / "settings.toml.unreadable-1"
    assert copy.read_text() == text


def test_a_bad_file_is_copied_aside_once_owner_only_while_it_stays(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("version = 1\n[voice\n" + "#" * 500_000 + "\n")
    path.chmod(0o644)
    for _ in range(3):
        result = SettingsStore(path).load()
        assert result.notice is not None and "settings.toml.unreadable-1" in result.notice
    copies = sorted(item.name for item in tmp_path.iterdir() if item.name != "settings.toml")
    assert copies == ["settings.toml.unreadable-1"]
    assert stat.S_IMODE((tmp_path / copies[0]).stat().st_mode) == 0o600
    path.write_text('version = 1\n[appearance]\ntheme = "purple"\n')  # another bad file
    for _ in range(2):
        assert "settings.toml.invalid-1" in (SettingsStore(path).load().notice or "")
    path.write_text("version = 1\n[voice\n")  # and a third, of the first kind
    assert "settings.toml.unreadable-2" in (SettingsStore(path).load().notice or "")
    assert len(list(tmp_path.iterdir())) == 4


def test_a_settings_file_that_is_a_folder_or_huge_leaves_the_defaults(tmp_path: Path) -> None:
    folder = tmp_path / "settings.toml"
    folder.mkdir()
    result = SettingsStore(folder).load()
    assert result.settings == Settings()
    assert result.notice is not None and "is a folder" in result.notice
    huge = tmp_path / "big.toml"
    huge.write_text("version = 1\n" + "# padding\n" * 300_000)
    result = SettingsStore(huge).load()
    assert result.settings == Settings()
    assert result.notice is not None and "over the limit of 1.0 MB" in result.notice
    assert not (tmp_path / "big.toml.unreadable-1").exists()  # nothing read, nothing copied
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)  # a reader of a FIFO waits for a writer for ever
    result = SettingsStore(fifo).load()
    assert result.notice is not None and "not an ordinary file" in result.notice


def test_a_long_invalid_value_is_shortened_in_the_sentence(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('version = 1\n[appearance]\ntheme = "' + "p" * 100_000 + '"\n')
    result = SettingsStore(path).load()
    assert result.notice is not None and len(result.notice) < 400
