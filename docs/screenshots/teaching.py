"""Makes the classroom pictures: the window at 100 % and 200 % zoom, and presentation mode.

Run from the clone (a screen of 1440 × 900 is needed for the full-screen picture):
    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python docs/screenshots/teaching.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from screenshot_window import screenshot_window

HERE = Path(__file__).resolve().parent
STEP = 9 * 55 + 5  # the kernel at output row 9, column 5 of AlexNet's conv1


def settle(app: QApplication) -> None:
    for _ in range(20):
        app.processEvents()
    QTest.qWait(400)  # a kernel moved by hand rests, and the picture is fitted again
    for _ in range(20):
        app.processEvents()


def main() -> int:
    app = QApplication(sys.argv)
    window = screenshot_window()
    window.files.open_preset("alexnet-2012", ask=False)
    window.session.select_named("conv1")
    for zoom, name in ((1.0, "teaching-100.png"), (2.0, "teaching-200.png")):
        window.view_settings.set_zoom(zoom, announce=False)
        settle(app)
        window.canvas_feed.flush()
        window.canvas.layer_view.controls.set_step(STEP)
        settle(app)
        window.grab().save(str(HERE / name))
    window.view_settings.reset_zoom()
    window.presenter.start()
    view = window.presenter.view
    view.setGeometry(view.screen().geometry())  # full screen without a window manager (xvfb)
    settle(app)
    view.canvas.layer_view.controls.set_step(STEP)
    for _ in range(6):  # the class has seen the first six lines of the worked steps
        QTest.keyClick(view, Qt.Key.Key_Space)
    settle(app)
    view.grab().save(str(HERE / "presentation.png"))
    view.close()
    window.undo.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
