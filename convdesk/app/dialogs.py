"""The Help window and the About box."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from convdesk import APP_NAME, __version__
from convdesk.engine.values import name_problem, text_problem

from .fields import refusal_label, show_refusal
from .help import read_help


class HelpWindow(QDialog):
    """The offline guide to the window and to the method, in a non-modal window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME} Help")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(read_help())
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        self.resize(680, 720)


def about_text() -> str:
    return (
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Computes what convolution layers and whole networks do to a tensor: output sizes, "
        "parameters, multiply-accumulates, activation memory and receptive fields, step by "
        "step.</p>"
        "<p><b>Licenses</b><br>"
        f"{APP_NAME}: MIT License<br>"
        f"Qt {qVersion()} and PySide6 {pyside_version}: GNU LGPL v3<br>"
        "pyqtgraph: MIT License<br>"
        f"Python {platform.python_version()}: PSF License</p>"
    )


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, f"About {APP_NAME}", about_text())


class NetworkPropertiesDialog(QDialog):
    """Edit the network's name and description (saved in its file)."""

    def __init__(self, name: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Network Properties")
        self.name_edit = QLineEdit(name)
        self.description_edit = QPlainTextEdit(description)
        self.description_edit.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow("&Name", self.name_edit)
        form.addRow("&Description", self.description_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.refusal = refusal_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.refusal)
        layout.addWidget(buttons)
        self.resize(520, 300)

    def accept(self) -> None:
        """Close only with a name and description that can be shown and saved."""
        name, description = self.values()
        problem = name_problem(name)
        if problem:
            show_refusal(self.refusal, f"This name cannot be used: {problem}.")
            return
        problem = text_problem(description, allow_lines=True)
        if problem:
            show_refusal(self.refusal, f"This description cannot be used: {problem}.")
            return
        super().accept()

    def values(self) -> tuple[str, str]:
        name = self.name_edit.text().strip() or "Untitled network"
        return name, self.description_edit.toPlainText().strip()
