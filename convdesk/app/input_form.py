"""The input-shape editor: flat, 1-D, 2-D or 3-D, channels first, with one spin box per entry."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .fields import (
    INT_MAX,
    NumberBox,
    keep_undo_for_window,
    refusal_label,
    show_number,
    show_refusal,
)

# (label in the menu, the name of each entry of the shape)
RANKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("flat vector [N]", ("N",)),
    ("1-D [C, L]", ("C", "L")),
    ("2-D [C, H, W]", ("C", "H", "W")),
    ("3-D [C, D, H, W]", ("C", "D", "H", "W")),
)
_TIPS = {
    "N": "length of the vector",
    "C": "channels (the article's depth d)",
    "L": "length",
    "D": "depth (frames or slices)",
    "H": "height (h)",
    "W": "width (w)",
}

INPUT_MINIMUM = 1  # the engine's rule for an input shape: every entry at least 1
ROOM_FOR = "99999"  # a size box is at least as wide as this text (a longer value scrolls in it)


class SizeBox(NumberBox):
    """One entry of the input shape: four side by side fit the layer list's default width."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        # A spin box's width hint is its least by default (room for the largest value).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, self.sizePolicy().verticalPolicy())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        spare = metrics.horizontalAdvance(f"{INT_MAX}") - metrics.horizontalAdvance(ROOM_FOR)
        return QSize(hint.width() - max(spare, 0), hint.height())


def _default_for(old: list[int], names: tuple[str, ...]) -> list[int]:
    """A shape of the new rank that keeps the channels and reuses the old size where it can."""
    if len(names) == 1:
        n = 1
        for d in old:
            n *= d
        return [n]
    channels = old[0] if len(old) > 1 else 3
    size = old[-1] if len(old) > 1 else 32
    return [channels] + [size] * (len(names) - 1)


class InputForm(QWidget):
    """Edits the network's input shape; emits the new shape and the edit session."""

    shapeEdited = Signal(list, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = 1
        self._shape: list[int] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        # The rank on one line, the sizes on the next: side by side they would widen the layer
        # list's panel past its default width.
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        self.message = refusal_label()
        column.addWidget(self.message)
        self.rank = QComboBox()
        self.rank.addItems([label for label, _ in RANKS])
        self.rank.setToolTip("How many dimensions one sample has (no batch dimension)")
        self.rank.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.rank.activated.connect(self._on_rank)
        title = QLabel("Input")
        title.setBuddy(self.rank)
        top.addWidget(title)
        top.addWidget(self.rank)
        top.addStretch(1)
        self.boxes: list[NumberBox] = []
        self._labels: list[QLabel] = []
        for name in ("C", "D", "H", "W"):
            box = SizeBox(name)
            box.setRange(INPUT_MINIMUM, INT_MAX)
            box.refused.connect(partial(show_refusal, self.message))
            box.setAccelerated(True)
            box.setGroupSeparatorShown(False)
            keep_undo_for_window(box)
            box.valueChanged.connect(self._on_value)
            box.editingFinished.connect(self._next_session)
            label = QLabel(name)
            label.setBuddy(box)
            row.addWidget(label)
            row.addWidget(box, 1)
            self.boxes.append(box)
            self._labels.append(label)

    def set_shape(self, shape: list[int]) -> None:
        """Show `shape` without emitting."""
        self._shape = list(shape)
        rank = min(max(len(shape) - 1, 0), len(RANKS) - 1)
        names = RANKS[rank][1]
        self.rank.blockSignals(True)
        self.rank.setCurrentIndex(rank)
        self.rank.blockSignals(False)
        for i, (box, label) in enumerate(zip(self.boxes, self._labels, strict=True)):
            shown = i < len(names)
            box.setVisible(shown)
            label.setVisible(shown)
            if shown:
                label.setText(names[i])
                box.what = names[i]
                box.setToolTip(_TIPS[names[i]])
                box.blockSignals(True)
                show_number(box, shape[i] if i < len(shape) else 1)
                box.blockSignals(False)

    def _next_session(self) -> None:
        self._session += 1

    def _on_rank(self, rank: int) -> None:
        names = RANKS[rank][1]
        if len(names) == len(self._shape):
            return
        self._next_session()
        self.shapeEdited.emit(_default_for(self._shape, names), 0)

    def _on_value(self, _value: int) -> None:
        n = len(RANKS[self.rank.currentIndex()][1])
        shape = [box.value() for box in self.boxes[:n]]
        self.shapeEdited.emit(shape, self._session)
