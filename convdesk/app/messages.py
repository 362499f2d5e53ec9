"""Message boxes whose text is always plain: a file's names cannot reword or restyle them.

QMessageBox's static helpers guess whether their text is HTML; these set the format first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def _ask(
    icon: QMessageBox.Icon,
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: Button = Button.Ok,
    default: Button = Button.NoButton,
) -> Button:
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    box.setStandardButtons(buttons)
    if default != Button.NoButton:
        box.setDefaultButton(default)
    return Button(box.exec())


def question(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: Button = Button.Yes | Button.No,
    default: Button = Button.NoButton,
) -> Button:
    return _ask(QMessageBox.Icon.Question, parent, title, text, buttons, default)


def warning(parent: QWidget | None, title: str, text: str) -> Button:
    return _ask(QMessageBox.Icon.Warning, parent, title, text)


def critical(parent: QWidget | None, title: str, text: str) -> Button:
    return _ask(QMessageBox.Icon.Critical, parent, title, text)
