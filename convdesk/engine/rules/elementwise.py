"""The families that keep the shape and work value by value: activations, Dropout, Softmax,
PReLU and LayerScale."""

from __future__ import annotations

from ..layertypes import LayerType
from ..network import Layer
from ..numbers import count, shape_list
from ..report import Computed, Known, LayerResult
from ..values import LayerError, get_dim, key_int, key_number
from .base import Config, FamilyRule, Inputs, Step, setting

# The one number key each type with one has, checked when it is computed.
_NUMBER_KEYS = {"Dropout": "p", "LeakyReLU": "negative_slope", "ELU": "alpha"}


class Elementwise(FamilyRule):
    """ReLU and the other activations, Dropout: the same shape, nothing learned."""

    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        key = _NUMBER_KEYS.get(ltype.name)
        if key is not None:
            key_number(layer, ltype, key)
        return Computed(given.shape, receptive_field=given.field)


class Softmax(FamilyRule):
    """Softmax along one dimension."""

    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        axis = get_dim(layer, "dim", given.shape)
        # Along the channels each position stays local; along a spatial axis it sees the whole.
        return Computed(given.shape, receptive_field=given.field if axis == 0 else None)


class PReLU(FamilyRule):
    """PReLU: one learned slope, or one per channel."""

    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        shape = given.shape
        n = key_int(layer, ltype, "num_parameters")
        if n not in (1, shape[0]):
            raise LayerError(
                f"num_parameters {n} must be 1 or the input's channels {shape[0]}; "
                f"1 or {shape[0]} would fit"
            )
        return Computed(shape, params=n, receptive_field=given.field)


class LayerScale(FamilyRule):
    """LayerScale (ConvNeXt): one learned factor per index along one dimension."""

    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        shape = given.shape
        axis = get_dim(layer, "dim", shape)
        return Computed(shape, params=shape[axis], receptive_field=given.field)

    def explain(self, result: LayerResult, known: Known, config: Config) -> list[Step]:
        shape = known.input_shape
        dim = setting(result, config, "dim")
        axis = dim % len(shape) if isinstance(dim, int) else 0
        return [
            Step(
                "Scale",
                [
                    f"one learned factor for each of the {shape[axis]} indices along dimension "
                    f"{axis}{' (the channels)' if axis == 0 and len(shape) > 1 else ''}, "
                    f"multiplying every value there; the shape {shape_list(shape)} is kept",
                    f"trainable parameters: {count(known.params)}; ConvNeXt starts them at 1e-6, "
                    "so a new block adds almost nothing to its shortcut at first",
                ],
            )
        ]
