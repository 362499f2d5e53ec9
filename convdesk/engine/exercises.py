"""Practice exercises: a network, the numbers asked about it, their answers and hints.

Every answer comes from `compute()` and every hint from the worked steps (`explain`), so an
exercise can never disagree with what the window shows. Exercises are drawn from a seed with our
own draws on `random.Random.getrandbits` (Mersenne Twister, whose output for an integer seed has
not changed since Python 3.2): "set 4711, level 3" gives every student the same exercises on any
machine. Exercise `i` of a set has its own seed made from the set's seed, its level and `i`
through SHA-256, so a longer set starts with the exercises of a shorter one.
"""

from __future__ import annotations

import builtins
import hashlib
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import prod
from typing import TypeVar

from .compute import compute
from .layertypes import LAYER_TYPES, Family
from .network import Layer, Network
from .numbers import count, shape_list
from .report import Blocked, Failed, LayerResult, Report
from .rules import Step
from .steps import explain
from .values import DIM_NAMES

T = TypeVar("T")
Made = tuple[Network, list[tuple[str, str]]]  # an exercise network and what it asks


Answer = int | tuple[int, ...]

# What can be asked about a layer, and how the answer box is labelled.
QUANTITIES: dict[str, str] = {
    "shape": "output shape",
    "length": "output length",
    "params": "trainable parameters",
    "non_trainable": "non-trainable parameters",
    "macs": "multiply-accumulates (MACs)",
    "receptive_field": "receptive field",
    "padding_fix": "smallest padding that works",
}


@dataclass(frozen=True, slots=True)
class Ask:
    """One number asked: which quantity, of which layer, and its answer from compute()."""

    layer: str
    quantity: str
    answer: Answer

    def label(self, network: Network) -> str:
        """The answer box's label, e.g. 'conv1: output shape [C, H, W]'."""
        text = f"{self.layer}: {QUANTITIES[self.quantity]}"
        if self.quantity == "shape":
            text += " " + shape_form(len(self.answer) - 1)  # type: ignore[arg-type]
        elif self.quantity == "receptive_field":
            dims = len(network.input) - 1
            text += " (side, in input values)" if dims > 1 else " (in input values)"
        return text


@dataclass(frozen=True, slots=True)
class Exercise:
    """A network, what is asked about it (with the answers), and the level it was drawn for."""

    level: int
    network: Network
    asks: tuple[Ask, ...]

    @property
    def focus(self) -> int:
        """The index of the layer the exercise is about (the first one asked)."""
        return self.network.index_of(self.asks[0].layer)

    @property
    def prompt(self) -> str:
        return prompt(self.network, self.asks)

    def hints(self) -> list[Step]:
        """The worked steps of every asked layer, in order: revealed one at a time."""
        report = compute(self.network)
        steps: list[Step] = []
        for name in dict.fromkeys(ask.layer for ask in self.asks):
            steps += explain(self.network, report, self.network.index_of(name))
        return steps


@dataclass(frozen=True, slots=True)
class Level:
    number: int
    key: str
    title: str
    make: Callable[[Draw], Made]


class ExerciseError(ValueError):
    """An exercise that cannot be posed (a layer in error, or an unknown layer or quantity)."""


def shape_form(dims: int) -> str:
    """How a shape answer is written, channels first as PyTorch: '[C, H, W]'."""
    return "[C, " + ", ".join(name[0].upper() for name in DIM_NAMES[dims]) + "]" if dims else "[N]"


# --- draws -------------------------------------------------------------------------------------


class Draw:
    """Our own draws on top of getrandbits, so that no library change can alter a set."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)

    def int(self, low: int, high: int) -> int:
        """A whole number from low to high, both included (rejection sampling, no modulo bias)."""
        span = high - low + 1
        bits = max(span - 1, 1).bit_length()
        while True:
            value = self._rng.getrandbits(bits)
            if value < span:
                return low + value

    def pick(self, options: Sequence[T]) -> T:
        return options[self.int(0, len(options) - 1)]

    def chance(self, percent: builtins.int) -> bool:
        return self.int(0, 99) < percent


def exercise_seed(seed: int, level: int, index: int) -> int:
    """The seed of exercise `index` of level `level` in set `seed`: SHA-256, never hash()."""
    digest = hashlib.sha256(f"convdesk-exercise/{seed}/{level}/{index}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


# --- making exercises -------------------------------------------------------------------------


def make_exercise(network: Network, asks: Sequence[tuple[str, str]], level: int = 0) -> Exercise:
    """An exercise on the network, with the answers of the asked (layer, quantity) from compute().

    Raises ExerciseError when a quantity cannot be answered (the layer is in error, say).
    """
    report = compute(network)
    made = []
    for name, quantity in asks:
        if quantity not in QUANTITIES:
            raise ExerciseError(f"{quantity!r} is not something an exercise can ask")
        try:
            result = report.by_name(name)
        except KeyError:
            raise ExerciseError(f"the network has no layer {name!r}") from None
        made.append(Ask(name, quantity, answer_of(network, report, result, quantity)))
    if not made:
        raise ExerciseError("an exercise asks at least one number")
    return Exercise(level, network, tuple(made))


def answer_of(network: Network, report: Report, result: LayerResult, quantity: str) -> Answer:
    """The asked number, read from the report (padding_fix: recomputed until the layer works)."""
    if quantity == "padding_fix":
        return smallest_padding(network, result.index)
    done = result.outcome
    if isinstance(done, Failed):
        raise ExerciseError(f"{result.name}'s {QUANTITIES[quantity]} cannot be asked: {done.error}")
    if isinstance(done, Blocked):
        raise ExerciseError(
            f"{result.name}'s {QUANTITIES[quantity]} cannot be asked: "
            f"{done.by} before it is in error"
        )
    if quantity == "shape":
        return tuple(done.output_shape)
    if quantity == "length":
        return prod(done.output_shape)
    if quantity == "receptive_field":
        rf = done.receptive_field
        if rf is None or len(set(rf.size)) != 1:
            raise ExerciseError(f"{result.name} has no single receptive field side to ask about")
        return rf.size[0]
    return {
        "params": done.params,
        "non_trainable": done.non_trainable_params,
        "macs": done.macs,
    }[quantity]


def smallest_padding(network: Network, index: int, limit: int = 64) -> int:
    """The smallest padding (same on every side) with which the layer at `index` works."""
    trial = network.copy()
    layer = trial.layers[index]
    for padding in range(limit + 1):
        layer.config["padding"] = padding
        if compute(trial).layers[index].output_shape is not None:
            return padding
    raise ExerciseError(f"{layer.name} does not work with any padding up to {limit}")


def generate(levels: int | Sequence[int], count: int, seed: int) -> list[Exercise]:
    """`count` exercises, cycling through `levels`; the same arguments give the same exercises."""
    chosen = [levels] if isinstance(levels, int) else list(levels)
    for level in chosen:
        if level not in LEVELS:
            raise ExerciseError(f"there is no level {level}; levels are 1 to {len(LEVELS)}")
    return [exercise(chosen[i % len(chosen)], seed, i // len(chosen)) for i in range(count)]


def exercise(level: int, seed: int, index: int) -> Exercise:
    """Exercise `index` of level `level` in the set with that seed."""
    draw = Draw(exercise_seed(seed, level, index))
    make = LEVELS[level].make
    while True:  # a draw that cannot be posed is drawn again; the draws stay reproducible
        network, asks = make(draw)
        try:
            return make_exercise(network, asks, level)
        except ExerciseError:
            continue


def parse_level(text: str) -> int:
    """A level from its number or its key ('3' or 'padding'). Raises ExerciseError."""
    text = text.strip().lower()
    if text.isdigit() and int(text) in LEVELS:
        return int(text)
    for level in LEVELS.values():
        if level.key == text:
            return level.number
    raise ExerciseError(
        f"unknown level {text!r}; levels are "
        + ", ".join(f"{lv.number} ({lv.key})" for lv in LEVELS.values())
    )


# --- the levels --------------------------------------------------------------------------------

_CHANNELS = (1, 3, 8, 16, 32, 64)
_KERNELS = (4, 8, 16, 32, 64, 96, 128)


def _net(shape: list[int], *layers: Layer) -> Network:
    return Network(shape, list(layers), "Practice")


def _conv(name: str, dims: int = 2, **config: object) -> Layer:
    return Layer(f"Conv{dims}d", name, dict(config))


def _valid(draw: Draw) -> Made:
    size = draw.int(5, 64)
    k = draw.pick((1, 2, 3, 3, 5, 5, 7, 11))
    layer = _conv("conv1", out_channels=draw.pick(_KERNELS), kernel_size=min(k, size))
    return _net([draw.pick(_CHANNELS), size, size], layer), [
        ("conv1", "shape"),
        ("conv1", "params"),
    ]


def _stride(draw: Draw) -> Made:
    k, s = draw.pick((2, 3, 5, 7, 11)), draw.int(2, 4)
    size = draw.int(k + 1, 120)
    if (size - k) % s == 0:
        size += 1  # a stride that does not divide the span: the answer has to be rounded
    layer = _conv("conv1", out_channels=draw.pick(_KERNELS), kernel_size=k, stride=s)
    return _net([draw.pick((1, 3)), size, size], layer), [("conv1", "shape")]


def _padding(draw: Draw) -> Made:
    k = draw.pick((3, 5, 7))
    layer = _conv(
        "conv1",
        out_channels=draw.pick(_KERNELS),
        kernel_size=k,
        stride=draw.int(1, 3),
        padding=draw.int(1, k // 2 + 1),
    )
    size = draw.int(6, 64)
    return _net([draw.pick(_CHANNELS), size, size], layer), [("conv1", "shape")]


def _same(draw: Draw) -> Made:
    layer = _conv(
        "conv1",
        out_channels=draw.pick(_KERNELS),
        kernel_size=draw.pick((2, 3, 4, 5, 7)),
        stride=draw.pick((1, 1, 2, 3)),
        padding="same",
    )
    size = draw.int(5, 64)
    return _net([draw.pick(_CHANNELS), size, size], layer), [("conv1", "shape")]


def _dilation(draw: Draw) -> Made:
    d = draw.int(2, 4)
    layer = _conv(
        "conv1",
        out_channels=draw.pick(_KERNELS),
        kernel_size=draw.pick((2, 3, 3, 5)),
        dilation=d,
        stride=draw.int(1, 2),
        padding=draw.int(0, d),
    )
    size = draw.int(12, 64)
    return _net([draw.pick(_CHANNELS), size, size], layer), [("conv1", "shape")]


def _groups(draw: Draw) -> Made:
    size = draw.int(7, 56)
    if draw.chance(50):  # depthwise
        c = draw.pick((8, 16, 32, 64))
        groups, out = c, c * draw.pick((1, 1, 2))
    else:
        groups = draw.pick((2, 4, 8))
        c, out = groups * draw.int(1, 8), groups * draw.int(1, 8)
    layer = _conv(
        "conv1",
        out_channels=out,
        kernel_size=draw.pick((1, 3, 3, 5)),
        stride=draw.int(1, 2),
        padding=draw.int(0, 1),
        groups=groups,
    )
    return _net([c, size, size], layer), [("conv1", "shape"), ("conv1", "params")]


def _ceil_pool(draw: Draw) -> Made:
    k = draw.int(2, 3)
    s = draw.int(2, 3)
    p = draw.int(0, k // 2) if draw.chance(30) else 0
    size = draw.int(7, 64)
    if (size + 2 * p - k) % s == 0:
        size += 1  # ceil_mode matters only when the windows do not fit exactly
    kind = draw.pick(("MaxPool2d", "AvgPool2d"))
    layer = Layer(kind, "pool1", {"kernel_size": k, "stride": s, "padding": p, "ceil_mode": True})
    return _net([draw.pick(_KERNELS), size, size], layer), [("pool1", "shape")]


def _transposed(draw: Draw) -> Made:
    s = draw.int(1, 3)
    layer = Layer(
        "ConvTranspose2d",
        "up1",
        {
            "out_channels": draw.pick((8, 16, 32, 64)),
            "kernel_size": draw.int(2, 5),
            "stride": s,
            "padding": draw.int(0, 1),
            "output_padding": draw.int(0, s - 1),
        },
    )
    size = draw.int(3, 32)
    return _net([draw.pick((16, 32, 64, 128)), size, size], layer), [
        ("up1", "shape"),
        ("up1", "params"),
    ]


def _one_and_three_d(draw: Draw) -> Made:
    if draw.chance(50):
        layer = _conv(
            "conv1",
            dims=1,
            out_channels=draw.pick(_KERNELS),
            kernel_size=draw.pick((3, 5, 9, 80)),
            stride=draw.pick((1, 2, 4, 16)),
            padding=draw.int(0, 2),
        )
        shape = [draw.pick((1, 2, 8, 32)), draw.int(40, 8000)]
    else:
        k = draw.pick((2, 3))
        layer = _conv(
            "conv1",
            dims=3,
            out_channels=draw.pick(_KERNELS),
            kernel_size=k,
            stride=draw.int(1, 2),
            padding=draw.int(0, 1),
        )
        shape = [draw.pick((1, 3, 16)), draw.int(4, 16), draw.int(8, 112)]
        shape.append(shape[2])
    return _net(shape, layer), [("conv1", "shape")]


def _linear(draw: Draw) -> Made:
    c, size = draw.pick((16, 32, 64, 128, 256)), draw.pick((1, 2, 3, 4, 5, 6, 7))
    layers = [
        Layer("Flatten", "flatten", {}),
        Layer("Linear", "fc", {"out_features": draw.pick((2, 10, 64, 100, 128, 1000))}),
    ]
    return _net([c, size, size], *layers), [("flatten", "length"), ("fc", "params")]


def _bias(draw: Draw) -> Made:
    bias = draw.chance(50)
    if draw.chance(60):
        layer = _conv(
            "conv1",
            out_channels=draw.pick(_KERNELS),
            kernel_size=draw.pick((1, 3, 5, 7)),
            bias=bias,
        )
        size = draw.int(8, 32)
        shape = [draw.pick(_CHANNELS), size, size]
    else:
        layer = Layer("Linear", "fc", {"out_features": draw.pick((10, 64, 128, 512)), "bias": bias})
        shape = [draw.pick((64, 128, 256, 784, 4096))]
    return _net(shape, layer), [(layer.name, "params")]


def _batch_norm(draw: Draw) -> Made:
    conv = _conv("conv1", out_channels=draw.pick(_KERNELS), kernel_size=3, padding=1)
    config: dict[str, object] = {}
    if draw.chance(20):
        config["affine"] = False
    elif draw.chance(20):
        config["track_running_stats"] = False
    size = draw.int(8, 32)
    net = _net([draw.pick((3, 16, 32)), size, size], conv, Layer("BatchNorm2d", "bn1", config))
    return net, [("bn1", "params"), ("bn1", "non_trainable")]


def _macs(draw: Draw) -> Made:
    groups = draw.pick((1, 1, 1, 2, 4))
    layer = _conv(
        "conv1",
        out_channels=groups * draw.pick((2, 4, 8, 16)),
        kernel_size=draw.pick((1, 3, 5)),
        stride=draw.int(1, 2),
        padding=draw.int(0, 1),
        groups=groups,
    )
    size = draw.int(4, 28)
    return _net([groups * draw.pick((1, 2, 4, 8)), size, size], layer), [("conv1", "macs")]


def _receptive_field(draw: Draw) -> Made:
    layers = []
    for i in range(draw.int(2, 3)):
        if i > 0 and draw.chance(35):
            k = draw.int(2, 3)
            layers.append(Layer("MaxPool2d", f"pool{i + 1}", {"kernel_size": k, "stride": 2}))
        else:
            layers.append(
                _conv(
                    f"conv{i + 1}",
                    out_channels=16,
                    kernel_size=draw.pick((3, 3, 5, 7)),
                    stride=draw.int(1, 2),
                    dilation=draw.pick((1, 1, 1, 2)),
                )
            )
    return _net([3, 96, 96], *layers), [(layers[-1].name, "receptive_field")]


def _fits(draw: Draw) -> Made:
    size = draw.int(2, 12)
    d = draw.pick((1, 1, 2))
    k = draw.int(max(1, size - 3), size + 4) if d == 1 else draw.int(2, 5)
    layer = _conv(
        "conv1", out_channels=draw.pick(_KERNELS), kernel_size=k, dilation=d, stride=1, padding=0
    )
    return _net([draw.pick((1, 3, 8)), size, size], layer), [("conv1", "padding_fix")]


def _table(draw: Draw) -> Made:
    size = draw.pick((28, 32, 48, 64))
    c1 = draw.pick((6, 8, 16, 32))
    k1 = draw.pick((3, 5))
    layers = [
        _conv("conv1", out_channels=c1, kernel_size=k1, padding=draw.pick((0, k1 // 2))),
        Layer("ReLU", "relu1", {}),
        Layer("MaxPool2d", "pool1", {"kernel_size": 2}),
        _conv("conv2", out_channels=2 * c1, kernel_size=3, stride=draw.int(1, 2)),
    ]
    asks = [
        ("conv1", "shape"),
        ("conv1", "params"),
        ("pool1", "shape"),
        ("conv2", "shape"),
        ("conv2", "params"),
    ]
    return _net([draw.pick((1, 3)), size, size], *layers), asks


LEVELS: dict[int, Level] = {
    lv.number: lv
    for lv in (
        Level(1, "valid", "No padding, stride 1", _valid),
        Level(2, "stride", "A stride that rounds", _stride),
        Level(3, "padding", "Padding", _padding),
        Level(4, "same", "'same' padding", _same),
        Level(5, "dilation", "Dilation", _dilation),
        Level(6, "groups", "Groups and depthwise", _groups),
        Level(7, "ceil-pool", "Pools with ceil_mode", _ceil_pool),
        Level(8, "transposed", "Transposed convolution", _transposed),
        Level(9, "1d-3d", "1-D and 3-D", _one_and_three_d),
        Level(10, "linear", "Linear after Flatten", _linear),
        Level(11, "bias", "Parameters with and without bias", _bias),
        Level(12, "batchnorm", "BatchNorm: trainable and not", _batch_norm),
        Level(13, "macs", "Multiply-accumulates", _macs),
        Level(14, "receptive-field", "Receptive field", _receptive_field),
        Level(15, "fits", "Does this layer work?", _fits),
        Level(16, "table", "Fill in a small network's table", _table),
    )
}


# --- the question in words --------------------------------------------------------------------


def describe(layer: Layer) -> str:
    """A layer in words, with every value that matters for the answer."""
    family = LAYER_TYPES[layer.type].family
    parts: list[str] = []
    if family in (Family.CONV, Family.CONV_TRANSPOSE):
        k = layer.get("kernel_size")
        parts.append(f"{layer.get('out_channels')} kernels of size {_side(k)}")
        parts.append(f"stride {_side(layer.get('stride'))}")
        padding = layer.get("padding")
        parts.append(
            f"padding {padding!r}" if isinstance(padding, str) else f"padding {_side(padding)}"
        )
        if family == Family.CONV_TRANSPOSE:
            parts.append(f"output_padding {_side(layer.get('output_padding'))}")
        if layer.get("dilation") != 1:
            parts.append(f"dilation {_side(layer.get('dilation'))}")
        if layer.get("groups") != 1:
            parts.append(f"groups {layer.get('groups')}")
        parts.append("with bias" if layer.get("bias") else "no bias")
    elif family in (Family.MAX_POOL, Family.AVG_POOL):
        parts.append(f"window {_side(layer.get('kernel_size'))}")
        parts.append(f"stride {_side(layer.get('stride'))}")
        parts.append(f"padding {_side(layer.get('padding'))}")
        if family == Family.MAX_POOL and layer.get("dilation") != 1:
            parts.append(f"dilation {_side(layer.get('dilation'))}")
        if layer.get("ceil_mode"):
            parts.append("ceil_mode true")
    elif family == Family.LINEAR:
        parts.append(f"{layer.get('out_features')} outputs")
        parts.append("with bias" if layer.get("bias") else "no bias")
    elif family == Family.BATCH_NORM:
        parts.append(f"affine {_flag(layer.get('affine'))}")
        parts.append(f"track_running_stats {_flag(layer.get('track_running_stats'))}")
    text = f"{layer.name} ({layer.type})"
    return text + (": " + ", ".join(parts) if parts else "")


def _flag(value: object) -> str:
    return "true" if value else "false"


def _side(value: object) -> str:
    if isinstance(value, list):
        return " × ".join(str(v) for v in value)
    return str(value)


def _input_words(shape: Sequence[int]) -> str:
    """[3, 227, 227] → '3 channels of 227 × 227 (channels first, no batch)'."""
    if len(shape) == 1:
        return f"a vector of {count(shape[0])} values"
    channels = "1 channel" if shape[0] == 1 else f"{shape[0]} channels"
    sizes = " × ".join(str(v) for v in shape[1:])
    return f"{channels} of {sizes} (channels first, no batch)"


def prompt(network: Network, asks: Sequence[Ask]) -> str:
    """The question as a student reads it."""
    lines = [f"Input {shape_list(network.input)}: {_input_words(network.input)}."]
    for layer in network.layers:
        lines.append(describe(layer))
    by_layer: dict[str, list[str]] = {}
    for ask in asks:
        by_layer.setdefault(ask.layer, []).append(QUANTITIES[ask.quantity])
    wanted = [f"{name}'s {_and(quantities)}" for name, quantities in by_layer.items()]
    if any(ask.quantity == "padding_fix" for ask in asks):
        lines.append(
            "Does this layer work? Give the smallest padding (the same on every side) with which "
            "it works: 0 if it already works without padding."
        )
    else:
        lines.append("Work out " + _and(wanted) + ".")
    return "\n".join(lines)


def _and(items: list[str]) -> str:
    if len(items) < 3:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def format_answer(ask: Ask) -> str:
    """An answer as the key writes it: shapes channels first, counts with separators."""
    if ask.quantity == "shape":
        return shape_list(ask.answer)  # type: ignore[arg-type]
    return count(ask.answer)  # type: ignore[arg-type]


# --- exercises picked from a network -----------------------------------------------------------

_PICKED_ASKS = {
    Family.CONV: ("shape", "params"),
    Family.CONV_TRANSPOSE: ("shape", "params"),
    Family.LINEAR: ("shape", "params"),
    Family.BATCH_NORM: ("params", "non_trainable"),
    Family.FLATTEN: ("length",),
}


_PICKABLE_FAMILIES = (
    "conv",
    "conv_transpose",
    "max_pool",
    "avg_pool",
    "adaptive_pool",
    "linear",
    "flatten",
    "batch_norm",
    "zero_pad",
    "upsample",
)


def pickable(network: Network) -> list[str]:
    """The layers of a network worth an exercise: working, single-input layers that change the
    shape or hold parameters (not activations, dropout or merges)."""
    report = compute(network)
    return [
        r.name
        for r in report.layers
        if r.output_shape is not None
        and len(r.inputs) == 1
        and r.type in LAYER_TYPES
        and LAYER_TYPES[r.type].family in _PICKABLE_FAMILIES
    ]


def exercise_from_layer(network: Network, name: str) -> Exercise:
    """An exercise on one layer of a network, alone on its input (the teacher's pick)."""
    report = compute(network)
    try:
        result = report.by_name(name)
    except KeyError:
        raise ExerciseError(f"the network has no layer {name!r}") from None
    shape = result.input_shapes[0] if len(result.input_shapes) == 1 else None
    if shape is None or result.output_shape is None:
        raise ExerciseError(f"{name} has no known single input shape, so it cannot be asked about")
    layer = network.layers[result.index].copy()
    layer.inputs = None
    single = Network(list(shape), [layer], f"{network.name}: {name}")
    asks = _PICKED_ASKS.get(LAYER_TYPES[layer.type].family, ("shape",))
    return make_exercise(single, [(name, q) for q in asks], 0)
