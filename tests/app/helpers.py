"""Small ways of driving the window as a user would."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QHeaderView, QMenu, QWidget

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


def placed(top: QWidget) -> tuple:
    """Where `top`'s widgets are, which are shown, and the widths of its tables' columns."""
    widgets = top.findChildren(QWidget)
    return (
        top.geometry().getRect(),
        tuple((w.isVisible(), w.geometry().getRect()) for w in widgets),
        tuple(
            tuple(w.sectionSize(i) for i in range(w.count()))
            for w in widgets
            if isinstance(w, QHeaderView)
        ),
    )


def settle(top: QWidget, turns: int = 5, timeout_s: float = 10.0) -> None:
    """Run the event loop until `top`'s widgets keep their places `turns` turns in a row.

    A new size, font, network or selection reaches the panels over a few turns (timers of 0 ms,
    layout requests); counting turns, not milliseconds, waits as long as a loaded machine needs.
    """
    deadline = time.monotonic() + timeout_s
    last = None
    still = 0
    while still < turns:
        if time.monotonic() > deadline:
            raise TimeoutError(f"the widgets kept moving for {timeout_s} s")
        QApplication.processEvents()
        now = placed(top)
        still = still + 1 if now == last else 0
        last = now
