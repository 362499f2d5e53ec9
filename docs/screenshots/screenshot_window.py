"""The window the screenshot scripts beside this file photograph: light theme, 1440 × 900, and
settings of its own (a fresh temporary file), so a user's saved layout never shows."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings

from convdesk.app.main_window import MainWindow


def screenshot_window() -> MainWindow:
    """A shown MainWindow as a new user first sees it, in the light theme."""
    ini = Path(tempfile.mkdtemp()) / "settings.ini"
    window = MainWindow(QSettings(str(ini), QSettings.Format.IniFormat))
    window.view_settings.set_theme("light")
    window.resize(1440, 900)
    window.show()
    return window
