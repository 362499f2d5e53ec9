"""One rule object per layer family, in one registry: how a layer computes (shapes, parameters,
MACs, receptive fields, errors as data), how the worked steps explain it, and what the canvas
draws for it."""

from __future__ import annotations

from ..layertypes import LAYER_TYPES, Family
from .base import Drawing, FamilyRule, Inputs, Step
from .dense import Flatten, Linear
from .elementwise import Elementwise, LayerScale, PReLU, Softmax
from .merge import Merge
from .norm import BatchNorm, GroupNorm, LayerNorm
from .rearrange import ChannelShuffle, Narrow, Permute
from .resize import AdaptivePool, Upsample, ZeroPad
from .window import Conv, ConvTranspose, Pool

RULES: dict[Family, FamilyRule] = {
    Family.CONV: Conv(),
    Family.CONV_TRANSPOSE: ConvTranspose(),
    Family.MAX_POOL: Pool("largest", dilated=True),
    Family.AVG_POOL: Pool("average", dilated=False),
    Family.ADAPTIVE_POOL: AdaptivePool(),
    Family.LINEAR: Linear(),
    Family.FLATTEN: Flatten(),
    Family.BATCH_NORM: BatchNorm(),
    Family.LAYER_NORM: LayerNorm(),
    Family.GROUP_NORM: GroupNorm(),
    Family.ZERO_PAD: ZeroPad(),
    Family.UPSAMPLE: Upsample(),
    Family.ELEMENTWISE: Elementwise(),
    Family.SOFTMAX: Softmax(),
    Family.PRELU: PReLU(),
    Family.LAYER_SCALE: LayerScale(),
    Family.PERMUTE: Permute(),
    Family.CHANNEL_SHUFFLE: ChannelShuffle(),
    Family.NARROW: Narrow(),
    Family.MERGE: Merge(),
}
"""Every family's rule (the two pools share one class)."""


def drawing_of(type_name: str) -> Drawing:
    """What the canvas draws for a layer type (the plain flow for a type convdesk does not know)."""
    ltype = LAYER_TYPES.get(type_name)
    return RULES[ltype.family].drawing if ltype is not None else Drawing.FLOW


__all__ = ["RULES", "Drawing", "FamilyRule", "Inputs", "Step", "drawing_of"]
