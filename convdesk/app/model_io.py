"""Models in and code out, in the window.

File → Open reads Keras and ONNX models too (files.py hands them here) and then shows what mapped
and what did not; File → Export Code… writes PyTorch or Keras code; Edit → Paste Model… reads
the text `print(model)` shows. The work is the engine's, the importers' and the exporters'.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from convdesk.engine import NetworkFileError

from . import messages
from .notifier import Notifier
from .session import EditSession

if TYPE_CHECKING:
    from convdesk.importers import ImportReport

# The importers are imported when a model is opened or pasted, not when the window starts.

FILE_FILTER = (
    "Networks and models (*.convdesk *.json *.keras *.onnx);;"
    "convdesk networks (*.convdesk *.json);;"
    "Keras and ONNX models (*.keras *.json *.onnx);;All files (*)"
)
_TARGETS = {"PyTorch module (*.py)": "pytorch", "Keras module (*.py)": "keras"}


def import_model_file(session: EditSession, notifier: Notifier, path: str) -> bool:
    """Open a Keras or ONNX model as a new, unsaved network and show its import report."""
    from convdesk.importers import read_model

    try:
        network, report = read_model(path)
    except NetworkFileError as error:
        notifier.warning("Cannot import this model", str(error))
        return False
    session.load(network, None)
    show_report(notifier.parent, report, os.path.basename(path))
    return True


class ImportReportDialog(QDialog):
    """What an import mapped and what it did not, in the program's own words; not modal."""

    def __init__(self, report: ImportReport, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Imported {title}")
        self.report = report
        lines = report.lines()
        self.summary = QLabel(lines[0])
        self.summary.setWordWrap(True)
        self.details = QPlainTextEdit("\n".join(lines[1:]) or "Nothing more to report.")
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.resize(720, 360)


def show_report(parent: QWidget, report: ImportReport, title: str) -> ImportReportDialog:
    for old in parent.findChildren(ImportReportDialog):
        old.close()
        old.deleteLater()
    dialog = ImportReportDialog(report, title, parent)
    dialog.show()
    return dialog


class PasteModelDialog(QDialog):
    """Edit → Paste Model: a `print(model)` printout and the input shape it should take."""

    def __init__(self, parent: QWidget | None, text: str = "") -> None:
        from convdesk.importers.torch_print import CHAIN_NOTE

        super().__init__(parent)
        self.setWindowTitle("Paste a PyTorch model")
        self.text = QPlainTextEdit(text)
        self.text.setPlaceholderText("Paste what print(model) shows, e.g.\n" + _EXAMPLE)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.shape = QLineEdit(_guess_shape(text))
        self.shape.setPlaceholderText("3, 224, 224")
        note = QLabel(f"Read as a chain: {CHAIN_NOTE}.")
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Input shape (channels first, no batch):", self.shape)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(720, 520)
        self.result_network = None
        self.result_report: ImportReport | None = None

    def accept(self) -> None:
        """Read the text; a problem is said over the dialog, which stays open to fix it."""
        from convdesk.importers.torch_print import read_printout

        try:
            shape = _parse_shape(self.shape.text())
            network, report = read_printout(self.text.toPlainText(), shape)
        except (NetworkFileError, ValueError) as error:
            messages.warning(self, "Cannot read the model", str(error))
            return
        self.result_network, self.result_report = network, report
        super().accept()


_EXAMPLE = "Sequential(\n  (0): Conv2d(3, 16, kernel_size=(3, 3), stride=(1, 1))\n  (1): ReLU()\n)"


def _parse_shape(text: str) -> list[int]:
    parts = [p for p in text.replace("×", ",").replace("x", ",").replace(" ", ",").split(",") if p]
    try:
        return [int(p) for p in parts]
    except ValueError:
        raise ValueError(
            f"the input shape {text!r} is not whole numbers; write it like 3, 224, 224"
        ) from None


def _guess_shape(text: str) -> str:
    """A first guess from the first convolution: its input channels and a 224 image."""
    match = re.search(r"Conv([123])d\((\d+),", text)
    if match is None:
        return ""
    return ", ".join([match[2]] + ["224"] * int(match[1]))


class ModelIO:
    """The window's model actions: Export Code… in File, Paste Model… in Edit."""

    def __init__(self, window: QMainWindow, session: EditSession, notifier: Notifier) -> None:
        self._window = window
        self._session = session
        self._notifier = notifier
        self.export_action = QAction("Export &Code…", window)
        self.export_action.setStatusTip("Write PyTorch or Keras code that builds this network")
        self.export_action.triggered.connect(self.export_dialog)
        self.paste_action = QAction("Paste &Model…", window)
        self.paste_action.setStatusTip("Read a PyTorch print(model) text as a chain of layers")
        self.paste_action.triggered.connect(self.paste_dialog)

    def export_dialog(self) -> bool:
        doc = self._session.doc
        base = os.path.splitext(doc.path)[0] if doc.path else doc.network.name
        path, chosen = QFileDialog.getSaveFileName(
            self._window, "Export code", f"{base}.py", ";;".join(_TARGETS)
        )
        if not path:
            return False
        return self.export_to(path, _TARGETS.get(chosen, "pytorch"))

    def export_to(self, path: str, target: str) -> bool:
        from convdesk.exporters import export_code

        try:
            code = export_code(self._session.doc.network, target)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(code)
        except NetworkFileError as error:
            self._notifier.warning("Cannot export code", str(error))
            return False
        except OSError as error:
            self._notifier.warning("Cannot export code", f"{path}: {error.strerror}")
            return False
        self._notifier.status(f"Wrote {path}")
        return True

    def paste_dialog(self) -> PasteModelDialog:
        clip = QApplication.clipboard().text()
        dialog = PasteModelDialog(self._window, clip if "(" in clip and "):" in clip else "")
        dialog.accepted.connect(lambda: self._load_pasted(dialog))
        dialog.open()
        return dialog

    def _load_pasted(self, dialog: PasteModelDialog) -> None:
        if dialog.result_network is None or dialog.result_report is None:
            return
        self._session.load(dialog.result_network, None)
        show_report(self._window, dialog.result_report, "a pasted PyTorch model")


def install_model_io(window: QMainWindow, session: EditSession, notifier: Notifier) -> ModelIO:
    """Add Export Code… to the File menu (after the other exports) and Paste Model… to Edit."""
    io = ModelIO(window, session, notifier)
    menus = {action.text(): action.menu() for action in window.menuBar().actions() if action.menu()}
    file_menu, edit_menu = menus.get("&File"), menus.get("&Edit")
    if isinstance(file_menu, QMenu):
        actions = file_menu.actions()
        last_export = max(
            (i for i, a in enumerate(actions) if a.text().replace("&", "").startswith("Export")),
            default=-1,
        )
        if 0 <= last_export < len(actions) - 1:
            file_menu.insertAction(actions[last_export + 1], io.export_action)
        else:
            file_menu.addAction(io.export_action)
    if isinstance(edit_menu, QMenu):
        edit_menu.addSeparator()
        edit_menu.addAction(io.paste_action)
    return io
