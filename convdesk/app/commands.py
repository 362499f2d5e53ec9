"""Undo commands: each redo/undo calls one Document method.

A run of edits to one field (spin-box steps, typing digits) merges into one undo step: commands
with the same target and the same edit `session` merge. The form starts a new session when the
field loses focus or the user presses Enter, so two separate edits stay two steps.
"""

from __future__ import annotations

import copy

from PySide6.QtGui import QUndoCommand

from convdesk.engine import Layer

from .document import Document

_SET_VALUE_ID = 1001
_SET_INPUT_ID = 1002
_CHANGE_TYPE_ID = 1003


class SetValueCommand(QUndoCommand):
    """Set (or clear, with None) one key of one layer."""

    def __init__(
        self, doc: Document, index: int, key: str, value: object, session: int = 0
    ) -> None:
        super().__init__()
        layer = doc.layer(index)
        self._doc = doc
        self._index = index
        self._key = key
        self._session = session
        self._old_config = copy.deepcopy(layer.config)  # undo puts a cleared key back in place
        self._new = copy.deepcopy(value)
        self.setText(f"change {key} of {layer.name}")

    def id(self) -> int:
        return _SET_VALUE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetValueCommand):
            return False
        same = (other._index, other._key, other._session) == (self._index, self._key, self._session)
        if not same or self._session == 0:
            return False
        self._new = other._new
        return True

    def redo(self) -> None:
        self._doc.set_value(self._index, self._key, self._new)

    def undo(self) -> None:
        self._doc.set_config(self._index, copy.deepcopy(self._old_config))


class SetInputsCommand(QUndoCommand):
    """Choose which earlier layers feed a layer (None: the previous layer)."""

    def __init__(self, doc: Document, index: int, inputs: list[str] | None) -> None:
        super().__init__()
        layer = doc.layer(index)
        self._doc = doc
        self._index = index
        self._old = copy.copy(layer.inputs)
        self._new = copy.copy(inputs)
        self.setText(f"change the inputs of {layer.name}")

    def redo(self) -> None:
        self._doc.set_inputs(self._index, self._new)

    def undo(self) -> None:
        self._doc.set_inputs(self._index, self._old)


class SetInputShapeCommand(QUndoCommand):
    """Change the network's input shape."""

    def __init__(self, doc: Document, shape: list[int], session: int = 0) -> None:
        super().__init__("change the input shape")
        self._doc = doc
        self._old = list(doc.network.input)
        self._new = list(shape)
        self._session = session

    def id(self) -> int:
        return _SET_INPUT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetInputShapeCommand):
            return False
        if self._session == 0 or other._session != self._session:
            return False
        if len(other._new) != len(self._new):
            return False
        self._new = other._new
        return True

    def redo(self) -> None:
        self._doc.set_input(self._new)

    def undo(self) -> None:
        self._doc.set_input(self._old)


class SetMetaCommand(QUndoCommand):
    """Change the network's name and description."""

    def __init__(self, doc: Document, name: str, description: str) -> None:
        super().__init__("change the network's name")
        self._doc = doc
        self._old = (doc.network.name, doc.network.description)
        self._new = (name, description)

    def redo(self) -> None:
        self._doc.set_meta(*self._new)

    def undo(self) -> None:
        self._doc.set_meta(*self._old)


class InsertLayerCommand(QUndoCommand):
    """Insert a layer at an index (add and duplicate)."""

    def __init__(self, doc: Document, index: int, layer: Layer, text: str = "") -> None:
        super().__init__(text or f"add {layer.name}")
        self._doc = doc
        self._index = index
        self._layer = layer.copy()

    def redo(self) -> None:
        self._doc.insert_layer(self._index, self._layer.copy())

    def undo(self) -> None:
        self._doc.remove_layer(self._index)


class RemoveLayerCommand(QUndoCommand):
    """Delete a layer; undo puts it back at the same index."""

    def __init__(self, doc: Document, index: int) -> None:
        super().__init__(f"delete {doc.layer(index).name}")
        self._doc = doc
        self._index = index
        self._layer = doc.layer(index).copy()

    def redo(self) -> None:
        self._doc.remove_layer(self._index)

    def undo(self) -> None:
        self._doc.insert_layer(self._index, self._layer.copy())


class MoveLayerCommand(QUndoCommand):
    """Move a layer from one index to another (move up/down, drag and drop)."""

    def __init__(self, doc: Document, source: int, target: int) -> None:
        super().__init__(f"move {doc.layer(source).name}")
        self._doc = doc
        self._source = source
        self._target = target

    def redo(self) -> None:
        self._doc.move_layer(self._source, self._target)

    def undo(self) -> None:
        self._doc.move_layer(self._target, self._source)


class RenameLayerCommand(QUndoCommand):
    """Rename a layer and the `inputs` entries that refer to it."""

    def __init__(self, doc: Document, index: int, new_name: str) -> None:
        old = doc.layer(index).name
        super().__init__(f"rename {old} to {new_name}")
        self._doc = doc
        self._index = index
        self._old = old
        self._new = new_name

    def redo(self) -> None:
        self._doc.rename(self._index, self._new)

    def undo(self) -> None:
        self._doc.rename(self._index, self._old)


class ChangeTypeCommand(QUndoCommand):
    """Give a layer another type (see type_change.retyped_layer); undo restores it whole.

    A run of type changes to one layer in one edit session (arrow keys in the type list) is one
    undo step, and `original` is the layer before the run, from which each new type is made.
    """

    def __init__(self, doc: Document, index: int, layer: Layer, session: int = 0) -> None:
        old = doc.layer(index)
        super().__init__(f"change {old.name} from {old.type} to {layer.type}")
        self._doc = doc
        self._index = index
        self._session = session
        self._old = old.copy()
        self._new = layer.copy()

    @property
    def index(self) -> int:
        return self._index

    @property
    def session(self) -> int:
        return self._session

    @property
    def original(self) -> Layer:
        return self._old.copy()

    def id(self) -> int:
        return _CHANGE_TYPE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ChangeTypeCommand) or self._session == 0:
            return False
        if (other._index, other._session) != (self._index, self._session):
            return False
        self._new = other._new
        self.setText(f"change {self._old.name} from {self._old.type} to {self._new.type}")
        return True

    def redo(self) -> None:
        self._doc.replace_layer(self._index, self._new.copy())

    def undo(self) -> None:
        self._doc.replace_layer(self._index, self._old.copy())
