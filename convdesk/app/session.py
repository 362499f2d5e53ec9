"""The edit session: the open Document, its undo stack, the file it belongs to and the selection.

Every edit the window offers goes through one method here, which checks it once and either pushes
one undo command or refuses with a message (the `refused` signal). Nothing here needs a widget, so
tests drive a session without a window; widgets observe `selectionChanged`, `titleChanged` and the
Document's own signals.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from convdesk.engine import INPUT, LAYER_TYPES, Layer, Network, fitting_values
from convdesk.engine.values import name_problem

from .commands import (
    ChangeTypeCommand,
    InsertLayerCommand,
    MoveLayerCommand,
    RemoveLayerCommand,
    RenameLayerCommand,
    SetInputsCommand,
    SetInputShapeCommand,
    SetMetaCommand,
    SetValueCommand,
)
from .document import Document, default_network
from .type_change import retyped_layer


def default_inputs(network: Network, at: int) -> list[str]:
    """What a new merge layer at `at` reads: the two outputs just before it (a residual)."""
    return network.outputs_before(at)[-2:]


class EditSession(QObject):
    """One open network being edited: Document, undo stack, clean state, path and selection."""

    selectionChanged = Signal(object)  # the selected layer's index, or None
    titleChanged = Signal()  # the path or the clean state changed
    refused = Signal(str)  # an edit was not made; the message says why and what would do

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = Document(default_network(), self)
        self.undo = QUndoStack(self)
        self._selected: int | None = None
        self.undo.cleanChanged.connect(self.titleChanged)
        self.doc.replaced.connect(self._on_replaced)
        self.doc.changed.connect(self._on_changed)

    # -- state --------------------------------------------------------------------------------

    @property
    def network(self) -> Network:
        return self.doc.network

    @property
    def path(self) -> str | None:
        return self.doc.path

    def title(self) -> str:
        """The file's name, or the network's while it has no file."""
        return os.path.basename(self.doc.path) if self.doc.path else self.doc.network.name

    def is_clean(self) -> bool:
        return self.undo.isClean()

    def load(self, network: Network, path: str | None) -> None:
        """Start over with another network (New/Open); not an undoable edit."""
        self.doc.replace(network, os.path.abspath(path) if path else None)

    def saved(self, path: str) -> None:
        """The network was written to `path`: it is the session's file and nothing is unsaved."""
        self.doc.path = os.path.abspath(path)
        self.undo.setClean()
        self.titleChanged.emit()

    def _on_replaced(self) -> None:
        self.undo.clear()
        self.undo.setClean()
        self._set_selected(0 if self.doc.network.layers else None, always=True)
        self.titleChanged.emit()

    # -- selection ----------------------------------------------------------------------------

    @property
    def selected(self) -> int | None:
        return self._selected

    def select(self, index: int | None) -> None:
        """Select layer `index` (None, or an index out of range, selects nothing)."""
        self._set_selected(index)

    def select_named(self, name: str) -> bool:
        """Select the layer called `name`; False (and no change) when there is none."""
        try:
            index = self.doc.network.index_of(name)
        except KeyError:
            return False
        self.select(index)
        return True

    def _set_selected(self, index: int | None, always: bool = False) -> None:
        if index is not None and not 0 <= index < len(self.doc.network.layers):
            index = None
        if index != self._selected or always:
            self._selected = index
            self.selectionChanged.emit(index)

    def _on_changed(self, focus: int) -> None:
        """After an edit, select the layer it concerns (or keep the selection in range)."""
        n = len(self.doc.network.layers)
        target = focus if 0 <= focus < n else self._selected
        if target is not None and target >= n:
            target = n - 1 if n else None
        self.select(target)

    # -- edits --------------------------------------------------------------------------------

    def add_position(self) -> int:
        """Where Add puts a new layer: after the selection, or at the end."""
        return len(self.doc.network.layers) if self._selected is None else self._selected + 1

    def add(self, layer_type: str) -> None:
        """Insert a new layer of `layer_type` after the selection (or at the end)."""
        if layer_type not in LAYER_TYPES:
            self.refused.emit(f"There is no layer type {layer_type!r}.")
            return
        network = self.doc.network
        at = self.add_position()
        layer = network.new_layer(layer_type)
        report = self.doc.report
        reads = report.input if at == 0 else report.layers[at - 1].output_shape
        layer.config.update(fitting_values(layer_type, reads))
        if LAYER_TYPES[layer_type].is_merge:
            layer.inputs = default_inputs(network, at)
        self.undo.push(InsertLayerCommand(self.doc, at, layer))

    def duplicate(self) -> None:
        """A copy of the selected layer, under a new name, just after it."""
        if self._selected is None:
            return
        layer = self.doc.layer(self._selected).copy()
        layer.name = self.doc.network.unique_name(layer.type)
        text = f"duplicate {layer.name}"
        self.undo.push(InsertLayerCommand(self.doc, self._selected + 1, layer, text))

    def delete(self) -> None:
        if self._selected is not None:
            self.undo.push(RemoveLayerCommand(self.doc, self._selected))

    def move(self, source: int, target: int) -> None:
        """Move a layer so it ends up at `target`; moves off either end do nothing."""
        n = len(self.doc.network.layers)
        if 0 <= source < n and 0 <= target < n and source != target:
            self.undo.push(MoveLayerCommand(self.doc, source, target))

    def move_selected(self, step: int) -> None:
        if self._selected is not None:
            self.move(self._selected, self._selected + step)

    def rename(self, index: int, new_name: str) -> bool:
        """Rename a layer (spaces around the name dropped); refuses a name in use and 'input'."""
        new_name = new_name.strip()
        old = self.doc.layer(index).name
        if new_name == old:
            return True
        problem = name_problem(new_name)
        if problem or not new_name or new_name == INPUT or new_name in self.doc.network.names():
            why = problem or "names must be unique and not 'input'"
            self.refused.emit(f"Cannot rename {old} to {new_name!r}: {why}.")
            return False
        self.undo.push(RenameLayerCommand(self.doc, index, new_name))
        return True

    def retype(self, index: int, new_type: str, session: int = 0) -> None:
        """Give layer `index` another type (see type_change).

        Within one edit session the new type is made from the layer as it was before the
        session's first change, so stepping through the type list loses no setting on the way.
        """
        if not 0 <= index < len(self.doc.network.layers) or new_type not in LAYER_TYPES:
            return
        if self.doc.layer(index).type == new_type:
            return
        top = self.undo.command(self.undo.index() - 1)
        run = top if isinstance(top, ChangeTypeCommand) and session != 0 else None
        same_run = run is not None and (run.index, run.session) == (index, session)
        original = run.original if run is not None and same_run else None
        layer = retyped_layer(self.doc.network, index, new_type, original)
        self.undo.push(ChangeTypeCommand(self.doc, index, layer, session))

    def set_value(self, index: int, key: str, value: object, session: int = 0) -> None:
        """Set one key of a layer (None: back to the type's default); no change, no step."""
        layer = self.doc.layer(index)
        if key in layer.config and layer.config[key] == value:
            return
        if value is None and key not in layer.config:
            return
        self.undo.push(SetValueCommand(self.doc, index, key, value, session))

    def set_inputs(self, index: int, inputs: list[str] | None) -> None:
        if inputs != self.doc.layer(index).inputs:
            self.undo.push(SetInputsCommand(self.doc, index, inputs))

    def set_input_shape(self, shape: list[int], session: int = 0) -> None:
        if list(shape) != self.doc.network.input:
            self.undo.push(SetInputShapeCommand(self.doc, shape, session))

    def set_meta(self, name: str, description: str) -> None:
        network = self.doc.network
        if (name, description) != (network.name, network.description):
            self.undo.push(SetMetaCommand(self.doc, name, description))

    def layer(self, index: int) -> Layer:
        return self.doc.layer(index)
