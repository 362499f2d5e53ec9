"""Documents handed to a running convdesk by the desktop (macOS Finder's FileOpen event)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent


class FileOpenFilter(QObject):
    """Opens the file of a QFileOpenEvent in the window, asking first about unsaved changes.

    macOS delivers a document double-clicked while convdesk runs as this event, not as an
    argument; the first document, which starts the program, still arrives as FILE.
    """

    def __init__(self, window) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file()
            if path:
                self._window.files.open_path(path)
            return True
        return super().eventFilter(watched, event)
