"""The normalizing families: BatchNorm, LayerNorm and GroupNorm."""

from __future__ import annotations

from math import prod

from ..layertypes import LayerType
from ..network import Layer
from ..numbers import count, shape_list
from ..report import Channels, Computed, Known, LayerResult
from ..values import LayerError, get_bool, get_optional_int, is_int, key_int, key_number
from .base import (
    Config,
    FamilyRule,
    Inputs,
    Step,
    channels_word,
    check_in_channels,
    detail_of,
    groups_fit,
    need_rank,
    or_words,
    setting,
    times,
)


class BatchNorm(FamilyRule):
    """BatchNorm1d/2d/3d: a scale and a shift per channel, and running statistics."""

    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        shape = given.shape
        if ltype.dims == 1:
            if len(shape) not in (1, 2):
                raise LayerError(
                    f"BatchNorm1d needs a [C] or [C, L] input, not {shape_list(shape)}"
                )
        else:
            need_rank(ltype, shape)
        channels = shape[0]
        check_in_channels(layer, "num_features", channels)
        key_number(layer, ltype, "eps")
        key_number(layer, ltype, "momentum")
        affine = get_bool(layer, "affine")
        track = get_bool(layer, "track_running_stats")
        return Computed(
            shape,
            params=2 * channels if affine else 0,
            non_trainable_params=2 * channels if track else 0,
            receptive_field=given.field,
            detail=Channels(channels, channels),
        )

    def explain(self, result: LayerResult, known: Known, config: Config) -> list[Step]:
        c = detail_of(result, Channels).in_channels
        return [
            Step("Shape", [f"keeps the shape {shape_list(known.output_shape)}"]),
            Step(
                "Parameters",
                [
                    f"trainable: scale γ and shift β per channel = 2 × {c} = {count(known.params)}"
                    if known.params
                    else "trainable: none (affine is off)",
                    f"not trainable: running mean and variance = 2 × {c} = "
                    f"{count(result.non_trainable_params)}"
                    if result.non_trainable_params
                    else "not trainable: none (track_running_stats is off)",
                ],
            ),
        ]


class LayerNorm(FamilyRule):
    """LayerNorm: normalizes each sample over its last dimensions (normalized_shape)."""

    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        shape = given.shape
        sizes = _normalized_shape(layer)
        affine = get_bool(layer, "elementwise_affine")
        bias = get_bool(layer, "bias")
        key_number(layer, ltype, "eps")
        if len(sizes) > len(shape) or shape[len(shape) - len(sizes) :] != sizes:
            tails = [list(shape[len(shape) - i :]) for i in range(1, len(shape) + 1)]
            fits = [str(t[0]) if len(t) == 1 else shape_list(t) for t in tails]
            raise LayerError(
                f"normalized_shape {shape_list(sizes)} must equal the last dimensions of the "
                f"input {shape_list(shape)}; normalized_shape {or_words(fits)} would fit"
            )
        per = prod(sizes)
        return Computed(
            shape,
            params=(per if affine else 0) + (per if affine and bias else 0),
            detail=Channels(shape[0], shape[0]),
        )

    def explain(self, result: LayerResult, known: Known, config: Config) -> list[Step]:
        shape = known.input_shape
        value = setting(result, config, "normalized_shape")
        listed = list(value) if isinstance(value, list | tuple) else []
        sizes = [value] if isinstance(value, int) else [v for v in listed if isinstance(v, int)]
        per = prod(sizes)
        rest = shape[: len(shape) - len(sizes)]
        values = times(sizes) + (f" = {count(per)}" if len(sizes) > 1 else "")
        if rest:
            positions = times(rest) + (f" = {count(prod(rest))}" if len(rest) > 1 else "")
            over = (
                f"for each of the {positions} positions of the other dimensions, "
                f"the mean and variance of its {values} values"
            )
        else:
            over = f"the mean and variance of all {values} values of the sample"
        last = f"last {len(sizes)} dimensions" if len(sizes) > 1 else "last dimension"
        lines = [
            f"normalized_shape {shape_list(sizes)}: the {last} of the input {shape_list(shape)}",
            f"normalized over: {over}; each sample on its own, so the batch size does not matter",
        ]
        if rest and len(sizes) == 1:
            lines.append(
                "ConvNeXt puts the channels last with a Permute first, so that this normalizes "
                "the channels of each pixel"
            )
        formula = f"2 × prod(normalized_shape) = 2 × {times(sizes)}"
        if known.params == 2 * per:
            params = (
                f"a scale and a shift for each normalized value: {formula} = {count(known.params)}"
            )
        elif known.params:
            params = (
                f"a scale for each normalized value (bias is off): {times(sizes)} = {count(per)}"
            )
        else:
            params = "none (elementwise_affine is off)"
        return [
            Step("Normalized over", lines),
            Step("Trainable parameters", [params, "not trainable: none (no running statistics)"]),
        ]


def _normalized_shape(layer: Layer) -> tuple[int, ...]:
    value = layer.get("normalized_shape")
    if is_int(value):
        sizes: tuple[int, ...] = (value,)
    elif isinstance(value, list) and value and all(is_int(v) for v in value):
        sizes = tuple(value)
    else:
        raise LayerError(
            f"normalized_shape must be a whole number or a list of whole numbers, not {value!r}"
        )
    for v in sizes:
        if v < 1:
            raise LayerError(f"normalized_shape must hold sizes of at least 1, not {v}")
    return sizes


class GroupNorm(FamilyRule):
    """GroupNorm: the channels in groups, each group normalized on its own."""

    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        shape = given.shape
        channels = shape[0]
        groups = key_int(layer, ltype, "num_groups")
        affine = get_bool(layer, "affine")
        key_number(layer, ltype, "eps")
        stated = get_optional_int(layer, "num_channels")
        if stated is not None and stated != channels:
            raise LayerError(
                f"num_channels is {stated}, but the input {shape_list(shape)} has "
                f"{channels_word(channels)}; num_channels {channels} (or leaving it out) would fit"
            )
        if channels % groups:
            raise groups_fit("num_groups", channels, groups)
        return Computed(
            shape,
            params=2 * channels if affine else 0,
            detail=Channels(channels, channels, groups),
        )

    def explain(self, result: LayerResult, known: Known, config: Config) -> list[Step]:
        shape = known.input_shape
        c, g = shape[0], detail_of(result, Channels).groups
        values = prod(shape) // g
        return [
            Step(
                "Groups",
                [
                    f"{c} channels in {g} groups (num_groups {g}) of {c} / {g} = {c // g} channels",
                    f"each group is normalized on its own: the mean and variance of its "
                    f"{times([c // g, *shape[1:]])} = {count(values)} values, sample by sample",
                    "num_groups 1 normalizes all channels together (like LayerNorm over "
                    "[C, H, W]); num_groups = channels normalizes each channel alone "
                    "(instance norm)",
                ],
            ),
            Step(
                "Trainable parameters",
                [
                    f"scale and shift per channel: 2 × {c} = {count(known.params)}"
                    if known.params
                    else "none (affine is off)",
                    "not trainable: none (no running statistics, unlike BatchNorm)",
                ],
            ),
        ]
