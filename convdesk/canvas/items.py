"""The pyqtgraph items that draw what the geometry package computed; they place nothing themselves.

Few items with many shapes each: a network of 2,000 layers is one `ShapesItem`, its blocks a few
dozen paths drawn on every zoom (and kept as a pixmap while panning).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPicture,
    QPolygonF,
)

from .geometry.label_fit import place_labels
from .geometry.primitives import OBLIQUE_X, OBLIQUE_Y, Box, Label, Point, Segment

_TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
BASE_FONT_PX = 13.0  # label size at zoom 1.0; the window's zoom multiplies it for projectors


def cosmetic_pen(color: QColor, width: float = 1.2, style=Qt.PenStyle.SolidLine) -> QPen:
    """A pen whose width is in screen pixels, so edges stay crisp at any zoom."""
    pen = QPen(color, width, style)
    pen.setCosmetic(True)
    return pen


class ShapesItem(pg.GraphicsObject):
    """Filled polygons and lines recorded once into QPictures and replayed when painted, and
    paths (many shapes of one pen and brush each) drawn between them."""

    def __init__(self, smooth_fills: bool = True) -> None:
        super().__init__()
        self._below = QPicture()
        self._paths: list[tuple[QPainterPath, QPen, QBrush]] = []
        self._above = QPicture()
        self._rect = QRectF()
        # What is recorded in the picture, to tell a change from the same shapes drawn again.
        self._shapes: tuple[list, list, list] = ([], [], [])
        # Antialiased filling of large shapes is the dearest part of a frame; an item redrawn
        # at 30 fps may fill without it (its edges are straight, its lines stay smooth).
        self.smooth_fills = smooth_fills

    def set_shapes(
        self,
        polygons: Iterable[tuple[Sequence[Point], QPen, QBrush]] = (),
        lines: Iterable[tuple[Sequence[Segment], QPen]] = (),
        paths: Iterable[tuple[QPainterPath, QPen, QBrush]] = (),
    ) -> None:
        """Replace everything drawn: polygons with their pen and brush, then paths (many shapes
        of one pen and brush each), then line batches.

        The same shapes as before (an edit that left this part of the picture as it was) change
        nothing: the item is neither recorded again nor repainted, and a cached one keeps its
        pixmap.
        """
        polys = [(tuple(points), pen, brush) for points, pen, brush in polygons]
        batches = [(tuple(segments), pen) for segments, pen in lines if segments]
        paths = list(paths)
        if (polys, paths, batches) == self._shapes:
            return
        self._shapes = (polys, paths, batches)
        below = QPicture()
        painter = QPainter(below)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, self.smooth_fills)
        xs: list[float] = []
        ys: list[float] = []
        for points, pen, brush in polys:
            painter.setPen(pen)
            painter.setBrush(brush)
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
            xs += [p[0] for p in points]
            ys += [p[1] for p in points]
        painter.end()
        # Kept as they are, not recorded: a picture would write thousands of shapes out and
        # read them back at every replay.
        self._paths = paths
        for path, _pen, _brush in paths:
            rect = path.boundingRect()
            xs += (rect.left(), rect.right())
            ys += (rect.top(), rect.bottom())
        above = QPicture()
        painter = QPainter(above)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for segments, pen in batches:
            painter.setPen(pen)
            painter.drawLines([QLineF(*s) for s in segments])
            for x0, y0, x1, y1 in segments:
                xs += (x0, x1)
                ys += (y0, y1)
        painter.end()
        self.prepareGeometryChange()
        self._below, self._above = below, above
        if xs:
            self._rect = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        else:
            self._rect = QRectF()
        self.update()
        self.informViewBoundsChanged()

    def paint(self, painter: QPainter, *_args) -> None:
        self._below.play(painter)
        if self._paths:
            # Paths are filled without antialiasing, then outlined with it: the outline covers
            # the rough edge, and smoothing the fills of thousands of small shapes would be the
            # dearest part of drawing them (a network of 2,000 blocks: three times the rest).
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(Qt.PenStyle.NoPen)
            for path, _pen, brush in self._paths:
                painter.setBrush(brush)
                painter.drawPath(path)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for path, pen, _brush in self._paths:
                painter.setPen(pen)
                painter.drawPath(path)
            painter.restore()
        self._above.play(painter)

    def boundingRect(self) -> QRectF:
        # Cosmetic pens reach half their width past the shapes; a small margin covers them.
        if self._rect.isNull():
            return QRectF()
        return self._rect.adjusted(-1, -1, 1, 1)

    def dataBounds(self, axis, frac=1.0, orthoRange=None):
        if self._rect.isNull():
            return [None, None]
        if axis == 0:
            return [self._rect.left(), self._rect.right()]
        return [self._rect.top(), self._rect.bottom()]


def box_polygons(box: Box, fill: QColor, pen: QPen) -> list[tuple[list[Point], QPen, QBrush]]:
    """A box's three visible faces, shaded as if lit from the top left."""
    front, top, side = box.faces()
    return [
        (front, pen, QBrush(fill)),
        (top, pen, QBrush(fill.lighter(118))),
        (side, pen, QBrush(fill.darker(125))),
    ]


# Each face of a box as its corners, in the order Box.faces gives them: (x, y, z) with 0 the
# box's near side and 1 its far one.
# Up to this many boxes of a colour, their faces are drawn point by point: setting up the
# arrays costs more than it saves for a network of a few dozen layers.
FEW_BOXES = 16
_FACES = (
    ((0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0)),  # front
    ((0, 0, 0), (0, 0, 1), (1, 0, 1), (1, 0, 0)),  # top
    ((1, 0, 0), (1, 0, 1), (1, 1, 1), (1, 1, 0)),  # side
)


def boxes_faces(boxes: Sequence[Box]) -> list[QPainterPath]:
    """The front, top and side faces of many boxes, each kind of face as one path: thousands
    of boxes are drawn in three calls, not three per box."""
    if not boxes:
        return [QPainterPath() for _ in _FACES]
    if len(boxes) <= FEW_BOXES:
        return [_face_path(boxes, face) for face in _FACES]
    a = np.array([(b.x, b.y, b.z, b.w, b.h, b.d) for b in boxes], dtype=float)
    near = (a[:, 0], a[:, 1], a[:, 2])
    far = (a[:, 0] + a[:, 3], a[:, 1] + a[:, 4], a[:, 2] + a[:, 5])
    # Each face a closed run of five points (back to its first), then a break.
    connect = np.tile(np.array([1, 1, 1, 1, 0], dtype=np.int32), len(boxes))
    paths = []
    for face in _FACES:
        xs, ys = [], []
        for corner in (*face, face[0]):
            x, y, z = (far[k] if side else near[k] for k, side in enumerate(corner))
            # primitives.project, on every box at once
            xs.append(x + z * OBLIQUE_X)
            ys.append(y - z * OBLIQUE_Y)
        path = pg.arrayToQPath(
            np.stack(xs, axis=1).ravel(), np.stack(ys, axis=1).ravel(), connect, False
        )
        paths.append(path)
    return paths


def _face_path(boxes: Sequence[Box], face: tuple[tuple[int, int, int], ...]) -> QPainterPath:
    """One kind of face of a few boxes, point by point: the same path as the arrays make."""
    path = QPainterPath()
    for b in boxes:
        xs, ys, zs = (b.x, b.x + b.w), (b.y, b.y + b.h), (b.z, b.z + b.d)
        # primitives.project of each corner, as boxes_faces computes it
        points = [(xs[i] + zs[k] * OBLIQUE_X, ys[j] - zs[k] * OBLIQUE_Y) for i, j, k in face]
        path.moveTo(*points[0])
        for x, y in (*points[1:], points[0]):
            path.lineTo(x, y)
    return path


def _fonts(scale: float) -> dict[str, tuple[QFont, QFontMetricsF, int]]:
    """The font of each label role at a text scale, with its metrics and pixel size."""
    fonts = {}
    for role, bold, size in (("edge", False, 1.0), ("title", True, 1.08), ("note", False, 0.95)):
        font = QFont()
        font.setPixelSize(max(6, round(BASE_FONT_PX * size * scale)))
        font.setBold(bold)
        fonts[role] = (font, QFontMetricsF(font), font.pixelSize())
    return fonts


class LabelsItem(pg.GraphicsObject):
    """Text at model points, drawn in screen pixels so it stays readable at any zoom.

    Labels that would overlap one already drawn are skipped, most important first, so a network
    of thousands of layers shows only the names there is room for.
    """

    def __init__(self) -> None:
        super().__init__()
        self._labels: list[Label] = []
        self._avoid: list[tuple[float, float, float, float]] = []
        self._rect = QRectF()
        self.zoom = 1.0
        self.export_scale = 1.0  # set while rendering an export at a higher resolution
        self.colors: dict[str, QColor] = {}
        self.background: QColor | None = None  # drawn behind each text, when set
        # Pixels from the view's top-left that no label may cover (the caption), when set.
        self.keep_out: Callable[[], QRectF] | None = None
        self._sizes: dict[tuple[str, str, int], tuple[float, float]] = {}
        self._sizes_key: tuple[int, float] | None = None
        self._sizes_kept: list[tuple[float, float]] = []
        # What the last paint drew: (text, rectangle in pixels from the view's top-left corner).
        self.drawn: list[tuple[str, QRectF]] = []
        self.drawn_labels: list[Label] = []  # the labels of `drawn`, in the same order
        # Where the labels went at the last placement, and for which view and labels.
        self._version = 0
        self._placed: list[tuple[Label, QRectF]] = []
        self._placed_key: tuple | None = None
        self._placed_region = QRectF()
        self._placed_exact = False

    def set_labels(
        self,
        labels: Sequence[Label],
        colors: dict[str, QColor],
        avoid: Sequence[tuple[float, float, float, float]] = (),
    ) -> None:
        """Show `labels` (the most important drawn first); none is drawn over an `avoid`
        rectangle (model units: left, top, right, bottom). The same labels again change nothing,
        so their placement is kept and nothing is repainted."""
        ranked = sorted(labels, key=lambda lb: -lb.priority)
        avoid = list(avoid)
        if ranked == self._labels and avoid == self._avoid and colors == self.colors:
            return
        self.prepareGeometryChange()
        self._labels = ranked
        self._avoid = avoid
        self._version += 1
        self.colors = colors
        if labels:
            xs = [lb.x for lb in labels]
            ys = [lb.y for lb in labels]
            self._rect = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        else:
            self._rect = QRectF()
        self.update()

    def labels(self) -> list[Label]:
        return list(self._labels)

    def place_afresh(self) -> None:
        """Place the labels for exactly what is shown at the next paint, as at a new scale:
        a Fit at the scale of the last one moves the view, and a placement kept for panning
        would lose the labels it put past the view's edges (the output's shape)."""
        self._placed_key = None
        self.update()

    def measure(self, labels: Sequence[Label]) -> list[tuple[float, float]]:
        """Each label's text size in screen pixels at the current zoom."""
        fonts = _fonts(self.zoom)
        sizes = []
        for label in labels:
            _font, metrics, px = fonts.get(label.role, fonts["edge"])
            sizes.append(self._size(label.text, label.role, px, metrics))
        return sizes

    def boundingRect(self) -> QRectF:
        # Text reaches a few hundred pixels past its anchor; pad by that many pixels in model units.
        px = self.pixelWidth() or 1.0
        py = self.pixelHeight() or 1.0
        return self._rect.adjusted(-400 * px, -120 * py, 400 * px, 120 * py)

    def viewTransformChanged(self) -> None:
        # The bounding rect is padded in pixels, so it changes whenever the view zooms; and
        # pyqtgraph forgets the view rectangle it keeps for viewRect().
        super().viewTransformChanged()
        self.prepareGeometryChange()

    def _size(self, text: str, role: str, px: int, metrics: QFontMetricsF) -> tuple[float, float]:
        # Measuring text is the dearest part of painting thousands of labels: remember sizes.
        key = (text, role, px)
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) > 20000:
                self._sizes.clear()
            s = metrics.size(Qt.TextFlag.TextSingleLine, text)
            size = self._sizes[key] = (s.width(), s.height())
        return size

    def paint(self, painter: QPainter, *_args) -> None:
        self.drawn = []
        self.drawn_labels = []
        if not self._labels:
            return
        to_device = painter.transform()
        # The part of the view that is shown, where the painter draws: a cached item paints into
        # a pixmap that may reach past the view, so the device's own size will not do.
        shown = self.viewRect()
        if shown is None:
            device = painter.device()
            area = QRectF(0, 0, device.width(), device.height())
        else:
            area = to_device.mapRect(shown)
        scale = self.zoom * self.export_scale
        fonts = _fonts(scale)
        blocked = self.keep_out() if self.keep_out is not None else QRectF()
        blocked = blocked.translated(area.left(), area.top())
        placed = self._placement(to_device, area, blocked, scale, fonts)
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        for label, rect in placed:
            if self.background is not None:
                # A veil of the background behind the text keeps it readable where it crosses
                # a line (a skip connection, a link).
                painter.fillRect(rect.adjusted(-2, 0, 2, 0), self.background)
            painter.setFont(fonts.get(label.role, fonts["edge"])[0])
            painter.setPen(self.colors.get(label.role, self.colors.get("edge", QColor("black"))))
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, label.text
            )
            self.drawn.append((label.text, rect.translated(-area.left(), -area.top())))
            self.drawn_labels.append(label)
        painter.restore()

    def _placement(
        self, to_device, area: QRectF, blocked: QRectF, scale: float, fonts
    ) -> list[tuple[Label, QRectF]]:
        """Which labels go where (device pixels), by `label_fit.place_labels`: whole, inside
        the shown area, off the caption, none touching another.

        Placed for exactly what is shown whenever the scale or the labels change (a Fit, a
        zoom): that is the placement the tests check. A pan then keeps a placement made for
        half a screen around the view, so a large network pans without placing thousands of
        labels on every frame; what it brings in is drawn if it lies whole in the view and off
        the caption.
        """
        origin = to_device.map(QPointF(0, 0))
        rel = area.translated(-origin)
        key = (to_device.m11(), to_device.m22(), scale, self._version)
        same = _same_scale(key, self._placed_key)
        if same and self._placed_region.contains(rel):
            if self._placed_exact and rel == self._placed_region:
                return [(lb, r.translated(origin)) for lb, r in self._placed]
            return [
                (lb, moved)
                for lb, r in self._placed
                if area.contains(moved := r.translated(origin))
                and (blocked.isEmpty() or not moved.intersects(blocked))
            ]
        exact = not same
        if exact:
            region, keep_out = rel, () if blocked.isEmpty() else (blocked.translated(-origin),)
        else:
            mx, my = rel.width() / 2, rel.height() / 2
            region, keep_out = rel.adjusted(-mx, -my, mx, my), ()
        # Each label's size, kept while the labels and the text's scale stay (a zoom keeps them).
        if self._sizes_key != (self._version, scale):
            self._sizes_kept = []
            for label in self._labels:
                _font, metrics, px = fonts.get(label.role, fonts["edge"])
                self._sizes_kept.append(self._size(label.text, label.role, px, metrics))
            self._sizes_key = (self._version, scale)
        sizes = self._sizes_kept
        found = place_labels(
            self._labels,
            sizes,
            (to_device.m11(), to_device.m22(), 0.0, 0.0),
            _corners(region),
            scale,
            tuple(_corners(k) for k in keep_out),
            self._avoid,
        )
        self._placed = [
            (self._labels[n], QRectF(QPointF(r[0], r[1]), QPointF(r[2], r[3]))) for n, r in found
        ]
        self._placed_key = key
        self._placed_region = region
        self._placed_exact = exact
        return self._placement(to_device, area, blocked, scale, fonts)


# Between the entries of a legend row.
LEGEND_SEP = "\u2003\u2003"
# The caption takes at most this share of its view's height; rows past it are left out.
CAPTION_SHARE = 0.3


class CaptionItem(pg.GraphicsObject):
    """Lines of text pinned to the view's top-left corner (not to the model), e.g. the depth scale.

    It is a child of the ViewBox itself, so it stays put while the picture pans and zooms, and it is
    part of every export.
    """

    def __init__(self, parent: pg.ViewBox) -> None:
        super().__init__(parent)
        self._lines: list[tuple[str, str]] = []
        self._legend: dict[str, QColor] = {}
        self.zoom = 1.0
        self.export_scale = 1.0
        self.colors: dict[str, QColor] = {}
        self.background = QColor(255, 255, 255, 200)
        self._rows_key: tuple | None = None
        self._rows_kept: list[tuple[str, str]] = []
        self._widest: float | None = None  # the widest of the kept rows, measured once
        self.setZValue(1000)

    def set_lines(
        self,
        lines: Sequence[tuple[str, str]],
        colors: dict[str, QColor],
        legend: Sequence[tuple[QColor, str]] = (),
    ) -> None:
        """`lines` are (role, text) pairs; role "error" draws in the error colour. `legend` adds
        a row of colour swatches, each with what it stands for, after the lines. The same lines
        again change nothing."""
        rows = list(lines)
        swatches = {text: color for color, text in legend}
        if legend:
            rows.append(("legend", LEGEND_SEP.join(f"■ {t}" for _c, t in legend)))
        if rows == self._lines and swatches == self._legend and colors == self.colors:
            return
        self._lines = rows
        self._legend = swatches
        self.colors = colors
        self.update()

    def lines(self) -> list[str]:
        return [text for _role, text in self._lines]

    def pixel_height(self) -> float:
        """How far down the view the caption reaches, in screen pixels."""
        if not self._lines:
            return 0.0
        font = QFont()
        font.setPixelSize(max(6, round(BASE_FONT_PX * self.zoom)))
        metrics = QFontMetricsF(font)
        rows = self._rows(metrics, self._width_px(1.0), self.zoom)
        return 8 * self.zoom + metrics.height() * len(rows) + 12 * self.zoom

    def _box(self, metrics: QFontMetricsF, rows: list[tuple[str, str]], scale: float) -> QRectF:
        """The caption's box for `rows`, the rows `_rows` just gave for `metrics`."""
        pad = 6 * scale
        if self._widest is None:
            # Kept with the rows: every paint and fit asks, and the text is the same each time.
            self._widest = max(metrics.horizontalAdvance(t) for _r, t in rows)
        width = self._widest + 2 * pad
        height = metrics.height() * len(rows) + 2 * pad
        return QRectF(8 * scale, 8 * scale, width, height)

    def pixel_rect(self) -> QRectF:
        """Where the caption's box lies, in pixels from the view's top-left (as now painted)."""
        if not self._lines:
            return QRectF()
        scale = self.zoom * self.export_scale
        font = QFont()
        font.setPixelSize(max(6, round(BASE_FONT_PX * scale)))
        metrics = QFontMetricsF(font)
        return self._box(
            metrics, self._rows(metrics, self._width_px(self.export_scale), scale), scale
        )

    def _width_px(self, export_scale: float) -> float:
        parent = self.parentItem()
        width = parent.boundingRect().width() if parent is not None else 0.0
        return width * export_scale

    def _rows(self, metrics: QFontMetricsF, view_px: float, scale: float) -> list[tuple[str, str]]:
        """The lines broken at spaces to fit across the view (a narrow canvas cuts no words).

        Every paint and every fit asks; the rows are kept until the lines, the view's size or
        the font change (the callers' font is the default one at a pixel size set by `scale`).
        """
        parent = self.parentItem()
        view_h = parent.boundingRect().height() * self.export_scale if parent is not None else 0
        key = (tuple(self._lines), view_px, view_h, scale, metrics.height(), QFont().key())
        if key != self._rows_key:
            self._rows_kept = self._broken_rows(metrics, view_px, view_h, scale)
            self._rows_key = key
            self._widest = None
        return list(self._rows_kept)

    def _broken_rows(
        self, metrics: QFontMetricsF, view_px: float, view_h: float, scale: float
    ) -> list[tuple[str, str]]:
        room = view_px - 28 * scale  # the caption's margin and padding either side
        if room <= 0:
            return list(self._lines)
        rows = []
        for role, text in self._lines:
            line = ""
            # A legend breaks between its entries, never inside one.
            sep = LEGEND_SEP if role == "legend" else " "
            for word in text.split(sep):
                trial = f"{line}{sep}{word}" if line else word
                if line and metrics.horizontalAdvance(trial) > room:
                    rows.append((role, line))
                    line = word
                else:
                    line = trial
            rows.append((role, line))
        # The picture is what the caption explains: on a short view (large text on a projector)
        # keep the rows that fit in a share of its height: errors, the title, the legend.
        fit = int((CAPTION_SHARE * view_h - 20 * scale) // max(metrics.height(), 1.0))
        if view_h > 0 and len(rows) > max(fit, 1):
            rank = {"error": 0, "title": 1, "legend": 2}
            order = sorted(range(len(rows)), key=lambda i: (rank.get(rows[i][0], 2), i))
            keep = sorted(order[: max(fit, 1)])
            rows = [rows[i] for i in keep]
        return rows

    def boundingRect(self) -> QRectF:
        parent = self.parentItem()
        return parent.boundingRect() if parent is not None else QRectF()

    def paint(self, painter: QPainter, *_args) -> None:
        if not self._lines:
            return
        origin = painter.transform().map(QPointF(0, 0))
        scale = self.zoom * self.export_scale
        painter.save()
        painter.resetTransform()
        font = QFont()
        font.setPixelSize(max(6, round(BASE_FONT_PX * scale)))
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        rows = self._rows(metrics, self._width_px(self.export_scale), scale)
        box = self._box(metrics, rows, scale)
        pad = 6 * scale
        x, y = origin.x() + box.x(), origin.y() + box.y()
        width, height = box.width(), box.height()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.background)
        painter.drawRoundedRect(QRectF(x, y, width, height), 4 * scale, 4 * scale)
        for i, (role, text) in enumerate(rows):
            base = QPointF(x + pad, y + pad + metrics.ascent() + i * metrics.height())
            if role == "legend":
                self._paint_legend(painter, metrics, base, text)
                continue
            painter.setPen(self.colors.get(role, self.colors.get("note", QColor("black"))))
            painter.drawText(base, text)
        painter.restore()

    def _paint_legend(self, painter: QPainter, metrics: QFontMetricsF, base: QPointF, text: str):
        """A legend row: each entry's swatch in its colour, its words in the note colour."""
        x = base.x()
        note = self.colors.get("note", QColor("black"))
        for n, entry in enumerate(text.split(LEGEND_SEP)):
            if n:
                x += metrics.horizontalAdvance(LEGEND_SEP)
            name = entry.removeprefix("■ ")
            side = metrics.ascent() * 0.8
            swatch = QRectF(x, base.y() - side, side, side)
            painter.setPen(note)
            painter.setBrush(self._legend.get(name, note))
            painter.drawRect(swatch)
            painter.drawText(QPointF(x + metrics.horizontalAdvance("■ "), base.y()), name)
            x += metrics.horizontalAdvance(entry)


def _same_scale(key: tuple, placed: tuple | None) -> bool:
    """Whether a placement made under `placed` serves `key`: the same labels and text scale, and
    the view's scale equal but for rounding (a pan recomputes it, in the last digits)."""
    if placed is None or key[2:] != placed[2:]:
        return False
    return math.isclose(key[0], placed[0], rel_tol=1e-9) and math.isclose(
        key[1], placed[1], rel_tol=1e-9
    )


def _corners(rect: QRectF) -> tuple[float, float, float, float]:
    """A rectangle as (left, top, right, bottom), as QRectF.getCoords gives it."""
    return rect.left(), rect.top(), rect.right(), rect.bottom()
