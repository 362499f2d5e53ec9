"""File → Export Picture and Edit → Copy Picture: the canvas as PNG, SVG or clipboard image.

The canvas draws and writes the picture (CanvasWidget.export_png / export_svg /
copy_to_clipboard); this module asks where, in which format and at what resolution, and says so
plainly when the file cannot be written.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from .notifier import Notifier
from .session import EditSession

if TYPE_CHECKING:
    from convdesk.canvas import CanvasWidget

PNG_FILTER = "PNG image (*.png)"
SVG_FILTER = "SVG drawing, labels kept as text (*.svg)"
PICTURE_FILTERS = f"{PNG_FILTER};;{SVG_FILTER}"
SCALES = (1, 2, 4)
DEFAULT_SCALE = 2
SCALE_KEY = "export/png_scale"
_SCALE_NOTES = {1: "as on screen", 2: "sharp on a projector or a slide", 4: "for print"}


def scaled_size(size: QSize, scale: int) -> QSize:
    """The PNG's pixel size at `scale` (rounded as the canvas rounds it, never 0)."""
    return QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))


def picture_path(path: str, chosen_filter: str) -> tuple[str, str]:
    """The path to write and its format ('png' or 'svg').

    A typed .png or .svg extension decides; otherwise the filter chosen in the dialog does, and
    its extension is added so the file opens by double-click.
    """
    extension = os.path.splitext(path)[1].lower()
    if extension in (".png", ".svg"):
        return path, extension[1:]
    fmt = "svg" if chosen_filter == SVG_FILTER else "png"
    return f"{path}.{fmt}", fmt


class ResolutionDialog(QDialog):
    """Asks how large the PNG should be: 1×, 2× or 4× the canvas, each with its pixel size."""

    def __init__(self, size: QSize, scale: int = DEFAULT_SCALE, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Picture Resolution")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("How large should the PNG be?"))
        self.group = QButtonGroup(self)
        self.buttons: dict[int, QRadioButton] = {}
        for factor in SCALES:
            pixels = scaled_size(size, factor)
            button = QRadioButton(
                f"&{factor}× — {pixels.width()} × {pixels.height()} pixels ({_SCALE_NOTES[factor]})"
            )
            self.group.addButton(button, factor)
            self.buttons[factor] = button
            layout.addWidget(button)
        self.buttons.get(scale, self.buttons[DEFAULT_SCALE]).setChecked(True)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

    def scale(self) -> int:
        return self.group.checkedId()


class PictureExporter:
    """Export Picture and Copy Picture of one canvas.

    `bring_up_to_date` draws any edit the canvas has not drawn yet, so the picture shows the
    network as it is now.
    """

    def __init__(
        self,
        session: EditSession,
        canvas: CanvasWidget,
        bring_up_to_date: Callable[[], None],
        notifier: Notifier,
        settings: QSettings,
    ) -> None:
        self._session = session
        self._canvas = canvas
        self._bring_up_to_date = bring_up_to_date
        self._notifier = notifier
        self._settings = settings

    def _remembered_scale(self) -> int:
        try:
            scale = int(str(self._settings.value(SCALE_KEY, DEFAULT_SCALE)))
        except (TypeError, ValueError):
            return DEFAULT_SCALE
        return scale if scale in SCALES else DEFAULT_SCALE

    def export_dialog(self) -> bool:
        """Ask for a file (PNG or SVG) and, for a PNG, the resolution; then write it."""
        doc = self._session.doc
        parent = self._notifier.parent
        if doc.path:
            base = os.path.splitext(doc.path)[0]
        else:
            base = doc.network.name.replace("/", "-").replace(os.sep, "-")
        path, chosen = QFileDialog.getSaveFileName(
            parent, "Export picture", f"{base}.png", PICTURE_FILTERS, PNG_FILTER
        )
        if not path:
            return False
        path, fmt = picture_path(path, chosen)
        self._bring_up_to_date()
        if fmt == "svg":
            return self.export_to(path, "svg")
        size = self._canvas.picture_size()
        dialog = ResolutionDialog(size, self._remembered_scale(), parent)
        if not dialog.exec():
            return False
        scale = dialog.scale()
        self._settings.setValue(SCALE_KEY, scale)
        return self.export_to(path, "png", scale)

    def export_to(self, path: str, fmt: str, scale: int = DEFAULT_SCALE) -> bool:
        """Write the picture; a file that cannot be written is reported, not raised."""
        self._bring_up_to_date()
        canvas = self._canvas
        if fmt == "svg":
            written = canvas.export_svg(path)
            done = f"Exported picture {path}"
        else:
            written = canvas.export_png(path, float(scale))
            pixels = scaled_size(canvas.picture_size(), scale)
            done = f"Exported picture {path} ({pixels.width()} × {pixels.height()} pixels)"
        if not written:
            self._notifier.warning(
                "Cannot export the picture",
                f"{path} could not be written.\n\n"
                "Check that the folder exists, that you may write to it and that the disk is "
                "not full, then export again.",
            )
            return False
        self._notifier.status(done)
        return True

    def copy(self) -> None:
        """Put the picture on the clipboard, for pasting into slides or notes."""
        self._bring_up_to_date()
        self._canvas.copy_to_clipboard()
        self._notifier.status("Picture copied to the clipboard")
