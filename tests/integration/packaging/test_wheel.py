"""A built wheel, installed (not editable) into a fresh virtual environment, is a whole
working app from any folder: routines, icons and launcher files travel inside it.

The wheel is built once with the real build backend (hatchling) and installed with pip
into a new venv. Only the dependencies are borrowed: the new venv sees this venv's
site-packages through a path file, instead of installing 500 MB of PySide6 again.
A path file adds a folder but runs no path files inside it, so this checkout's
editable install stays invisible to the new venv.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from email.parser import HeaderParser
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name as canonical

from stretchtimer import APP_ID, __version__
from stretchtimer.storage.languages import DOMAINS
from stretchtimer.storage.routines.library import builtin_entries
from tests.conftest import REPO

EXCLUDED_FROM_WHEEL = (".py", "README.md", ".ico", ".icns", ".in")  # .in: launcher templates
FOLDERS_NOT_IN_WHEEL = (
    "packaging/linux/screenshots/",  # served from the release's tag
    "packaging/linux/po/",  # the launcher's catalogues: merged into its files before
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("stretchtimer-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("fresh") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / "bin" / "python"
    site_packages = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (site_packages / "borrowed_dependencies.pth").write_text(
        sysconfig.get_path("purelib") + "\n", encoding="utf-8"
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    yield folder


def run_installed(
    venv: Path, home: Path, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run a command of the fresh venv in a folder far from the checkout."""
    elsewhere = home / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    environment.update(STRETCHTIMER_HOME=str(home), **env)
    return subprocess.run(
        [str(venv / "bin" / args[0]), *args[1:]],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=environment,
        timeout=120,
        check=False,
    )


def tracked(folder: str) -> list[str]:
    """Files in ``folder`` that git does not ignore: what the build backend selects."""
    listing = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", folder],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [
        name
        for name in listing
        if not name.endswith(EXCLUDED_FROM_WHEEL) and not name.startswith(FOLDERS_NOT_IN_WHEEL)
    ]


def test_the_wheel_carries_every_packaged_file_and_nothing_else(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {"stretchtimer/" + name for name in tracked("assets")}
    wanted |= {
        name.replace("packaging/linux/", "stretchtimer/assets/linux/")
        for name in tracked("packaging/linux")
    }
    assert {name for name in names if name.startswith("stretchtimer/assets/")} == wanted
    for entry in builtin_entries():
        assert f"stretchtimer/storage/routines/builtin/{entry.id}.toml" in names
    assert f"stretchtimer/assets/linux/{APP_ID}.desktop" in names
    for language in ("de", "es", "fr"):  # the catalogues the app reads, compiled
        for domain in DOMAINS:
            assert f"stretchtimer/locale/{language}/LC_MESSAGES/{domain}.mo" in names
    assert "stretchtimer/assets/icons/stretchtimer-16.png" in names
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]


def test_the_wheel_declares_dependencies_that_this_test_run_satisfies(wheel: Path) -> None:
    """The ranges in the wheel hold the versions the suite just ran with, and both
    halves of PySide6 are asked for at one version."""
    with zipfile.ZipFile(wheel) as archive:
        info = f"stretchtimer-{__version__}.dist-info/METADATA"
        headers = HeaderParser().parsestr(archive.read(info).decode())
    requirements = [Requirement(text) for text in headers.get_all("Requires-Dist")]
    runtime = {canonical(req.name): req for req in requirements if req.marker is None}
    assert set(runtime) == {
        "pyside6-essentials",
        "pyside6-addons",
        "pyttsx3",
        "platformdirs",
        "tomli-w",
    }  # not the PySide6 meta-package, which would pull QtWebEngine; no build tools
    assert runtime["pyside6-essentials"].specifier == runtime["pyside6-addons"].specifier
    for name, requirement in runtime.items():
        installed = metadata.version(name)
        assert requirement.specifier.contains(installed, prereleases=True), (name, installed)


def test_the_installed_package_is_the_wheel_not_this_checkout(venv: Path, home: Path) -> None:
    probe = (
        "import json, sys, stretchtimer, stretchtimer.storage.resources as r; "
        "print(json.dumps({'package': stretchtimer.__file__, 'assets': str(r.assets_dir()), "
        "'linux': str(r.desktop_files_dir()), 'path': sys.path}))"
    )
    result = run_installed(venv, home, "python", "-c", probe)
    found = json.loads(result.stdout)
    package = Path(found["package"]).parent
    assert package.is_relative_to(venv)
    assert Path(found["assets"]) == package / "assets"
    assert Path(found["linux"]) == package / "assets" / "linux"
    assert str(REPO) not in found["path"]


def test_the_installed_command_runs_from_any_folder(venv: Path, home: Path) -> None:
    version = run_installed(venv, home, "stretchtimer", "--version")
    assert version.stdout.strip() == f"stretchtimer {__version__}", version.stderr

    listing = run_installed(venv, home, "stretchtimer", "routines", "list", "--json")
    assert listing.returncode == 0, listing.stderr
    assert {item["id"] for item in json.loads(listing.stdout) if item["builtin"]} == {
        entry.id for entry in builtin_entries()
    }

    played = run_installed(
        venv,
        home,
        "stretchtimer",
        "play",
        "two-minute-reset",
        "--no-gui",
        "--mute",
        "--speed",
        "100",
    )
    assert played.returncode == 0, played.stderr
    assert "Session complete" in played.stdout

    assert (venv / "bin" / "stretchtimer-gui").is_file()


def test_the_installed_app_adds_a_launcher_that_runs_it(venv: Path, home: Path) -> None:
    data_home = home / "share"
    result = run_installed(
        venv, home, "stretchtimer", "desktop", "install", XDG_DATA_HOME=str(data_home)
    )
    assert result.returncode == 0, result.stderr
    text = (data_home / "applications" / f"{APP_ID}.desktop").read_text()
    assert f"Exec={venv / 'bin' / 'stretchtimer'}\n" in text
    assert (data_home / f"icons/hicolor/512x512/apps/{APP_ID}.png").is_file()
