"""A pyqtgraph view set up for drawing tensors: one scale on both axes, y downwards, no axes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsItem

from .geometry.label_fit import fit_view
from .geometry.primitives import Label
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
        self.caption = CaptionItem(self.box)
        self.labels = self.new_labels(50)

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
        item.keep_out = self.caption.pixel_rect
        # Not cached: which labels show depends on what the view shows (none is cut by its
        # edge), so a pixmap made for one view would lack the labels that a pan brings in.
        # Painting replays a placement kept per zoom, which is cheap.
        self.add(item, z, ignore_bounds=True)
        self.label_items.append(item)
        return item

    def fit(
        self,
        bounds: tuple[float, float, float, float] | None = None,
        labels: Sequence[Label] | None = None,
        fitter: Callable[..., tuple[float, float, float, float]] = fit_view,
    ) -> None:
        """Show the page `bounds` (None: everything) and every one of `labels` whole, below the
        caption; `labels` default to all of this stage's first labels item. `fitter` takes
        `fit_view`'s arguments and finds the rectangle to show (the network view's makes room
        for labels where they will stand)."""
        if bounds is None:
            self.box.autoRange(padding=0.08)
            return
        if labels is None:
            labels = self.labels.labels()
        labels = [lb for lb in labels if lb.text]
        size = self.box.size()
        view = (size.width(), size.height())
        laid_out = view[0] >= 2 and view[1] >= 2
        if not laid_out:
            # Not laid out yet: the viewport's size is the best guess of what the box will get.
            rect = self.view.viewport().rect()
            view = (max(rect.width(), 1), max(rect.height(), 1))
        zoom = self.caption.zoom
        top_px = self.caption.pixel_height() + 4 * zoom
        left, top, width, height = fitter(
            bounds, labels, self.labels.measure(labels), view, zoom, top_px, 8 * zoom
        )
        self.box.setRange(QRectF(left, top, width, height), padding=0.0)
        for item in self.label_items:
            item.place_afresh()
        if laid_out:
            # Settle the new view transform now rather than in the paint: the labels' bounds
            # follow the transform, and changing them while painting paints the view twice.
            self.box.updateMatrix()

    def set_palette(self, palette: Palette) -> None:
        self.view.setBackground(palette.background)
        colors = {
            "edge": palette.text,
            "title": palette.text,
            "note": palette.muted,
            "error": palette.selected,
        }
        bg = QColor(palette.background)
        bg.setAlpha(215)
        for item in self.label_items:
            item.colors = colors
            item.background = bg
            item.update()
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
        texts: list[LabelsItem | CaptionItem] = [*self.label_items, self.caption]
        for item in texts:
            item.export_scale = scale
        try:
            self.view.render(painter, target, self.view.viewport().rect())
        finally:
            for item in texts:
                item.export_scale = 1.0
            for item in self.cached_items:
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def view_point(self, x: float, y: float):
        """The viewport pixel position of page point (x, y), for tests and tooltips."""
        scene_pos = self.box.mapViewToScene(pg.Point(x, y))
        return self.view.mapFromScene(scene_pos)
