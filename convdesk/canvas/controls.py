"""The controls that move the kernel over the input, paced for a class to follow.

A slider chooses the output position (its number in reading order); the arrows step by one
position, one row or one plane; Play moves on by itself at a chosen speed, from one position a
second (time to say each one aloud) to 60.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QToolButton,
    QWidget,
)

MAX_STEPS = 2**31 - 1  # QSlider holds a C int
SPEEDS = (1, 60)  # positions a second, slowest and fastest
DEFAULT_SPEED = 10
# What one press of ◀ or ▶ moves by: a name and how many trailing output dimensions it spans.
STEP_SIZES = (("position", 0), ("row", 1), ("plane", 2))


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
        self.play = QToolButton(self)
        self.play.setText("Play")
        self.play.setCheckable(True)
        self.forward = QToolButton(self)
        self.forward.setText("▶")
        self.step_size = QComboBox(self)
        self.step_size.setToolTip("How far ◀ and ▶ move the kernel")
        self.step_size.setAccessibleName("Step by")
        self.speed = QSpinBox(self)
        self.speed.setRange(*SPEEDS)
        self.speed.setValue(DEFAULT_SPEED)
        self.speed.setSuffix(" /s")
        self.speed.setAccessibleName("Positions a second")
        self.speed.setToolTip(
            f"How many positions a second Play moves on: {SPEEDS[0]} to narrate each one, "
            f"up to {SPEEDS[1]}"
        )
        self.where = QLabel(self)
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for w in (self.back, self.play, self.forward):
            layout.addWidget(w)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.where)
        # Step size and speed sit in a row of their own (the layer view places it), so the
        # slider keeps its length at a projector's zoom.
        self.pace = QWidget(self)
        pace = QHBoxLayout(self.pace)
        pace.setContentsMargins(4, 0, 0, 0)
        pace.addWidget(self.step_size)
        pace.addWidget(self.speed)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.advance)
        self.slider.valueChanged.connect(self.stepChanged)
        self.back.clicked.connect(self.step_back)
        self.forward.clicked.connect(self.step_forward)
        self.play.toggled.connect(self._on_play)
        self.speed.valueChanged.connect(self._on_speed)
        self.step_size.currentIndexChanged.connect(self._on_step_size)
        self._sizes: tuple[int, ...] = ()
        self._on_speed(self.speed.value())
        self.set_count(0)

    # -- what can be stepped through

    def set_count(self, count: int, sizes: tuple[int, ...] = ()) -> None:
        """How many positions there are, and the output's spatial sizes they run through
        (0 or 1 positions: nothing to slide; the controls are disabled and the caption cleared)."""
        count = min(count, MAX_STEPS)
        self._sizes = tuple(sizes) if count > 1 else ()
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(count - 1, 0))
        self.slider.setValue(0)
        self.slider.setPageStep(max(1, count // 20))
        self.slider.blockSignals(False)
        movable = count > 1
        for w in (self.slider, self.back, self.forward, self.play, self.step_size, self.speed):
            w.setEnabled(movable)
        if not movable:
            self.play.setChecked(False)
            self.where.clear()
        self._fill_step_sizes()

    def _fill_step_sizes(self) -> None:
        """Offer a row only when there are rows, a plane only when there are planes."""
        offered = [
            (f"by {name}", dims)
            for name, dims in STEP_SIZES
            if dims == 0 or dims < len(self._sizes)
        ]
        box = self.step_size
        if [(box.itemText(i), box.itemData(i)) for i in range(box.count())] == offered:
            return  # the same choices (an edit of the same layer): the box is left as it is
        chosen = self.step_size.currentData()
        self.step_size.blockSignals(True)
        self.step_size.clear()
        for text, dims in offered:
            self.step_size.addItem(text, dims)
        i = self.step_size.findData(chosen)
        self.step_size.setCurrentIndex(max(i, 0))
        self.step_size.blockSignals(False)
        self._on_step_size()

    def _on_step_size(self, *_args: object) -> None:
        name = self.step_size.currentText().removeprefix("by ") or "position"
        self.back.setToolTip(f"Step back one {name}")
        self.forward.setToolTip(f"Step forward one {name}")

    @property
    def stride(self) -> int:
        """How many positions ◀ and ▶ move: 1, a row's length, or a plane's."""
        dims = self.step_size.currentData() or 0
        return math.prod(self._sizes[len(self._sizes) - dims :]) if dims else 1

    # -- moving

    @property
    def step(self) -> int:
        return self.slider.value()

    def set_step(self, step: int) -> None:
        self.slider.setValue(step)

    def advance(self) -> None:
        """One position forward, back to the start after the last (what Play does)."""
        self._move(1)

    def step_forward(self) -> None:
        self._move(self.stride)

    def step_back(self) -> None:
        self._move(-self.stride)

    def _move(self, by: int) -> None:
        count = self.slider.maximum() + 1
        self.slider.setValue((self.slider.value() + by) % count)

    # -- playing

    def set_speed(self, positions_per_second: int) -> None:
        self.speed.setValue(positions_per_second)

    def _on_speed(self, per_second: int) -> None:
        self.timer.setInterval(round(1000 / per_second))
        self.play.setToolTip(
            f"Move the kernel by itself, {per_second} position"
            f"{'' if per_second == 1 else 's'} a second"
        )

    def _on_play(self, playing: bool) -> None:
        self.play.setText("Pause" if playing else "Play")
        if playing:
            self.timer.start()
        else:
            self.timer.stop()
