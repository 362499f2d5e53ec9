"""The open document: the engine's Network, its Report and the file it came from.

Every edit goes through one method here (called by an undo command), which recomputes the Report
with the engine and emits `changed` once. Widgets only listen; none of them computes shapes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from convdesk.engine import Layer, Network, Report, compute


def default_network() -> Network:
    """What File → New opens: the article's RGB input and no layers yet."""
    return Network([3, 227, 227], [], "Untitled network")


class Document(QObject):
    """Holds the network being edited and the report computed from it."""

    changed = Signal(int)  # the layer the change concerns (-1: the input or the whole network)
    # Before and after a layer is inserted, removed or moved (its index; source and target), so
    # a Qt model can tell its views exactly which rows changed; `reset` when all of them did.
    inserting = Signal(int)
    inserted = Signal(int)
    removing = Signal(int)
    removed = Signal(int)
    moving = Signal(int, int)
    moved = Signal(int, int)
    resetting = Signal()
    reset = Signal()
    replaced = Signal()  # a different network was loaded (New/Open)

    def __init__(self, network: Network | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.network = network if network is not None else default_network()
        self.path: str | None = None
        self.report: Report = compute(self.network)

    # -- whole network ------------------------------------------------------------------------

    def replace(self, network: Network, path: str | None) -> None:
        """Load another network (New/Open); not an undoable edit."""
        self.resetting.emit()
        self.network = network
        self.path = path
        self.report = compute(self.network)
        self.reset.emit()
        self.changed.emit(-1)
        self.replaced.emit()

    def set_meta(self, name: str, description: str) -> None:
        self.network.name = name
        self.network.description = description
        self._recompute(-1)

    def set_input(self, shape: list[int]) -> None:
        self.network.input = list(shape)
        self._recompute(-1)

    # -- one layer ----------------------------------------------------------------------------

    def layer(self, index: int) -> Layer:
        return self.network.layers[index]

    def set_value(self, index: int, key: str, value: object) -> None:
        """Set one key of one layer; None removes it so the type's default applies."""
        config = self.network.layers[index].config
        if value is None:
            config.pop(key, None)
        else:
            config[key] = value
        self._recompute(index, first=index)

    def set_config(self, index: int, config: dict[str, object]) -> None:
        self.network.layers[index].config = dict(config)
        self._recompute(index, first=index)

    def set_inputs(self, index: int, inputs: list[str] | None) -> None:
        self.network.layers[index].inputs = None if inputs is None else list(inputs)
        self._recompute(index, first=index)

    def replace_layer(self, index: int, layer: Layer) -> None:
        """Put `layer` in place of layer `index` (a change of type); a new name is carried to
        the `inputs` that referred to the old one."""
        old_name = self.network.layers[index].name
        if layer.name != old_name:
            self.network.rename(old_name, layer.name)
        self.network.layers[index] = layer
        self._recompute(index)

    def rename(self, index: int, new_name: str) -> None:
        self.network.rename(self.network.layers[index].name, new_name)
        self._recompute(index)

    # -- structure ----------------------------------------------------------------------------

    def insert_layer(self, index: int, layer: Layer) -> None:
        self.inserting.emit(index)
        self.network.layers.insert(index, layer)
        self.report = compute(self.network)
        self.inserted.emit(index)
        self.changed.emit(index)

    def remove_layer(self, index: int) -> Layer:
        self.removing.emit(index)
        layer = self.network.layers.pop(index)
        self.report = compute(self.network)
        self.removed.emit(index)
        self.changed.emit(min(index, len(self.network.layers) - 1))
        return layer

    def move_layer(self, source: int, target: int) -> None:
        """Move the layer at `source` so that it ends up at index `target`."""
        self.moving.emit(source, target)
        layer = self.network.layers.pop(source)
        self.network.layers.insert(target, layer)
        self.report = compute(self.network)
        self.moved.emit(source, target)
        self.changed.emit(target)

    # -----------------------------------------------------------------------------------------

    def _recompute(self, focus: int, first: int = 0) -> None:
        """Compute the report again; layers before `first` (untouched) keep their results."""
        self.report = compute(self.network, (self.report, first) if first else None)
        self.changed.emit(focus)
