"""Shapes, parameters, MACs and receptive fields of every layer, by the spec's rules.

`compute(network)` walks the layers in order and hands each to its family's rule (`rules`). A
layer whose values cannot work gets an error that names it, the rule and the numbers, and what
would fit; layers that depend on it are blocked (`Blocked.by` says which layer is to blame).
Nothing here raises for a bad network.
"""

from __future__ import annotations

from typing import cast

from .layertypes import LAYER_TYPES
from .network import INPUT, Layer, Network
from .numbers import shape_list
from .report import (
    Blocked,
    Computed,
    Failed,
    LayerResult,
    Outcome,
    ReceptiveField,
    Report,
    Shape,
)
from .rules import RULES, Inputs
from .rules.base import FailedWith
from .values import MAX_INT, LayerError, is_int


def compute(network: Network, reuse: tuple[Report, int] | None = None) -> Report:
    """The full report of a network. Never raises for a badly configured network.

    `reuse` = (report, first): `report` was computed for this network before a change to its
    layers from `first` on (not to its input, nor to any name used earlier); the results of
    the layers before `first` are taken from it, as they cannot have changed.
    """
    input_shape = tuple(network.input)
    report = Report(network.name, input_shape)
    shapes: dict[str, Shape | None] = {INPUT: input_shape}
    rfs: dict[str, ReceptiveField | None] = {INPUT: _input_rf(input_shape)}
    culprit: dict[str, str] = {}  # layer without a shape -> the layer in error that caused it
    if not input_shape or not all(is_int(v) and 1 <= v <= MAX_INT for v in input_shape):
        shapes[INPUT] = None
        culprit[INPUT] = INPUT
    previous = INPUT
    first = 0
    if reuse is not None and reuse[0].input == input_shape:
        old, first = reuse[0].layers, max(0, min(reuse[1], len(reuse[0].layers)))
        layers = network.layers
        if first > len(layers) or any(
            old[i].name != layers[i].name or old[i].type != layers[i].type for i in range(first)
        ):
            first = 0
        reused = old[:first]
    else:
        reused = []
    for result in reused:
        _remember(result, shapes, rfs, culprit)
        report.layers.append(result)
        previous = result.name
    for index, layer in enumerate(network.layers[first:], first):
        result = _result(index, layer, previous, shapes, rfs, culprit)
        _remember(result, shapes, rfs, culprit)
        report.layers.append(result)
        previous = layer.name
    return report


def _result(
    index: int,
    layer: Layer,
    previous: str,
    shapes: dict[str, Shape | None],
    rfs: dict[str, ReceptiveField | None],
    culprit: dict[str, str],
) -> LayerResult:
    """One layer's result, from the shapes and receptive fields of the layers before it."""
    inputs = list(layer.inputs) if layer.inputs is not None else [previous]
    in_shapes = [shapes.get(name) for name in inputs]
    outcome: Outcome
    try:
        _check_inputs(layer, inputs, shapes)
    except LayerError as exc:
        outcome = Failed(f"{layer.name}: {exc}")
    else:
        blocked = [name for name in inputs if shapes[name] is None]
        if blocked:
            outcome = Blocked(culprit[blocked[0]])
        else:
            known = cast(list[Shape], in_shapes)  # none is None: none is blocked
            outcome = _apply(layer, Inputs(inputs, known, [rfs[name] for name in inputs]))
    return LayerResult(index, layer.name, layer.type, inputs, in_shapes, outcome)


def _remember(
    result: LayerResult,
    shapes: dict[str, Shape | None],
    rfs: dict[str, ReceptiveField | None],
    culprit: dict[str, str],
) -> None:
    """Note a layer's shape and receptive field for the layers after it, or whom to blame."""
    outcome = result.outcome
    if isinstance(outcome, Computed):
        shapes[result.name] = outcome.output_shape
        rfs[result.name] = outcome.receptive_field
    else:
        shapes[result.name] = rfs[result.name] = None
        culprit[result.name] = outcome.by if isinstance(outcome, Blocked) else result.name


def _input_rf(shape: Shape) -> ReceptiveField | None:
    if len(shape) < 2:
        return None
    ones = (1,) * (len(shape) - 1)
    return ReceptiveField(ones, ones)


def _check_inputs(layer: Layer, inputs: list[str], shapes: dict[str, Shape | None]) -> None:
    if layer.name in shapes:
        raise LayerError(f"the name {layer.name!r} is already used by an earlier layer")
    for name in inputs:
        if name not in shapes:
            raise LayerError(
                f"inputs names {name!r}, which is not an earlier layer "
                f"(inputs may name 'input' or a layer above this one)"
            )


def _apply(layer: Layer, given: Inputs) -> Outcome:
    """The outcome of a layer whose inputs all have shapes: its family's rule, run."""
    ltype = LAYER_TYPES.get(layer.type)
    if ltype is None:
        return Failed(f"{layer.name}: {layer.type!r} is not a layer type convdesk knows")
    try:
        if not ltype.is_merge and len(given.shapes) != 1:
            raise LayerError(
                f"{layer.type} takes one input, but inputs names {len(given.shapes)}; "
                "use Add, Mul or Concat to merge"
            )
        done = RULES[ltype.family].compute(layer, ltype, given)
    except FailedWith as exc:
        return Failed(f"{layer.name}: {exc}", exc.detail)
    except LayerError as exc:
        return Failed(f"{layer.name}: {exc}")
    # Bounding every size keeps all later products exact and every float conversion finite.
    if max(done.output_shape, default=1) > MAX_INT:
        return Failed(
            f"{layer.name}: the output {shape_list(done.output_shape)} has a size above 2^63 = "
            f"{MAX_INT:,}, more than convdesk supports",
            done.detail,
        )
    return done
