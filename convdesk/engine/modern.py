"""The rules of the newer layer types: LayerNorm, GroupNorm, LayerScale, Permute, ChannelShuffle
and Narrow (ConvNeXt, ShuffleNet), by the spec's rules.

Each rule has the signature of the rules in compute.py and fills in the same LayerResult fields;
compute.py registers them by family. Every `dim` counts without the batch: 0 is the channels.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import prod

from .divisors import divisors
from .layertypes import Family, LayerType
from .network import Layer
from .numbers import shape_list
from .report import Channels, LayerResult, Rearrangement, ReceptiveField, Shape
from .rule import Rule
from .values import (
    LayerError,
    get_bool,
    get_dim,
    get_optional_int,
    is_int,
    key_int,
    key_number,
)


def divisors_near(n: int, asked: int, count: int = 2) -> list[int]:
    """The `count` divisors of `n` closest to `asked`, smallest first (ties go to the smaller)."""
    return sorted(sorted(divisors(n), key=lambda d: (abs(d - asked), d))[:count])


def shuffled_channels(channels: int, groups: int, count: int) -> list[int]:
    """The input channel at each of the first `count` output positions of a channel shuffle
    (torch's view, transpose, reshape): position q takes channel q div groups of group q mod
    groups."""
    per = channels // groups
    return [(q % groups) * per + q // groups for q in range(min(count, channels))]


def _or(values: Sequence[object]) -> str:
    """[a, b, c] as "a, b or c"."""
    words = [str(v) for v in values]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _channels(n: int) -> str:
    return f"{n} channel" if n == 1 else f"{n} channels"


def _groups_fit(key: str, channels: int, groups: int) -> LayerError:
    return LayerError(
        f"{key} {groups} does not divide the {_channels(channels)} into equal groups "
        f"({channels} / {groups} is not a whole number); {key} "
        f"{_or(divisors_near(channels, groups))} would fit"
    )


def _no_counts(result: LayerResult) -> None:
    result.params = result.non_trainable_params = result.macs = 0


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


def layer_norm(
    layer: Layer,
    ltype: LayerType,
    result: LayerResult,
    in_shapes: list[Shape],
    in_rfs: list[ReceptiveField | None],
) -> None:
    shape = in_shapes[0]
    sizes = _normalized_shape(layer)
    affine = get_bool(layer, "elementwise_affine")
    bias = get_bool(layer, "bias")
    key_number(layer, ltype, "eps")
    if len(sizes) > len(shape) or shape[len(shape) - len(sizes) :] != sizes:
        tails = [list(shape[len(shape) - i :]) for i in range(1, len(shape) + 1)]
        fits = [str(t[0]) if len(t) == 1 else shape_list(t) for t in tails]
        raise LayerError(
            f"normalized_shape {shape_list(sizes)} must equal the last dimensions of the input "
            f"{shape_list(shape)}; normalized_shape {_or(fits)} would fit"
        )
    result.output_shape = shape
    per = prod(sizes)
    result.params = (per if affine else 0) + (per if affine and bias else 0)
    result.non_trainable_params = result.macs = 0
    result.channels = Channels(shape[0], shape[0])


def group_norm(
    layer: Layer,
    ltype: LayerType,
    result: LayerResult,
    in_shapes: list[Shape],
    in_rfs: list[ReceptiveField | None],
) -> None:
    shape = in_shapes[0]
    channels = shape[0]
    groups = key_int(layer, ltype, "num_groups")
    affine = get_bool(layer, "affine")
    key_number(layer, ltype, "eps")
    given = get_optional_int(layer, "num_channels")
    if given is not None and given != channels:
        raise LayerError(
            f"num_channels is {given}, but the input {shape_list(shape)} has "
            f"{_channels(channels)}; num_channels {channels} (or leaving it out) would fit"
        )
    if channels % groups:
        raise _groups_fit("num_groups", channels, groups)
    result.output_shape = shape
    result.params = 2 * channels if affine else 0
    result.non_trainable_params = result.macs = 0
    result.channels = Channels(channels, channels, groups)


def layer_scale(
    layer: Layer,
    ltype: LayerType,
    result: LayerResult,
    in_shapes: list[Shape],
    in_rfs: list[ReceptiveField | None],
) -> None:
    shape = in_shapes[0]
    axis = get_dim(layer, "dim", shape)
    result.output_shape = shape
    _no_counts(result)
    result.params = shape[axis]
    result.receptive_field = in_rfs[0]


def _nearest_permutation(dims: object, rank: int) -> list[int]:
    """A permutation of range(rank) that keeps what it can of `dims`, in place."""
    given = dims if isinstance(dims, list) else []
    kept: list[int | None] = []
    for v in given[:rank]:
        ok = is_int(v) and -rank <= v < rank and v % rank not in kept
        kept.append(v % rank if ok else None)
    kept += [None] * (rank - len(kept))
    missing = iter(d for d in range(rank) if d not in kept)
    return [next(missing) if v is None else v for v in kept]


def permute(
    layer: Layer,
    ltype: LayerType,
    result: LayerResult,
    in_shapes: list[Shape],
    in_rfs: list[ReceptiveField | None],
) -> None:
    shape = in_shapes[0]
    rank = len(shape)
    dims = layer.get("dims")
    fit = shape_list(_nearest_permutation(dims, rank))
    every = ", ".join(str(d) for d in range(rank))
    if not isinstance(dims, list) or not all(is_int(v) for v in dims):
        raise LayerError(f"dims must be a list of dimension numbers, not {dims!r}; {fit} would fit")
    if len(dims) != rank:
        raise LayerError(
            f"dims {shape_list(dims)} lists {len(dims)} dimension{'s' if len(dims) != 1 else ''}, "
            f"but the input {shape_list(shape)} has {rank}; a reordering of {every}, "
            f"such as {fit}, would fit"
        )
    outside = [v for v in dims if not -rank <= v < rank]
    if outside:
        raise LayerError(
            f"dims {shape_list(dims)} names dimension {outside[0]}, but the input "
            f"{shape_list(shape)} has dimensions {every} only; {fit} would fit"
        )
    order = [v % rank for v in dims]
    if len(set(order)) != rank:
        twice = next(v for v in order if order.count(v) > 1)
        left_out = [d for d in range(rank) if d not in order]
        raise LayerError(
            f"dims {shape_list(dims)} names dimension {twice} twice and leaves out "
            f"{_or(left_out)}; each of {every} must appear once, so {fit} would fit"
        )
    result.output_shape = tuple(shape[d] for d in order)
    result.rearrangement = Rearrangement(tuple(order))
    _no_counts(result)


def channel_shuffle(
    layer: Layer,
    ltype: LayerType,
    result: LayerResult,
    in_shapes: list[Shape],
    in_rfs: list[ReceptiveField | None],
) -> None:
    shape = in_shapes[0]
    groups = key_int(layer, ltype, "groups")
    if len(shape) < 2:
        raise LayerError(
            f"ChannelShuffle needs channels and at least one more dimension, but its input is "
            f"{shape_list(shape)}"
        )
    channels = shape[0]
    if channels % groups:
        raise _groups_fit("groups", channels, groups)
    result.output_shape = shape
    _no_counts(result)
    result.channels = Channels(channels, channels, groups)
    result.receptive_field = in_rfs[0]


def narrow(
    layer: Layer,
    ltype: LayerType,
    result: LayerResult,
    in_shapes: list[Shape],
    in_rfs: list[ReceptiveField | None],
) -> None:
    shape = in_shapes[0]
    axis = get_dim(layer, "dim", shape)
    start = key_int(layer, ltype, "start")
    length = key_int(layer, ltype, "length")
    size = shape[axis]
    where = f"dimension {axis} of the input {shape_list(shape)}"
    if start >= size:
        indices = "only index 0" if size == 1 else f"indices 0 … {size - 1}"
        fit = f"start ≤ {size - length}" if length <= size else f"start 0 with length ≤ {size}"
        raise LayerError(
            f"start {start} is past the end of {where}, which has {indices}; {fit} would fit"
        )
    if start + length > size:
        raise LayerError(
            f"the slice {start} … {start + length - 1} (start {start} + length {length} = "
            f"{start + length}) passes the end of {where}, size {size}; "
            f"length ≤ {size - start} would fit"
        )
    out = list(shape)
    out[axis] = length
    result.output_shape = tuple(out)
    result.rearrangement = Rearrangement(tuple(range(len(shape))), axis, start, length)
    _no_counts(result)
    # Along the channels every position stays where it was; a spatial slice shifts the indices.
    result.receptive_field = in_rfs[0] if axis == 0 else None


def fitting_values(layer_type: str, shape: Shape | None) -> dict[str, object]:
    """Values for a new layer's required keys that fit the shape it reads (none if unknown).

    The type table's defaults cannot know the input: a LayerNorm must name the input's last size,
    a Permute must list every dimension once, and groups must divide the channels.
    """
    if not shape:
        return {}
    channels, rank = shape[0], len(shape)
    if layer_type == "LayerNorm":
        return {"normalized_shape": shape[-1]}
    if layer_type == "Permute":
        return {"dims": [*range(1, rank), 0]}  # channels last, as ConvNeXt does
    if layer_type == "GroupNorm":
        return {"num_groups": divisors_near(channels, 32, 1)[0]}  # Wu and He's usual 32 groups
    if layer_type == "ChannelShuffle":
        return {"groups": 2 if channels % 2 == 0 else 1}
    if layer_type == "Narrow":
        return {"start": 0, "length": max(channels // 2, 1)}  # the first half, as chunk(2)
    return {}


RULES: dict[Family, Rule] = {
    Family.LAYER_NORM: layer_norm,
    Family.GROUP_NORM: group_norm,
    Family.LAYER_SCALE: layer_scale,
    Family.PERMUTE: permute,
    Family.CHANNEL_SHUFFLE: channel_shuffle,
    Family.NARROW: narrow,
}
"""The rules of this module by layer family, for compute.py's table."""
