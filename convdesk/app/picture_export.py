"""File → Export Picture and Edit → Copy Picture.

Export Picture writes the figure `convdesk figure` writes, through the same function
(`convdesk.canvas.figure.write_figure`) and with the same choices: the network or the selected
layer, the size scale, every layer or the folded figure, the width in pixels and a light (the
default) or dark background. Copy Picture puts the canvas as shown on the clipboard.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from convdesk.canvas import write_figure

from .notifier import Notifier
from .session import EditSession

if TYPE_CHECKING:
    from convdesk.canvas import CanvasWidget

PNG_FILTER = "PNG image (*.png)"
SVG_FILTER = "SVG drawing, labels kept as text (*.svg)"
PICTURE_FILTERS = f"{PNG_FILTER};;{SVG_FILTER}"
# The same bounds and default as `convdesk figure --width`.
MIN_WIDTH, MAX_WIDTH, DEFAULT_WIDTH = 200, 20000, 1600
WIDTH_KEY = "export/width"
THEME_KEY = "export/theme"
SCALE_NAMES = {
    "sqrt": "Square root (every block visible)",
    "log": "Logarithmic",
    "linear": "Linear (true scale)",
}


@dataclass(frozen=True, slots=True)
class PictureChoice:
    """What Export Picture draws: the network (`layer` None) or one layer, and how."""

    layer: int | None = None
    scale: str = "sqrt"
    all_layers: bool = False
    width: int = DEFAULT_WIDTH
    dark: bool = False


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


class PictureDialog(QDialog):
    """Asks what the picture shows and how: the options of `convdesk figure`."""

    def __init__(
        self,
        choice: PictureChoice,
        selected: tuple[int, str] | None,
        network_scale: str,
        depth_scale: str,
        parent: QWidget | None = None,
    ) -> None:
        """`choice` is where the dialog starts (its `layer` set: on the layer view);
        `selected` is the selected layer's index and name, if any."""
        super().__init__(parent)
        self.setWindowTitle("Export Picture")
        self._layer = selected[0] if selected is not None else None
        layer_name = selected[1] if selected is not None else None
        self._scales = {"network": network_scale, "layer": depth_scale}
        form = QFormLayout(self)

        self.network_button = QRadioButton("&Network figure")
        self.layer_button = QRadioButton(
            f"Selected &layer ({layer_name})" if layer_name else "Selected &layer (none selected)"
        )
        self.layer_button.setEnabled(layer_name is not None)
        self.view_group = QButtonGroup(self)
        views = QHBoxLayout()
        for button in (self.network_button, self.layer_button):
            self.view_group.addButton(button)
            views.addWidget(button)
        form.addRow("Show:", views)

        self.scale_box = QComboBox()
        for key, text in SCALE_NAMES.items():
            self.scale_box.addItem(text, key)
        form.addRow("&Sizes:", self.scale_box)

        self.all_layers = QCheckBox("&Every layer as its own block")
        self.all_layers.setChecked(choice.all_layers)
        form.addRow("", self.all_layers)

        self.width_box = QSpinBox()
        self.width_box.setRange(MIN_WIDTH, MAX_WIDTH)
        self.width_box.setSingleStep(100)
        self.width_box.setSuffix(" px")
        self.width_box.setValue(choice.width)
        form.addRow("&Width:", self.width_box)

        self.light_button = QRadioButton("Lig&ht (white)")
        self.dark_button = QRadioButton("&Dark")
        self.theme_group = QButtonGroup(self)
        themes = QHBoxLayout()
        for button in (self.light_button, self.dark_button):
            self.theme_group.addButton(button)
            themes.addWidget(button)
        (self.dark_button if choice.dark else self.light_button).setChecked(True)
        form.addRow("Background:", themes)

        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)

        self.layer_button.toggled.connect(self._on_view)
        on_layer = choice.layer is not None and layer_name is not None
        (self.layer_button if on_layer else self.network_button).setChecked(True)
        self._set_scale(choice.scale)
        self._on_view(on_layer)

    def _set_scale(self, scale: str) -> None:
        self.scale_box.setCurrentIndex(max(0, self.scale_box.findData(scale)))

    def _on_view(self, on_layer: bool) -> None:
        # Each view keeps its own scale, as on the canvas: the depth scale for a layer.
        self._set_scale(self._scales["layer" if on_layer else "network"])
        self.all_layers.setEnabled(not on_layer)

    def choice(self) -> PictureChoice:
        """The options as chosen."""
        on_layer = self.layer_button.isChecked()
        return PictureChoice(
            layer=self._layer if on_layer else None,
            scale=self.scale_box.currentData(),
            all_layers=self.all_layers.isChecked() and not on_layer,
            width=self.width_box.value(),
            dark=self.dark_button.isChecked(),
        )


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

    def current_choice(self) -> PictureChoice:
        """The dialog's starting point: what the canvas shows, at the remembered width and
        background (light unless dark was chosen last time)."""
        canvas = self._canvas
        try:
            width = int(str(self._settings.value(WIDTH_KEY, DEFAULT_WIDTH)))
        except (TypeError, ValueError):
            width = DEFAULT_WIDTH
        layer = canvas.selected if canvas.view_mode == "layer" else None
        return PictureChoice(
            layer=layer,
            scale=canvas.depth_scale if layer is not None else canvas.network_scale,
            all_layers=canvas.all_layers.isChecked(),
            width=min(max(width, MIN_WIDTH), MAX_WIDTH),
            dark=self._settings.value(THEME_KEY, "light") == "dark",
        )

    def export_dialog(self) -> bool:
        """Ask for a file (PNG or SVG) and the picture's options; then write it."""
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
        canvas = self._canvas
        index = canvas.selected
        dialog = PictureDialog(
            self.current_choice(),
            None if index is None else (index, doc.report.layers[index].name),
            canvas.network_scale,
            canvas.depth_scale,
            parent,
        )
        if not dialog.exec():
            return False
        choice = dialog.choice()
        self._settings.setValue(WIDTH_KEY, choice.width)
        self._settings.setValue(THEME_KEY, "dark" if choice.dark else "light")
        return self.export_to(path, fmt, choice)

    def export_to(self, path: str, fmt: str, choice: PictureChoice) -> bool:
        """Write the picture as `convdesk figure` would; a file that cannot be written is
        reported, not raised."""
        self._bring_up_to_date()
        options = replace(
            self._canvas.figure_options(),
            scale=choice.scale,
            fold=not choice.all_layers,
            collapse=not choice.all_layers,
        )
        written = write_figure(
            self._session.doc.report, path, fmt, choice.width, options, choice.dark, choice.layer
        )
        if not written:
            self._notifier.warning(
                "Cannot export the picture",
                f"{path} could not be written.\n\n"
                "Check that the folder exists, that you may write to it and that the disk is "
                "not full, then export again.",
            )
            return False
        self._notifier.status(f"Exported picture {path} ({choice.width} pixels wide)")
        return True

    def copy(self) -> None:
        """Put the picture on the clipboard, for pasting into slides or notes."""
        self._bring_up_to_date()
        self._canvas.copy_to_clipboard()
        self._notifier.status("Picture copied to the clipboard")
