"""Makes the pictures of the network alone in the 1440 × 900 window (F6), at Fit.

Run from the clone:
    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python docs/screenshots/network_view.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from screenshot_window import screenshot_window

HERE = Path(__file__).resolve().parent
PRESETS = {"alexnet-2012": "network-alexnet.png", "resnet50-torchvision": "network-resnet50.png"}


def settle(app: QApplication) -> None:
    for _ in range(20):
        app.processEvents()


def main() -> int:
    app = QApplication(sys.argv)
    window = screenshot_window()
    window.canvas.set_view_mode("network")
    for key, name in PRESETS.items():
        window.files.open_preset(key, ask=False)
        settle(app)
        window.canvas.fit()
        settle(app)
        window.grab().save(str(HERE / name))
    window.undo.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
