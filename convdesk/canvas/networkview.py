"""The network view: the network's figure (blocks, branches, skips, groups), clickable."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from convdesk.engine import Report
from convdesk.plaintext import plain_tip

from . import geometry as geo
from .figure import FigureOptions, caption_lines, draw_figure
from .items import ShapesItem, cosmetic_pen
from .palette import LIGHT, Palette
from .stage import Stage
from .text import block_tooltip, input_tooltip


class NetworkView(QWidget):
    """All blocks are one cached picture; the selection is a second, tiny item on top.

    A change of selection draws only that item and re-ranks the labels: the network's geometry
    is computed when the report or the figure's options change, never on a click.
    """

    blockClicked = Signal(int)
    optionsChanged = Signal()  # a group was expanded or folded by a double-click

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
        self.report: Report | None = None
        self.layout_: geo.NetworkLayout | None = None
        self.selected: int | None = None
        self.options = FigureOptions()
        self._labels: list[geo.Label] = []
        self.zoom = 1.0  # the window's zoom: text and lines grow with it
        self._framed: int | None = None  # the layer whose neighbourhood is shown, if any
        self._by_hand = False  # panned or zoomed by the user since the figure was last framed
        self.stage.box.sigRangeChangedManually.connect(self._moved_by_hand)

    @property
    def scale(self) -> str:
        return self.options.scale

    def show_report(self, report, scale: str | None = None, refit: bool = True) -> None:
        """Draw `report` (under size `scale`, if given); with `refit`, frame it afresh (the
        selection's neighbourhood or all)."""
        if scale is not None:
            self.options = replace(self.options, scale=scale)
        self.report = report
        before = self.layout_
        self._relayout()
        # A figure that grew or shrank (a layer went into error or out of it) is framed afresh,
        # unless the user moved the view. The same figure (no shape changed) keeps its layout.
        lay = self.layout_
        if not refit and not self._by_hand and lay is not before and lay is not None:
            refit = before is None or lay.bounds() != before.bounds()
        if refit:
            self._framed = None
            self.frame()

    def set_options(self, options: FigureOptions) -> None:
        """Draw with other options (scale, folding, which groups are expanded); refits."""
        if options == self.options:
            return
        self.options = options
        if self.report is not None:
            self._relayout()
            self._framed = None
            self.frame()

    def _relayout(self, redraw: bool = False) -> None:
        """Lay the report out again; draw it if the figure changed (or `redraw`)."""
        report, o = self.report, self.options
        if report is None:
            self.layout_ = None
        else:
            # Room is kept for the labels at the size they are drawn: the window's zoom too.
            layout = geo.network_layout(
                report, o.scale, o.fold, o.collapse, o.expanded, o.text, self.zoom
            )
            if layout == self.layout_ and not redraw:
                # An edit that changed no shape: the same figure; only its caption may differ.
                self._draw_caption()
                return
            self.layout_ = layout
        self._draw()

    def select(self, index: int | None) -> None:
        """Outline the block of layer `index`; in a long network show the blocks around it, in
        a short one bring it into view if it is off screen."""
        changed = index != self.selected
        self.selected = index
        if changed:
            self._draw_labels()
            self._draw_caption()
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
        self._by_hand = False
        near = self.neighbourhood()
        if near is None:
            self.fit_all()
            return
        left, _top, right, _bottom = near
        labels = [lb for lb in self._labels if left <= lb.x <= right]
        self._fit(near, labels)
        self._framed = self.selected

    def fit_all(self) -> None:
        """Show the whole network (the Fit button)."""
        if self.layout_ is None:
            return
        self._fit(self.layout_.bounds(), self.layout_.edge_labels())
        self._framed = None
        self._by_hand = False

    def _fit(self, bounds: tuple[float, float, float, float], labels: list[geo.Label]) -> None:
        """Show `bounds` and `labels` whole, with room for the ends' shapes where they will
        stand among the blocks, no block thinner than 4 px where the view allows."""
        lay = self.layout_
        assert lay is not None
        fitter = partial(
            geo.fit_network, avoid=[b.box.bounds() for b in lay.blocks], thinnest=lay.thinnest()
        )
        self.stage.fit(bounds, labels, fitter)

    def _moved_by_hand(self, _mask: object) -> None:
        self._by_hand = True

    def set_zoom(self, factor: float) -> None:
        """Scale the text and the lines with the window's zoom: the figure is laid out again
        with room for its labels at that size, and framed afresh."""
        if factor == self.zoom:
            return
        self.zoom = factor
        self.stage.set_zoom(factor)
        self._relayout(redraw=True)
        if self.report is not None:
            self.frame()

    def set_palette(self, palette: Palette) -> None:
        self.colors = palette
        self.stage.set_palette(palette)
        self._draw()

    # -- drawing

    def _draw(self) -> None:
        lay = self.layout_
        if lay is None:
            self.blocks.set_shapes()
            self.highlight.set_shapes()
            self.stage.labels.set_labels([], self.stage.labels.colors)
            self.stage.caption.set_lines([], self.stage.caption.colors)
            return
        draw_figure(self.blocks, lay, self.colors, self.zoom)
        self._draw_labels()
        self._draw_caption()
        self._draw_selection()

    def _draw_caption(self) -> None:
        lay = self.layout_
        if lay is None or self.report is None:
            return
        lines, legend = caption_lines(self.report, lay, self.colors)
        block = lay.block_of(self.selected) if self.selected is not None else None
        if block is not None and len(block.members) > 1:
            lines.append(("note", _members_text(self.report, block, self.selected)))
        self.stage.caption.set_lines(lines, self.stage.caption.colors, legend)

    def _draw_labels(self) -> None:
        lay = self.layout_
        if lay is None:
            return
        labels = list(lay.labels)
        selected = self.selected
        block = lay.block_of(selected) if selected is not None else None
        if block is not None and selected is not None and self.report is not None:
            # The selected layer's name in full (in a collapsed repeat, its own repeat's).
            layers = self.report.layers
            title = geo.unit_title(block, selected, lambda i: layers[i].name)
            labels = lay.selected_labels(selected, title)
        self._labels = labels
        self.stage.labels.set_labels(
            labels, self.stage.labels.colors, [b.box.bounds() for b in lay.blocks]
        )

    def _draw_selection(self) -> None:
        lay = self.layout_
        block = lay.block_of(self.selected) if (lay and self.selected is not None) else None
        if block is None:
            self.highlight.set_shapes()
            return
        pen = cosmetic_pen(self.colors.selected, 3.0 * self.zoom)
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
        p = self.stage.box.mapSceneToView(event.scenePos())
        pos = self.layout_.hit_block(p.x(), p.y())
        if pos is None:
            return
        if event.double():
            group = self.layout_.group_at(pos)
            if group is not None:
                self.toggle_group(group.key)
                return
        index = self.layout_.blocks[pos].index
        self.select(index)
        self.blockClicked.emit(index)

    def toggle_group(self, key: int) -> None:
        """Expand a collapsed run of identical units, or collapse it again."""
        expanded = set(self.options.expanded)
        expanded ^= {key}
        self.set_options(replace(self.options, expanded=frozenset(expanded)))
        self.optionsChanged.emit()

    def _on_hover(self, scene_pos: QPointF) -> None:
        if self.layout_ is None or self.report is None:
            return
        p = self.stage.box.mapSceneToView(scene_pos)
        pos = None
        for i in range(len(self.layout_.blocks) - 1, -1, -1):
            if self.layout_.blocks[i].box.contains(p.x(), p.y()):
                pos = i
                break
        if pos is None:
            QToolTip.hideText()
            return
        block = self.layout_.blocks[pos]
        if block.index < 0:
            text = input_tooltip(self.report.input)
        else:
            text = block_tooltip(self.report.layers[block.index])
            if len(block.members) > 1:
                text += "\n" + _members_text(self.report, block)
            if self.layout_.group_at(pos) is not None:
                text += "\ndouble-click: show or hide the repeats"
        view = self.stage.view
        QToolTip.showText(
            view.viewport().mapToGlobal(view.mapFromScene(scene_pos)), plain_tip(text), view
        )


def _members_text(report, block: geo.Block, index: int | None = None, most: int = 6) -> str:
    """The layers a block holds, for its tooltip and the caption when selected. A block drawn
    for a collapsed run says how many repeats it stands for, and which one layer `index` is in
    (naming that repeat's layers)."""
    names = [report.layers[m].name for m in block.members if m >= 0]
    per_unit = len(block.title.split(" + "))
    repeats = len(names) // per_unit if names and len(names) % per_unit == 0 else 1
    title = block.title
    note = ""
    if repeats > 1:
        at = block.members.index(index) // per_unit if index in block.members else None
        if at is None:
            note = f", drawn once for {repeats} repeats"
        else:
            first = block.members[at * per_unit]
            title = geo.unit_title(block, first, lambda i: report.layers[i].name)
            note = f": repeat {at + 1} of {repeats}, drawn as one block"
            names = names[at * per_unit : (at + 1) * per_unit]
        if per_unit == 1:
            return title + note
        note += "; it"
    shown = ", ".join(names[:most])
    more = f" and {len(names) - most} more" if len(names) > most else ""
    return f"{title}{note} holds {len(names)} layers: {shown}{more}"
