"""The form for the selected layer, generated from the engine's description of its type.

Nothing here is written per layer type: the rows come from `LAYER_TYPES[type].keys`, the widget
for each row from its Kind (see fields.py). Edits go out as signals; the window turns them into
undo commands, and the form shows the document again when it changes.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from convdesk.engine import INPUT, LAYER_TYPES, Layer, LayerResult

from .document import Document
from .fields import Field, make_field

PREVIOUS = "(previous layer)"


def spatial_dims(layer_type: str, result: LayerResult | None) -> int:
    """How many spatial dimensions a layer's per-dimension fields need."""
    dims = LAYER_TYPES[layer_type].dims
    if dims is not None:
        return dims
    if result is not None and result.input_shapes and result.input_shapes[0] is not None:
        return max(len(result.input_shapes[0]) - 1, 1)
    return 2


class LayerForm(QWidget):
    """Name, inputs and keys of one layer."""

    valueEdited = Signal(int, str, object, int)  # layer, key, value, edit session
    renameRequested = Signal(int, str)
    inputsEdited = Signal(int, object)  # layer, list of names or None

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = doc
        self._index: int | None = None
        self._signature: tuple | None = None
        self._fields: dict[str, Field] = {}
        self._notes: dict[str, QLabel] = {}
        self._session = 1
        self.inputs_combo: QComboBox | None = None
        self.inputs_list: QListWidget | None = None

        self._title = QLabel()
        self._title.setWordWrap(True)
        self._title.setTextFormat(Qt.TextFormat.PlainText)
        self._body = QWidget()
        self._form = QFormLayout(self._body)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._body)
        layout.addStretch(1)
        self.name_edit: QLineEdit | None = None
        self.show_layer(None)

    # -- public -------------------------------------------------------------------------------

    @property
    def index(self) -> int | None:
        return self._index

    def field(self, key: str) -> Field:
        """The field editing `key` of the shown layer (tests and keyboard focus use it)."""
        return self._fields[key]

    def note(self, key: str) -> QLabel:
        """The warning under a field, shown when the file's value cannot be shown as it is."""
        return self._notes[key]

    def show_layer(self, index: int | None) -> None:
        """Show layer `index` (None: nothing selected)."""
        if index is not None and not 0 <= index < len(self._doc.network.layers):
            index = None
        if index != self._index:
            self._session += 1
        self._index = index
        self.refresh()

    def refresh(self) -> None:
        """Show the document's current values, rebuilding the rows only when they differ."""
        index = self._index
        if index is None or index >= len(self._doc.network.layers):
            self._index = None
            self._build_empty()
            return
        layer = self._doc.layer(index)
        result = self._doc.report.layers[index]
        earlier = tuple(lay.name for lay in self._doc.network.layers[:index])
        signature = (index, layer.type, layer.name, earlier, spatial_dims(layer.type, result))
        rebuilt = signature != self._signature
        if rebuilt:
            self._build(layer, result, earlier)
            self._signature = signature
        self._show_values(layer)
        if rebuilt and self.inputs_list is not None:
            self._scroll_to_chosen()

    # -- building -----------------------------------------------------------------------------

    def _clear(self) -> None:
        if self.name_edit is not None:
            # A focused line edit being destroyed reports editingFinished; that must not rename
            # the layer shown next.
            self.name_edit.blockSignals(True)
        while self._form.rowCount():
            self._form.removeRow(0)
        self._fields.clear()
        self._notes.clear()
        self.inputs_combo = None
        self.inputs_list = None
        self.name_edit = None

    def _build_empty(self) -> None:
        self._clear()
        self._signature = None
        self._title.setText("No layer selected. Select a layer in the list, or add one.")

    def _build(self, layer: Layer, result: LayerResult, earlier: tuple[str, ...]) -> None:
        self._clear()
        spec = LAYER_TYPES[layer.type]
        self._title.setText(f"{layer.type}: {spec.summary}")

        self.name_edit = QLineEdit(layer.name)
        self.name_edit.setToolTip("The layer's unique name; merges refer to layers by name")
        self.name_edit.editingFinished.connect(self._on_name)
        self._form.addRow("name", self.name_edit)

        if spec.is_merge:
            self.inputs_list = QListWidget()
            self.inputs_list.setToolTip("Tick the earlier layers this layer combines")
            for name in (INPUT, *earlier):
                item = QListWidgetItem(name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.inputs_list.addItem(item)
            self.inputs_list.setMaximumHeight(160)
            self.inputs_list.itemChanged.connect(self._on_inputs_list)
            self._form.addRow("inputs", self.inputs_list)
        else:
            self.inputs_combo = QComboBox()
            self.inputs_combo.setToolTip("Which earlier output this layer reads")
            self.inputs_combo.addItems([PREVIOUS, INPUT, *earlier])
            self.inputs_combo.setMaxVisibleItems(20)
            self.inputs_combo.activated.connect(self._on_inputs_combo)
            self._form.addRow("input", self.inputs_combo)

        dims = spatial_dims(layer.type, result)
        for key in spec.keys:
            field = make_field(key, dims)
            field.edited.connect(partial(self._on_field, key.name))
            field.editFinished.connect(self._next_session)
            note = QLabel()
            note.setWordWrap(True)
            note.setStyleSheet("color: #d33;")
            note.setVisible(False)
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(field)
            column.addWidget(note)
            label = QLabel(key.name + (" *" if key.required else ""))
            label.setToolTip(key.help)
            label.setBuddy(field.focus_widget())
            self._form.addRow(label, box)
            self._fields[key.name] = field
            self._notes[key.name] = note
        if not spec.keys:
            self._form.addRow(QLabel("This type has no settings of its own."))

    def _show_values(self, layer: Layer) -> None:
        if self.name_edit is not None and not self.name_edit.hasFocus():
            self.name_edit.setText(layer.name)
        if self.inputs_combo is not None:
            self.inputs_combo.blockSignals(True)
            wanted = PREVIOUS if not layer.inputs else layer.inputs[0]
            i = self.inputs_combo.findText(wanted)
            self.inputs_combo.setCurrentIndex(max(i, 0))
            self.inputs_combo.blockSignals(False)
        if self.inputs_list is not None:
            chosen = set(layer.inputs or [])
            self.inputs_list.blockSignals(True)
            for row in range(self.inputs_list.count()):
                item = self.inputs_list.item(row)
                state = Qt.CheckState.Checked if item.text() in chosen else Qt.CheckState.Unchecked
                item.setCheckState(state)
            self.inputs_list.blockSignals(False)
        for key, field in self._fields.items():
            # An unset optional key shows "not set" / "= kernel_size" rather than the value it
            # borrows, so the form says where the number comes from.
            unset = field.optional and key not in layer.config
            shown = field.set_value(None if unset else layer.get(key))
            note = self._notes[key]
            written = key in layer.config
            if written and not shown:
                note.setText(f"The file gives {layer.config[key]!r}, which is not valid here.")
            note.setVisible(written and not shown)

    def _scroll_to_chosen(self) -> None:
        """Deep networks list hundreds of earlier layers: show the ones this merge reads."""
        items = self.inputs_list
        chosen = [
            items.item(r)
            for r in range(items.count())
            if items.item(r).checkState() == Qt.CheckState.Checked
        ]
        if chosen:
            items.scrollToItem(chosen[-1], QListWidget.ScrollHint.PositionAtBottom)

    # -- edits going out ----------------------------------------------------------------------

    def _next_session(self) -> None:
        self._session += 1

    def _on_field(self, key: str, value: object) -> None:
        if self._index is not None:
            self.valueEdited.emit(self._index, key, value, self._session)

    def _on_name(self) -> None:
        if self._index is None or self.name_edit is None:
            return
        new = self.name_edit.text().strip()
        if new and new != self._doc.layer(self._index).name:
            self.renameRequested.emit(self._index, new)
        else:
            self.name_edit.setText(self._doc.layer(self._index).name)

    def _on_inputs_combo(self, row: int) -> None:
        if self._index is None or self.inputs_combo is None:
            return
        text = self.inputs_combo.itemText(row)
        self.inputsEdited.emit(self._index, None if text == PREVIOUS else [text])

    def _on_inputs_list(self, _item: QListWidgetItem) -> None:
        if self._index is None or self.inputs_list is None:
            return
        chosen = [
            self.inputs_list.item(r).text()
            for r in range(self.inputs_list.count())
            if self.inputs_list.item(r).checkState() == Qt.CheckState.Checked
        ]
        self.inputsEdited.emit(self._index, chosen or None)
