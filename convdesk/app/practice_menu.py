"""The main window's Practice menu. The practice window's module is imported on first use, so
that it costs nothing at launch."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

if TYPE_CHECKING:
    from .practice_window import PracticeWindow


def install_practice_menu(window: QMainWindow) -> QMenu:
    """Add a Practice menu before Help: practise, open a set, make a set. Returns the menu."""
    menu = PracticeMenu(window)
    bar = window.menuBar()
    help_action = next((a for a in bar.actions() if a.text().replace("&", "") == "Help"), None)
    if help_action is not None:
        bar.insertMenu(help_action, menu)
    else:
        bar.addMenu(menu)
    return menu


class PracticeMenu(QMenu):
    """The main window's Practice menu; it makes the practice window on first use."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__("&Practice", window)
        self._main = window
        self.practice: PracticeWindow | None = None
        for text, slot, keys in (
            ("&Practise…", self.open_practice, "Ctrl+Shift+E"),
            ("&Open Exercise Set…", lambda: self.open_practice().open_set_dialog(), ""),
            ("&Make Exercise Set…", lambda: self.open_practice().make_set_dialog(), ""),
        ):
            action = QAction(text, self)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            self.addAction(action)

    def open_practice(self) -> PracticeWindow:
        if self.practice is None:
            from .practice_window import PracticeWindow  # imported on first use, not at launch

            main = self._main
            self.practice = PracticeWindow(
                getattr(main, "settings", None), lambda: getattr(main, "network", None), main
            )
        self.practice.show()
        self.practice.raise_()
        self.practice.activateWindow()
        return self.practice
