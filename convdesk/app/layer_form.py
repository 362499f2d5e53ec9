"""The form for the selected layer, generated from the engine's description of its type.

Nothing here is written per layer type: the rows come from `LAYER_TYPES[type].keys`, the widget
for each row from its Kind (see fields.py). Edits go out as signals; the window turns them into
undo commands, and the form shows the document again when it changes.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from convdesk.engine import GROUPS, INPUT, LAYER_TYPES, Layer, LayerResult, types_in_group

from .document import Document
from .fields import Field, make_field

PREVIOUS = "(previous layer)"
OTHERS = "other earlier layers:"
_NAME_ROLE = Qt.ItemDataRole.UserRole  # an inputs-list row's layer name (none on the heading)
# Fusion outlines a check box in a darker shade of the Window colour: on the dark theme's base
# that outline vanishes, and unticked rows look like plain text. A lighter Window colour on the
# list alone gives the boxes a visible edge.
_DARK_LIST_WINDOW = QColor(150, 152, 158)


def spatial_dims(layer_type: str, result: LayerResult | None) -> int:
    """How many spatial dimensions a layer's per-dimension fields need."""
    dims = LAYER_TYPES[layer_type].dims
    if dims is not None:
        return dims
    if result is not None and result.input_shapes and result.input_shapes[0] is not None:
        return max(len(result.input_shapes[0]) - 1, 1)
    return 2


@dataclass(eq=False)
class _Page:
    """The rows of one type's form (at one number of spatial dimensions), made once and shown
    again for every layer of that type: building rows is the dear part of a selection."""

    body: QWidget
    rows: QFormLayout
    name_edit: QLineEdit
    inputs_combo: QComboBox | None = None
    inputs_list: QListWidget | None = None
    fields: dict[str, Field] = dataclasses.field(default_factory=dict)
    notes: dict[str, QLabel] = dataclasses.field(default_factory=dict)
    shows: tuple | None = None  # (layer index, name, earlier names) its rows were filled for
    inputs: tuple[str, ...] = ()  # and the inputs that layer had then


class _TypeCombo(QComboBox):
    """The layer's type list. A wheel turned over it scrolls the dock instead: changing a
    layer's type by accident while scrolling would drop settings the new type lacks."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()


class LayerForm(QWidget):
    """Name, inputs and keys of one layer."""

    valueEdited = Signal(int, str, object, int)  # layer, key, value, edit session
    renameRequested = Signal(int, str)
    inputsEdited = Signal(int, object)  # layer, list of names or None
    typeChangeRequested = Signal(int, str, int)  # layer, new type, edit session

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = doc
        self._index: int | None = None
        self._pages: dict[tuple[str, int], _Page] = {}
        self._page: _Page | None = None
        self._fields: dict[str, Field] = {}
        self._notes: dict[str, QLabel] = {}
        self._session = 1
        self._dark = False
        self._showing = False  # while a layer is put in the rows: their signals are not edits
        self.inputs_combo: QComboBox | None = None
        self.inputs_list: QListWidget | None = None

        # The type combo lives in the header, outside the rows that are rebuilt, because
        # choosing a type rebuilds them while the combo is still sending its signal.
        self.type_combo = self._make_type_combo()
        self._type_label = QLabel("&type")
        self._type_label.setBuddy(self.type_combo)
        header = QHBoxLayout()
        header.addWidget(self._type_label)
        header.addWidget(self.type_combo, 1)
        self._title = QLabel()
        self._title.setWordWrap(True)
        self._title.setTextFormat(Qt.TextFormat.PlainText)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(header)
        self._layout.addWidget(self._title)
        self._layout.addStretch(1)
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

    def set_dark(self, dark: bool) -> None:
        """Follow the window's theme (the merge list's check boxes need it)."""
        self._dark = dark
        for page in self._pages.values():
            if page.inputs_list is not None:
                self._fit_list_palette(page.inputs_list)

    def _fit_list_palette(self, items: QListWidget) -> None:
        palette = QPalette()  # nothing resolved: the application's palette
        if self._dark:
            palette.setColor(QPalette.ColorRole.Window, _DARK_LIST_WINDOW)
        items.setPalette(palette)

    def show_layer(self, index: int | None) -> None:
        """Show layer `index` (None: nothing selected)."""
        if index is not None and not 0 <= index < len(self._doc.network.layers):
            index = None
        if index != self._index:
            self._session += 1
        self._index = index
        self.refresh()

    def refresh(self) -> None:
        """Show the document's current values. The rows of a type are built once; a layer
        whose name, place or earlier layers differ from the last shown gets them as new."""
        self._showing = True
        try:
            self._refresh()
        finally:
            self._showing = False

    def _refresh(self) -> None:
        index = self._index
        if index is None or index >= len(self._doc.network.layers):
            self._index = None
            self._build_empty()
            return
        layer = self._doc.layer(index)
        result = self._doc.report.layers[index]
        page, switched = self._show_page(layer, result)
        earlier = tuple(lay.name for lay in self._doc.network.layers[:index])
        shows = (index, layer.name, earlier)
        inputs = tuple(layer.inputs or ())
        # The earlier layers are listed afresh for another layer, and for a merge shown again
        # whose inputs changed meanwhile (they are listed first); not at each tick of its list.
        refill = shows != page.shows or (switched and inputs != page.inputs)
        fresh = refill or switched
        if fresh:
            # As if the rows were new: what was typed or toggled for another layer goes.
            for f in page.fields.values():
                f.forget()
            page.name_edit.setText(layer.name)
        if refill:
            self._fill_inputs(page, layer, earlier)
            page.shows, page.inputs = shows, inputs
        reads = result.input_shapes[0] if len(result.input_shapes) == 1 else None
        for f in page.fields.values():
            f.fit_input(reads)
        self._show_values(layer)
        if fresh and self.inputs_list is not None:
            self._scroll_to_chosen()

    # -- building -----------------------------------------------------------------------------

    def _use(self, page: _Page | None) -> None:
        """Show `page`'s rows (None: none) and hide the others'."""
        if page is self._page:
            return
        if self._page is not None:
            self._page.body.setVisible(False)
        self._page = page
        self.name_edit = page.name_edit if page is not None else None
        self.inputs_combo = page.inputs_combo if page is not None else None
        self.inputs_list = page.inputs_list if page is not None else None
        self._fields = page.fields if page is not None else {}
        self._notes = page.notes if page is not None else {}
        if page is not None:
            page.body.setVisible(True)

    def _make_type_combo(self) -> QComboBox:
        combo = _TypeCombo()
        combo.setToolTip(
            "Change this layer's type; the settings both types have are kept (Ctrl+Z undoes)"
        )
        for group in GROUPS:
            if combo.count():
                combo.insertSeparator(combo.count())
            for layer_type in types_in_group(group):
                combo.addItem(layer_type.name)
                combo.setItemData(
                    combo.count() - 1, layer_type.summary, Qt.ItemDataRole.ToolTipRole
                )
        combo.setMaxVisibleItems(30)
        combo.activated.connect(self._on_type)
        return combo

    def _show_type(self, layer_type: str | None) -> None:
        self.type_combo.blockSignals(True)
        self.type_combo.setCurrentIndex(
            -1 if layer_type is None else self.type_combo.findText(layer_type)
        )
        self.type_combo.blockSignals(False)
        self.type_combo.setEnabled(layer_type is not None)
        self.type_combo.setVisible(layer_type is not None)
        self._type_label.setVisible(layer_type is not None)

    def _grow_body(self, grow: bool) -> None:
        """A merge's list of earlier layers takes the free height; other forms sit at the top."""
        if self._page is not None:
            self._layout.setStretchFactor(self._page.body, 1 if grow else 0)
        self._layout.setStretch(self._layout.count() - 1, 0 if grow else 1)

    def _build_empty(self) -> None:
        self._use(None)
        self._show_type(None)
        self._grow_body(False)
        self._title.setText("No layer selected. Select a layer in the list, or add one.")

    def _show_page(self, layer: Layer, result: LayerResult) -> tuple[_Page, bool]:
        """Show the rows of the layer's type, built on first use; and whether they were hidden."""
        key = (layer.type, spatial_dims(layer.type, result))
        page = self._pages.get(key)
        if page is None:
            page = self._pages[key] = self._build(layer.type, key[1])
            self._layout.insertWidget(self._layout.count() - 1, page.body)
        switched = page is not self._page
        if switched:
            self._use(page)
            spec = LAYER_TYPES[layer.type]
            self._show_type(layer.type)
            self._grow_body(spec.is_merge)
            self._title.setText(f"{layer.type}: {spec.summary}")
        return page, switched

    def _build(self, layer_type: str, dims: int) -> _Page:
        spec = LAYER_TYPES[layer_type]
        body = QWidget()
        body.setVisible(False)
        rows = QFormLayout(body)
        rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        name_edit = QLineEdit()
        name_edit.setToolTip("The layer's unique name; merges refer to layers by name")
        name_edit.editingFinished.connect(self._on_name)
        rows.addRow("name", name_edit)
        page = _Page(body, rows, name_edit)

        if spec.is_merge:
            page.inputs_list = self._make_inputs_list()
            rows.addRow("inputs", page.inputs_list)
        else:
            page.inputs_combo = QComboBox()
            page.inputs_combo.setToolTip("Which earlier output this layer reads")
            page.inputs_combo.setMaxVisibleItems(20)
            page.inputs_combo.activated.connect(self._on_inputs_combo)
            rows.addRow("input", page.inputs_combo)

        for key in spec.keys:
            row = make_field(key, dims)
            row.edited.connect(partial(self._on_field, key.name))
            row.editFinished.connect(self._next_session)
            note = QLabel()
            note.setTextFormat(Qt.TextFormat.PlainText)
            note.setWordWrap(True)
            note.setStyleSheet("color: #d33;")
            note.setVisible(False)
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(row)
            column.addWidget(note)
            label = QLabel(key.name + (" *" if key.required else ""))
            label.setToolTip(key.help)
            label.setBuddy(row.focus_widget())
            rows.addRow(label, box)
            page.fields[key.name] = row
            page.notes[key.name] = note
        if not spec.keys:
            rows.addRow(QLabel("This type has no settings of its own."))
        return page

    def _make_inputs_list(self) -> QListWidget:
        items = QListWidget()
        items.setToolTip("Tick the earlier layers this layer combines; the ticked ones come first")
        # Every row one line high: the list is laid out without asking each of hundreds of rows.
        items.setUniformItemSizes(True)
        items.itemChanged.connect(self._on_inputs_list)
        self._fit_list_palette(items)
        return items

    def _fill_inputs(self, page: _Page, layer: Layer, earlier: tuple[str, ...]) -> None:
        """The earlier outputs a layer may read, in its input drop-down or its merge list."""
        if page.inputs_combo is not None:
            page.inputs_combo.clear()
            page.inputs_combo.addItems([PREVIOUS, INPUT, *earlier])
        if page.inputs_list is not None:
            self._fill_inputs_list(page.inputs_list, layer, earlier)

    def _fill_inputs_list(self, items: QListWidget, layer: Layer, earlier: tuple[str, ...]) -> None:
        """Check boxes for the earlier outputs, the chosen ones first in the order the merge
        reads them, so a student sees what it takes without scrolling through a deep network."""
        items.blockSignals(True)
        items.clear()
        chosen = [name for name in layer.inputs or [] if name in (INPUT, *earlier)]
        others = [name for name in (INPUT, *earlier) if name not in chosen]
        for name in chosen:
            items.addItem(self._input_item(name))
        if chosen and others:
            heading = QListWidgetItem(OTHERS)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # neither tickable nor selectable
            font = heading.font()
            font.setItalic(True)
            heading.setFont(font)
            items.addItem(heading)
        for name in others:
            items.addItem(self._input_item(name))
        items.blockSignals(False)
        # A deep network has hundreds of earlier layers: the list takes the dock's free height.
        rows = items.sizeHintForRow(0) if items.count() else items.fontMetrics().height()
        items.setMinimumHeight(rows * min(items.count(), 8) + 2 * items.frameWidth())

    @staticmethod
    def _input_item(name: str) -> QListWidgetItem:
        item = QListWidgetItem(name)
        item.setData(_NAME_ROLE, name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        return item

    def _input_items(self) -> list[QListWidgetItem]:
        """The inputs list's tickable rows, top to bottom."""
        items = self.inputs_list
        if items is None:
            return []
        rows = (items.item(r) for r in range(items.count()))
        return [item for item in rows if item.data(_NAME_ROLE) is not None]

    def chosen_inputs_shown(self) -> list[str]:
        """The ticked rows of a merge's list, top to bottom (what the student sees)."""
        return [
            item.data(_NAME_ROLE)
            for item in self._input_items()
            if item.checkState() == Qt.CheckState.Checked
        ]

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
            for item in self._input_items():
                checked = item.data(_NAME_ROLE) in chosen
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
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
        """The chosen inputs are the first rows: start the list at its top."""
        if self.inputs_list is not None:
            self.inputs_list.scrollToTop()

    # -- edits going out ----------------------------------------------------------------------

    def _next_session(self) -> None:
        self._session += 1

    def _on_field(self, key: str, value: object) -> None:
        if self._showing:
            return
        if self._index is not None:
            self.valueEdited.emit(self._index, key, value, self._session)

    def _on_name(self) -> None:
        if self._showing:
            return
        if self._index is None or self.name_edit is None:
            return
        new = self.name_edit.text().strip()
        if new and new != self._doc.layer(self._index).name:
            self.renameRequested.emit(self._index, new)
        else:
            self.name_edit.setText(self._doc.layer(self._index).name)

    def _on_inputs_combo(self, row: int) -> None:
        if self._showing:
            return
        if self._index is None or self.inputs_combo is None:
            return
        text = self.inputs_combo.itemText(row)
        self.inputsEdited.emit(self._index, None if text == PREVIOUS else [text])

    def _on_inputs_list(self, _item: QListWidgetItem) -> None:
        if self._showing:
            return
        if self._index is None or self.inputs_list is None:
            return
        ticked = self.chosen_inputs_shown()
        # Keep the order the merge already reads (it matters to Concat); a newly ticked layer
        # is appended.
        before = [name for name in self._doc.layer(self._index).inputs or [] if name in ticked]
        chosen = before + [name for name in ticked if name not in before]
        self.inputsEdited.emit(self._index, chosen or None)

    def _on_type(self, row: int) -> None:
        new_type = self.type_combo.itemText(row)
        if self._index is None or new_type not in LAYER_TYPES:
            return
        if new_type != self._doc.layer(self._index).type:
            self.typeChangeRequested.emit(self._index, new_type, self._session)
