"""Small ways of driving the window as a user would."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractSpinBox, QMenu

from convdesk.app.main_window import MainWindow


def menu_action(menu: QMenu, text: str) -> QAction:
    """The action called `text` (ignoring '&' and '…') anywhere under `menu`, as it is when
    opened (a menu may make its entries then)."""
    menu.aboutToShow.emit()
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


def block_px(layer_view, role: str) -> QRectF:
    """The pixel rectangle of a block of the drawing (front face and depth)."""
    box = next(b for b in layer_view.scene.boxes if b.role == role)
    left, top, right, bottom = box.bounds()
    a = layer_view.stage.view_point(left, top)
    b = layer_view.stage.view_point(right, bottom)
    return QRectF(a.x(), a.y(), b.x() - a.x(), b.y() - a.y())
