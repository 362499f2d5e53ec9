"""Small ways of driving the window as a user would."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QMenu

from convdesk.app.main_window import MainWindow


def menu_action(menu: QMenu, text: str) -> QAction:
    """The action called `text` (ignoring '&' and '…') anywhere under `menu`."""
    for action in menu.actions():
        if action.menu() is not None:
            try:
                return menu_action(action.menu(), text)
            except LookupError:
                continue
        if action.text().replace("&", "").rstrip("…") == text:
            return action
    raise LookupError(text)


def add_layer(qtbot, win: MainWindow, layer_type: str) -> None:
    menu_action(win.add_menu, layer_type).trigger()


def type_into(qtbot, box: QAbstractSpinBox, text: str, finish: bool = True) -> None:
    """Select the spin box's text, type over it, and press Enter (the end of one edit)."""
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), text)
    if finish:
        qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)


def panels(win: MainWindow) -> tuple:
    """Where the window's bars, panels and canvas are, and which are shown."""
    widgets = (
        win.menuBar(),
        win.layers_dock,
        win.form_dock,
        win.steps_dock,
        win.canvas,
        win.statusBar(),
    )
    return tuple((widget.isVisible(), widget.geometry().getRect()) for widget in widgets)


def settle(win: MainWindow, turns: int = 5, timeout_s: float = 10.0) -> None:
    """Run the event loop until the window's panels keep their places `turns` turns in a row.

    A new size, font or network reaches the panels over a few turns (timers of 0 ms, layout
    requests); counting turns, not milliseconds, waits as long as a loaded machine needs.
    """
    deadline = time.monotonic() + timeout_s
    last = None
    still = 0
    while still < turns:
        if time.monotonic() > deadline:
            raise TimeoutError(f"the panels kept moving for {timeout_s} s: {last}")
        QApplication.processEvents()
        now = panels(win)
        still = still + 1 if now == last else 0
        last = now
