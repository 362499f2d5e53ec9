"""The families that move values without computing new ones: Permute, Narrow and
ChannelShuffle (ConvNeXt, ShuffleNet). Every `dim` counts without the batch: 0 is the channels."""

from __future__ import annotations

from ..layertypes import LayerType
from ..network import Layer
from ..numbers import shape_list
from ..report import Channels, Computed, Known, LayerResult, Rearrangement
from ..values import LayerError, get_dim, is_int, key_int
from .base import Config, FamilyRule, Inputs, Step, detail_of, groups_fit, or_words


def shuffled_channels(channels: int, groups: int, number: int) -> list[int]:
    """The input channel at each of the first `number` output positions of a channel shuffle
    (torch's view, transpose, reshape): position q takes channel q div groups of group q mod
    groups."""
    per = channels // groups
    return [(q % groups) * per + q // groups for q in range(min(number, channels))]


class Permute(FamilyRule):
    """Permute: output dimension i is input dimension dims[i]."""

    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        shape = given.shape
        rank = len(shape)
        dims = layer.get("dims")
        fit = shape_list(_nearest_permutation(dims, rank))
        every = ", ".join(str(d) for d in range(rank))
        if not isinstance(dims, list) or not all(is_int(v) for v in dims):
            raise LayerError(
                f"dims must be a list of dimension numbers, not {dims!r}; {fit} would fit"
            )
        if len(dims) != rank:
            raise LayerError(
                f"dims {shape_list(dims)} lists {len(dims)} "
                f"dimension{'s' if len(dims) != 1 else ''}, but the input {shape_list(shape)} "
                f"has {rank}; a reordering of {every}, such as {fit}, would fit"
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
                f"{or_words(left_out)}; each of {every} must appear once, so {fit} would fit"
            )
        return Computed(tuple(shape[d] for d in order), detail=Rearrangement(tuple(order)))

    def explain(self, result: LayerResult, known: Known, config: Config) -> list[Step]:
        shape, out = known.input_shape, known.output_shape
        rank = len(shape)
        order = list(detail_of(result, Rearrangement).order)
        lines = [
            f"output dimension {i} is input dimension {d} (size {shape[d]})"
            for i, d in enumerate(order)
        ]
        lines.append(
            f"{shape_list(shape)} → {shape_list(out)}: the same values, read in a new order"
        )
        if rank > 1 and order == [*range(1, rank), 0]:
            lines.append(
                "the first dimension moves to the end: channels first → channels last, so that "
                "LayerNorm and Linear (which act on the last dimension) see the channels"
            )
        elif rank > 1 and order == [rank - 1, *range(rank - 1)]:
            lines.append("the last dimension moves to the front: channels last → channels first")
        elif order == list(range(rank)):
            lines.append("every dimension stays where it is: nothing changes")
        return [Step("Dimensions", lines)]


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


class ChannelShuffle(FamilyRule):
    """ChannelShuffle (ShuffleNet): the channels of its groups interleaved."""

    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        shape = given.shape
        groups = key_int(layer, ltype, "groups")
        if len(shape) < 2:
            raise LayerError(
                f"ChannelShuffle needs channels and at least one more dimension, but its input "
                f"is {shape_list(shape)}"
            )
        channels = shape[0]
        if channels % groups:
            raise groups_fit("groups", channels, groups)
        return Computed(
            shape, receptive_field=given.field, detail=Channels(channels, channels, groups)
        )

    def explain(self, result: LayerResult, known: Known, config: Config) -> list[Step]:
        c, g = known.input_shape[0], detail_of(result, Channels).groups
        shown = ", ".join(str(v) for v in shuffled_channels(c, g, 12)) + (", …" if c > 12 else "")
        if g == 1 or g == c:
            shown += " (the same order: with groups 1, or one channel per group, nothing moves)"
        return [
            Step(
                "Interleaving",
                [
                    f"{c} channels in {g} groups (groups {g}) of {c} / {g} = {c // g}: group i "
                    f"holds channels i·{c // g} … i·{c // g} + {c // g - 1}",
                    "the output takes the first channel of every group, then the second of every "
                    "group, and so on",
                    "e.g. 6 channels in 2 groups [0 1 2 | 3 4 5] become 0, 3, 1, 4, 2, 5",
                    f"here the output's channels are input channels {shown}",
                    "so the next grouped convolution sees channels from every group (ShuffleNet); "
                    "the shape is kept and nothing is learned",
                ],
            )
        ]


class Narrow(FamilyRule):
    """Narrow: keeps `length` indices from `start` of one dimension."""

    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        shape = given.shape
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
        return Computed(
            tuple(out),
            # Along the channels every position stays where it was; a spatial slice shifts them.
            receptive_field=given.field if axis == 0 else None,
            detail=Rearrangement(tuple(range(len(shape))), axis, start, length),
        )

    def explain(self, result: LayerResult, known: Known, config: Config) -> list[Step]:
        shape = known.input_shape
        cut = detail_of(result, Rearrangement)
        size, end = shape[cut.dim], cut.start + cut.length - 1
        return [
            Step(
                "Slice",
                [
                    f"along dimension {cut.dim} (size {size}) keeps indices {cut.start} … {end}: "
                    f"{cut.length} of {size}, {size - cut.length} left out",
                    f"{shape_list(shape)} → {shape_list(known.output_shape)}; the values are not "
                    "changed and nothing is learned",
                    "two Narrow layers on one input split it, as torch.chunk does (ShuffleNet)",
                ],
            )
        ]
