"""Values for a new layer's required keys that fit the shape it reads."""

from __future__ import annotations

from .report import Shape
from .rules.base import divisors_near


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
