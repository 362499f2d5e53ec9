"""A pyqtgraph view set up for drawing tensors: one scale on both axes, y downwards, no axes."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsItem

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
        self.label_items: list[LabelsItem] = []
        self.cached_items: list[pg.GraphicsObject] = []
        self.labels = self.new_labels(50)
        self.caption = CaptionItem(self.box)

    def add(
        self, item: pg.GraphicsObject, z: float, ignore_bounds: bool = False, cached: bool = False
    ) -> None:
        """Add an item; `cached` items are kept as a pixmap, so panning only moves pixels."""
        item.setZValue(z)
        self.box.addItem(item, ignoreBounds=ignore_bounds)
        if cached:
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            self.cached_items.append(item)

    def new_labels(self, z: float) -> LabelsItem:
        """Another layer of labels that follows this stage's theme, zoom and exports."""
        item = LabelsItem()
        self.add(item, z, ignore_bounds=True, cached=True)
        self.label_items.append(item)
        return item

    def fit(self, bounds: tuple[float, float, float, float] | None = None) -> None:
        """Show everything (or the given page bounds) with a margin for the labels."""
        if bounds is None:
            self.box.autoRange(padding=0.08)
            return
        left, top, right, bottom = bounds
        w, h = max(right - left, 1e-6), max(bottom - top, 1e-6)
        # Keep room in screen pixels: the caption covers the top of the view, and labels sit
        # outside the boxes (titles below, heights to the left).
        zoom = self.caption.zoom
        view_h = max(self.view.viewport().height(), 1)
        view_w = max(self.view.viewport().width(), 1)
        above_px = self.caption.pixel_height() + 30 * zoom
        below_px = 52 * zoom
        side_px = 90 * zoom
        share_h = min((above_px + below_px) / view_h, 0.7)
        share_w = min(2 * side_px / view_w, 0.5)
        range_h = h / (1 - share_h)
        range_w = w / (1 - share_w)
        above = range_h * above_px / view_h
        side = range_w * side_px / view_w
        self.box.setRange(QRectF(left - side, top - above, range_w, range_h), padding=0.0)

    def set_palette(self, palette: Palette) -> None:
        self.view.setBackground(palette.background)
        colors = {
            "edge": palette.text,
            "title": palette.text,
            "note": palette.muted,
            "error": palette.selected,
        }
        for item in self.label_items:
            item.colors = colors
            item.update()
        bg = QColor(palette.background)
        bg.setAlpha(215)
        self.caption.background = bg
        self.caption.colors = colors
        self.caption.update()

    def set_zoom(self, factor: float) -> None:
        for item in self.label_items:
            item.zoom = factor
            item.prepareGeometryChange()
            item.update()
        self.caption.zoom = factor
        self.caption.update()

    def render(self, painter: QPainter, target: QRectF, scale: float) -> None:
        """Paint what the view shows into `target`, text enlarged by `scale` to match."""
        # Cached items would be exported as pixmaps (blurred, text no longer text): paint afresh.
        for item in self.cached_items:
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        for item in (*self.label_items, self.caption):
            item.export_scale = scale
        try:
            self.view.render(painter, target, self.view.viewport().rect())
        finally:
            for item in (*self.label_items, self.caption):
                item.export_scale = 1.0
            for item in self.cached_items:
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def view_point(self, x: float, y: float):
        """The viewport pixel position of page point (x, y), for tests and tooltips."""
        scene_pos = self.box.mapViewToScene(pg.Point(x, y))
        return self.view.mapFromScene(scene_pos)
