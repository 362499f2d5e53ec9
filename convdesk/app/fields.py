"""Editors for one key of a layer, one class per KeySpec kind.

Each field shows a value as the file writes it (an int, a list, "same", True, ...) and emits
`edited(value)` with the value to store, or None to drop the key so the type's default applies.
`set_value` never emits, and returns False when the stored value cannot be shown as it is (a wrong
type or a value below the minimum), so the form can say so instead of silently hiding it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from itertools import permutations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from convdesk.engine import KeySpec, Kind, numbers
from convdesk.engine.values import is_int, is_number
from convdesk.widget_values import set_value

INT_MAX = 1_000_000
FLOAT_MAX = 1e6
NOT_SET = "not set"

Validated = tuple[QValidator.State, str, int]  # what a spin box's validate() returns


class Field(QWidget):
    """Base of every field: a row of widgets with the `edited` and `editFinished` signals."""

    edited = Signal(object)
    editFinished = Signal()  # the end of a run of edits (focus left, Enter)

    def __init__(self, spec: KeySpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setToolTip(spec.help)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self._row)
        self.message = refusal_label()
        column.addWidget(self.message)

    def _watch(self, box: QAbstractSpinBox) -> None:
        """Show what `box` refuses (see NumberBox) under the field's row."""
        if isinstance(box, NumberBox | DecimalBox):
            box.refused.connect(partial(show_refusal, self.message))

    @property
    def optional(self) -> bool:
        """A key with no default and not required: unset means 'not given' (or 'from another')."""
        return self.spec.default is None and not self.spec.required

    def set_value(self, value: object) -> bool:
        """Show `value` without emitting; False when it cannot be shown as it is."""
        raise NotImplementedError(type(self).__name__)

    def focus_widget(self) -> QWidget:
        """The widget that takes keyboard focus when the field is chosen."""
        return self

    def fit_input(self, shape: Sequence[int] | None) -> None:
        """Offer the values that fit the shape the layer reads (None: not known). Most fields
        offer the same values whatever the input; Permute's dims and LayerNorm's shape do not."""

    def forget(self) -> None:
        """Be as if new: the form shows another layer in this field (a refusal said about the
        last one, a toggle or the offers made for it go)."""
        show_refusal(self.message, "")


class _UndoGoesToTheWindow(QObject):
    """Lets Ctrl+Z / Ctrl+Shift+Z in a number box reach the window's undo stack.

    A spin box's line edit claims the undo keys for its own text history, which would undo
    half-typed digits instead of the user's last change to the network.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            keys = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
            if any(event.matches(key) for key in keys):
                return True  # left unaccepted, so the window's Undo/Redo shortcut fires
        return False


_UNDO_TO_WINDOW = _UndoGoesToTheWindow()


def keep_undo_for_window(box: QAbstractSpinBox) -> None:
    """Route the undo keys typed in `box` to the window (the line edit inside has the focus)."""
    box.installEventFilter(_UNDO_TO_WINDOW)
    box.lineEdit().installEventFilter(_UNDO_TO_WINDOW)


def show_number(box: SpinBox, value: float) -> bool:
    """Put `value` in the box, clamped to its range (Qt's spin boxes hold 32-bit ints); False
    when it had to be clamped, so the caller can say the stored value is not what is shown."""
    if value != value:  # NaN
        return False
    low, high = box.minimum(), box.maximum()
    shown = min(max(value, low), high)
    # Most refreshes show the value the box has: left alone, it is not repainted.
    set_value(box, int(shown) if isinstance(box, QSpinBox) else shown)
    return low <= value <= high


def refusal_label() -> QLabel:
    """The short red line that says why typed text was not taken; hidden while all is well."""
    label = QLabel()
    label.setObjectName("refusal")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("color: #d33;")
    label.setVisible(False)
    return label


def show_refusal(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def refusal(what: str, typed: str, low: float, high: float, whole: bool, unset: bool) -> str:
    """Why `typed` does not fit a box for `what` taking numbers from `low` to `high`; '' if it
    does, or if it is only the start of a number ('' or a lone sign)."""
    kind = "a whole number" if whole else "a number"
    span = f"from {numbers.plain(low)} to {numbers.plain(high)}"
    or_unset = " (or leave it not set)" if unset else ""
    if typed == "-" and low >= 0:
        return f"{what} cannot be negative: it must be at least {numbers.plain(low)}{or_unset}."
    if typed in ("", "-", "+"):
        return ""
    try:
        value = int(typed) if whole else float(typed)
    except ValueError:
        return f"“{typed}” is not {kind}: {what} takes {kind} {span}{or_unset}."
    if value < low:
        return f"{typed} is too small: {what} must be at least {numbers.plain(low)}{or_unset}."
    if value > high:
        return f"{typed} is too large: {what} takes at most {numbers.plain(high)} here."
    return ""


def _keep_typed(result: Validated, text: str, pos: int) -> Validated:
    """Leave refused text in the box, beside its message, instead of dropping the keystroke;
    Enter or leaving the box puts the last value that fitted back (Qt's usual correction)."""
    if result[0] == QValidator.State.Invalid:
        return (QValidator.State.Intermediate, text, pos)
    return result


class NumberBox(QSpinBox):
    """A spin box that says what it refuses instead of dropping keys or clamping in silence.

    `refused(text)` carries the reason (what would fit) when typed text is not taken, and ''
    once the user types a value that fits. The refused text stays in view until Enter or
    leaving the box brings back the last value that fitted. The lowest value is the engine's
    minimum for the key; with `unset` one below it stands for "not set".
    """

    refused = Signal(str)

    def __init__(self, what: str, unset: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = what
        self.unset = unset
        self.lineEdit().textEdited.connect(self._on_edited)

    def _typed(self, text: str) -> str:
        return text.removeprefix(self.prefix()).removesuffix(self.suffix()).strip()

    def validate(self, text: str, pos: int) -> Validated:
        result = super().validate(text, pos)
        state = result[0]
        if state != QValidator.State.Acceptable and text != self.specialValueText():
            low = self.minimum() + (1 if self.unset else 0)
            why = refusal(self.what, self._typed(text), low, self.maximum(), True, self.unset)
            if why:
                self.refused.emit(why)
                return _keep_typed(result, text, pos)
        return result

    def _on_edited(self, _text: str) -> None:
        if self.hasAcceptableInput():
            self.refused.emit("")


class DecimalBox(QDoubleSpinBox):
    """NumberBox for numbers with decimals."""

    refused = Signal(str)

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = what
        self.lineEdit().textEdited.connect(self._on_edited)

    def validate(self, text: str, pos: int) -> Validated:
        result = super().validate(text, pos)
        state = result[0]
        if state != QValidator.State.Acceptable:
            typed = text.removeprefix(self.prefix()).strip()
            why = refusal(self.what, typed, self.minimum(), self.maximum(), False, False)
            if why:
                self.refused.emit(why)
                return _keep_typed(result, text, pos)
        return result

    def _on_edited(self, _text: str) -> None:
        if self.hasAcceptableInput():
            self.refused.emit("")


SpinBox = NumberBox | DecimalBox  # the number boxes the forms make


def _unset_text(spec: KeySpec) -> str:
    if spec.default_from:
        return f"= {spec.default_from}"
    return NOT_SET


def _spin(spec: KeySpec, optional: bool, floating: bool = False) -> SpinBox:
    """A spin box whose range starts at the key's minimum; one below it means 'not set'."""
    box: SpinBox
    if floating:
        box = DecimalBox(spec.name)
        box.setDecimals(6)
        box.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        low = float(spec.minimum) if spec.minimum is not None else -FLOAT_MAX
        box.setRange(low, FLOAT_MAX)
    else:
        box = NumberBox(spec.name, optional)
        low = int(spec.minimum) if spec.minimum is not None else -INT_MAX
        if optional:
            low -= 1
        box.setRange(low, INT_MAX)
        box.setGroupSeparatorShown(False)
    if optional:
        box.setSpecialValueText(_unset_text(spec))
    keep_undo_for_window(box)
    box.setAccelerated(True)
    box.setToolTip(spec.help)
    box.setMinimumWidth(72)
    return box


class IntField(Field):
    """One whole number; optional keys show 'not set' at the bottom of the range."""

    def __init__(self, spec: KeySpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.box = _spin(spec, self.optional)
        self._watch(self.box)
        self._row.addWidget(self.box)
        self._row.addStretch(1)
        self.box.valueChanged.connect(self._on_value)
        self.box.editingFinished.connect(self.editFinished)

    def _on_value(self, value: int) -> None:
        unset = self.optional and value == self.box.minimum()
        self.edited.emit(None if unset else value)

    def set_value(self, value: object) -> bool:
        self.box.blockSignals(True)
        try:
            if value is None:
                show_number(self.box, self.box.minimum())
                return self.optional or not self.spec.required
            if not is_int(value):
                return False
            fits = show_number(self.box, value)
            return fits and not (self.optional and value == self.box.minimum())
        finally:
            self.box.blockSignals(False)

    def focus_widget(self) -> QWidget:
        return self.box


class FloatField(Field):
    """One number with decimals (eps, momentum, dropout p, slopes)."""

    def __init__(self, spec: KeySpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.box = _spin(spec, False, floating=True)
        self._watch(self.box)
        self._row.addWidget(self.box)
        self._row.addStretch(1)
        self.box.valueChanged.connect(self._on_value)
        self.box.editingFinished.connect(self.editFinished)

    def _on_value(self, value: float) -> None:
        self.edited.emit(value)

    def set_value(self, value: object) -> bool:
        if not is_number(value):
            return value is None
        self.box.blockSignals(True)
        fits = show_number(self.box, float(value))
        self.box.blockSignals(False)
        return fits

    def focus_widget(self) -> QWidget:
        return self.box


class BoolField(Field):
    def __init__(self, spec: KeySpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.box = QCheckBox()
        self.box.setToolTip(spec.help)
        self._row.addWidget(self.box)
        self._row.addStretch(1)
        self.box.toggled.connect(self._on_toggled)

    def _on_toggled(self, checked: bool) -> None:
        self.edited.emit(checked)

    def set_value(self, value: object) -> bool:
        self.box.blockSignals(True)
        self.box.setChecked(bool(value))
        self.box.blockSignals(False)
        return isinstance(value, bool)

    def focus_widget(self) -> QWidget:
        return self.box


class ChoiceField(Field):
    def __init__(self, spec: KeySpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.box = QComboBox()
        self.box.addItems(list(spec.choices))
        self.box.setToolTip(spec.help)
        self._row.addWidget(self.box)
        self._row.addStretch(1)
        self.box.currentTextChanged.connect(self._on_text)

    def _on_text(self, text: str) -> None:
        self.edited.emit(text)

    def set_value(self, value: object) -> bool:
        i = self.box.findText(str(value)) if isinstance(value, str) else -1
        self.box.blockSignals(True)
        self.box.setCurrentIndex(max(i, 0))
        self.box.blockSignals(False)
        return i >= 0

    def focus_widget(self) -> QWidget:
        return self.box


class SpatialField(Field):
    """One number for every spatial dimension, or (toggled) one number per dimension."""

    def __init__(
        self,
        spec: KeySpec,
        dims: int,
        parent: QWidget | None = None,
        labels: tuple[str, ...] | None = None,
        floating: bool = False,
    ) -> None:
        super().__init__(spec, parent)
        self._floating = floating
        self._labels = labels
        self.single = _spin(spec, self.optional, floating)
        self.split = QToolButton()
        self.split.setText("per dim")
        self.split.setCheckable(True)
        self.split.setToolTip("Give each spatial dimension its own value")
        self.parts = [_spin(spec, False, floating) for _ in range(dims)]
        for box in (self.single, *self.parts):
            self._watch(box)
        self._row.addWidget(self.single)
        for i, box in enumerate(self.parts):
            if labels:
                box.setPrefix(f"{labels[i]} ")
            box.setVisible(False)
            self._row.addWidget(box)
            box.valueChanged.connect(self._on_value)
            box.editingFinished.connect(self.editFinished)
        self._row.addWidget(self.split)
        self._row.addStretch(1)
        self.single.valueChanged.connect(self._on_value)
        self.single.editingFinished.connect(self.editFinished)
        self.split.toggled.connect(self._on_split)
        if dims <= 1 and labels is None:
            self.split.setVisible(False)

    def forget(self) -> None:
        super().forget()
        self.split.blockSignals(True)
        self.split.setChecked(False)
        self.split.blockSignals(False)
        self._show_split(False)

    def _show_split(self, split: bool) -> None:
        self.single.setVisible(not split)
        for box in self.parts:
            box.setVisible(split)

    def _on_split(self, split: bool) -> None:
        self._show_split(split)
        # Starting per-dimension values from the single one keeps the layer unchanged.
        if split:
            for box in self.parts:
                box.blockSignals(True)
                show_number(box, max(self.single.value(), box.minimum()))
                box.blockSignals(False)
            self.parts[0].setFocus()
        else:
            self.single.setFocus()
        self._on_value()
        self.editFinished.emit()

    def value(self) -> object:
        if self.split.isChecked() and self.parts:
            return [box.value() for box in self.parts]
        v = self.single.value()
        if self.optional and v == self.single.minimum():
            return None
        return v

    def _on_value(self, *_args: object) -> None:
        self.edited.emit(self.value())

    def set_value(self, value: object) -> bool:
        widgets = [self.single, *self.parts, self.split]
        for w in widgets:
            w.blockSignals(True)
        try:
            return self._set(value)
        finally:
            for w in widgets:
                w.blockSignals(False)

    def _set(self, value: object) -> bool:
        ok_type = is_number if self._floating else is_int
        if value is None:
            self.split.setChecked(False)
            self._show_split(False)
            show_number(self.single, self.single.minimum())
            return self.optional
        if ok_type(value) and is_number(value):
            self.split.setChecked(False)
            self._show_split(False)
            return show_number(self.single, value)
        if not isinstance(value, list) or not value:
            return False
        given = [v for v in value if ok_type(v) and is_number(v)]
        if len(given) != len(value):
            return False
        repeated = len(set(given)) == 1 and self._labels is None
        if len(given) != len(self.parts) or (repeated and not self.split.isChecked()):
            # One value repeated (or a list of the wrong length): shown as one number,
            # unless the user has just asked for per-dimension boxes.
            self.split.setChecked(False)
            self._show_split(False)
            fits = show_number(self.single, given[0])
            return fits and len(given) == len(self.parts)
        self.split.setChecked(True)
        self._show_split(True)
        return all([show_number(box, v) for box, v in zip(self.parts, given, strict=True)])

    def focus_widget(self) -> QWidget:
        return self.single


class PaddingField(Field):
    """Convolution padding: numbers (one or per dimension), 'same' or 'valid'."""

    MODES = ("numbers", "same", "valid")

    def __init__(self, spec: KeySpec, dims: int, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.mode = QComboBox()
        self.mode.addItems(list(self.MODES))
        self.mode.setToolTip(spec.help)
        self.numbers = SpatialField(KeySpec(spec.name, Kind.SPATIAL, 0, minimum=0), dims)
        self.numbers.setToolTip(spec.help)
        self._row.addWidget(self.mode)
        self._row.addWidget(self.numbers, 1)
        self.mode.currentTextChanged.connect(self._on_mode)
        self.numbers.edited.connect(self._on_numbers)
        self.numbers.editFinished.connect(self.editFinished)

    def forget(self) -> None:
        super().forget()
        self.numbers.forget()

    def _on_numbers(self, value: object) -> None:
        self.edited.emit(value)

    def _on_mode(self, mode: str) -> None:
        self.numbers.setEnabled(mode == "numbers")
        self.edited.emit(self.numbers.value() if mode == "numbers" else mode)

    def set_value(self, value: object) -> bool:
        self.mode.blockSignals(True)
        try:
            if value in ("same", "valid"):
                self.mode.setCurrentText(str(value))
                self.numbers.setEnabled(False)
                return True
            self.mode.setCurrentText("numbers")
            self.numbers.setEnabled(True)
            return self.numbers.set_value(value)
        finally:
            self.mode.blockSignals(False)

    def focus_widget(self) -> QWidget:
        return self.mode


class _OfferField(Field):
    """A drop-down of the values that fit the input; anything else is not offered at all."""

    def __init__(self, spec: KeySpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.box = QComboBox()
        self.box.setToolTip(spec.help)
        self.box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._row.addWidget(self.box)
        self._row.addStretch(1)
        self.box.activated.connect(self._on_activated)

    def forget(self) -> None:
        super().forget()
        self._offer(())

    def _offer(self, options: Sequence[tuple[str, object]]) -> None:
        """Replace the choices with (text, value) pairs, keeping the shown value if offered."""
        current = self.box.currentData()
        self.box.blockSignals(True)
        self.box.clear()
        for text, value in options:
            self.box.addItem(text, value)
        self.box.setCurrentIndex(self._find(current))
        self.box.blockSignals(False)

    def _find(self, value: object) -> int:
        for row in range(self.box.count()):
            if self._same(self.box.itemData(row), value):
                return row
        return -1

    def _same(self, offered: object, value: object) -> bool:
        return offered == value

    def _on_activated(self, row: int) -> None:
        self.edited.emit(self.box.itemData(row))
        self.editFinished.emit()

    def offered(self) -> list[object]:
        """The values the drop-down offers, top to bottom."""
        return [self.box.itemData(row) for row in range(self.box.count())]

    def set_value(self, value: object) -> bool:
        row = self._find(value)
        self.box.blockSignals(True)
        self.box.setCurrentIndex(row)  # -1 shows nothing rather than a value that is not stored
        self.box.blockSignals(False)
        return row >= 0

    def focus_widget(self) -> QWidget:
        return self.box


class PermutationField(_OfferField):
    """Permute's dims: every reordering of the input's dimensions, and nothing else."""

    def __init__(self, spec: KeySpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self._shape: tuple[int, ...] | None = None

    def forget(self) -> None:
        super().forget()
        self._shape = None

    def fit_input(self, shape: Sequence[int] | None) -> None:
        self._shape = None if shape is None else tuple(shape)
        if shape is not None:
            self._offer_for(len(shape))

    def _offer_for(self, rank: int) -> None:
        options = []
        for order in permutations(range(rank)):
            text = "[" + ", ".join(str(d) for d in order) + "]"
            if self._shape is not None:
                text += "  → " + numbers.shape_by([self._shape[d] for d in order])
            if rank > 1 and list(order) == [*range(1, rank), 0]:
                text += "  channels last"
            elif rank > 1 and list(order) == [rank - 1, *range(rank - 1)]:
                text += "  channels first"
            elif list(order) == list(range(rank)):
                text += "  unchanged"
            options.append((text, list(order)))
        self._offer(options)

    def set_value(self, value: object) -> bool:
        if self._shape is None and isinstance(value, list) and 1 <= len(value) <= 4:
            self._offer_for(len(value))  # the input is not known: offer the value's own rank
        return super().set_value(value)


class SizesField(_OfferField):
    """LayerNorm's normalized_shape: the input's last dimension, last two, ... up to all."""

    def fit_input(self, shape: Sequence[int] | None) -> None:
        if shape is None:
            return
        options: list[tuple[str, object]] = [(str(shape[-1]), shape[-1])]
        for count in range(2, len(shape) + 1):
            tail = list(shape[-count:])
            options.append((numbers.shape_by(tail), tail))
        self._offer(options)

    def _same(self, offered: object, value: object) -> bool:
        # 96 and [96] mean the same normalized_shape.
        as_list = [value] if is_int(value) else value
        return offered == value or (is_int(offered) and [offered] == as_list)

    def set_value(self, value: object) -> bool:
        if self.box.count() == 0 and (is_int(value) or isinstance(value, list)):
            self._offer([(str(value), value)])  # the input is not known: show what is stored
        return super().set_value(value)


ZEROPAD_SIDES = ("left", "right", "top", "bottom")


def make_field(spec: KeySpec, dims: int) -> Field:
    """The field for a key, chosen by its kind; `dims` is the number of spatial dimensions."""
    if spec.kind == Kind.INT:
        return IntField(spec)
    if spec.kind == Kind.FLOAT:
        return FloatField(spec)
    if spec.kind == Kind.BOOL:
        return BoolField(spec)
    if spec.kind == Kind.CHOICE:
        return ChoiceField(spec)
    if spec.kind == Kind.PADDING:
        return PaddingField(spec, dims)
    if spec.kind == Kind.ZEROPAD:
        return SpatialField(spec, 4, labels=ZEROPAD_SIDES)
    if spec.kind == Kind.SCALE:
        return SpatialField(spec, dims, floating=True)
    if spec.kind == Kind.PERMUTATION:
        return PermutationField(spec)
    if spec.kind == Kind.SIZES:
        return SizesField(spec)
    # SPATIAL and OUTPUT_SIZE
    return SpatialField(spec, dims)


__all__ = ["Field", "make_field"]
