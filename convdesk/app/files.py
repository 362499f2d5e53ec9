"""File work for the main window: New, Open, Open Preset, recent files, Save, Save As, export.

A file that cannot be read changes nothing and shows the engine's message; unsaved changes are
asked about before they could be lost. Saving goes through the engine's atomic `save_network`.
"""

from __future__ import annotations

import os
from functools import partial

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox

from convdesk.engine import NetworkFileError, ReadOnlyFileError, load_network, save_network
from convdesk.plaintext import menu_text, plain_tip

from . import messages, recent_files
from .document import default_network
from .model_io import FILE_FILTER, import_model_file
from .notifier import Notifier
from .session import EditSession

# The gallery, the importers and the table formats are imported when first used, not when
# the window starts.

SAVE_FILTER = "convdesk networks (*.convdesk *.json);;All files (*)"


class FileHandler:
    """The File menu's work for one edit session; its Open Recent menu is `recent_menu`."""

    def __init__(self, session: EditSession, notifier: Notifier, settings: QSettings) -> None:
        self._session = session
        self._doc = session.doc
        self._notifier = notifier
        self._settings = settings
        self.recent_menu = QMenu("Open &Recent", notifier.parent)
        self.fill_recent_menu()

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = recent_files.recent_files(self._settings)
        for i, path in enumerate(files):
            action = self.recent_menu.addAction(f"&{i + 1} {menu_text(os.path.basename(path))}")
            action.setToolTip(plain_tip(path))
            action.setStatusTip(path)
            action.triggered.connect(partial(self.open_recent, path))
        self.recent_menu.setEnabled(bool(files))

    def document_name(self) -> str:
        """What prompts call the document: its file (and network name), or the network name."""
        name = self._doc.network.name
        if self._doc.path:
            return f"{os.path.basename(self._doc.path)} (the network {name!r})"
        return f"the unsaved network {name!r}"

    def maybe_save(self) -> bool:
        """Ask before unsaved changes are lost; True when it is fine to go on."""
        if self._session.is_clean():
            return True
        buttons = (
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        answer = messages.question(
            self._notifier.parent,
            "Unsaved changes",
            f"Save the changes to {self.document_name()} first?",
            buttons,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_network(self) -> None:
        if self.maybe_save():
            self._session.load(default_network(), None)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = os.path.dirname(self._doc.path) if self._doc.path else ""
        path, _ = QFileDialog.getOpenFileName(
            self._notifier.parent, "Open network", start, FILE_FILTER
        )
        if path:
            self.open_path(path, ask=False)

    def open_path(self, path: str, ask: bool = True) -> bool:
        """Open a network file; a file that cannot be read changes nothing and says why."""
        if ask and not self.maybe_save():
            return False
        from convdesk.importers import is_model_file

        if is_model_file(path):  # Keras or ONNX: imported, with a report of what mapped
            opened = import_model_file(self._session, self._notifier, path)
            if opened:
                self.remember_recent(path)
            return opened
        try:
            network = load_network(path)
        except NetworkFileError as error:
            self._notifier.warning("Cannot open this file", str(error))
            return False
        self._session.load(network, path)
        self.remember_recent(path)
        return True

    def remember_recent(self, path: str) -> None:
        recent_files.add_recent(self._settings, path)
        self.fill_recent_menu()

    def open_recent(self, path: str) -> None:
        if not os.path.exists(path):
            self._notifier.warning("Cannot open this file", f"{path}: no such file")
            recent_files.remove_recent(self._settings, path)
            self.fill_recent_menu()
            return
        self.open_path(path)

    def open_preset(self, key: str, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        from convdesk.engine.presets import load_preset

        try:
            network = load_preset(key)
        except (KeyError, NetworkFileError) as error:
            self._notifier.warning("Cannot open this preset", str(error))
            return False
        self._session.load(network, None)
        return True

    def open_preset_dialog(self) -> None:
        if not self.maybe_save():
            return
        from convdesk.engine.presets import list_presets

        from .preset_gallery import PresetGallery

        gallery = PresetGallery(list_presets(), self._notifier.parent)
        if gallery.exec() and gallery.chosen_key:
            self.open_preset(gallery.chosen_key, ask=False)

    def save(self) -> bool:
        if self._doc.path is None:
            return self.save_as()
        return self.save_to(self._doc.path)

    def save_as(self) -> bool:
        start = self._doc.path or f"{self._doc.network.name}.convdesk"
        path, _ = QFileDialog.getSaveFileName(
            self._notifier.parent, "Save network as", start, SAVE_FILTER
        )
        if not path:
            return False
        if not os.path.splitext(path)[1]:
            path += ".convdesk"
        return self.save_to(path)

    def save_to(self, path: str) -> bool:
        try:
            try:
                save_network(self._doc.network, path)
            except ReadOnlyFileError:
                if not self._confirm_read_only(path):
                    return False
                save_network(self._doc.network, path, replace_read_only=True)
        except NetworkFileError as error:
            self._notifier.warning("Cannot save", str(error))
            return False
        self._session.saved(path)
        self.remember_recent(path)
        self._notifier.status(f"Saved {path}")
        return True

    def _confirm_read_only(self, path: str) -> bool:
        """Ask before a read-only file is replaced; True when the person says to go ahead."""
        answer = messages.question(
            self._notifier.parent,
            "Replace a read-only file?",
            f"{path} is read-only, which may mean it should not change. Replace it anyway? "
            "It stays read-only.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def export_table(self, fmt: str) -> bool:
        suffix = {"csv": ".csv", "markdown": ".md"}[fmt]
        base = os.path.splitext(self._doc.path)[0] if self._doc.path else self._doc.network.name
        path, _ = QFileDialog.getSaveFileName(
            self._notifier.parent,
            f"Export table as {fmt}",
            base + suffix,
            f"{fmt} (*{suffix});;All files (*)",
        )
        if not path:
            return False
        from convdesk.engine.formats import format_report

        try:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(format_report(self._doc.report, fmt))
        except OSError as error:
            self._notifier.warning("Cannot export", f"{path}: {error.strerror}")
            return False
        self._notifier.status(f"Exported {path}")
        return True

    def copy_summary(self) -> None:
        from convdesk.engine.formats import format_report

        QApplication.clipboard().setText(format_report(self._doc.report, "table"))
        self._notifier.status("Summary copied to the clipboard")
