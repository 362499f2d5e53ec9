"""Zoom and theme: the text size and the colours of the whole application (View menu).

Zoom scales every text of the application (menus and dialogs too) for a projector; the theme
follows the system's colour scheme unless the user picks light or dark.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from . import theme

if TYPE_CHECKING:
    from .main_window import MainWindow

_BASE_FONT: QFont | None = None  # the application's font before any zoom


def base_font() -> QFont:
    """The application's font as it was before the first zoom."""
    global _BASE_FONT
    if _BASE_FONT is None:
        _BASE_FONT = QFont(QApplication.font())
    return _BASE_FONT


class ViewSettings(QObject):
    """One window's zoom factor and theme name, and what changing them redraws."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._zoom = 1.0
        self._theme = "system"
        QApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme)

    @property
    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, factor: float, announce: bool = True) -> None:
        """Scale every text of the application (menus and dialogs too) for a projector."""
        win = self._window
        factor = min(max(factor, theme.ZOOM_STEPS[0]), theme.ZOOM_STEPS[-1])
        win.layout_keeper.before_zoom(self._zoom, factor)
        self._zoom = factor
        font = theme.zoomed_font(base_font(), factor)
        # The application font reaches menus, dialogs and tooltips; the window's own font
        # takes effect at once, even before the event loop runs (--screenshot, tests).
        QApplication.setFont(font)
        win.setFont(font)
        win.canvas.set_zoom(factor)
        win.columns.fit()
        win.form_fit.schedule()
        if announce:
            win.statusBar().showMessage(f"Zoom {round(factor * 100)} %", 2000)

    def step_zoom(self, direction: int) -> None:
        self.set_zoom(theme.next_zoom(self._zoom, direction))

    def reset_zoom(self) -> None:
        """Ctrl+0: text at its usual size and the panels as they were before the zoom."""
        self.set_zoom(1.0)
        self._window.layout_keeper.restore()

    @property
    def theme_name(self) -> str:
        return self._theme

    def set_theme(self, name: str) -> None:
        win = self._window
        self._theme = name
        win.theme_actions[name].setChecked(True)
        app = QApplication.instance()
        dark = theme.apply_theme(app, name) if isinstance(app, QApplication) else False
        win.canvas.set_dark(dark)
        win.form.set_dark(dark)

    def _on_system_scheme(self, _scheme: Qt.ColorScheme) -> None:
        if self._theme == "system":
            self.set_theme("system")
