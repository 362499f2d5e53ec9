"""Builds a convdesk Network layer by layer, knowing each layer's output shape as it goes.

The importers decide how to map a source layer from the shape that reaches it (a BatchNorm's rank,
a Concat's axis, a Reshape that is only a flatten). Those shapes come from convdesk's engine: each
single-input layer is computed on its own, at once, so an import stays linear in the layer count.
"""

from __future__ import annotations

from ..engine import INPUT, LAYER_TYPES, Layer, Network, compute

Shape = tuple[int, ...]


class Builder:
    """A network under construction and the shape (channels first) of every layer so far."""

    def __init__(self, input_shape: list[int], name: str, description: str = ""):
        self.network = Network(list(input_shape), [], name, description)
        self.shapes: dict[str, Shape | None] = {INPUT: tuple(input_shape)}
        self._last = INPUT

    def fresh(self, name: str) -> str:
        """`name`, or `name_2`, `name_3`... if it is taken (or is the reserved input name)."""
        name = name.strip() or "layer"
        if name not in self.shapes:
            return name
        n = 2
        while f"{name}_{n}" in self.shapes:
            n += 1
        return f"{name}_{n}"

    def add(self, layer_type: str, name: str, config: dict, inputs: list[str]) -> str:
        """Append a layer reading `inputs`; returns its (possibly made unique) name."""
        name = self.fresh(name)
        explicit = None if inputs == [self._last] else list(inputs)
        layer = Layer(layer_type, name, config, explicit)
        self.network.layers.append(layer)
        self.shapes[name] = self._output_shape(layer, [self.shapes.get(i) for i in inputs])
        self._last = name
        return name

    def _output_shape(self, layer: Layer, in_shapes: list[Shape | None]) -> Shape | None:
        if not in_shapes or any(s is None for s in in_shapes):
            return None
        if LAYER_TYPES[layer.type].is_merge:
            return _merged(layer, in_shapes)  # type: ignore[arg-type]
        alone = Layer(layer.type, layer.name, layer.config)
        return compute(Network(list(in_shapes[0]), [alone])).layers[0].output_shape  # type: ignore[arg-type]


def _merged(layer: Layer, shapes: list[Shape]) -> Shape | None:
    """The shape of Add/Mul/Concat by the spec's rules, or None where they refuse."""
    if layer.type == "Concat" and len(shapes) == 1:
        return shapes[0]  # one input: a copy, as torch.cat([x]) gives
    if len(shapes) < 2 or len({len(s) for s in shapes}) != 1:
        return None
    if layer.type == "Concat":
        rank = len(shapes[0])
        axis = layer.get("dim")
        if not isinstance(axis, int) or not -rank <= axis < rank:
            return None
        axis %= rank
        if any(len({s[i] for s in shapes}) > 1 for i in range(rank) if i != axis):
            return None
        return tuple(sum(s[i] for s in shapes) if i == axis else shapes[0][i] for i in range(rank))
    out = []
    for sizes in zip(*shapes, strict=True):
        kept = set(sizes) - {1}
        if len(kept) > 1:
            return None
        out.append(kept.pop() if kept else 1)
    return tuple(out)
