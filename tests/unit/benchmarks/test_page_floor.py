"""The page floor: a plain PySide6 replica of the Routines page, shown empty first and
filled in after its first paint, with none of the app's code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from benchmarks.page_floor import PAGE, page_data

# After the page has painted: the modules the replica loaded and a picture of the window.
EPILOGUE = """
def report():
    with open(os.environ["FLOOR_MODULES"], "w") as handle:
        handle.write("\\n".join(sorted(sys.modules)))
    window.grab().save(os.environ["FLOOR_PICTURE"])
    app.quit()
QTimer.singleShot(1000, report)
app.exec()
"""


def test_the_replica_fills_its_window_after_the_first_paint_without_the_app(
    tmp_path: Path,
) -> None:
    data = tmp_path / "page.json"
    page_data(data)
    ready, modules, picture = tmp_path / "ready", tmp_path / "modules", tmp_path / "page.png"
    environment = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        FLOOR_PAGE=str(data),
        STRETCHTIMER_READY_FILE=str(ready),
        FLOOR_MODULES=str(modules),
        FLOOR_PICTURE=str(picture),
    )
    script = PAGE.replace("app.exec()", EPILOGUE)
    subprocess.run(
        [sys.executable, "-c", script], env=environment, check=True, timeout=60, cwd=tmp_path
    )

    first, filled = (float(line) for line in ready.read_text().split())
    assert first < filled  # the window painted empty, then the page
    loaded = modules.read_text().split()
    assert "PySide6.QtWidgets" in loaded
    assert not [name for name in loaded if name.startswith(("stretchtimer", "benchmarks"))]
    image = QImage(str(picture))
    assert image.width() >= 1000
    # The page is drawn, not an empty window: the cards' titles, pills and figures give
    # the picture many colours.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, 600, 7)}
    assert len(colours) > 50
