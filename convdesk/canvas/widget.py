"""CanvasWidget: the network view above, the selected layer's view below, and their controls."""

from __future__ import annotations

import math
from dataclasses import replace

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from convdesk.engine import Network, Report, explain_element

from .figure import FigureOptions
from .geometry.network_layout import SCALES as NETWORK_SCALES
from .geometry.primitives import DEPTH_SCALES
from .layerview import LayerView
from .networkview import NetworkView
from .palette import palette

FOLD_ZOOM = 1.75  # from this zoom on, the drawing of the selected layer takes the room

SCALE_NAMES = {"linear": "linear (true scale)", "sqrt": "square root", "log": "logarithmic"}
NETWORK_SCALE_NAMES = {"sqrt": "√ sizes", "log": "log sizes", "linear": "true scale"}
NETWORK_SCALE_TIPS = {
    "sqrt": "Blocks sized by the square root of width, height and channels: every block visible",
    "log": "Blocks sized by 1 + log2 of width, height and channels: the flattest",
    "linear": "Blocks to true scale: a 4,096-vector is 4,096 times a single value",
}
# What the canvas shows: both views, the network alone (for a projector) or the layer alone.
VIEW_MODES = ("both", "network", "layer")
VIEW_MODE_NAMES = {"both": "Both", "network": "Network", "layer": "Layer"}


class CanvasWidget(QWidget):
    """Draws the engine's Report: the whole network and the selected layer, to scale.

    The window calls set_report / select_layer / set_dark / set_zoom, listens to layerClicked
    (a block was clicked) and may listen to elementChanged (the kernel moved to an output position).
    """

    layerClicked = Signal(int)
    elementChanged = Signal(int, object)  # layer index, output position (tuple, engine order)
    windowEdited = Signal(int, str, object, int)  # layer index, key, value, edit session
    viewModeChanged = Signal(str)  # "both", "network" or "layer"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.network_view = NetworkView(self)
        self.layer_view = LayerView(self)
        self.depth_box = QComboBox(self)
        for key in DEPTH_SCALES:
            self.depth_box.addItem(SCALE_NAMES[key], key)
        self.depth_box.setToolTip(
            "How channel counts are drawn: linear is true scale; square root and log let "
            "4,096 channels sit beside a 7×7 map"
        )
        self.fit_button = QToolButton(self)
        self.fit_button.setText("Fit")
        self.fit_button.setToolTip("Show the whole picture again")
        self.view_buttons = QButtonGroup(self)
        self.view_buttons.setExclusive(True)
        for n, mode in enumerate(VIEW_MODES):
            button = QToolButton(self)
            button.setText(VIEW_MODE_NAMES[mode])
            button.setCheckable(True)
            button.setChecked(mode == "both")
            button.setToolTip(
                {
                    "both": "Show the network and the selected layer (F6 switches)",
                    "network": "Show the network alone, filling the canvas (F6 switches)",
                    "layer": "Show the selected layer alone (F6 switches)",
                }[mode]
            )
            self.view_buttons.addButton(button, n)
        # The network figure's own controls, in a strip over it.
        # How the blocks are sized, each one click away.
        self.sizes = QButtonGroup(self)
        self.sizes.setExclusive(True)
        for n, key in enumerate(NETWORK_SCALES):
            button = QToolButton(self)
            button.setText(NETWORK_SCALE_NAMES[key])
            button.setToolTip(NETWORK_SCALE_TIPS[key])
            button.setCheckable(True)
            button.setChecked(n == 0)
            self.sizes.addButton(button, n)
        self.all_layers = QToolButton(self)
        self.all_layers.setText("Every layer")
        self.all_layers.setCheckable(True)
        self.all_layers.setToolTip(
            "Draw every layer as its own block, instead of folding activations, normalizations "
            "and dropout into the block before them and collapsing repeated units"
        )
        self.steps = QLabel(self)
        self.steps.setTextFormat(Qt.TextFormat.PlainText)
        self.steps.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.steps.setWordWrap(True)
        self._keep_steps_height()

        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        self.depth_label = QLabel("Depth scale:", self)
        bar.addWidget(self.depth_label)
        bar.addWidget(self.depth_box)
        bar.addStretch(1)
        for view_button in self.view_buttons.buttons():
            bar.addWidget(view_button)
        bar.addWidget(self.fit_button)
        self.network_box = QWidget(self)
        net_bar = QHBoxLayout()
        net_bar.setContentsMargins(4, 0, 4, 0)
        for size_button in self.sizes.buttons():
            net_bar.addWidget(size_button)
        net_bar.addWidget(self.all_layers)
        net_bar.addStretch(1)
        net_column = QVBoxLayout(self.network_box)
        net_column.setContentsMargins(0, 0, 0, 0)
        net_column.setSpacing(0)
        net_column.addLayout(net_bar)
        net_column.addWidget(self.network_view, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.network_box)
        self.splitter.addWidget(self.layer_view)
        # The selected layer is what a class looks at most: give it two thirds.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.steps)

        self.network_view.blockClicked.connect(self._on_block_clicked)
        self.layer_view.elementChanged.connect(self._on_element)
        self.layer_view.windowEdited.connect(self._on_window_edited)
        self.depth_box.currentIndexChanged.connect(self._on_depth)
        self.fit_button.clicked.connect(self.fit)
        self.sizes.idClicked.connect(self._on_figure_options)
        self.all_layers.toggled.connect(self._on_figure_options)
        self.view_buttons.idClicked.connect(lambda n: self.set_view_mode(VIEW_MODES[n]))
        self._view_mode = "both"

        self._network: Network | None = None
        self._report: Report | None = None
        self._selected: int | None = None
        self._dark = False
        self._zoom = 1.0
        self._base_point_size = self.steps.font().pointSizeF()
        # A new report marks the selected layer stale; it is drawn once, when next needed.
        self._stale = False
        self._stale_keep_step = False
        # The network figure is not laid out while it is hidden (the layer alone is shown): it
        # catches up with the last report when it is shown again.
        self._network_behind = False
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self.flush)
        self.set_dark(False)
        self.layer_view.show_layer(None)

    # -- the interface the window uses

    def set_report(self, network: Network, report: Report) -> None:
        """Show a newly computed report of `network`; keeps the selection and the view if it can.

        The selected layer is drawn on the next call that needs it (select_layer, fit, export)
        or on the next turn of the event loop, whichever comes first: the window follows an edit
        with select_layer, and the layer is then drawn once, not twice.
        """
        same_outline = (
            self._report is not None
            and report is not None
            and len(self._report.layers) == len(report.layers)
            and self._report.name == report.name
        )
        self._network = network
        self._report = report
        if self._selected is not None and (report is None or self._selected >= len(report.layers)):
            self._selected = None
        self._network_behind = self._view_mode == "layer"
        if not self._network_behind:
            self.network_view.selected = self._selected
            self.network_view.show_report(report, refit=not same_outline)
            self.network_view.select(self._selected)
        # A step kept from before only means something if the layers are the same ones.
        self._stale_keep_step = self._stale_keep_step if self._stale else same_outline
        self._stale = True
        self._flush_timer.start()

    def select_layer(self, index: int | None) -> None:
        """Show layer `index` (None: no layer). Does not emit layerClicked."""
        if self._report is None or index is None or not 0 <= index < len(self._report.layers):
            index = None
        if index == self._selected and not self._stale and self.layer_view.result is not None:
            return
        keep_step = self._stale and self._stale_keep_step and index == self._selected
        self._selected = index
        if not self._network_behind:
            self.network_view.select(index)
        self._show_selected(keep_step=keep_step)

    def flush(self) -> None:
        """Draw the selected layer now if a new report has not drawn it yet."""
        if self._stale:
            self._show_selected(keep_step=self._stale_keep_step)

    def set_dark(self, dark: bool) -> None:
        """Follow the window's light or dark theme."""
        self._dark = dark
        pal = palette(dark)
        self.network_view.set_palette(pal)
        self.layer_view.set_palette(pal)

    def set_zoom(self, factor: float) -> None:
        """Scale the canvas's text for projectors (1.0 is normal)."""
        self.flush()
        self._zoom = max(0.5, min(float(factor), 4.0))
        self.network_view.set_zoom(self._zoom)
        self.layer_view.set_zoom(self._zoom)
        # The worked steps and the position under the slider are read from afar too.
        for label in (self.steps, self.layer_view.controls.where):
            font = label.font()
            font.setPointSizeF(self._base_point_size * self._zoom)
            label.setFont(font)
        self._keep_steps_height()
        # At a projector's zoom the selected layer gets the height: the overview folds away
        # (drag the splitter to bring it back), and so does the element's arithmetic (the inset
        # and the worked steps give it too).
        roomy = self._zoom < FOLD_ZOOM
        self.steps.setVisible(roomy and self._view_mode != "network")
        total = sum(self.splitter.sizes())
        if total > 0 and self._view_mode == "both":
            part = total // 3 if roomy else 0
            self.splitter.setSizes([part, total - part])
        # Text of another size needs another frame: the selection's neighbourhood stays in view.
        self.network_view.frame()
        self._fit_layer()

    # -- more for the window: view mode, depth scale, fit and export

    @property
    def view_mode(self) -> str:
        return self._view_mode

    def set_view_mode(self, mode: str) -> None:
        """Show "both" views, the "network" alone or the "layer" alone; emits viewModeChanged."""
        if mode not in VIEW_MODES:
            return
        self.view_buttons.button(VIEW_MODES.index(mode)).setChecked(True)
        if mode == self._view_mode:
            return
        self._view_mode = mode
        if mode != "layer" and self._network_behind:
            self._network_behind = False
            self.network_view.selected = self._selected
            self.network_view.show_report(self._report)
            self.network_view.select(self._selected)
        if mode != "network" and self._stale:
            self._show_selected(keep_step=self._stale_keep_step)
        self.network_box.setVisible(mode != "layer")
        self.layer_view.setVisible(mode != "network")
        # The layer's controls and its worked position go with the layer view.
        for widget in (self.depth_label, self.depth_box, self.steps):
            widget.setVisible(mode != "network")
        # The network alone fills the canvas: fit it to its new room once laid out.
        QTimer.singleShot(0, self.fit)
        self.viewModeChanged.emit(mode)

    def next_view_mode(self) -> None:
        """Both → network alone → layer alone → both (the F6 key)."""
        self.set_view_mode(VIEW_MODES[(VIEW_MODES.index(self._view_mode) + 1) % len(VIEW_MODES)])

    def figure_options(self) -> FigureOptions:
        """The network figure's options as the canvas shows them (for exports)."""
        return self.network_view.options

    @property
    def network_scale(self) -> str:
        return NETWORK_SCALES[max(self.sizes.checkedId(), 0)]

    def set_network_scale(self, scale: str) -> None:
        """The network figure's size scale: 'sqrt' (the default), 'log' or 'linear'."""
        if scale in NETWORK_SCALES:
            self.sizes.button(NETWORK_SCALES.index(scale)).setChecked(True)
            self._on_figure_options()

    @property
    def depth_scale(self) -> str:
        return self.depth_box.currentData()

    def set_depth_scale(self, scale: str) -> None:
        """'linear' (true scale, the default), 'sqrt' or 'log'."""
        i = self.depth_box.findData(scale)
        if i >= 0:
            self.depth_box.setCurrentIndex(i)

    @property
    def selected(self) -> int | None:
        return self._selected

    def fit(self) -> None:
        """Show both pictures whole (the whole network too, however long)."""
        self.flush()
        self.network_view.fit_all()
        self._fit_layer()

    def _fit_layer(self) -> None:
        if self.layer_view.scene is not None:
            self.layer_view.fit()

    def picture_size(self) -> QSize:
        """The copied picture's size in pixels at scale 1 (the views shown, stacked)."""
        from . import export  # the picture writers, loaded when first used

        return export.picture_size(self.export_stages())

    def copy_to_clipboard(self) -> None:
        """Put the picture on the clipboard."""
        from . import export

        export.copy_image(self.export_stages(), palette(self._dark).background)

    # -- inside

    def _keep_steps_height(self) -> None:
        """Keep two lines for the element's arithmetic, said or not: selecting a layer that has
        none (a merge) would otherwise resize both views, and redraw the whole network."""
        self.steps.setMinimumHeight(math.ceil(2 * self.steps.fontMetrics().lineSpacing()))

    def export_stages(self):
        self.flush()
        views = {"both": (self.network_view, self.layer_view), "network": (self.network_view,)}
        return [v.stage for v in views.get(self._view_mode, (self.layer_view,))]

    def _show_selected(self, keep_step: bool) -> None:
        self._flush_timer.stop()
        if self._view_mode == "network":
            # The layer's view is hidden: it is drawn when shown again (set_view_mode).
            self._stale, self._stale_keep_step = True, keep_step
            return
        self._stale = False
        result = None
        if self._report is not None and self._selected is not None:
            result = self._report.layers[self._selected]
        self.layer_view.show_layer(result, self.depth_scale, keep_step=keep_step)
        if result is None or not self.layer_view.controls.slider.isEnabled():
            self.steps.setText("")

    def _on_block_clicked(self, index: int) -> None:
        self._selected = index
        self._show_selected(keep_step=False)
        self.layerClicked.emit(index)

    def _on_depth(self, _row: int) -> None:
        if self._report is not None:
            self._show_selected(keep_step=self._stale_keep_step if self._stale else True)

    def _on_window_edited(self, key: str, value: object, session: int) -> None:
        if self._selected is not None:
            self.windowEdited.emit(self._selected, key, value, session)

    def _on_figure_options(self, *_args) -> None:
        every = self.all_layers.isChecked()
        options = replace(
            self.network_view.options,
            scale=self.network_scale,
            fold=not every,
            collapse=not every,
        )
        self.network_view.set_options(options)
        self.network_view.select(self._selected)

    def _on_element(self, position: tuple[int, ...]) -> None:
        if self._selected is None:
            return
        self.elementChanged.emit(self._selected, position)
        self.steps.setText(self._element_text(position))

    def _element_text(self, position: tuple[int, ...]) -> str:
        if self._network is None or self._report is None or self._selected is None:
            return ""
        try:
            steps = explain_element(self._network, self._report, self._selected, position)
        except Exception:  # the canvas must stay up whatever the network holds; no steps then
            return ""
        return "\n".join(line for step in steps for line in step.lines)
