"""The network view: every layer's output as a block, left to right, clickable."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from . import geometry as geo
from .items import ShapesItem, box_polygons, cosmetic_pen
from .palette import LIGHT, Palette
from .stage import Stage
from .text import block_tooltip, input_tooltip


class NetworkView(QWidget):
    """All blocks are one cached picture; the selection is a second, tiny item on top."""

    blockClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = Stage()
        self.blocks = ShapesItem()
        self.highlight = ShapesItem()
        self.stage.add(self.blocks, 0, cached=True)
        self.stage.add(self.highlight, 5, ignore_bounds=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stage.view)
        scene = self.stage.view.scene()
        scene.sigMouseClicked.connect(self._on_click)
        scene.sigMouseMoved.connect(self._on_hover)
        self.colors: Palette = LIGHT
        self.stage.set_palette(self.colors)
        self.report = None
        self.layout_: geo.NetworkLayout | None = None
        self.selected: int | None = None
        self.scale = "linear"
        self._labels: list[geo.Label] = []
        self._framed: int | None = None  # the layer whose neighbourhood is shown, if any

    def show_report(self, report, scale: str = "linear", refit: bool = True) -> None:
        """Draw `report`; with `refit`, frame it afresh (the selection's neighbourhood or all)."""
        self.report = report
        self.scale = scale
        self.layout_ = geo.network_layout(report, scale) if report is not None else None
        self._draw()
        if refit:
            self._framed = None
            self.frame()

    def select(self, index: int | None) -> None:
        """Outline the block of layer `index`; in a long network show the blocks around it, in
        a short one bring it into view if it is off screen."""
        changed = index != self.selected
        self.selected = index
        if changed:
            self._draw_labels()
        self._draw_selection()
        block = self.layout_.block_of(index) if (self.layout_ and index is not None) else None
        if block is None:
            return
        if self._framed != index and self.neighbourhood() is not None:
            self.frame()
            return
        left, top, right, bottom = block.box.bounds()
        shown = self.stage.box.viewRect()
        if not shown.contains(QRectF(left, top, right - left, bottom - top)):
            # Keep the zoom; move the view so the block sits in the middle.
            centre = QPointF((left + right) / 2, (top + bottom) / 2)
            shown.moveCenter(centre)
            if shown.width() < right - left or shown.height() < bottom - top:
                shown = QRectF(left, top, right - left, bottom - top)
            self.stage.box.setRange(shown, padding=0.1)

    def neighbourhood(self) -> tuple[float, float, float, float] | None:
        """Page bounds of the blocks around the selection when the network is too long to
        read whole; None when the whole network is what to show."""
        if self.layout_ is None or self.selected is None:
            return None
        return geo.neighbourhood(self.layout_, self.selected)

    def frame(self) -> None:
        """Show the selection's neighbourhood in a long network, else the whole network."""
        if self.layout_ is None:
            return
        near = self.neighbourhood()
        if near is None:
            self.fit_all()
            return
        left, _top, right, _bottom = near
        labels = [lb for lb in self._labels if left <= lb.x <= right]
        self.stage.fit(near, labels)
        self._framed = self.selected

    def fit_all(self) -> None:
        """Show the whole network (the Fit button), however thin it gets."""
        if self.layout_ is None:
            return
        self.stage.fit(self.layout_.bounds(), _end_labels(self.layout_))
        self._framed = None

    def set_palette(self, palette: Palette) -> None:
        self.colors = palette
        self.stage.set_palette(palette)
        self._draw()

    # -- drawing

    def _draw(self) -> None:
        lay, pal = self.layout_, self.colors
        if lay is None:
            self.blocks.set_shapes()
            self.highlight.set_shapes()
            self.stage.labels.set_labels([], self.stage.labels.colors)
            self.stage.caption.set_lines([], self.stage.caption.colors)
            return
        edge = cosmetic_pen(pal.edge, 1.0)
        polys = []
        for block in lay.blocks:
            role = "input" if block.index < 0 else block.status
            polys += box_polygons(block.box, pal.fill(role), edge)
        skip_pen = cosmetic_pen(pal.fill("tap"), 1.6)
        skips = [seg for poly in lay.connectors for seg in _segments(poly)]
        self.blocks.set_shapes(polys, [(lay.links, cosmetic_pen(pal.link, 1.2)), (skips, skip_pen)])
        self._draw_labels()
        name = self.report.name if self.report is not None else ""
        lines = [("title", f"{name}  ·  {geo.DEPTH_SCALE_TEXT[self.scale]}")]
        if lay.connectors:
            lines.append(("note", "orange lines: skip connections and merges"))
        errors = [r for r in self.report.layers if r.error]
        if errors:
            layers = "1 layer" if len(errors) == 1 else f"{len(errors)} layers, the first"
            lines.append(("error", f"{layers} in error: {errors[0].name}"))
        self.stage.caption.set_lines(lines, self.stage.caption.colors)
        self._draw_selection()

    def _draw_labels(self) -> None:
        lay = self.layout_
        if lay is None:
            return
        labels = list(lay.labels)
        if self.selected is not None:
            # The selected block's name and shape win over their neighbours'.
            mine = {id(lb) for lb in lay.labels_of(self.selected)}
            labels = [replace(lb, priority=9) if id(lb) in mine else lb for lb in labels]
        self._labels = labels
        self.stage.labels.set_labels(labels, self.stage.labels.colors)

    def _draw_selection(self) -> None:
        lay = self.layout_
        block = lay.block_of(self.selected) if (lay and self.selected is not None) else None
        if block is None:
            self.highlight.set_shapes()
            return
        pen = cosmetic_pen(self.colors.selected, 3.0)
        self.highlight.set_shapes([(block.box.outline(), pen, QBrush(Qt.BrushStyle.NoBrush))])

    # -- mouse

    def block_at(self, scene_pos: QPointF) -> int | None:
        if self.layout_ is None:
            return None
        p = self.stage.box.mapSceneToView(scene_pos)
        return self.layout_.hit(p.x(), p.y())

    def _on_click(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.layout_ is None:
            return
        index = self.block_at(event.scenePos())
        if index is not None:
            self.select(index)
            self.blockClicked.emit(index)

    def _on_hover(self, scene_pos: QPointF) -> None:
        if self.layout_ is None or self.report is None:
            return
        p = self.stage.box.mapSceneToView(scene_pos)
        text = None
        for block in reversed(self.layout_.blocks):
            if block.box.contains(p.x(), p.y()):
                if block.index < 0:
                    text = input_tooltip(self.report.input)
                else:
                    text = block_tooltip(self.report.layers[block.index])
                break
        if text is None:
            QToolTip.hideText()
            return
        view = self.stage.view
        QToolTip.showText(view.viewport().mapToGlobal(view.mapFromScene(scene_pos)), text, view)


def _end_labels(layout: geo.NetworkLayout) -> list[geo.Label]:
    """The labels to make room for when showing the whole network.

    A short network: all of them. A long one: those of the first and last blocks, which reach
    past the picture (measuring a thousand labels, most hidden anyway, would be slow).
    """
    if not layout.blocks:
        return []
    if len(layout.blocks) <= geo.LEGIBLE_BLOCKS:
        return list(layout.labels)
    first, last = layout.blocks[0].index, layout.blocks[-1].index
    return layout.labels_of(first) + (layout.labels_of(last) if last != first else [])


def _segments(poly: list[geo.Point]) -> list[geo.Segment]:
    return [(*poly[i], *poly[i + 1]) for i in range(len(poly) - 1)]
