"""Instructions from launch to the app's first frame (or its Routines page painted), and
the bare window's, under valgrind's callgrind: blind to the machine's load, unlike
``bench_gui_startup``'s clock. Not part of ``run.py`` (some 10 s a count); for locating
start-up costs and quoting before/after figures.

    python -m benchmarks.startup_instructions [--until first|filled] [--settings]
        [--tree DIR] [--main-thread] [--bare]

``--tree`` counts another checkout of the package (``git archive REV | tar -x -C DIR``);
its bytecode is written first, as an installed package has it (with
``PYTHONDONTWRITEBYTECODE`` set, as here, every module would otherwise be compiled at
every start: some 110M instructions). The home has had two starts (the caches written);
``--settings`` adds a settings file, as a person's home has. ``--main-thread`` counts the
GUI thread alone (the background helper's share of a page varies from run to run).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_gui_startup import BARE_WINDOW
from benchmarks.xvfb import display_env, xvfb

ROOT = Path(__file__).resolve().parents[1]

# The app as ``python -m stretchtimer`` starts it, ended at once (os._exit) when its
# ready probe would note the first frame ("w") or the page painted ("a").
APP = r"""
import os, sys
UNTIL = os.environ["COUNT_UNTIL"]
class Finder:
    def find_spec(self, name, path, target=None):
        if name != "stretchtimer.gui.ready_probe":
            return None
        sys.meta_path.remove(self)
        for finder in sys.meta_path:
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                break
        real = spec.loader.exec_module
        def exec_module(module):
            real(module)
            def note(path, mode):
                if UNTIL == "first" or mode == "a":
                    os._exit(0)
            module._note_time = note
        spec.loader.exec_module = exec_module
        return spec
sys.meta_path.insert(0, Finder())
sys.argv = ["stretchtimer"]
import runpy
runpy.run_module("stretchtimer", run_name="__main__", alter_sys=True)
"""
BARE = BARE_WINDOW.replace(
    'with open(os.environ["STRETCHTIMER_READY_FILE"], "w") as handle:\n'
    '                handle.write(f"{time.monotonic()}\\n")',
    "os._exit(0)",
)
SETTINGS = 'version = 1\n[voice]\nrate = 170\n[appearance]\ntheme = "system"\n'


def count(script: str, environment: dict[str, str], folder: Path, main_thread: bool) -> int:
    """Instructions callgrind counted for ``python -c script``."""
    out = folder / "callgrind.out"
    threads = ["--separate-threads=yes"] if main_thread else []
    valgrind = ["valgrind", "--tool=callgrind", *threads, f"--callgrind-out-file={out}"]
    subprocess.run(
        [*valgrind, sys.executable, "-c", script],
        env=environment,
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=600,
        check=False,
    )
    parts = sorted(p for p in folder.glob("callgrind.out*") if p.stat().st_size)
    totals = [int(re.findall(r"^totals: (\d+)", p.read_text(), re.M)[0]) for p in parts]
    for part in parts:
        part.unlink()
    return totals[0] if main_thread else sum(totals)  # the first file is the main thread


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--until", choices=("first", "filled"), default="first")
    parser.add_argument("--settings", action="store_true", help="a settings file in the home")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout to count")
    parser.add_argument("--main-thread", action="store_true")
    parser.add_argument("--bare", action="store_true", help="the bare window instead")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is missing; install the Debian package valgrind")
    tree = args.tree.resolve()
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(tree / "stretchtimer")],
        stdout=subprocess.DEVNULL,
        check=True,
    )
    with tempfile.TemporaryDirectory() as temporary, xvfb() as display:
        folder = Path(temporary)
        home = folder / "home"
        environment = display_env(
            display,
            STRETCHTIMER_HOME=str(home),
            STRETCHTIMER_READY_FILE=str(folder / "ready"),
            PYTHONPATH=str(tree),
        )
        if args.bare:
            script = BARE
        else:
            script = APP
            if args.settings:  # before the warm starts: the caches are for these settings
                (home / "config").mkdir(parents=True, exist_ok=True)
                (home / "config" / "settings.toml").write_text(SETTINGS)
            warm = dict(environment, COUNT_UNTIL="filled")
            for _ in range(2):  # the caches of the page's routines: written by the second
                subprocess.run(
                    [sys.executable, "-c", APP], env=warm, cwd=folder, check=True, timeout=120
                )
        environment["COUNT_UNTIL"] = args.until
        total = count(script, environment, folder, args.main_thread)
    what = "bare window, first frame" if args.bare else f"app, {args.until}"
    print(f"{what}: {total / 1e6:.1f}M instructions ({os.fspath(tree)})")


if __name__ == "__main__":
    main()
