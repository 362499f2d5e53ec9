"""Presentation mode (F5, Esc to leave): full screen, the drawing and the worked steps only.

The layer's name and shape are the title; Left/Right and PageUp/PageDown (what presentation
clickers send) go through the layers; Space reveals the worked steps one line at a time, so the
class can say each number before it appears.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from convdesk.canvas import CanvasWidget
from convdesk.engine import Network, Report, Step, explain

from .steps_panel import steps_html
from .theme import is_dark

ZOOM = 2.0  # the drawing's text, for the back of the room, on a screen of FULL_SIZE
STEPS_SCALE = 1.7  # the worked steps against the application's base font, on FULL_SIZE
TITLE_SCALE = 2.6  # the title against the application's base font, on FULL_SIZE
# The type keeps its share of the screen's width (or height, if that is less): smaller in
# pixels on a smaller screen (1024 × 768, a projector's old resolution, is as large on the
# wall), so the drawing keeps room for its labels; never below LEAST_SCALE of its full size.
FULL_SIZE = (1440, 900)
LEAST_SCALE = 0.6
PREVIOUS_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Up)
NEXT_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Down)
REVEAL_KEYS = (Qt.Key.Key_Space,)
SPACE_HINT = "Space: next line   ←/→: layers   Esc: leave"


def revealed(steps: list[Step], count: int) -> list[Step]:
    """The steps with only their first `count` lines in all (titles come with their first line)."""
    shown: list[Step] = []
    left = count
    for step in steps:
        if left <= 0 and step.lines:
            break
        take = min(left, len(step.lines))
        shown.append(replace(step, lines=list(step.lines[:take])))
        left -= take
    return shown


def line_count(steps: list[Step]) -> int:
    return sum(len(step.lines) for step in steps)


def type_scale(width: int, height: int) -> float:
    """How large the presentation's type is on a `width` × `height` screen, against FULL_SIZE."""
    full_width, full_height = FULL_SIZE
    return max(min(width / full_width, height / full_height, 1.0), LEAST_SCALE)


def layer_title(report: Report, index: int) -> str:
    """'conv1 · Conv2d · output [96, 55, 55]' (or the layer's error)."""
    r = report.layers[index]
    if r.output_shape is not None:
        shape = "[" + ", ".join(str(v) for v in r.output_shape) + "]"
        return f"{r.name} · {r.type} · output {shape}"
    return f"{r.name} · {r.type} · " + ("in error" if r.status == "error" else "shape unknown")


class PresentationWindow(QWidget):
    """A full-screen view of one layer at a time; emits layerShown(index) as it moves."""

    layerShown = Signal(int)

    def __init__(self, base_font: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("convdesk — presentation")
        self._network: Network | None = None
        self._report: Report | None = None
        self.index = 0
        self.shown_lines = 0
        self._steps: list[Step] = []
        self._base_font = QFont(base_font)
        self.scale = 0.0  # the type's scale (type_scale), set for the window's size

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.canvas = CanvasWidget(self)
        self.canvas.set_view_mode("layer")  # one layer at a time: the overview stays behind
        self.canvas.steps.hide()  # the worked steps beside it say it, line by line
        self.steps = QTextBrowser()
        self._set_scale(1.0)
        self.hint = QLabel(SPACE_HINT)
        self.hint.setStyleSheet("color: gray;")
        row = QHBoxLayout()
        row.addWidget(self.canvas, 1)
        row.addWidget(self.steps, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(row, 1)
        layout.addWidget(self.hint)
        # The keys belong to the presentation: nothing inside takes the focus from it.
        for child in self.findChildren(QWidget):
            child.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self.canvas.fit)

    def _set_scale(self, scale: float) -> None:
        """The title, the drawing's text and the worked steps at `scale` of their full size."""
        if scale == self.scale:
            return
        self.scale = scale
        base = self._base_font
        size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
        title_font = QFont(base)
        title_font.setPointSizeF(size * TITLE_SCALE * scale)
        title_font.setBold(True)
        self.title.setFont(title_font)
        steps_font = QFont(base)
        steps_font.setPointSizeF(size * STEPS_SCALE * scale)
        self.steps.setFont(steps_font)
        self.canvas.set_zoom(ZOOM * scale)

    def present(self, network: Network, report: Report, index: int, dark: bool) -> None:
        """Show `network` full screen from layer `index`."""
        self._network, self._report = network, report
        self.canvas.set_dark(dark)
        self.canvas.set_report(network, report)
        self.show_layer(index)
        self.showFullScreen()
        self.activateWindow()
        self.setFocus()

    def show_layer(self, index: int) -> None:
        """Layer `index` with none of its steps revealed yet."""
        report, network = self._report, self._network
        if report is None or network is None or not report.layers:
            self.title.setText("This network has no layers yet.")
            return
        self.index = max(0, min(index, len(report.layers) - 1))
        self.title.setText(layer_title(report, self.index))
        self.canvas.select_layer(self.index)
        self._refit.start()
        self._steps = explain(network, report, self.index)
        self.shown_lines = 0
        self._show_steps()
        self.layerShown.emit(self.index)

    def reveal(self) -> None:
        """One more line of the worked steps."""
        if self.shown_lines < line_count(self._steps):
            self.shown_lines += 1
            self._show_steps()

    def _show_steps(self) -> None:
        self.steps.setHtml(steps_html(revealed(self._steps, self.shown_lines)))
        left = line_count(self._steps) - self.shown_lines
        self.hint.setText(f"{SPACE_HINT}   ({left} line{'' if left == 1 else 's'} to go)")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        size = event.size()
        self._set_scale(type_scale(size.width(), size.height()))
        self._refit.start()  # once the canvas has its new size: the picture fills it again

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close()
        elif key in PREVIOUS_KEYS:
            self.show_layer(self.index - 1)
        elif key in NEXT_KEYS:
            self.show_layer(self.index + 1)
        elif key in REVEAL_KEYS:
            self.reveal()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.showNormal()
        super().closeEvent(event)


class Presenter:
    """Opens the presentation for a main window: F5 (View → Presentation Mode)."""

    def __init__(self, window, base_font: Callable[[], QFont]) -> None:
        self.window = window
        self._base_font = base_font
        self.view: PresentationWindow | None = None
        self.action = QAction("&Presentation Mode", window)
        self.action.setShortcut(QKeySequence("F5"))
        self.action.setStatusTip("Full screen: the drawing and the worked steps, in large type")
        self.action.triggered.connect(self.start)
        window.addAction(self.action)

    def start(self) -> None:
        win = self.window
        if self.view is None:
            self.view = PresentationWindow(self._base_font(), win)  # closes with the window
            self.view.layerShown.connect(win.session.select)
        index = win.session.selected if win.session.selected is not None else 0
        dark = is_dark(win.view_settings.theme_name)
        self.view.present(win.doc.network, win.doc.report, index, dark)
