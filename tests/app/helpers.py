"""Small ways of driving the window as a user would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractSpinBox, QMenu

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
