"""The layer types convdesk knows: their keys, defaults and groups.

This table is the single description of every type. The file reader checks keys against it, the
engine reads defaults from it, and the window builds its forms from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """How a key's value is written and edited."""

    INT = "int"  # one whole number (out_channels, groups, dim)
    SPATIAL = "spatial"  # int or list, one number per spatial dimension
    PADDING = "padding"  # SPATIAL, or "same" / "valid" (convolutions only)
    OUTPUT_SIZE = "output_size"  # SPATIAL for adaptive pools
    ZEROPAD = "zeropad"  # int, or [left, right, top, bottom]
    SCALE = "scale"  # number, or a list of numbers per spatial dimension
    FLOAT = "float"
    BOOL = "bool"
    CHOICE = "choice"  # one of KeySpec.choices
    SIZES = "sizes"  # int or list: the input's last sizes (LayerNorm's normalized_shape)
    PERMUTATION = "permutation"  # a reordering of the sample's dimensions (Permute's dims)


@dataclass(frozen=True, slots=True)
class KeySpec:
    """One key of a layer type."""

    name: str
    kind: Kind
    default: object = None  # None with required=False means "not set" (optional, checked if set)
    required: bool = False
    minimum: int | float | None = None  # smallest allowed value, for INT/SPATIAL/FLOAT
    maximum: float | None = None  # largest allowed value, for FLOAT (a probability's 1)
    choices: tuple[str, ...] = ()
    help: str = ""
    default_from: str | None = None  # the default is another key's value (pool stride)


class Family(StrEnum):
    """Layer types that follow one rule: the engine computes, explains and draws them alike."""

    ADAPTIVE_POOL = "adaptive_pool"
    AVG_POOL = "avg_pool"
    BATCH_NORM = "batch_norm"
    CHANNEL_SHUFFLE = "channel_shuffle"
    CONV = "conv"
    CONV_TRANSPOSE = "conv_transpose"
    ELEMENTWISE = "elementwise"
    FLATTEN = "flatten"
    GROUP_NORM = "group_norm"
    LAYER_NORM = "layer_norm"
    LAYER_SCALE = "layer_scale"
    LINEAR = "linear"
    MAX_POOL = "max_pool"
    MERGE = "merge"
    NARROW = "narrow"
    PERMUTE = "permute"
    PRELU = "prelu"
    SOFTMAX = "softmax"
    UPSAMPLE = "upsample"
    ZERO_PAD = "zero_pad"


@dataclass(frozen=True, slots=True)
class LayerType:
    """A layer type: its name, family, number of spatial dimensions and keys."""

    name: str
    family: Family
    group: str  # where the window's add-layer menu lists it
    dims: int | None  # spatial dimensions the type works on (None: any)
    keys: tuple[KeySpec, ...]
    summary: str

    def key(self, name: str) -> KeySpec | None:
        for spec in self.keys:
            if spec.name == name:
                return spec
        return None

    @property
    def key_names(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.keys)

    @property
    def is_merge(self) -> bool:
        return self.family == Family.MERGE

    @property
    def fixed_dims(self) -> int:
        """`dims` of a type made for one number of spatial dimensions (conv, pool, ...)."""
        if self.dims is None:
            raise ValueError(f"{self.name} takes any number of spatial dimensions")
        return self.dims


GROUPS = ("Convolution", "Pooling", "Dense", "Normalization", "Activation", "Merge", "Shape")

_D = {1: "1-D", 2: "2-D", 3: "3-D"}
_CONV_HELP = {
    "out_channels": "number of kernels, which is the output's depth (k)",
    "kernel_size": "kernel size per spatial dimension (m × l)",
    "stride": "step between neighbouring kernel positions (s)",
    "padding": "zeros added on each side; 'same' keeps ceil(n / s), 'valid' adds none",
    "dilation": "spacing between kernel taps; 1 is a dense kernel",
    "groups": "split channels into groups; groups = in_channels is depthwise",
    "bias": "one extra trainable number per kernel",
    "in_channels": "optional check: must equal the input's channels (d)",
    "output_padding": "extra size added on one side of the output",
}


def _conv_keys(transposed: bool) -> tuple[KeySpec, ...]:
    h = _CONV_HELP
    padding = (
        KeySpec(
            "padding", Kind.SPATIAL, 0, minimum=0, help="zeros taken off each side of the output"
        )
        if transposed
        else KeySpec("padding", Kind.PADDING, 0, minimum=0, help=h["padding"])
    )
    keys = [
        KeySpec("out_channels", Kind.INT, 1, required=True, minimum=1, help=h["out_channels"]),
        KeySpec("kernel_size", Kind.SPATIAL, 3, required=True, minimum=1, help=h["kernel_size"]),
        KeySpec("stride", Kind.SPATIAL, 1, minimum=1, help=h["stride"]),
        padding,
    ]
    if transposed:
        keys.append(KeySpec("output_padding", Kind.SPATIAL, 0, minimum=0, help=h["output_padding"]))
    keys += [
        KeySpec("dilation", Kind.SPATIAL, 1, minimum=1, help=h["dilation"]),
        KeySpec("groups", Kind.INT, 1, minimum=1, help=h["groups"]),
        KeySpec("bias", Kind.BOOL, True, help=h["bias"]),
        KeySpec("in_channels", Kind.INT, None, minimum=1, help=h["in_channels"]),
    ]
    return tuple(keys)


def _pool_keys(with_dilation: bool) -> tuple[KeySpec, ...]:
    keys = [
        KeySpec("kernel_size", Kind.SPATIAL, 2, required=True, minimum=1, help="window size"),
        KeySpec(
            "stride",
            Kind.SPATIAL,
            None,
            minimum=1,
            default_from="kernel_size",
            help="step between windows; defaults to the kernel size",
        ),
        KeySpec("padding", Kind.SPATIAL, 0, minimum=0, help="padding on each side, ≤ kernel / 2"),
    ]
    if with_dilation:
        keys.append(KeySpec("dilation", Kind.SPATIAL, 1, minimum=1, help="spacing between taps"))
    keys.append(
        KeySpec("ceil_mode", Kind.BOOL, False, help="round the output size up instead of down")
    )
    return tuple(keys)


def _build() -> dict[str, LayerType]:
    types: list[LayerType] = []
    for n in (1, 2, 3):
        d = _D[n]
        types += [
            LayerType(
                f"Conv{n}d", Family.CONV, "Convolution", n, _conv_keys(False), f"{d} convolution"
            ),
            LayerType(
                f"ConvTranspose{n}d",
                Family.CONV_TRANSPOSE,
                "Convolution",
                n,
                _conv_keys(True),
                f"{d} transposed convolution (learned upsampling)",
            ),
            LayerType(
                f"MaxPool{n}d", Family.MAX_POOL, "Pooling", n, _pool_keys(True), f"{d} max pool"
            ),
            LayerType(
                f"AvgPool{n}d",
                Family.AVG_POOL,
                "Pooling",
                n,
                _pool_keys(False),
                f"{d} average pool",
            ),
        ]
        for kind in ("Avg", "Max"):
            types.append(
                LayerType(
                    f"Adaptive{kind}Pool{n}d",
                    Family.ADAPTIVE_POOL,
                    "Pooling",
                    n,
                    (
                        KeySpec(
                            "output_size",
                            Kind.OUTPUT_SIZE,
                            1,
                            required=True,
                            minimum=1,
                            help="the output's spatial size, whatever the input's",
                        ),
                    ),
                    f"{d} adaptive {kind.lower()} pool",
                )
            )
        types.append(
            LayerType(
                f"BatchNorm{n}d",
                Family.BATCH_NORM,
                "Normalization",
                n,
                (
                    KeySpec(
                        "affine", Kind.BOOL, True, help="learn a scale and a shift per channel"
                    ),
                    KeySpec(
                        "track_running_stats",
                        Kind.BOOL,
                        True,
                        help="keep a running mean and variance (not trainable)",
                    ),
                    KeySpec("eps", Kind.FLOAT, 1e-5, minimum=0.0, help="added to the variance"),
                    KeySpec(
                        "momentum",
                        Kind.FLOAT,
                        0.1,
                        minimum=0.0,
                        maximum=1.0,
                        help="running-stats update",
                    ),
                    KeySpec("num_features", Kind.INT, None, minimum=1, help="optional check: C"),
                ),
                f"batch normalization over {d} feature maps",
            )
        )
    types += [
        LayerType(
            "Linear",
            Family.LINEAR,
            "Dense",
            None,
            (
                KeySpec("out_features", Kind.INT, 10, required=True, minimum=1, help="outputs"),
                KeySpec("bias", Kind.BOOL, True, help="one extra trainable number per output"),
                KeySpec("in_features", Kind.INT, None, minimum=1, help="optional check"),
            ),
            "fully connected layer on the last dimension",
        ),
        LayerType(
            "Flatten", Family.FLATTEN, "Shape", None, (), "the whole sample becomes one vector"
        ),
        LayerType(
            "ZeroPad2d",
            Family.ZERO_PAD,
            "Shape",
            2,
            (
                KeySpec(
                    "padding",
                    Kind.ZEROPAD,
                    1,
                    required=True,
                    help="zeros on each side: one number, or [left, right, top, bottom]",
                ),
            ),
            "adds rows and columns of zeros around a 2-D map",
        ),
        LayerType(
            "Upsample",
            Family.UPSAMPLE,
            "Shape",
            None,
            (
                KeySpec("size", Kind.SPATIAL, None, minimum=1, help="the output's spatial size"),
                KeySpec("scale_factor", Kind.SCALE, None, minimum=0.0, help="multiply the size"),
                KeySpec(
                    "mode",
                    Kind.CHOICE,
                    "nearest",
                    choices=(
                        "nearest",
                        "linear",
                        "bilinear",
                        "bicubic",
                        "trilinear",
                        "nearest-exact",
                    ),
                    help="how new values are made",
                ),
            ),
            "enlarges the spatial size (no parameters)",
        ),
    ]
    for name, summary in (
        ("ReLU", "max(0, x)"),
        ("ReLU6", "min(max(0, x), 6)"),
        ("GELU", "Gaussian error linear unit"),
        ("SiLU", "x · sigmoid(x), also called swish"),
        ("Sigmoid", "1 / (1 + e^-x)"),
        ("Tanh", "hyperbolic tangent"),
        ("Hardswish", "piecewise-linear swish"),
        ("Hardsigmoid", "piecewise-linear sigmoid"),
        ("Identity", "passes its input through"),
    ):
        types.append(LayerType(name, Family.ELEMENTWISE, "Activation", None, (), summary))
    types += [
        LayerType(
            "LeakyReLU",
            Family.ELEMENTWISE,
            "Activation",
            None,
            (KeySpec("negative_slope", Kind.FLOAT, 0.01, help="slope for x < 0"),),
            "ReLU with a small slope below zero",
        ),
        LayerType(
            "ELU",
            Family.ELEMENTWISE,
            "Activation",
            None,
            (KeySpec("alpha", Kind.FLOAT, 1.0, help="scale of the negative part"),),
            "exponential linear unit",
        ),
        LayerType(
            "Softmax",
            Family.SOFTMAX,
            "Activation",
            None,
            (KeySpec("dim", Kind.INT, 0, help="the dimension that sums to 1 (0: channels)"),),
            "turns scores into probabilities along one dimension",
        ),
        LayerType(
            "Dropout",
            Family.ELEMENTWISE,
            "Normalization",
            None,
            (
                KeySpec(
                    "p", Kind.FLOAT, 0.5, minimum=0.0, maximum=1.0, help="probability of zeroing"
                ),
            ),
            "zeroes random elements while training",
        ),
        LayerType(
            "PReLU",
            Family.PRELU,
            "Activation",
            None,
            (
                KeySpec(
                    "num_parameters",
                    Kind.INT,
                    1,
                    minimum=1,
                    help="1, or one learned slope per channel",
                ),
            ),
            "leaky ReLU with learned slopes",
        ),
        LayerType(
            "Add", Family.MERGE, "Merge", None, (), "adds two or more inputs element by element"
        ),
        LayerType(
            "Mul",
            Family.MERGE,
            "Merge",
            None,
            (),
            "multiplies two or more inputs element by element",
        ),
        LayerType(
            "Concat",
            Family.MERGE,
            "Merge",
            None,
            (KeySpec("dim", Kind.INT, 0, help="the dimension to join along (0: channels)"),),
            "joins one or more inputs along one dimension",
        ),
    ]
    types += _modern_types()
    return {t.name: t for t in types}


def _modern_types() -> list[LayerType]:
    """The types of ConvNeXt and ShuffleNet: norms, a layer scale, permute, shuffle, narrow."""
    eps = KeySpec("eps", Kind.FLOAT, 1e-5, minimum=0.0, help="added to the variance")
    return [
        LayerType(
            "LayerNorm",
            Family.LAYER_NORM,
            "Normalization",
            None,
            (
                KeySpec(
                    "normalized_shape",
                    Kind.SIZES,
                    1,
                    required=True,
                    minimum=1,
                    help="the input's last dimensions, normalized together for each position",
                ),
                KeySpec(
                    "elementwise_affine",
                    Kind.BOOL,
                    True,
                    help="learn a scale for each normalized value",
                ),
                KeySpec(
                    "bias", Kind.BOOL, True, help="learn a shift too (with elementwise_affine)"
                ),
                eps,
            ),
            "normalizes over the last dimensions of each sample (ConvNeXt, transformers)",
        ),
        LayerType(
            "GroupNorm",
            Family.GROUP_NORM,
            "Normalization",
            None,
            (
                KeySpec(
                    "num_groups",
                    Kind.INT,
                    1,
                    required=True,
                    minimum=1,
                    help="channel groups, each normalized on its own; must divide the channels",
                ),
                KeySpec("affine", Kind.BOOL, True, help="learn a scale and a shift per channel"),
                eps,
                KeySpec("num_channels", Kind.INT, None, minimum=1, help="optional check: C"),
            ),
            "normalizes groups of channels of each sample, whatever the batch size",
        ),
        LayerType(
            "LayerScale",
            Family.LAYER_SCALE,
            "Normalization",
            None,
            (
                KeySpec(
                    "dim",
                    Kind.INT,
                    0,
                    help="one learned factor for each index along this dimension (0: channels)",
                ),
            ),
            "multiplies by a learned factor per channel (ConvNeXt's layer scale)",
        ),
        LayerType(
            "Permute",
            Family.PERMUTE,
            "Shape",
            None,
            (
                KeySpec(
                    "dims",
                    Kind.PERMUTATION,
                    [0],
                    required=True,
                    help="the input dimensions in their new order; [1, 2, 0] puts channels last",
                ),
            ),
            "reorders the dimensions, e.g. channels first to channels last",
        ),
        LayerType(
            "ChannelShuffle",
            Family.CHANNEL_SHUFFLE,
            "Shape",
            None,
            (
                KeySpec(
                    "groups",
                    Kind.INT,
                    2,
                    required=True,
                    minimum=1,
                    help="channel groups whose channels are interleaved; must divide the channels",
                ),
            ),
            "interleaves the channels of its groups (ShuffleNet)",
        ),
        LayerType(
            "Narrow",
            Family.NARROW,
            "Shape",
            None,
            (
                KeySpec("dim", Kind.INT, 0, help="the dimension to slice (0: channels)"),
                KeySpec("start", Kind.INT, 0, required=True, minimum=0, help="first index kept"),
                KeySpec("length", Kind.INT, 1, required=True, minimum=1, help="indices kept"),
            ),
            "keeps a slice along one dimension; two of them split a tensor (ShuffleNet)",
        ),
    ]


LAYER_TYPES: dict[str, LayerType] = _build()
"""Every layer type by its name, in menu order."""


def types_in_group(group: str) -> list[LayerType]:
    """The layer types listed under one of GROUPS, in menu order."""
    return [t for t in LAYER_TYPES.values() if t.group == group]
