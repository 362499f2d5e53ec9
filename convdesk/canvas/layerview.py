"""The layer view: the selected layer's input, kernel and output drawn to one scale."""

from __future__ import annotations

import math
import textwrap

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from convdesk.engine import LayerResult, numbers
from convdesk.engine.sliding import input_span, position_at, transposed_span
from convdesk.plaintext import plain_tip

from . import geometry as geo
from .controls import KernelControls
from .items import ShapesItem, box_polygons, cosmetic_pen
from .palette import LIGHT, Palette
from .stage import Stage
from .text import layer_tooltip


class LayerView(QWidget):
    """Draws one LayerResult and slides its kernel; emits elementChanged(position) as it moves."""

    elementChanged = Signal(object)  # the output position, a tuple in engine order

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = Stage()
        self.still = ShapesItem()
        self.grid = ShapesItem()
        self.moving = ShapesItem(smooth_fills=False)
        self.stage.add(self.still, 0, cached=True)
        self.stage.add(self.grid, 1, ignore_bounds=True, cached=True)
        self.stage.add(self.moving, 2, ignore_bounds=True)
        self.controls = KernelControls(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stage.view, 1)
        layout.addWidget(self.controls)
        self.controls.stepChanged.connect(self.show_step)
        self.stage.view.scene().sigMouseMoved.connect(self._on_hover)
        self.colors: Palette = LIGHT
        self.stage.set_palette(self.colors)
        self.result: LayerResult | None = None
        self.scene: geo.LayerScene | None = None
        self.frame: geo.Frame | None = None
        self.scale = "linear"
        self.position: tuple[int, ...] = ()

    # -- what is shown

    def show_layer(
        self, result: LayerResult | None, scale: str = "linear", keep_step: bool = False
    ) -> None:
        """Draw `result` (a LayerResult, or None for nothing) under the depth scale."""
        step = self.controls.step if keep_step else 0
        self.result = result
        self.scale = scale
        if result is None:
            self.scene = None
            self.still.set_shapes()
            self.grid.set_shapes()
            self.moving.set_shapes()
            self.stage.labels.set_labels([], self.stage.labels.colors)
            self.stage.caption.set_lines(
                [("note", "Select a layer to see it drawn to scale.")], self.stage.caption.colors
            )
            self.controls.set_count(0)
            return
        self.scene = geo.layer_scene(result, scale)
        self._draw_still()
        count = math.prod(self.scene.positions) if self.scene.positions else 0
        if self.scene.out_axes and self.scene.out_axes[0] is None:
            count = 1  # a layer in error: the kernel stays at its first position
        self.controls.set_count(count)
        self.controls.set_step(min(step, max(count - 1, 0)))
        self.show_step(self.controls.step)
        self.stage.fit(self.scene.bounds())

    def show_step(self, step: int) -> None:
        """Put the kernel at output position number `step` (reading order)."""
        scene, result = self.scene, self.result
        window = result.window if result is not None else None
        if scene is None or result is None or window is None or not scene.positions:
            self.frame = None
            self._draw_frame()
            return
        position = position_at(scene.positions, step)
        in_shape = result.input_shapes[0]
        if scene.kind == "transposed" and in_shape is not None:
            in_sizes = tuple(in_shape[1:])
            span = transposed_span(window, position, in_sizes)
        else:
            span = input_span(window, position)
        self.position = position
        self.frame = geo.layer_frame(scene, position, span)
        self._draw_frame()
        text = "(" + ", ".join(str(p) for p in position) + ")"
        total = math.prod(scene.positions)
        self.controls.where.setText(f"output {text}   {step + 1:,} of {total:,}")
        self.elementChanged.emit(position)

    def set_palette(self, palette: Palette) -> None:
        self.colors = palette
        self.stage.set_palette(palette)
        if self.scene is not None:
            self._draw_still()
            self._draw_frame()

    # -- drawing

    def _draw_still(self) -> None:
        scene, pal = self.scene, self.colors
        if scene is None:
            return
        edge = cosmetic_pen(pal.edge, 1.3)
        polys = []
        for box in scene.boxes:
            polys += box_polygons(box, pal.fill(box.role), edge)
        link = cosmetic_pen(pal.link, 1.4, Qt.PenStyle.DashLine)
        self.still.set_shapes(polys, [(scene.lines, link)])
        self.grid.set_shapes((), [(scene.grid, cosmetic_pen(pal.grid, 1.0))])
        self.stage.labels.set_labels(scene.labels, self.stage.labels.colors)
        # Few lines, so the caption covers little of the picture even at projector zoom.
        lines = [("title", f"{self._title()}  ·  {geo.DEPTH_SCALE_TEXT[self.scale]}")]
        notes = list(scene.notes)
        if any(b.clamped for b in scene.boxes):
            notes.append("thin sides drawn thicker to be seen (labels are true)")
        lines += [("note", text) for text in _join_lines(notes, 110)]
        if scene.error:
            # Wrapped: an error names numbers and fixes, and must not run off a narrow canvas.
            lines += [("error", text) for text in textwrap.wrap(scene.error, 60)]
        self.stage.caption.set_lines(lines, self.stage.caption.colors)

    def _title(self) -> str:
        r = self.result
        if r is None:
            return ""
        shape = r.output_shape
        if shape is None or len(shape) < 2:
            return f"{r.name} ({r.type})"
        # The one place both notations meet: PyTorch's channels-first list and the drawing's.
        letters = "w×h×k" if len(shape) == 3 else ("w×k" if len(shape) == 2 else "w×h×d")
        listed = numbers.shape_list(shape)
        return f"{r.name} ({r.type}) → {listed} — {geo.shape_text(shape)} as {letters}"

    def _draw_frame(self) -> None:
        frame, pal = self.frame, self.colors
        if frame is None:
            self.moving.set_shapes()
            return
        polys = []
        kernel_pen = cosmetic_pen(pal.selected if frame.hangs else pal.fill("tap").darker(130), 2.0)
        if frame.window is not None:
            fill = QColor(pal.selected) if frame.hangs else pal.fill("kernel")
            fill.setAlpha(170)
            polys += box_polygons(frame.window, fill, kernel_pen)
        tap_pen = cosmetic_pen(pal.edge, 0.8)
        for tap in frame.taps:
            front = tap.faces()[0]
            polys.append((front, tap_pen, QBrush(pal.fill("tap"))))
        if frame.element is not None:
            polys += box_polygons(frame.element, pal.fill("element"), cosmetic_pen(pal.edge, 1.2))
        links = cosmetic_pen(pal.fill("tap"), 1.3)
        self.moving.set_shapes(polys, [(frame.links, links)])
        # One labels item for still and moving text, so the kernel's name pushes aside what it
        # would cover instead of being drawn over it.
        still = self.scene.labels if self.scene is not None else []
        self.stage.labels.set_labels(still + frame.labels, self.stage.labels.colors)

    # -- hover

    def _on_hover(self, scene_pos: QPointF) -> None:
        if self.scene is None or self.result is None:
            return
        p = self.stage.box.mapSceneToView(scene_pos)
        part = None
        if self.frame is not None:
            for box in (self.frame.element, self.frame.window):
                if box is not None and box.contains(p.x(), p.y()):
                    part = box.role
                    break
        if part is None:
            for box in reversed(self.scene.boxes):
                if box.contains(p.x(), p.y()):
                    part = box.role
                    break
        if part is None:
            QToolTip.hideText()
            return
        text = layer_tooltip(self.result, part, self.position)
        global_pos = self.stage.view.viewport().mapToGlobal(self.stage.view.mapFromScene(scene_pos))
        QToolTip.showText(global_pos, plain_tip(text), self.stage.view)


def _join_lines(parts: list[str], width: int) -> list[str]:
    """Parts joined with '; ' into as few lines as fit in `width` characters."""
    lines: list[str] = []
    for part in parts:
        part = part.rstrip(".")
        if lines and len(lines[-1]) + 2 + len(part) <= width:
            lines[-1] += "; " + part
        else:
            lines.append(part)
    return lines
