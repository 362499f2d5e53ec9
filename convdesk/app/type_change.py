"""Changing an existing layer's type: which of its keys the new type keeps.

A student who added a Conv2d where a MaxPool2d was meant keeps kernel_size, stride, padding and
dilation; out_channels, groups and bias go, since a pool has none. Nothing here computes a shape:
the engine checks the result like any other edit.
"""

from __future__ import annotations

import copy
import re

from convdesk.engine import LAYER_TYPES, Kind, Layer, Network

# Kinds written the same way (an int, or a list with one number per spatial dimension), so a
# value of one is a value of the other. A conv's padding may also be "same" or "valid".
_NUMBERS_PER_DIM = {Kind.SPATIAL, Kind.OUTPUT_SIZE, Kind.PADDING}


def _kept_value(value: object, old_kind: Kind, new_kind: Kind, dims: int | None) -> object:
    """`value` as the new key can hold it, or None when the key goes back to its default."""
    same = old_kind == new_kind or {old_kind, new_kind} <= _NUMBERS_PER_DIM
    if not same or (isinstance(value, str) and new_kind != Kind.PADDING):
        return None
    if isinstance(value, list) and dims is not None and len(value) != dims:
        # Conv2d [3, 3] becoming Conv1d: one repeated number still says what was meant.
        return value[0] if len(set(map(repr, value))) == 1 else None
    return copy.deepcopy(value)


def _auto_name(name: str, layer_type: str) -> bool:
    """True for the names Add gives (`conv2d_3`), which should follow the type."""
    return re.fullmatch(re.escape(layer_type.lower()) + r"_\d+", name) is not None


def retyped_layer(
    network: Network, index: int, new_type: str, original: Layer | None = None
) -> Layer:
    """Layer `index` of `network` as a `new_type`: shared keys kept, required ones defaulted.

    `original` is the layer as it was before a run of type changes (stepping through the type
    list with the arrow keys), so passing through a type that lacks a key does not lose it.
    The name follows the type when Add made it; merges get two inputs (the two outputs just
    before the layer), and a layer that stops being a merge reads the first of its inputs.
    """
    current = network.layers[index]
    old = current if original is None else original
    old_spec, new_spec = LAYER_TYPES[old.type], LAYER_TYPES[new_type]
    config: dict[str, object] = {}
    for key, value in old.config.items():
        old_key, new_key = old_spec.key(key), new_spec.key(key)
        if old_key is None or new_key is None:
            continue
        kept = _kept_value(value, old_key.kind, new_key.kind, new_spec.dims)
        if new_key.kind == Kind.CHOICE and kept not in new_key.choices:
            kept = None
        if kept is not None:
            config[key] = kept
    for spec in new_spec.keys:
        if spec.required and spec.name not in config:
            config[spec.name] = copy.deepcopy(spec.default)

    inputs = copy.copy(old.inputs)
    if new_spec.is_merge and not old_spec.is_merge:
        earlier = network.outputs_before(index)
        reads = old.inputs[0] if old.inputs else earlier[-1]
        others = [name for name in reversed(earlier) if name != reads]
        inputs = [others[0], reads] if others else [reads]
    elif old_spec.is_merge and not new_spec.is_merge:
        inputs = [old.inputs[0]] if old.inputs else None

    name = old.name
    if _auto_name(old.name, old.type):
        name = network.unique_name(new_type, network.names() - {old.name, current.name})
    return Layer(new_type, name, config, inputs)
