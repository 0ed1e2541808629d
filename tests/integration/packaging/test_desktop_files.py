"""The launcher and AppStream files pass the freedesktop validators and agree with the
app: same id, icon name, command, window class and version."""

from __future__ import annotations

import configparser
import struct
import subprocess
import tomllib
from pathlib import Path
from xml.etree import ElementTree

import stretchtimer
from stretchtimer import APP_ID, APP_NAME
from stretchtimer.storage.resources import desktop_entry_path, metainfo_path
from tests.conftest import REPO

TAG_URL = "https://raw.githubusercontent.com/stretchtimer/stretchtimer/v{version}/"
SCREENSHOT_URL = TAG_URL + "packaging/linux/screenshots/{name}.png"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# AppStream recommends 16:9 screenshots of 1248×702 or larger; ours are 1280×720.
SMALLEST_SCREENSHOT = (1000, 560)
WIDE = 16 / 9
# The app id has capitals (chosen for the whole project); AppStream's pedantic mode
# notes that and still passes. Every other note would fail this test.
ACCEPTED_PEDANTIC_NOTES = {"cid-contains-uppercase-letter"}


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_launcher_passes_desktop_file_validate() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(desktop_entry_path())],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # not even a hint


def test_the_launcher_names_the_app_the_way_the_app_names_itself() -> None:
    entry = desktop_entry(desktop_entry_path())
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert desktop_entry_path().name == f"{APP_ID}.desktop"
    assert entry["Icon"] == APP_ID  # installed into the hicolor theme under the app id
    assert entry["Exec"] == APP_NAME and APP_NAME in scripts
    assert entry["StartupWMClass"] == APP_NAME  # what Qt sets as the X11 window class
    assert entry["Name"] == stretchtimer.APP_DISPLAY_NAME
    assert entry["Terminal"] == "false"


def test_the_metainfo_passes_appstream_pedantic_validation() -> None:
    result = subprocess.run(
        [
            "appstreamcli",
            "validate",
            "--pedantic",
            "--no-net",
            "--format=yaml",
            str(metainfo_path()),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    tags = {
        line.split(":", 1)[1].strip()
        for line in result.stdout.splitlines()
        if line.strip().startswith("tag:")
    }
    assert tags <= ACCEPTED_PEDANTIC_NOTES, result.stdout


def metainfo() -> ElementTree.Element:
    return ElementTree.parse(metainfo_path()).getroot()


def test_the_metainfo_describes_this_app_and_version() -> None:
    root = metainfo()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("provides/binary") == APP_NAME
    assert root.findtext("name") == stretchtimer.APP_DISPLAY_NAME
    releases = root.findall("releases/release")
    assert releases[0].get("version") == stretchtimer.__version__, "add the new release"
    assert root.find("content_rating").get("type") == "oars-1.1"  # type: ignore[union-attr]


def test_screenshots_point_at_the_release_tag_in_the_repository() -> None:
    """Screenshots are PNGs in packaging/linux/screenshots, served from the release's tag,
    so a software centre shows the screens of the version it installs."""
    images = [image.text for image in metainfo().findall("screenshots/screenshot/image")]
    names = ["session", "routines", "history"]
    assert images == [
        SCREENSHOT_URL.format(version=stretchtimer.__version__, name=name) for name in names
    ]
    defaults = metainfo().findall("screenshots/screenshot[@type='default']")
    assert len(defaults) == 1
    assert all(shot.findtext("caption") for shot in metainfo().findall("screenshots/screenshot"))


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's first chunk (IHDR); ValueError if it is not a PNG."""
    with path.open("rb") as file:
        head = file.read(24)
    if len(head) < 24 or head[:8] != PNG_SIGNATURE or head[12:16] != b"IHDR":
        raise ValueError(f"{path} is not a PNG")
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_every_listed_screenshot_is_a_16_by_9_png_in_the_repository() -> None:
    """A software centre shows what the tag holds: a missing file is a broken image.
    Make them with packaging/linux/make_screenshots.py."""
    tag = TAG_URL.format(version=stretchtimer.__version__)
    images = [image.text or "" for image in metainfo().findall("screenshots/screenshot/image")]
    assert images
    for image in images:
        assert image.startswith(tag), image
        path = REPO / image.removeprefix(tag)
        assert path.is_file(), f"{path} is missing: run packaging/linux/make_screenshots.py"
        width, height = png_size(path)
        size = f"{path.name} is {width}×{height}"
        assert width >= SMALLEST_SCREENSHOT[0] and height >= SMALLEST_SCREENSHOT[1], size
        assert abs(width / height - WIDE) <= 0.1 * WIDE, size
