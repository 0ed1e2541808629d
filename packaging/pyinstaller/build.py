"""Build the one-folder bundle with PyInstaller, smoke-test it and report its size.

    .venv/bin/pip install -e '.[packaging]'
    .venv/bin/python packaging/pyinstaller/build.py             # dist/stretchtimer/
    .venv/bin/python packaging/pyinstaller/build.py --measure   # what each exclusion saves

The smoke test runs the bundle as a person would, from a folder of its own:
``--version``, ``routines list``, a muted ``play two-minute-reset --no-gui --speed 50``
and ``desktop install``; it then checks that every library in the bundle finds the
libraries it links against (Linux), and that the platform's pyttsx3 driver and Qt's
multimedia and window-system plugins are inside. The last line printed is a JSON
summary (``--json`` prints only that).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    from PyInstaller.archive.readers import pkg_archive_contents
    from PyInstaller.depend.dylib import include_library
except ImportError:  # main() says how to install it
    PYINSTALLER_MISSING = True
else:
    PYINSTALLER_MISSING = False

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "pyinstaller" / "stretchtimer.spec"
NAME = "stretchtimer"
GROUPS = (
    "qt-modules",
    "tls",
    "qt-plugins",
    "gtk-theme",
    "qt-translations",
    "unreferenced-libraries",
)
BUILTIN_ROUTINES = sorted(
    path.stem for path in (ROOT / NAME / "storage" / "routines" / "builtin").glob("*.toml")
)
# Languages the app ships (stretchtimer/locale/<lang>/LC_MESSAGES): Qt's qtbase catalogue
# of each goes in, for the standard buttons and dialogs.
SHIPPED_LANGUAGES = sorted(
    path.parent.name for path in (ROOT / NAME / "locale").glob("*/LC_MESSAGES")
)
if sys.platform == "win32":
    TTS_DRIVER = "pyttsx3.drivers.sapi5"
elif sys.platform == "darwin":
    TTS_DRIVER = "pyttsx3.drivers.nsss"
else:
    TTS_DRIVER = "pyttsx3.drivers.espeak"
LINUX_PLUGINS = (
    "platforms/libqxcb.so",
    "platforms/libqwayland.so",
    "platforms/libqoffscreen.so",
)


class BundleError(Exception):
    """The bundle did not build or did not pass its smoke test."""


def version() -> str:
    text = (ROOT / NAME / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    assert found, "stretchtimer/__init__.py has no __version__"
    return found.group(1)


def build(dist: Path, work: Path, keep: str = "") -> Path:
    """Run PyInstaller on the spec; returns the bundle folder."""
    environment = dict(os.environ, STRETCHTIMER_BUNDLE_KEEP=keep)
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    if result.returncode != 0:
        raise BundleError(f"PyInstaller failed:\n{result.stderr[-4000:]}")
    return dist / NAME


def executable(bundle: Path) -> Path:
    return bundle / (f"{NAME}.exe" if sys.platform == "win32" else NAME)


def bundle_process(
    bundle: Path, *args: str, home: Path, timeout: float = 120, input: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run the bundle from an unrelated folder with a private home, to its end."""
    environment = dict(os.environ, STRETCHTIMER_HOME=str(home), **env)
    environment.pop("PYTHONPATH", None)
    return subprocess.run(
        [str(executable(bundle)), *args],
        input=input,
        capture_output=True,
        text=True,
        cwd=home,
        env=environment,
        timeout=timeout,
        check=False,
    )


def run_bundle(bundle: Path, *args: str, home: Path, **env: str) -> str:
    """Run the bundle from an unrelated folder with a private home; returns stdout."""
    result = bundle_process(bundle, *args, home=home, **env)
    if result.returncode != 0:
        raise BundleError(
            f"`{NAME} {' '.join(args)}` exited {result.returncode}:\n{result.stderr[-2000:]}"
        )
    return result.stdout


NATURAL_VOICE = "piper:en_US-joe-medium"  # the voice of the natural-voice extra


def smoke_test(bundle: Path, *, natural_voice: bool = False) -> list[str]:
    """Run the bundle's commands; returns what was checked. With ``natural_voice``, the
    bundle must also list and speak with the natural voice."""
    checked = []
    with tempfile.TemporaryDirectory(prefix="stretchtimer-bundle-") as folder:
        home = Path(folder)
        output = run_bundle(bundle, "--version", home=home)
        if output.strip() != f"{NAME} {version()}":
            raise BundleError(f"--version printed {output!r}")
        checked.append("--version")

        output = run_bundle(bundle, "routines", "list", home=home)
        missing = [name for name in BUILTIN_ROUTINES if name not in output]
        if missing:
            raise BundleError(f"routines list lacks {missing}:\n{output}")
        checked.append("routines list")

        output = run_bundle(
            bundle, "play", "two-minute-reset", "--no-gui", "--mute", "--speed", "50", home=home
        )
        if "Session complete" not in output:
            raise BundleError(f"play did not finish:\n{output[-2000:]}")
        checked.append("play two-minute-reset --no-gui --mute --speed 50")

        clip = home / "hello.wav"
        run_bundle(bundle, "say", "Testing the bundle.", "--to", str(clip), home=home)
        if not clip.is_file() or clip.stat().st_size < 10_000:
            raise BundleError("say --to made no sound file: the speech worker does not run")
        checked.append("say --to (the bundled speech worker)")
        if natural_voice:
            check_natural_voice(bundle, home)
            checked.append(f"say --voice {NATURAL_VOICE} (Piper and its voice, bundled)")

        start_audio_process(bundle, home)
        checked.append("the audio process (the bundle with --audio-child)")

        open_window(bundle, home)
        checked.append("the desktop app's window (offscreen)")

        if sys.platform.startswith("linux"):
            data_home = home / "share"
            run_bundle(bundle, "desktop", "install", home=home, XDG_DATA_HOME=str(data_home))
            launcher = data_home / "applications" / "io.github.stretchtimer.StretchTimer.desktop"
            if f"Exec={executable(bundle).absolute()}\n" not in launcher.read_text():
                raise BundleError(
                    f"the launcher does not start the bundle:\n{launcher.read_text()}"
                )
            checked.append("desktop install")
    return checked


def start_audio_process(bundle: Path, home: Path) -> None:
    """The bundle runs its audio process (every sound of a session plays there): it
    starts, says hello (with or without a sound server), and ends when its input ends."""
    try:
        result = bundle_process(
            bundle, "--audio-child", home=home, timeout=60, input="", QT_NO_GLIB="1"
        )
    except subprocess.TimeoutExpired as error:
        raise BundleError("the audio process did not end when its input ended") from error
    said = [json.loads(line).get("is") for line in result.stdout.splitlines() if line.strip()]
    if result.returncode != 0 or "hello" not in said:  # no sound server here: "lost" first
        raise BundleError(
            f"the audio process did not start (exit {result.returncode}):\n"
            f"{result.stdout[-1000:]}{result.stderr[-2000:]}"
        )


def check_natural_voice(bundle: Path, home: Path) -> None:
    """The bundle lists the natural voice and speaks a sentence with it."""
    listed = json.loads(run_bundle(bundle, "voices", "--json", home=home))
    ids = [voice.get("id") for voice in listed] if isinstance(listed, list) else []
    if NATURAL_VOICE not in ids:
        raise BundleError(f"voices list lacks {NATURAL_VOICE}: {ids[:5]}")
    clip = home / "natural.wav"
    run_bundle(
        bundle,
        "say",
        "Testing the natural voice.",
        "--voice",
        NATURAL_VOICE,
        "--to",
        str(clip),
        home=home,
    )
    if not clip.is_file() or clip.stat().st_size < 20_000:
        raise BundleError("say --voice with the natural voice made no sound file")
    logged = "".join(path.read_text(errors="replace") for path in (home / "logs").glob("*.log*"))
    if "(engine piper)" not in logged:  # not the system voice standing in for it
        raise BundleError("the natural voice did not speak: no Piper worker in the log")


def open_window(bundle: Path, home: Path) -> None:
    """Start the app offscreen and wait until its window has painted once."""
    ready = home / "window-ready"
    environment = dict(
        os.environ,
        STRETCHTIMER_HOME=str(home),
        QT_QPA_PLATFORM="offscreen",
        STRETCHTIMER_READY_FILE=str(ready),
    )
    environment.pop("PYTHONPATH", None)
    app = subprocess.Popen(
        [str(executable(bundle))],
        cwd=home,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.is_file():
            if app.poll() is not None or time.monotonic() > deadline:
                raise BundleError(
                    f"the window never appeared:\n{app.stderr.read()[-2000:]}"
                    if app.stderr
                    else "the window never appeared"
                )
            time.sleep(0.1)
    finally:
        app.terminate()
        app.communicate(timeout=30)


def check_contents(bundle: Path) -> list[str]:
    """The platform's speech driver and Qt's plugins are inside; every library resolves."""
    checked = []
    modules = set(pkg_archive_contents(str(executable(bundle))))
    for module in (TTS_DRIVER, "pyttsx3.drivers.dummy", "stretchtimer.cli"):
        if module not in modules:
            raise BundleError(f"{module} is not in the bundle")
    for qt_module in ("QtCore", "QtGui", "QtWidgets", "QtMultimedia"):  # extension modules
        if not list((bundle / "_internal" / "PySide6").glob(f"{qt_module}.*")):
            raise BundleError(f"PySide6.{qt_module} is not in the bundle")
    checked.append(f"modules: {TTS_DRIVER}, QtCore, QtGui, QtWidgets, QtMultimedia")
    data = bundle / "_internal" / NAME
    for relative in (
        "storage/routines/builtin/two-minute-reset.toml",
        "core/poses/library.toml",
        "assets/icons/stretchtimer-16.png",
    ):
        if not (data / relative).is_file():
            raise BundleError(f"{relative} is not in the bundle")
    checked.append("routines, the pose library and icons")
    catalogues = sorted(path.name for path in (bundle / "_internal").rglob("Qt/translations/*.qm"))
    wanted = [f"qtbase_{tag}.qm" for tag in SHIPPED_LANGUAGES]
    if catalogues != wanted:
        raise BundleError(f"Qt's catalogues should be {wanted}, found {catalogues}")
    checked.append("Qt's own words in " + ", ".join(SHIPPED_LANGUAGES) + ", no other Qt catalogue")
    if sys.platform.startswith("linux"):
        plugins = bundle / "_internal" / "PySide6" / "Qt" / "plugins"
        absent = [plugin for plugin in LINUX_PLUGINS if not (plugins / plugin).is_file()]
        if absent:
            raise BundleError(f"Qt plugins missing from the bundle: {absent}")
        checked.append("Qt plugins: " + ", ".join(LINUX_PLUGINS))
        unresolved = unresolved_libraries(bundle)
        if unresolved:
            raise BundleError("libraries that cannot be loaded:\n" + "\n".join(unresolved))
        checked.append(
            "every library finds its dependencies in the bundle or, for those PyInstaller "
            "leaves to the host (libGL, libwayland-*, ...), on this machine"
        )
    return checked


def unresolved_libraries(bundle: Path) -> list[str]:
    """``ldd`` every ELF file as the bundle's loader would see it. A library PyInstaller
    deliberately leaves to the host (graphics and Wayland libraries that must match
    the running system) may be absent from a build machine without a desktop."""
    internal = bundle / "_internal"
    folders = sorted({str(path.parent) for path in internal.rglob("*.so*")} | {str(internal)})
    environment = dict(os.environ, LD_LIBRARY_PATH=os.pathsep.join(folders))
    problems = []
    for path in sorted([executable(bundle), *internal.rglob("*.so*")]):
        if path.is_symlink() or not path.is_file() or path.read_bytes()[:4] != b"\x7fELF":
            continue
        result = subprocess.run(
            ["ldd", str(path)], capture_output=True, text=True, env=environment, check=False
        )
        for line in result.stdout.splitlines():
            name = line.strip().split(" ", 1)[0]
            if "not found" in line and include_library(name):
                problems.append(f"{path.relative_to(bundle)}: {line.strip()}")
    return sorted(set(problems))


def size_of(bundle: Path) -> tuple[int, int]:
    """Bytes and number of files, not following links."""
    files = [path for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(path.stat().st_size for path in files), len(files)


def largest(bundle: Path, count: int = 8) -> list[tuple[str, float]]:
    files = [path for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()]
    files.sort(key=lambda path: path.stat().st_size, reverse=True)
    return [
        (str(path.relative_to(bundle)), round(path.stat().st_size / 1e6, 1))
        for path in files[:count]
    ]


def measure(dist: Path, work: Path, baseline: int) -> dict[str, float]:
    """Rebuild with each exclusion group turned off; returns the megabytes each saves."""
    savings = {}
    for group in GROUPS:
        bundle = build(dist / group, work / group, keep=group)
        size, _ = size_of(bundle)
        savings[group] = round((size - baseline) / 1e6, 1)
        print(f"  {group}: saves {savings[group]} MB", file=sys.stderr)
        shutil.rmtree(bundle.parent)
    return savings


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--measure", action="store_true", help="measure each exclusion")
    parser.add_argument("--json", action="store_true", help="print only the JSON summary")
    parser.add_argument(
        "--natural-voice", action="store_true", help="carry the natural voice (Piper) too"
    )
    args = parser.parse_args(argv)
    if PYINSTALLER_MISSING:
        print(
            "build.py: PyInstaller is not installed; run "
            "`.venv/bin/pip install -e '.[packaging]'` first.",
            file=sys.stderr,
        )
        return 1
    say = (lambda *_: None) if args.json else (lambda text: print(text, file=sys.stderr))
    started = time.monotonic()
    try:
        bundle = build(args.dist, args.work, keep="natural-voice" if args.natural_voice else "")
        seconds = time.monotonic() - started
        say(f"built {bundle} in {seconds:.0f} s")
        checked = smoke_test(bundle, natural_voice=args.natural_voice) + check_contents(bundle)
        for line in checked:
            say(f"ok: {line}")
        size, files = size_of(bundle)
        say(f"size: {size / 1e6:.1f} MB in {files} files; largest: {largest(bundle)}")
        summary = {
            "bundle": str(bundle),
            "bytes": size,
            "megabytes": round(size / 1e6, 1),
            "files": files,
            "build_seconds": round(seconds, 1),
            "checked": checked,
        }
        if args.measure:
            say("measuring what each exclusion group saves (one rebuild each):")
            summary["saves_megabytes"] = measure(args.dist / "measure", args.work / "measure", size)
    except BundleError as error:
        print(f"build.py: {error}", file=sys.stderr)
        return 1
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
