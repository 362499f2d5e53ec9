"""View → Canvas: the network alone, the selected layer alone, or both; F6 switches, and the
choice is remembered in the window's settings.

The network alone is for a projector: while it is on, the side panels (layers, layer settings,
worked steps) fold away so the figure gets the whole window, and they come back when it is
left. Beside the panels a 1440×900 window leaves the figure about 720×140 pixels; alone, the
figure's thinnest blocks stay 4 pixels or more at Fit (tested for every preset).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu

from convdesk.canvas import VIEW_MODES

if TYPE_CHECKING:
    from .main_window import MainWindow

MODE_KEY = "view/canvas_mode"
FOLDED_KEY = "view/folded_docks"  # the panels the network-alone view folded away
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
    menus = [(a.text().replace("&", ""), a.menu()) for a in menu]
    view_menu = next((m for text, m in menus if text == "View" and isinstance(m, QMenu)), None)
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

    folding = DockFolding(window)

    def remember(mode: str) -> None:
        actions[mode].setChecked(True)
        window.settings.setValue(MODE_KEY, mode)
        folding.follow(mode)

    canvas.viewModeChanged.connect(remember)
    saved = str(window.settings.value(MODE_KEY, "both"))
    canvas.set_view_mode(saved if saved in VIEW_MODES else "both")
    actions[canvas.view_mode].setChecked(True)
    folding.at_start = None
    # The window restores its saved panels after this: fold again once it has.
    QTimer.singleShot(0, window, lambda: folding.follow(canvas.view_mode))


class DockFolding:
    """Folds the side panels away while the network is shown alone and brings back, on
    leaving, exactly those it folded (also across a restart). A click on a block still
    selects its layer."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.docks: tuple[QDockWidget, ...] = (
            window.layers_dock,
            window.form_dock,
            window.steps_dock,
        )
        self.folded: list[QDockWidget] = []
        self.network = False
        # Started in the network view: the panels folded last time are the ones to bring back.
        saved = window.settings.value(FOLDED_KEY, None)
        names = str(saved).split(",") if saved is not None else None
        self.at_start = (
            None if names is None else [d for d in self.docks if d.objectName() in names]
        )

    def follow(self, mode: str) -> None:
        """Fold the panels on entering the network-alone view, unfold them on leaving it."""
        if mode == "network":
            if not self.network:
                self.network = True
                shown = [d for d in self.docks if not d.isHidden() and not d.isFloating()]
                self.folded = shown if self.at_start is None else self.at_start
            for dock in self.folded:
                dock.hide()
        elif self.network:
            self.network = False
            for dock in self.folded:
                dock.show()
            self.folded = []
        else:
            return
        self.window.settings.setValue(FOLDED_KEY, ",".join(d.objectName() for d in self.folded))
