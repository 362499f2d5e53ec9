"""Where the session's helpers (files, pictures) report: a status line and warning boxes."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QWidget

from . import messages


class Notifier:
    """Shows short news in one window's status bar and problems in a box over it."""

    def __init__(self, window: QMainWindow) -> None:
        self._window = window

    @property
    def parent(self) -> QWidget:
        """The widget dialogs open over."""
        return self._window

    def status(self, text: str, timeout_ms: int = 4000) -> None:
        self._window.statusBar().showMessage(text, timeout_ms)

    def warning(self, title: str, text: str) -> None:
        messages.warning(self._window, title, text)
