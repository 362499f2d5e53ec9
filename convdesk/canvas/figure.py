"""The network figure as a picture: what the network view draws, and the same figure (or one
layer's view) written to SVG or PNG at a size of the user's choosing, without a window.

`convdesk figure` and the window's File → Export Picture both write through `write_figure`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QApplication

from . import geometry as geo
from .geometry.network_graph import KIND_NAMES
from .geometry.network_layout import DEFAULT_SCALE, FIT_VIEW, SCALE_TEXT
from .items import CAPTION_SHARE, ShapesItem, boxes_faces, cosmetic_pen
from .palette import Palette, palette

if TYPE_CHECKING:
    from .networkview import NetworkView


@dataclass(frozen=True, slots=True)
class FigureOptions:
    """How the network figure is drawn: its size scale, whether activations fold into the
    block they follow, whether identical units collapse, which collapsed runs are open, and
    how large its labels are against a 1440×900 window's Fit (a written figure's are larger)."""

    scale: str = DEFAULT_SCALE
    fold: bool = True
    collapse: bool = True
    expanded: frozenset[int] = frozenset()
    text: float = 1.0


def block_fill(block: geo.Block, pal: Palette) -> QColor:
    """A block's colour: its layer's kind, or the error / unknown colour."""
    if block.status in ("error", "unknown"):
        return pal.fill(block.status)
    return pal.fill("net_input" if block.kind == "input" else block.kind)


def draw_figure(item: ShapesItem, lay: geo.NetworkLayout, pal: Palette, zoom: float = 1.0) -> None:
    """Record the figure's shapes into `item`: blocks, group frames, links and connectors, their
    lines `zoom` times as wide as at 100 % (they grow with the text for a projector)."""
    edge = cosmetic_pen(pal.edge, 1.0 * zoom)
    polys = []
    frame_pen = cosmetic_pen(pal.muted, 1.2 * zoom, Qt.PenStyle.DashLine)
    no_fill = QBrush(Qt.BrushStyle.NoBrush)
    for g in lay.groups:
        left, top, right, bottom = g.frame
        polys.append(
            ([(left, top), (right, top), (right, bottom), (left, bottom)], frame_pen, no_fill)
        )
    # The blocks of one colour are drawn together, each face as one path (a network of
    # thousands of blocks is a few dozen calls); blocks never overlap, so the order is free.
    colours: dict[int, tuple[QColor, list[geo.Box]]] = {}
    for block in lay.blocks:
        fill = block_fill(block, pal)
        colours.setdefault(fill.rgba(), (fill, []))[1].append(block.box)
    faces: list[tuple[QPainterPath, QPen, QBrush]] = []
    for fill, boxes in colours.values():
        fronts, tops, sides = boxes_faces(boxes)
        faces += [
            (fronts, edge, QBrush(fill)),
            (tops, edge, QBrush(fill.lighter(118))),
            (sides, edge, QBrush(fill.darker(125))),
        ]
    brackets = [(*p[i], *p[i + 1]) for p in lay.brackets for i in range(len(p) - 1)]
    skip_pen = cosmetic_pen(pal.fill("tap"), 1.8 * zoom)
    skips = [(*p[i], *p[i + 1]) for p in lay.connectors for i in range(len(p) - 1)]
    item.set_shapes(
        polys,
        [
            (lay.links, cosmetic_pen(pal.link, 1.3 * zoom)),
            (skips, skip_pen),
            (brackets, cosmetic_pen(pal.muted, 1.3 * zoom)),
        ],
        faces,
    )


def caption_lines(report, lay: geo.NetworkLayout, pal: Palette):
    """The figure's caption: name and size scale, what the lines mean, errors; and its legend."""
    lines = [("title", f"{report.name}  ·  {SCALE_TEXT[lay.scale]}")]
    notes = []
    if lay.connectors:
        notes.append("orange: skips and branches")
    if lay.groups:
        notes.append("× N: a unit repeated N times")
    if lay.clamped:
        notes.append("thin sides drawn thicker")
    if notes:
        lines.append(("note", "; ".join(notes)))
    errors = [r for r in report.layers if r.error]
    if errors:
        layers = "1 layer" if len(errors) == 1 else f"{len(errors)} layers, the first"
        lines.append(("error", f"{layers} in error: {errors[0].name}"))
    legend = [(pal.fill("net_input" if k == "input" else k), KIND_NAMES[k]) for k in lay.kinds()]
    return lines, legend


# Room kept under the caption and under the lowest drawing or label of a cropped figure, in
# pixels of its view.
CROP_MARGIN_PX = 12.0


def content_rows(stage, lay: geo.NetworkLayout) -> tuple[float, float]:
    """The top and bottom, in view pixels, of what a stage draws of the figure `lay`: its
    blocks, lines and the labels it shows (as placed for the view at hand)."""
    stage.view.viewport().repaint()
    left, top, right, bottom = lay.bounds()
    ys = [stage.view_point(x, y).y() for x in (left, right) for y in (top, bottom)]
    for _text, rect in stage.labels.drawn:
        ys += [rect.top(), rect.bottom()]
    return min(ys), max(ys)


def _crop_to_content(widget: NetworkView) -> None:
    """Make the view just tall enough for its caption and what it draws, at the scale it has:
    a long, flat network fills its picture instead of floating in the middle of it."""
    stage = widget.stage
    shown = stage.box.viewRect()
    px_per_unit = stage.view.viewport().width() / shown.width()
    assert widget.layout_ is not None  # shown before it is cropped
    top, bottom = content_rows(stage, widget.layout_)
    caption = stage.caption.pixel_height()
    above = caption + CROP_MARGIN_PX
    need = above + (bottom - top) + CROP_MARGIN_PX
    # The caption keeps all its rows only in a view tall enough (CaptionItem drops rows past
    # its share): what is left over goes evenly above and below the drawing.
    height = math.ceil(max(need, caption / CAPTION_SHARE + 1))
    if height >= stage.view.viewport().height():
        return
    above += (height - need) / 2
    # The model y at the content's top, which goes that far under the caption's top.
    first = shown.top() + top / px_per_unit
    widget.resize(widget.width(), widget.height() - stage.view.viewport().height() + height)
    QApplication.processEvents()
    view = stage.view.viewport()
    stage.box.setRange(
        QRectF(
            shown.left(),
            first - above / px_per_unit,
            view.width() / px_per_unit,
            view.height() / px_per_unit,
        ),
        padding=0.0,
    )
    stage.box.updateMatrix()


# A figure's text is this many times larger per 1,000 pixels of width, so a slide-wide picture
# reads from the back of a room.
TEXT_PER_1000_PX = 1.15


# A written figure's text may be made smaller than its width asks, down to this size against a
# 1440×900 window's at Fit, where that gives each label its room by its block (AlexNet's names
# in two even rows; at 1.84 times a window's they do not fit).
FIGURE_TEXT_FLOOR = 1.0


def figure_text(report, options: FigureOptions, text: float) -> float:
    """How large a written figure's labels are against a window's Fit: `text`, or the largest
    size down to FIGURE_TEXT_FLOOR at which the layout keeps room for every label by its
    block (a name in one row with its neighbours', a shape right under its block)."""
    o = options
    t = text
    lay = geo.network_layout(report, o.scale, o.fold, o.collapse, o.expanded, t)
    while lay.tried and not lay.roomy and t - 0.1 >= FIGURE_TEXT_FLOOR - 1e-9:
        t -= 0.1
        lay = geo.network_layout(report, o.scale, o.fold, o.collapse, o.expanded, t)
    return t if lay.roomy else text


def write_figure(
    report,
    path: str,
    fmt: str,
    width: int = 1600,
    options: FigureOptions | None = None,
    dark: bool = False,
    layer: int | None = None,
    height: int | None = None,
) -> bool:
    """Write the network figure (or layer `layer`'s view) as `fmt` "svg" or "png", `width`
    pixels wide; False if the file could not be written. Needs a QApplication."""
    from . import export  # the picture writers, loaded when a picture is written
    from .layerview import LayerView
    from .networkview import NetworkView

    pal = palette(dark)
    view_w = max(200, round(width / max(1.0, width / 1000 * TEXT_PER_1000_PX)))
    scale = width / view_w  # exactly `width` pixels wide
    widget: NetworkView | LayerView
    if layer is None:
        text = figure_text(report, options or FigureOptions(), FIT_VIEW[0] / view_w)
        view_w = round(FIT_VIEW[0] / text)
        scale = width / view_w
        network_view = widget = NetworkView()
        network_view.set_palette(pal)
        network_view.options = replace(options or FigureOptions(), text=text)
        network_view.show_report(report, refit=False)
        lay = network_view.layout_
        assert lay is not None  # show_report has laid the report out
        left, top, right, bottom = lay.bounds()
        # Tall enough for the figure at full width, its caption, and a few lines of labels.
        aspect = (bottom - top) / max(right - left, 1e-9)
        view_h = round(min(max(aspect * (view_w - 40) + 220, 0.3 * view_w), 1.2 * view_w))
    else:
        layer_view = widget = LayerView()
        layer_view.set_palette(pal)
        layer_view.show_layer(report.layers[layer], (options or FigureOptions()).scale)
        view_h = round(0.55 * view_w)
    if height is not None:
        view_h = max(50, round(height / scale))
    # Laid out as a window would be, but never shown on a screen.
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.resize(view_w, view_h)
    widget.show()
    QApplication.processEvents()
    if isinstance(widget, NetworkView):
        widget.fit_all()
        if height is None:
            QApplication.processEvents()
            _crop_to_content(widget)
    else:
        widget.fit()  # as the layer view fits itself on screen
    QApplication.processEvents()
    try:
        if fmt == "svg":
            return export.save_svg([widget.stage], path, report.name, scale, pal.background)
        return export.save_png([widget.stage], path, scale, pal.background)
    finally:
        widget.close()
        widget.deleteLater()
