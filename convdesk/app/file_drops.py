"""A network file dropped on the window opens, as File → Open would."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QWidget


def dropped_file(event: QDragEnterEvent | QDropEvent) -> str | None:
    """The first local file the drag carries, if any."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if isinstance(url, QUrl) and url.isLocalFile():
            return url.toLocalFile()
    return None


class FileDrops(QObject):
    """Accepts a drag carrying a local file over `widget`; a dropped file goes to `open_path`."""

    def __init__(self, widget: QWidget, open_path: Callable[[str], object]) -> None:
        super().__init__(widget)
        self._open_path = open_path
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.Drop) and isinstance(event, QDropEvent):
            path = dropped_file(event)
            if path:
                event.acceptProposedAction()
                if kind == QEvent.Type.Drop:
                    self._open_path(path)
                return True
        return False
