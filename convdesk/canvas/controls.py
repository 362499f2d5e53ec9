"""The slider and the step/play buttons that move the kernel over the input."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QToolButton, QWidget

FRAME_MS = 33  # 30 frames per second while playing
MAX_STEPS = 2**31 - 1  # QSlider holds a C int


class KernelControls(QWidget):
    """Chooses one output position by its number in reading order; emits stepChanged(step)."""

    stepChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setAccessibleName("Kernel position")
        self.slider.setToolTip("Slide the kernel over the input, one output element at a time")
        self.back = QToolButton(self)
        self.back.setText("◀")
        self.back.setToolTip("Step back one position")
        self.play = QToolButton(self)
        self.play.setText("Play")
        self.play.setCheckable(True)
        self.play.setToolTip("Move the kernel by itself, 30 steps a second")
        self.forward = QToolButton(self)
        self.forward.setText("▶")
        self.forward.setToolTip("Step forward one position")
        self.where = QLabel(self)
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setMinimumWidth(180)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for w in (self.back, self.play, self.forward):
            layout.addWidget(w)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.where)
        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self.advance)
        self.slider.valueChanged.connect(self.stepChanged)
        self.back.clicked.connect(self.step_back)
        self.forward.clicked.connect(self.advance)
        self.play.toggled.connect(self._on_play)
        self.set_count(0)

    def set_count(self, count: int) -> None:
        """How many positions there are (0 or 1: nothing to slide, the controls are disabled)."""
        count = min(count, MAX_STEPS)
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(count - 1, 0))
        self.slider.setValue(0)
        self.slider.setPageStep(max(1, count // 20))
        self.slider.blockSignals(False)
        movable = count > 1
        for w in (self.slider, self.back, self.forward, self.play):
            w.setEnabled(movable)
        if not movable:
            self.play.setChecked(False)

    @property
    def step(self) -> int:
        return self.slider.value()

    def set_step(self, step: int) -> None:
        self.slider.setValue(step)

    def advance(self) -> None:
        """One step forward, back to the start after the last position."""
        value = self.slider.value() + 1
        self.slider.setValue(0 if value > self.slider.maximum() else value)

    def step_back(self) -> None:
        value = self.slider.value() - 1
        self.slider.setValue(self.slider.maximum() if value < 0 else value)

    def _on_play(self, playing: bool) -> None:
        self.play.setText("Pause" if playing else "Play")
        if playing:
            self.timer.start()
        else:
            self.timer.stop()
