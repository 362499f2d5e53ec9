"""What the window remembers between runs: its geometry, its panels, the zoom and the theme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

from . import theme

if TYPE_CHECKING:
    from .main_window import MainWindow


def restore_window_settings(window: MainWindow) -> None:
    """Put back what `save_window_settings` kept (a value that does not read is left out)."""
    s = window.settings
    geometry = s.value("window/geometry")
    if isinstance(geometry, QByteArray | bytes):
        window.restoreGeometry(geometry)
    state = s.value("window/state")
    if isinstance(state, QByteArray | bytes):
        window.restoreState(state)
    try:
        zoom = float(str(s.value("view/zoom", 1.0)))
    except (TypeError, ValueError):
        zoom = 1.0
    name = str(s.value("view/theme", "system"))
    window.view_settings.set_theme(name if name in theme.THEMES else "system")
    window.view_settings.set_zoom(zoom, announce=False)


def save_window_settings(window: MainWindow) -> None:
    s = window.settings
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())
    s.setValue("view/zoom", window.view_settings.zoom)
    s.setValue("view/theme", window.view_settings.theme_name)
    s.sync()
