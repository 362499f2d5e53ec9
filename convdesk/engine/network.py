"""The network being edited: an input shape and an ordered list of layers.

Plain data, no Qt. A Layer keeps exactly the keys written in its file (its `config`); defaults come
from the layer type table when the engine computes, so saving writes back what the user wrote.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from .layertypes import LAYER_TYPES

INPUT = "input"
"""The name that `inputs` uses for the network's input."""


@dataclass(slots=True)
class Layer:
    """One layer: its type, unique name, own keys and (optionally) explicit inputs."""

    type: str
    name: str
    config: dict[str, object] = field(default_factory=dict)
    inputs: list[str] | None = None  # None: the previous layer's output

    def copy(self) -> Layer:
        return Layer(self.type, self.name, copy.deepcopy(self.config), copy.copy(self.inputs))

    def get(self, key: str) -> object:
        """The key's value as written, else the type's default (None if it has none)."""
        if key in self.config:
            return self.config[key]
        spec = LAYER_TYPES[self.type].key(key)
        if spec is None:
            raise KeyError(f"{self.type} has no key {key!r}")
        if spec.default_from is not None:
            return self.get(spec.default_from)
        return spec.default


@dataclass(slots=True)
class Network:
    """A whole network: name, description, input shape (channels first) and layers."""

    input: list[int]
    layers: list[Layer] = field(default_factory=list)
    name: str = "Untitled network"
    description: str = ""
    ui: dict[str, object] = field(default_factory=dict)

    def copy(self) -> Network:
        return Network(
            list(self.input),
            [layer.copy() for layer in self.layers],
            self.name,
            self.description,
            copy.deepcopy(self.ui),
        )

    def index_of(self, name: str) -> int:
        for i, layer in enumerate(self.layers):
            if layer.name == name:
                return i
        raise KeyError(name)

    def outputs_before(self, index: int) -> list[str]:
        """What a layer at `index` may read: the input, then every layer above it, in order."""
        return [INPUT] + [layer.name for layer in self.layers[:index]]

    def names(self) -> set[str]:
        return {layer.name for layer in self.layers}

    def rename(self, old: str, new: str) -> None:
        """Rename a layer and every `inputs` entry that refers to it."""
        self.layers[self.index_of(old)].name = new
        for layer in self.layers:
            if layer.inputs:
                layer.inputs = [new if name == old else name for name in layer.inputs]

    def unique_name(self, layer_type: str, taken: set[str] | None = None) -> str:
        """A fresh name made from the type, e.g. `conv2d_3`, not used by any layer."""
        taken = self.names() if taken is None else taken
        base = layer_type.lower()
        n = 1
        while f"{base}_{n}" in taken:
            n += 1
        return f"{base}_{n}"

    def new_layer(self, layer_type: str) -> Layer:
        """A layer of the type with its required keys set to their defaults and a fresh name."""
        spec = LAYER_TYPES[layer_type]
        config = {k.name: copy.copy(k.default) for k in spec.keys if k.required}
        return Layer(layer_type, self.unique_name(layer_type), config)
