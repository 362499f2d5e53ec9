"""The layer view: the selected layer's input, kernel and output drawn to one scale."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QToolTip, QVBoxLayout, QWidget

from convdesk.engine import LayerResult, numbers
from convdesk.engine.sliding import input_span, position_at, transposed_span
from convdesk.plaintext import plain_tip

from . import cells, inset
from . import geometry as geo
from .controls import KernelControls
from .geometry.label_fit import stand_apart
from .geometry.layer_fit import (
    Gaps,
    Picture,
    Variant,
    fit_picture,
    picture_of,
    plain_view,
    variants,
)
from .items import ShapesItem, box_polygons, cosmetic_pen
from .palette import LIGHT, Palette
from .stage import Stage
from .text import layer_tooltip
from .window_edit import WindowEditors

WINDOW_PEN_PX = 4.0  # the kernel's outline, thick enough to follow from the back of a room
CAPTION_CHARS = 110  # the longest caption line, in characters
CAPTION_CHAR_PX = 7.5  # a caption character's width at zoom 1 (a wide average)
REST_MS = 250  # a kernel moved by hand rests this long before the picture is fitted again


class LayerView(QWidget):
    """Draws one LayerResult and slides its kernel; emits elementChanged(position) as it moves."""

    elementChanged = Signal(object)  # the output position, a tuple in engine order
    windowEdited = Signal(str, object, int)  # key, value, edit session (stride, padding, ...)

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
        self.editors = WindowEditors(self)
        self.editors.edited.connect(self.windowEdited)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stage.view, 1)
        layout.addWidget(self.controls)
        below = QHBoxLayout()
        below.setContentsMargins(0, 0, 4, 2)
        below.addWidget(self.controls.pace)
        below.addWidget(self.editors, 1)
        layout.addLayout(below)
        self.controls.stepChanged.connect(self.show_step)
        self.stage.view.scene().sigMouseMoved.connect(self._on_hover)
        # A new size is fitted afresh: the room the labels need depends on it.
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.timeout.connect(self.fit)
        self.stage.view.installEventFilter(self)
        # Paused, the kernel rests where the animation left it: fit the picture for it.
        self.controls.play.toggled.connect(
            lambda playing: None if playing else self._refit.start(REST_MS)
        )
        self.colors: Palette = LIGHT
        self.stage.set_palette(self.colors)
        self.result: LayerResult | None = None
        self.scene: geo.LayerScene | None = None
        self.frame: geo.Frame | None = None
        self.scale = "linear"
        self.zoom = 1.0
        self.position: tuple[int, ...] = ()
        self.inset: geo.Box | None = None  # the enlarged output cell beside the output block
        self.cell_text: list[str] = []
        self._caption_lines: list[tuple[str, str]] = []
        self.span: tuple = ()  # the input the kernel covers now, per dimension
        # Room asked of the drawing and where the enlarged cell's lines go, as the last fit
        # chose them for this view's size and zoom (see geometry.layer_fit).
        self.gaps: Gaps = (0.0, 0.0)
        self.variant: Variant = ("above", True)
        # Whether a small layer's rows and columns are numbered: only when the numbers fit side
        # by side at the picture's scale (decided by each fit).
        self.numbered = True

    # -- what is shown

    def show_layer(
        self, result: LayerResult | None, scale: str = "linear", keep_step: bool = False
    ) -> None:
        """Draw `result` (a LayerResult, or None for nothing) under the depth scale."""
        step = self.controls.step if keep_step else 0
        self.result = result
        self.scale = scale
        self.editors.show_layer(result)
        if result is None:
            self.scene = None
            self.still.set_shapes()
            self.grid.set_shapes()
            self.moving.set_shapes()
            self.stage.labels.set_labels([], self.stage.labels.colors)
            self._caption_lines = [("note", "Select a layer to see it drawn to scale.")]
            self.stage.caption.set_lines(self._caption_lines, self.stage.caption.colors)
            self.controls.set_count(0)
            return
        scene = self._make_scene()
        count = math.prod(scene.positions) if scene.positions else 0
        if scene.out_axes and scene.out_axes[0] is None:
            count = 1  # a layer in error: the kernel stays at its first position
        self.controls.set_count(count, scene.positions)
        with QSignalBlocker(self.controls):  # drawn once, just below
            self.controls.set_step(min(step, max(count - 1, 0)))
        # Fitted before anything is drawn, so the picture is drawn once, with the room the
        # fit chose: the kernel's place is all the fit needs of it.
        self._place_kernel(self.controls.step, draw=False)
        self._fit_range()
        self._draw_still()
        # Fitted just now for this very place: no refit when the kernel comes to rest.
        self._show_kernel(self.controls.step)

    def _make_scene(self, built: geo.LayerScene | None = None) -> geo.LayerScene:
        """The scene and the enlarged cell of the shown layer, with the room the fit chose
        (`built`: that scene, built already by the fit)."""
        assert self.result is not None
        scene = self.scene = built or geo.layer_scene(self.result, self.scale, self.gaps[0])
        self.inset = inset.inset_box(scene, self.variant[0] == "below", self.gaps[1])
        return scene

    def fit(self) -> None:
        """Show the whole picture as large as its labels allow, each label beside what it
        names: the blocks drawn further apart or the enlarged cell's lines placed otherwise
        when that shows them better (see `geometry.layer_fit`)."""
        if self._fit_range():
            self._draw_still()
            self._place_kernel(self.controls.step)

    def _fit_range(self) -> bool:
        """Fit the view's range (see `fit`) and take the scene the fit chose, not drawn yet;
        True when that is another scene than the one shown, or its numbers come or go."""
        result = self.result
        if self.scene is None or result is None:
            return False
        stage = self.stage
        size = stage.box.size()
        view = (size.width(), size.height())
        laid_out = view[0] >= 2 and view[1] >= 2
        if not laid_out:
            rect = stage.view.viewport().rect()
            view = (max(rect.width(), 1), max(rect.height(), 1))
        self._draw_caption()  # wrapped to the width now
        zoom = stage.caption.zoom
        top_px = stage.caption.pixel_height() + 4 * zoom
        scenes: dict[float, geo.LayerScene] = {self.gaps[0]: self.scene}

        def build(gaps: Gaps, variant: Variant) -> Picture:
            scene = scenes.get(gaps[0])
            if scene is None:
                scene = scenes[gaps[0]] = geo.layer_scene(result, self.scale, gaps[0])
            box = inset.inset_box(scene, variant[0] == "below", gaps[1])
            labels = self._labels_of(scene, box, variant)
            return picture_of(scene, labels, stage.labels.measure(labels), box, variant[0])

        was_numbered = self.numbered
        self.numbered = cells.is_small(self.scene) and self._numbers_fit(build, view, top_px)
        fit = fit_picture(build, view, zoom, top_px, 8 * zoom)
        new_scene = (fit.gaps, fit.variant) != (self.gaps, self.variant)
        if new_scene:
            self.gaps, self.variant = fit.gaps, fit.variant
            self._make_scene(scenes.get(fit.gaps[0]))
        # The same scene with its numbers now shown or hidden is drawn again too.
        changed = new_scene or self.numbered != was_numbered
        left, top, width, height = fit.rect
        stage.box.setRange(QRectF(left, top, width, height), padding=0.0)
        if laid_out:
            stage.box.updateMatrix()
        return changed

    def _numbers_fit(
        self, build: Callable[[Gaps, Variant], Picture], view: tuple[float, float], top_px: float
    ) -> bool:
        """Whether the numbers of every row and column stand apart at the scale of the plain
        fit without them (the largest the fit starts from). When they do not, no fit places
        them all: a lone "0" would say little, and the fit would shrink the picture for numbers
        it can never show."""
        assert self.scene is not None
        zoom = self.stage.caption.zoom
        self.numbered = False
        first = build((0.0, 0.0), variants(view, top_px)[0])
        scale = view[0] / plain_view(first, view, zoom, top_px, 8 * zoom)[2]
        measure = self.stage.labels.measure
        rows = cells.index_rows(self.scene)
        return all(stand_apart(row, measure(row), scale, zoom) for row in rows)

    def _labels_of(
        self, scene: geo.LayerScene, box: geo.Box | None, variant: Variant
    ) -> list[geo.Label]:
        """Every label the view shows of `scene` with the kernel where it is now, most
        important first."""
        labels = [lb for lb in self._still_labels(scene) if lb.text]
        if self.frame is not None and self.span:
            frame = geo.layer_frame(scene, self.position, self.span)
            labels += frame.labels
            if box is not None and self.cell_text:
                lines = inset.cell_lines(self.position, self.span, narrow=variant[1])
                labels += inset.inset_labels(box, lines, variant[0])
        return sorted(labels, key=lambda lb: -lb.priority)

    def bounds(self) -> tuple[float, float, float, float]:
        """The picture's page bounds, the enlarged output cell included."""
        if self.scene is None:
            return (0.0, 0.0, 1.0, 1.0)  # nothing shown yet
        bounds = self.scene.bounds()
        if self.inset is None:
            return bounds
        extra = self.inset.bounds()
        return (
            min(bounds[0], extra[0]),
            min(bounds[1], extra[1]),
            max(bounds[2], extra[2]),
            max(bounds[3], extra[3]),
        )

    def show_step(self, step: int) -> None:
        """Put the kernel at output position number `step` (reading order). Once the kernel
        rests (not playing), the picture is fitted again for its name's new place."""
        if self._show_kernel(step) and not self.controls.timer.isActive():
            self._refit.start(REST_MS)

    def _show_kernel(self, step: int) -> bool:
        """Draw the kernel at position number `step` and say where it is; False when none."""
        if not self._place_kernel(step):
            return False
        self.elementChanged.emit(self.position)
        return True

    def _place_kernel(self, step: int, draw: bool = True) -> bool:
        """Draw the kernel at output position number `step` (with `draw` False, only take its
        place); False when there is none."""
        scene, result = self.scene, self.result
        window = result.window if result is not None else None
        if scene is None or result is None or window is None or not scene.positions:
            self.frame = None
            self.cell_text = []
            self.span = ()
            if draw:
                self._draw_frame()
            return False
        position = position_at(scene.positions, step)
        in_shape = result.input_shapes[0]
        if scene.kind == "transposed" and in_shape is not None:
            in_sizes = tuple(in_shape[1:])
            span = transposed_span(window, position, in_sizes)
        else:
            span = input_span(window, position)
        self.position = position
        self.span = tuple(span)
        self.frame = geo.layer_frame(scene, position, span)
        total = math.prod(scene.positions)
        if total > 1 and scene.out_axes and scene.out_axes[0] is not None:
            text = "(" + ", ".join(str(p) for p in position) + ")"
            self.controls.where.setText(f"{text}  {step + 1:,} of {total:,}")
            self.cell_text = inset.cell_lines(position, span, narrow=self.variant[1])
        else:
            self.controls.where.clear()
            self.cell_text = []
        if draw:
            self._draw_frame()
        return True

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
        # Lines grow with the zoom, like the text.
        z = self.zoom
        edge = cosmetic_pen(pal.edge, 1.3 * z)
        polys = []
        for box in scene.boxes:
            polys += box_polygons(box, pal.fill(box.role), edge)
        link = cosmetic_pen(pal.link, 1.4 * z, Qt.PenStyle.DashLine)
        self.still.set_shapes(polys, [(scene.lines, link)])
        grid = [(scene.grid, cosmetic_pen(pal.grid, z))]
        if cells.is_small(scene):
            dashed = cosmetic_pen(pal.grid, z, Qt.PenStyle.DashLine)
            grid.append((cells.padding_grid(scene), dashed))
        self.grid.set_shapes((), grid)
        # The labels go with the kernel's (_draw_frame, which always follows): set once.
        self._draw_caption()

    def _draw_caption(self) -> None:
        """The caption: few lines, so it covers little of the picture even at projector zoom;
        its notes joined into lines as long as the view's width holds at its zoom."""
        scene = self.scene
        if scene is None:
            return
        width = self.stage.view.width()
        chars = CAPTION_CHARS
        if width >= 100:  # laid out: as many characters as the width holds
            chars = max(30, min(CAPTION_CHARS, int(width / (CAPTION_CHAR_PX * self.zoom))))
        lines = [("title", f"{self._title()}  ·  {geo.DEPTH_SCALE_TEXT[self.scale]}")]
        if self._notation():
            lines.append(("title", self._notation()))
        notes = list(scene.notes)
        if any(b.clamped for b in scene.boxes):
            notes.append("thin sides drawn thicker to be seen (labels are true)")
        # Notes are joined only as far as the width holds them: the caption breaks a longer
        # line and leaves out rows past its share of the height, which would cut a sentence.
        lines += [("note", text) for text in _join_lines(notes, chars)]
        if scene.error:
            # Wrapped: an error names numbers and fixes, and must not run off a narrow canvas.
            lines += [("error", text) for text in textwrap.wrap(scene.error, min(60, chars))]
        if lines != self._caption_lines:
            self._caption_lines = lines
            self.stage.caption.set_lines(lines, self.stage.caption.colors)

    def _title(self) -> str:
        r = self.result
        return "" if r is None else f"{r.name} ({r.type})"

    def _notation(self) -> str:
        """The one place both notations meet: PyTorch's channels-first list and the drawing's
        width × height × depth ('' for a flat output)."""
        r = self.result
        shape = None if r is None else r.output_shape
        if shape is None or len(shape) < 2:
            return ""
        letters = "w×h×k" if len(shape) == 3 else ("w×k" if len(shape) == 2 else "w×h×d")
        listed = numbers.shape_list(shape)
        return f"output {listed} — {geo.shape_text(shape)} as {letters}"

    def _draw_frame(self) -> None:
        frame, pal = self.frame, self.colors
        if frame is None:
            self.moving.set_shapes()
            avoid = geo.block_rects(self.scene, (self.inset,)) if self.scene is not None else []
            self.stage.labels.set_labels(self._still_labels(), self.stage.labels.colors, avoid)
            return
        polys = []
        kernel_color = pal.selected if frame.hangs else pal.fill("tap").darker(130)
        kernel_pen = cosmetic_pen(kernel_color, WINDOW_PEN_PX * self.zoom)
        if frame.window is not None:
            fill = QColor(pal.selected) if frame.hangs else pal.fill("kernel")
            fill.setAlpha(170)
            polys += box_polygons(frame.window, fill, kernel_pen)
        tap_pen = cosmetic_pen(pal.edge, 0.8 * self.zoom)
        for tap in frame.taps:
            front = tap.faces()[0]
            polys.append((front, tap_pen, QBrush(pal.fill("tap"))))
        lines = [(frame.links, cosmetic_pen(pal.fill("tap"), 1.3 * self.zoom))]
        cell_labels: list[geo.Label] = []
        if frame.element is not None:
            element_pen = cosmetic_pen(pal.edge, 1.2 * self.zoom)
            polys += box_polygons(frame.element, pal.fill("element"), element_pen)
            if self.inset is not None and self.cell_text:
                edge = cosmetic_pen(pal.edge, 2.5 * self.zoom)
                polys += box_polygons(self.inset, pal.fill("element"), edge)
                dashed = cosmetic_pen(pal.fill("element"), 1.5 * self.zoom, Qt.PenStyle.DashLine)
                lines.append(([inset.inset_link(self.inset, frame.element)], dashed))
                cell_labels = inset.inset_labels(self.inset, self.cell_text, self.variant[0])
        self.moving.set_shapes(polys, lines)
        # One labels item for still and moving text, so the kernel's name pushes aside what it
        # would cover instead of being drawn over it.
        labels = self._still_labels() + frame.labels + cell_labels
        avoid = geo.block_rects(self.scene, (self.inset,)) if self.scene is not None else []
        self.stage.labels.set_labels(labels, self.stage.labels.colors, avoid)

    def _still_labels(self, scene: geo.LayerScene | None = None) -> list[geo.Label]:
        """The labels of `scene` (the shown one by default), and the row and column numbers of
        a small layer's cells when they fit (see _numbers_fit)."""
        scene = scene or self.scene
        if scene is None:
            return []
        if self.numbered and cells.is_small(scene):
            return cells.numbered_labels(scene)
        return scene.labels

    def set_zoom(self, factor: float) -> None:
        """Scale the text and every line (edges, links, the kernel's outline) with the window's
        zoom."""
        self.zoom = factor
        self.stage.set_zoom(factor)
        if self.scene is not None:
            self._draw_still()
            self._draw_frame()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.stage.view and event.type() == QEvent.Type.Resize:
            self._refit.start(30)
        return False

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
