"""The canvas gets each new report on the next turn of the event loop, not at every edit.

The list, form, steps and totals are updated at once; the canvas, the costliest view of a deep
network, follows, and a run of quick edits (a held arrow key) is drawn once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from convdesk.canvas import CanvasWidget

from .session import EditSession


class CanvasFeed(QObject):
    """Hands `canvas` the session's network, report and selection, at most once a turn."""

    def __init__(self, session: EditSession, canvas: CanvasWidget, parent: QObject) -> None:
        super().__init__(parent)
        self._session = session
        self._canvas = canvas
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._update)

    @property
    def pending(self) -> bool:
        """A new report waits for the canvas (it will show the selection along with it)."""
        return self._timer.isActive()

    def schedule(self) -> None:
        """Draw the new report on the next turn of the event loop."""
        self._timer.start()

    def hold(self) -> None:
        """Drop a scheduled drawing (benchmarks time the window without the canvas)."""
        self._timer.stop()

    def flush(self) -> None:
        """Bring the canvas up to date now (screenshots and benchmarks wait for it)."""
        if self._timer.isActive():
            self._timer.stop()
            self._update()

    def _update(self) -> None:
        doc = self._session.doc
        self._canvas.set_report(doc.network, doc.report)
        self._canvas.select_layer(self._session.selected)
