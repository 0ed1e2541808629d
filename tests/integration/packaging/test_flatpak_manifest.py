"""The Flatpak manifest cannot be built here (no network, no runtimes), so these tests
hold it to what can be checked: flatpak-builder reads it without complaint, it asks
for sound and nothing more, it pins every download, and it agrees with the project."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

from stretchtimer import APP_ID, APP_NAME
from stretchtimer.storage.resources import ICON_SIZES
from tests.conftest import REPO

MANIFEST = REPO / "packaging" / "flatpak" / f"{APP_ID}.json"
SHA256 = re.compile(r"[0-9a-f]{64}")


def manifest() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return loaded


def module(name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(item for item in manifest()["modules"] if item["name"] == name)
    return found


def test_flatpak_builder_reads_the_manifest_and_knows_every_key(tmp_path: Path) -> None:
    result = subprocess.run(
        ["flatpak-builder", "--show-manifest", str(MANIFEST)],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # it makes its state folder (.flatpak-builder) where it runs
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Unknown property" not in result.stderr, result.stderr
    assert json.loads(result.stdout)["id"] == APP_ID


def test_it_runs_on_the_pyside_base_app_of_its_kde_runtime() -> None:
    data = manifest()
    assert data["id"] == APP_ID
    assert data["base"] == "io.qt.PySide.BaseApp"
    assert data["runtime"] == "org.kde.Platform"
    assert data["base-version"] == data["runtime-version"]
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert data["command"] == APP_NAME and APP_NAME in scripts


def test_it_asks_for_sound_and_a_window_and_no_network_or_files() -> None:
    permissions = manifest()["finish-args"]
    assert "--socket=pulseaudio" in permissions
    # Reminders with buttons, and the tray icon (StatusNotifierItem) on the session bus.
    assert "--talk-name=org.freedesktop.Notifications" in permissions
    assert "--talk-name=org.kde.StatusNotifierWatcher" in permissions
    assert not [item for item in permissions if item.startswith("--socket=session-bus")]
    assert "--socket=wayland" in permissions and "--socket=fallback-x11" in permissions
    assert not [
        item for item in permissions if item.startswith(("--share=network", "--filesystem"))
    ]


def test_espeak_ng_is_built_from_a_pinned_release_without_extra_libraries() -> None:
    espeak = module("espeak-ng")
    archive = espeak["sources"][0]
    assert archive["type"] == "archive"
    assert archive["url"].startswith("https://github.com/espeak-ng/espeak-ng/")
    assert SHA256.fullmatch(archive["sha256"])
    # pyttsx3 asks espeak-ng for samples (AUDIO_OUTPUT_RETRIEVAL): no audio library needed
    assert "--with-pcaudiolib=no" in espeak["config-opts"]


def test_every_download_is_https_and_pinned_by_sha256() -> None:
    for item in manifest()["modules"]:
        for source in item["sources"]:
            if source["type"] in {"archive", "file"}:
                assert source["url"].startswith("https://"), source
                assert SHA256.fullmatch(source["sha256"]), source


def test_the_python_wheels_are_the_runtime_dependencies_at_allowed_versions() -> None:
    """Everything pyproject.toml asks for, except PySide6 (the base app has it)."""
    wheels = {}
    for source in module("python3-dependencies")["sources"]:
        name, version, _, _ = parse_wheel_filename(source["url"].rsplit("/", 1)[1])
        wheels[canonicalize_name(name)] = version
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = {
        canonicalize_name(requirement.name): requirement
        for requirement in map(Requirement, project["dependencies"])
        if not requirement.name.lower().startswith("pyside6")
    }
    assert set(wheels) == set(wanted)
    for name, requirement in wanted.items():
        assert requirement.specifier.contains(wheels[name]), (name, wheels[name])


def test_the_files_it_installs_exist_in_the_checkout() -> None:
    app = module("stretchtimer")
    (source,) = app["sources"]
    root = (MANIFEST.parent / source["path"]).resolve()
    assert root == REPO
    commands = "\n".join(app["build-commands"])
    for path in re.findall(r"(?:packaging|assets)/[\w./${}-]+", commands):
        if "${size}" in path:
            for size in ICON_SIZES:
                assert (root / path.replace("${size}", str(size))).is_file(), path
        else:
            assert (root / path).is_file(), path
    assert f"for size in {' '.join(map(str, ICON_SIZES))};" in commands  # every rendered size
