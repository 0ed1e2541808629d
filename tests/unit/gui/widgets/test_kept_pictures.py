"""Pose pictures kept between runs: a later start shows the same pictures, and says what
they show, without the pose library; anything damaged or stale is painted again."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from stretchtimer.gui.widgets import kept_pictures, pose_thumbnail
from stretchtimer.gui.widgets.kept_pictures import FOLDER_NAME


@pytest.fixture
def cache(qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pictures kept in a cache folder of this test's own, written at once (no helper)."""
    monkeypatch.setattr(pose_thumbnail, "_kept_in", [])
    monkeypatch.setattr(pose_thumbnail, "_pictures", {})
    monkeypatch.setattr(pose_thumbnail, "_helper", [])
    pose_thumbnail.keep_in(tmp_path)
    return tmp_path / FOLDER_NAME


def forget_held() -> None:
    """As a new run starts: nothing held in memory, only what is on disk."""
    pose_thumbnail._pictures.clear()


def pixels(picture: object) -> bytes:
    assert picture is not None
    image = picture.toImage().convertToFormat(QImage.Format.Format_ARGB32)  # type: ignore[attr-defined]
    return bytes(image.constBits())


def test_a_painted_picture_is_kept_and_read_back_the_same_with_what_it_shows(
    cache: Path,
) -> None:
    painted = pose_thumbnail.thumbnail("pigeon", size=64, ratio=2.0)
    assert len(list(cache.glob("*.png"))) == 1
    assert oct(next(cache.glob("*.png")).stat().st_mode & 0o777) == "0o600"
    forget_held()
    kept = pose_thumbnail.kept_thumbnail("pigeon", size=64, ratio=2.0)
    assert kept is not None
    assert kept.pixmap.devicePixelRatio() == 2.0
    assert pixels(kept.pixmap) == pixels(painted)
    from stretchtimer.core.poses import posed

    assert kept.what == posed("pigeon").what() != ""


def test_a_picture_not_painted_yet_is_not_kept(cache: Path) -> None:
    assert pose_thumbnail.kept_thumbnail("pigeon", size=64) is None
    pose_thumbnail.thumbnail("pigeon", size=64)
    forget_held()
    # Another size, side, paper or theme is another picture.
    assert pose_thumbnail.kept_thumbnail("pigeon", size=65) is None
    assert pose_thumbnail.kept_thumbnail("pigeon", "left", size=64) is None
    assert pose_thumbnail.kept_thumbnail("pigeon", size=64, paper="#123456") is None
    assert pose_thumbnail.kept_thumbnail("pigeon", size=64) is not None


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"not a picture"),
        lambda path: path.write_bytes(path.read_bytes()[:100]),
        lambda path: path.write_bytes(b""),
    ],
    ids=["garbage", "cut short", "empty"],
)
def test_a_damaged_picture_is_painted_again_and_kept_anew(
    cache: Path, damage: object, caplog: pytest.LogCaptureFixture
) -> None:
    painted = pixels(pose_thumbnail.thumbnail("pigeon", size=64))
    (path,) = cache.glob("*.png")
    damage(path)  # type: ignore[operator]
    forget_held()
    with caplog.at_level(logging.INFO):
        assert pose_thumbnail.kept_thumbnail("pigeon", size=64) is None
    assert "ignoring the kept pose picture" in caplog.text
    assert pixels(pose_thumbnail.thumbnail("pigeon", size=64)) == painted
    forget_held()
    assert pixels(pose_thumbnail.kept_thumbnail("pigeon", size=64).pixmap) == painted  # type: ignore[union-attr]


def test_a_picture_of_another_size_under_the_name_is_not_taken(cache: Path) -> None:
    pose_thumbnail.thumbnail("pigeon", size=64)
    pose_thumbnail.thumbnail("pigeon", size=32)
    small, large = sorted(cache.glob("*.png"), key=lambda path: path.stat().st_size)
    large.write_bytes(small.read_bytes())
    forget_held()
    assert pose_thumbnail.kept_thumbnail("pigeon", size=64) is None


def test_a_change_to_the_pose_library_makes_every_kept_picture_stale(
    cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pose_thumbnail.thumbnail("pigeon", size=64)
    forget_held()
    assert pose_thumbnail.kept_thumbnail("pigeon", size=64) is not None
    # A copy of the package whose painter changed: the same picture asked for has a new name.
    package = tmp_path / "package"
    painter = package / "gui" / "widgets" / "pose_painter.py"
    painter.parent.mkdir(parents=True)
    painter.write_text("# one version\n")
    monkeypatch.setattr("stretchtimer.storage.code_stamp.PACKAGE", package)
    kept_pictures._stamp.cache_clear()
    before = kept_pictures._stamp()
    painter.write_text("# another version, longer\n")
    kept_pictures._stamp.cache_clear()
    assert kept_pictures._stamp() != before
    forget_held()
    assert pose_thumbnail.kept_thumbnail("pigeon", size=64) is None
    kept_pictures._stamp.cache_clear()  # the real package's stamp for the tests after


def test_only_the_newest_pictures_stay(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kept_pictures, "KEPT", 3)
    for size in (20, 21, 22, 23, 24):
        pose_thumbnail.thumbnail("pigeon", size=size)
        newest = max(cache.glob("*.png"), key=lambda path: path.stat().st_mtime_ns)
        os.utime(newest, ns=(size * 10**9, size * 10**9))  # in the order written
    assert len(list(cache.glob("*.png"))) == 3
    forget_held()
    assert pose_thumbnail.kept_thumbnail("pigeon", size=21) is None
    assert pose_thumbnail.kept_thumbnail("pigeon", size=24) is not None


def test_a_folder_that_cannot_be_written_costs_only_the_keeping(
    cache: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text("a file where the folder would be")
    with caplog.at_level(logging.INFO):
        picture = pose_thumbnail.thumbnail("pigeon", size=64)
    assert picture is not None and not picture.isNull()
    assert "could not keep a pose picture" in caplog.text


LATER_START = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from stretchtimer.core.routine.model import Hold, Routine, Step
from stretchtimer.gui.routines.pose_strip import PoseStrip
from stretchtimer.gui.widgets import pose_thumbnail

app = QApplication([])
pose_thumbnail.keep_in(Path(sys.argv[1]))

strip = PoseStrip()
strip.set_routine(Routine("Hips", (Step("Pigeon", Hold(30)),)))
strip.set_routine(Routine("Hips", (Step("Pigeon", Hold(30), pose="pigeon"),)))
shown_at_once = bool(strip.poses)
waited = 0
while not strip.poses and waited < 1000:  # the first start: the library a moment later
    app.processEvents()
    time.sleep(0.01)
    waited += 1
strip.resize(200, 72)
strip.grab().save(sys.argv[2])
print(strip.poses, strip.isVisibleTo(None), strip.accessibleName())
print("library loaded:", "stretchtimer.core.poses" in sys.modules, "at once:", shown_at_once)
"""


def later_start(cache: Path, shot: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", LATER_START, str(cache), str(shot)],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_a_later_start_shows_the_strip_without_the_pose_library(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = later_start(cache, tmp_path / "first.png")
    # The first start paints with the library (a moment later) and keeps the pictures.
    assert first[1] == "library loaded: True at once: False"
    assert any((cache / FOLDER_NAME).glob("*.png"))
    then = later_start(cache, tmp_path / "then.png")
    assert then[1] == "library loaded: False at once: True"
    assert then[0] == first[0]  # the same figures, said the same way to a screen reader
    assert "['pigeon']" in then[0] and "Figures of the steps: " in then[0]
    assert QImage(str(tmp_path / "then.png")) == QImage(str(tmp_path / "first.png"))


class RecordingHelper:
    """The background helper, keeping the jobs it is given to run them later."""

    def __init__(self) -> None:
        self.jobs: list[object] = []

    def run(self, function: object, on_done: object = None, on_error: object = None) -> None:
        self.jobs.append(function)


def test_the_helper_only_writes_bytes_the_gui_thread_encoded(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PySide making its classes on two threads at once can crash it: the picture is
    # encoded here, and the helper's job holds no Qt object, only a path, a key and bytes.
    helper = RecordingHelper()
    monkeypatch.setattr(pose_thumbnail, "_helper", [helper])
    pose_thumbnail.thumbnail("pigeon", size=64)
    (job,) = helper.jobs
    arguments = [*job.args, *job.keywords.values()]  # type: ignore[attr-defined]
    assert not any(type(value).__module__.startswith("PySide6") for value in arguments)
    assert any(isinstance(value, bytes) for value in arguments)
    assert not any(cache.glob("*.png"))  # not written here
    job()  # type: ignore[operator]
    forget_held()
    assert pose_thumbnail.kept_thumbnail("pigeon", size=64) is not None
