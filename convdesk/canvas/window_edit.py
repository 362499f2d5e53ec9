"""Stride, padding and dilation of the selected layer, editable beside its animation.

The boxes show the engine's resolved window and ask for a change through `edited(key, value)`;
the window turns that into an undo command, the engine computes again, and the picture follows.
The lowest value of each box is the engine's minimum for the key.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QWidget

from convdesk.engine import LAYER_TYPES
from convdesk.widget_values import set_range, set_value

KEYS = ("stride", "padding", "dilation")
SHORT = {"stride": "stride", "padding": "pad", "dilation": "dil"}  # the row is narrow when zoomed
MOST = 999  # more than any window a class would slide by hand
SESSIONS_FROM = 1_000_000  # apart from the layer form's edit sessions, so undo never joins them


def _uniform(values: tuple[int, ...]) -> int | None:
    """The one value of every dimension, or None when they differ."""
    return values[0] if values and len(set(values)) == 1 else None


class WindowEditors(QWidget):
    """One number box per key the layer's type has; emits edited(key, value, session)."""

    edited = Signal(str, object, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = SESSIONS_FROM
        self.boxes: dict[str, QSpinBox] = {}
        self._labels: dict[str, QLabel] = {}
        row = self._row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 2)
        for key in KEYS:
            label = QLabel(SHORT[key], self)
            box = QSpinBox(self)
            box.setAccessibleName(key)
            box.setKeyboardTracking(False)  # typed digits count once Enter is pressed
            box.valueChanged.connect(lambda value, key=key: self._on_value(key, value))
            box.editingFinished.connect(self._next_session)
            label.setBuddy(box)
            row.addWidget(label)
            row.addWidget(box)
            self.boxes[key] = box
            self._labels[key] = label
        row.addStretch(1)
        # Hidden (a layer without a window), the row keeps its height: selecting a merge after a
        # convolution would otherwise resize the layer view, and fit its picture a second time.
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.show_layer(None)

    def sizeHint(self) -> QSize:
        return self._as_tall_as_a_box(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self._as_tall_as_a_box(super().minimumSizeHint())

    def _as_tall_as_a_box(self, hint: QSize) -> QSize:
        """`hint` at least as tall as a number box and its margins, whichever boxes show."""
        margins = self.contentsMargins() + self._row.contentsMargins()
        box = self.boxes["stride"].sizeHint().height() + margins.top() + margins.bottom()
        return QSize(hint.width(), max(hint.height(), box))

    def show_layer(self, result) -> None:
        """Show the window of `result` (a LayerResult, or None); hide keys its type lacks."""
        self._session += 1
        window = result.window if result is not None else None
        layer_type = LAYER_TYPES.get(result.type) if result is not None else None
        values = {}
        if window is not None:
            pad = window.pad_before if window.pad_before == window.pad_after else ()
            values = {"stride": window.stride, "padding": pad, "dilation": window.dilation}
        for key in KEYS:
            box, label = self.boxes[key], self._labels[key]
            spec = layer_type.key(key) if layer_type is not None and window is not None else None
            box.setVisible(spec is not None)
            label.setVisible(spec is not None)
            if spec is None:
                continue
            value = _uniform(values[key])
            box.blockSignals(True)
            # Set only when they differ: an edit shows most boxes as they were, and setting the
            # same range lays the row out again, the same value repaints the box.
            set_range(box, int(spec.minimum or 0), MOST)
            set_value(box, value if value is not None else box.minimum())
            box.blockSignals(False)
            box.setEnabled(value is not None and value <= MOST)
            tip = f"{key}: {spec.help}"
            if value is None:
                tip += " — differs per dimension here; change it in the layer settings"
            box.setToolTip(tip)
            label.setToolTip(tip)
        self.setVisible(any(box.isVisibleTo(self) for box in self.boxes.values()))

    def _on_value(self, key: str, value: int) -> None:
        self.edited.emit(key, value, self._session)

    def _next_session(self) -> None:
        self._session += 1
