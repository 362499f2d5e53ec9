"""The layer settings' dock widens when its rows no longer fit, so they never scroll sideways."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

if TYPE_CHECKING:
    from .main_window import MainWindow


class FormDockFitter(QObject):
    """Widens `window.form_dock` to the form's rows (a projector's zoom, a type with
    per-dimension boxes); the canvas gives way."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        # The form's rows know their new width only once the new font or rows are laid out.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        window.form.installEventFilter(self)

    def schedule(self) -> None:
        """Fit on the next turn of the event loop, once the form is laid out."""
        self._timer.start()

    def fit(self) -> None:
        win = self._window
        dock = win.form_dock
        if dock.isFloating() or not dock.isVisible():
            return
        need = win.form.minimumSizeHint().width() - win.form_scroll.viewport().width()
        if need > 0:
            win.layout_keeper.widen(dock, dock.width() + need)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            # New rows or a new font: the width they need is known once this is handled.
            self._timer.start()
        return False
