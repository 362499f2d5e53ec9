"""The dense families: Linear (every input feature feeds every output) and Flatten."""

from __future__ import annotations

from math import prod

from ..layertypes import LayerType
from ..network import Layer
from ..numbers import count, shape_list
from ..report import Channels, Computed, Known, LayerResult
from ..values import LayerError, get_bool, get_optional_int, key_int
from .base import Config, Drawing, FamilyRule, Inputs, Step, detail_of, shape_change


class Linear(FamilyRule):
    """Linear: acts on the input's last dimension, the same weights for every other index."""

    drawing = Drawing.DENSE

    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        shape = given.shape
        out_features = key_int(layer, ltype, "out_features")
        bias = get_bool(layer, "bias")
        in_features = shape[-1]
        stated = get_optional_int(layer, "in_features")
        if stated is not None and stated != in_features:
            raise LayerError(
                f"in_features is {stated}, but the input's last dimension is {in_features} "
                f"(input {shape_list(shape)}); set in_features to {in_features}, or add Flatten "
                "before this layer"
            )
        return Computed(
            (*shape[:-1], out_features),
            params=in_features * out_features + (out_features if bias else 0),
            macs=prod(shape) * out_features,
            detail=Channels(in_features, out_features, bias=bias),
        )

    def explain(self, result: LayerResult, known: Known, config: Config) -> list[Step]:
        shape = known.input_shape
        features = detail_of(result, Channels)
        fin, fout, bias = features.in_channels, features.out_channels, features.bias
        lines = [
            f"acts on the last dimension: {fin} → {fout}; output {shape_list(known.output_shape)}",
        ]
        if len(shape) > 1:
            lines.append(
                f"the input has more than one dimension, so the same weights apply to each of its "
                f"{count(prod(shape[:-1]))} rows (add Flatten first for a classic dense layer)"
            )
        return [
            Step("Shape", lines),
            Step(
                "Trainable parameters",
                [
                    f"(in{' + 1' if bias else ''}) × out = ({fin}{' + 1' if bias else ''}) × {fout}"
                    f" = {count(known.params)}"
                ],
            ),
            Step(
                "Multiply-accumulates",
                [
                    f"input elements × out = {count(prod(shape))} × {fout} = "
                    f"{count(known.macs)} MACs",
                    f"FLOPs = 2 × MACs = {count(2 * known.macs)}",
                ],
            ),
        ]


class Flatten(FamilyRule):
    """Flatten: all values of one sample in one vector."""

    drawing = Drawing.FLATTEN

    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        return Computed((prod(given.shape),))

    def explain(self, result: LayerResult, known: Known, config: Config) -> list[Step]:
        vector = (
            "all values of one sample in one vector: "
            + " × ".join(str(v) for v in known.input_shape)
            + f" = {count(known.output_shape[0])}"
        )
        return [Step("Shape", [shape_change(known), vector])]
