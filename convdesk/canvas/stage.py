"""A pyqtgraph view set up for drawing tensors: one scale on both axes, y downwards, no axes."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter

from .items import CaptionItem, LabelsItem
from .palette import Palette


class Stage:
    """A GraphicsView holding one ViewBox, its labels and its pinned caption.

    The aspect ratio is locked so a square stays square: sizes can be compared by eye.
    """

    def __init__(self) -> None:
        self.view = pg.GraphicsView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.box = pg.ViewBox(lockAspect=True, invertY=True, enableMenu=False)
        self.box.setDefaultPadding(0.06)
        self.view.setCentralItem(self.box)
        self.labels = LabelsItem()
        self.labels.setZValue(50)
        self.box.addItem(self.labels, ignoreBounds=True)
        self.caption = CaptionItem(self.box)

    def add(self, item: pg.GraphicsObject, z: float, ignore_bounds: bool = False) -> None:
        item.setZValue(z)
        self.box.addItem(item, ignoreBounds=ignore_bounds)

    def fit(self, bounds: tuple[float, float, float, float] | None = None) -> None:
        """Show everything (or the given page bounds) with a margin for the labels."""
        if bounds is None:
            self.box.autoRange(padding=0.08)
            return
        left, top, right, bottom = bounds
        w, h = max(right - left, 1e-6), max(bottom - top, 1e-6)
        # Labels sit outside the boxes, and the caption covers the top-left corner: leave room.
        self.box.setRange(QRectF(left - 0.08 * w, top - 0.22 * h, w * 1.16, h * 1.38), padding=0.0)

    def set_palette(self, palette: Palette) -> None:
        self.view.setBackground(palette.background)
        colors = {
            "edge": palette.text,
            "title": palette.text,
            "note": palette.muted,
            "error": palette.selected,
        }
        self.labels.colors = colors
        self.labels.update()
        bg = QColor(palette.background)
        bg.setAlpha(215)
        self.caption.background = bg
        self.caption.colors = colors
        self.caption.update()

    def set_zoom(self, factor: float) -> None:
        self.labels.zoom = factor
        self.caption.zoom = factor
        self.labels.prepareGeometryChange()
        self.labels.update()
        self.caption.update()

    def render(self, painter: QPainter, target: QRectF, scale: float) -> None:
        """Paint what the view shows into `target`, text enlarged by `scale` to match."""
        self.labels.export_scale = scale
        self.caption.export_scale = scale
        try:
            self.view.render(painter, target, self.view.viewport().rect())
        finally:
            self.labels.export_scale = 1.0
            self.caption.export_scale = 1.0

    def view_point(self, x: float, y: float):
        """The viewport pixel position of page point (x, y), for tests and tooltips."""
        scene_pos = self.box.mapViewToScene(pg.Point(x, y))
        return self.view.mapFromScene(scene_pos)
