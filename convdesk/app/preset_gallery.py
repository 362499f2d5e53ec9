"""File → Open Preset: a gallery of the networks shipped with convdesk."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from convdesk.engine import numbers


def _describe(info: object) -> str:
    """The right-hand pane: what the preset is, where it comes from, its size."""
    name = html.escape(str(getattr(info, "name", "")))
    description = html.escape(str(getattr(info, "description", "")))
    source = html.escape(str(getattr(info, "source", "")))
    layers = getattr(info, "layers", None)
    shape = getattr(info, "input", None)
    rows = [f"<h3>{name}</h3>", f"<p>{description}</p>"]
    if source:
        rows.append(f"<p><b>Source:</b> {source}</p>")
    if shape is not None:
        rows.append(f"<p><b>Input:</b> {html.escape(numbers.shape_by(list(shape)))}</p>")
    if layers is not None:
        rows.append(f"<p><b>Layers:</b> {layers}</p>")
    return "\n".join(rows)


class PresetGallery(QDialog):
    """Lists each preset with its description and source; `chosen_key` after accept()."""

    def __init__(self, presets: list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open Preset")
        self._presets = presets
        self.list = QListWidget()
        self.list.setMinimumWidth(240)
        for info in presets:
            item = QListWidgetItem(str(info.name))
            item.setData(Qt.ItemDataRole.UserRole, info.key)
            item.setToolTip(str(info.description))
            self.list.addItem(item)
        self.details = QTextBrowser()
        self.details.setMinimumWidth(340)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addWidget(self.details, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._on_row)
        self.list.itemActivated.connect(self._on_activated)
        if presets:
            self.list.setCurrentRow(0)
        self.resize(720, 420)

    def _on_row(self, row: int) -> None:
        if 0 <= row < len(self._presets):
            self.details.setHtml(_describe(self._presets[row]))

    def _on_activated(self, _item: QListWidgetItem) -> None:
        self.accept()

    @property
    def chosen_key(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))
