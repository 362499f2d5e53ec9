"""View → Canvas: the network alone, the selected layer alone, or both; F6 switches, and the
choice is remembered in the window's settings."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from convdesk.canvas import VIEW_MODES

if TYPE_CHECKING:
    from .main_window import MainWindow

MODE_KEY = "view/canvas_mode"
MODE_TEXTS = {
    "both": "Network &and Layer",
    "network": "&Network Alone",
    "layer": "&Layer Alone",
}


def install_canvas_views(window: MainWindow) -> None:
    """Add the View → Canvas menu and the F6 key to `window`, and restore the last choice."""
    canvas = window.canvas
    group = QActionGroup(window)
    menu = window.menuBar().actions()
    view_menu = next((a.menu() for a in menu if a.text().replace("&", "") == "View"), None)
    submenu = view_menu.addMenu("&Canvas") if view_menu is not None else None
    actions: dict[str, QAction] = {}
    for mode in VIEW_MODES:
        action = QAction(MODE_TEXTS[mode], window, checkable=True)
        action.triggered.connect(partial(canvas.set_view_mode, mode))
        group.addAction(action)
        actions[mode] = action
        if submenu is not None:
            submenu.addAction(action)
    switch = QAction("&Switch Canvas View", window)
    switch.setShortcut(QKeySequence("F6"))
    switch.setStatusTip("Show the network alone, the layer alone, or both")
    switch.triggered.connect(canvas.next_view_mode)
    window.addAction(switch)
    if submenu is not None:
        submenu.addSeparator()
        submenu.addAction(switch)

    def remember(mode: str) -> None:
        actions[mode].setChecked(True)
        window.settings.setValue(MODE_KEY, mode)

    canvas.viewModeChanged.connect(remember)
    saved = str(window.settings.value(MODE_KEY, "both"))
    canvas.set_view_mode(saved if saved in VIEW_MODES else "both")
    actions[canvas.view_mode].setChecked(True)
