"""The worked steps the window shows for a layer: every number of the report, worked out.

Conv layers are explained in the seed article's notation (input w × h × d, kernels m × l × d, stride
s, output p × q × k) with the numbers put in, then by the general formula with padding and dilation.
The article's bracket form, [(w − m + 1) / s], is only right when the brackets round up; the steps
say so. Texts are plain Unicode so that the window, the clipboard and a terminal can all show them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from math import prod

from .layertypes import LAYER_TYPES, Family
from .modern import shuffled_channels
from .network import Network
from .numbers import count, shape_list, size_bytes
from .report import Known, LayerResult, ReceptiveField, Report, Shape, Window
from .sliding import input_span, transposed_span
from .values import DIM_NAMES

Axes = list[tuple[str, tuple[str, str, str]]]  # an axis's name and its article symbols
Config = dict[str, object]  # a layer's keys as written in the file
Explain = Callable[[LayerResult, Known, Config], list["Step"]]


@dataclass(frozen=True, slots=True)
class Step:
    """One block of the worked steps: a title and its lines (formulas with numbers put in)."""

    title: str
    lines: list[str] = field(default_factory=list)
    error: bool = False


# Article symbols per spatial axis: (input size, kernel size, output size).
_SYMBOLS = {
    1: {"length": ("w", "m", "p")},
    2: {"height": ("h", "l", "q"), "width": ("w", "m", "p")},
    3: {"depth": ("t", "n", "r"), "height": ("h", "l", "q"), "width": ("w", "m", "p")},
}


def article_size(size: int, kernel: int, stride: int) -> tuple[int, int]:
    """The article's [(w − m + 1) / s] read both ways: (rounded up, rounded down)."""
    span = size - kernel + 1
    return -(-span // stride), span // stride


def general_size(size: int, kernel: int, stride: int, pad: int = 0, dilation: int = 1) -> int:
    """The general formula floor((n + 2p − d(k − 1) − 1) / s) + 1 (the spec's, PyTorch's)."""
    return (size + 2 * pad - dilation * (kernel - 1) - 1) // stride + 1


def explain(network: Network, report: Report, index: int) -> list[Step]:
    """The worked steps of one layer."""
    result = report.layers[index]
    layer = network.layers[index]
    head = Step(
        f"{result.name} ({result.type})",
        [
            "input: "
            + ", ".join(
                f"{name} {shape_list(shape)}"
                for name, shape in zip(result.inputs, result.input_shapes, strict=True)
            )
        ],
    )
    if result.error is not None:
        return [head, Step("What is wrong", [result.error], error=True)]
    if result.output_shape is None:
        return [
            head,
            Step(
                "Shape unknown",
                [
                    f"The layer {result.blocked_by} is in error, so this layer's input shape is "
                    "not known. Fix that layer first."
                ],
                error=True,
            ),
        ]
    known = result.known()
    assert known is not None  # a layer with a shape has all its numbers
    family = LAYER_TYPES[result.type].family
    body = _FAMILY_STEPS.get(family, _shape_kept)(result, known, layer.config)
    return [head, *body, *_totals(known, result.receptive_field)]


def _conv(result: LayerResult, known: Known, config: Config) -> list[Step]:
    w, ch = result.window, result.channels
    assert w is not None and ch is not None  # the conv rule sets both
    shape = known.input_shape
    dims = len(w.kernel)
    axes = list(_SYMBOLS[dims].items())
    c_in, k, groups = ch.in_channels, ch.out_channels, ch.groups
    sizes, outs = shape[1:], known.output_shape[1:]
    in_sym = " × ".join(f"{s[0]}" for _, s in reversed(axes))
    kern_sym = " × ".join(f"{s[1]}" for _, s in reversed(axes))
    steps = [
        Step(
            "Input and kernels",
            [
                f"input {in_sym} × d = "
                + " × ".join(str(v) for v in reversed(sizes))
                + f" × {c_in}   ({', '.join(a for a, _ in reversed(axes))}, depth d)",
                f"k = {k} kernel{'' if k == 1 else 's'}, each {kern_sym} × d"
                + (
                    f"/groups = {' × '.join(str(v) for v in reversed(w.kernel))} × {c_in // groups}"
                    if groups > 1
                    else f" = {' × '.join(str(v) for v in reversed(w.kernel))} × {c_in}"
                ),
                "stride s = "
                + _per_axis(w.stride, axes)
                + ",  padding "
                + _padding_text(w, axes)
                + ",  dilation "
                + _per_axis(w.dilation, axes)
                + (f",  groups {groups}" if groups > 1 else ""),
            ],
        )
    ]
    steps.append(_article_step(w, axes, sizes, outs))
    steps.append(_general_step(w, axes, sizes, outs, result.type))
    depth_name = "k"
    out_text = " × ".join(str(v) for v in reversed(outs))
    out_sym = " × ".join(s[2] for _, s in reversed(axes))
    steps.append(
        Step(
            "Output",
            [
                f"{out_sym} × {depth_name} = {out_text} × {k}",
                f"channels first, as PyTorch writes it: {shape_list(known.output_shape)}",
            ],
        )
    )
    per_kernel = c_in // groups
    kprod = " × ".join(str(v) for v in reversed(w.kernel))
    bias = ch.bias
    d_text = "d" if groups == 1 else "d/groups"
    lines = [
        f"({kern_sym} × {d_text}{' + 1' if bias else ''}) × k"
        f" = ({kprod} × {per_kernel}{' + 1' if bias else ''}) × {k}"
        f" = {count(per_kernel * prod(w.kernel) + bias)} × {k} = {count(known.params)}",
    ]
    lines.append(
        "each kernel has one weight per input value it covers"
        + (" plus one bias" if bias else " and no bias")
    )
    if groups > 1:
        lines.append(
            f"with groups = {groups} each kernel sees only {c_in} / {groups} = {per_kernel} "
            "input channels" + (" (depthwise)" if groups == c_in else "")
        )
    steps.append(Step("Trainable parameters", lines))
    steps.append(
        Step(
            "Multiply-accumulates",
            [
                f"one per weight per output value: {out_text} × {k} outputs × "
                f"({kprod} × {per_kernel}) = {count(known.macs)} MACs",
                f"FLOPs = 2 × MACs = {count(2 * known.macs)}",
            ],
        )
    )
    return steps


def _per_axis(values: tuple[int, ...], axes: Axes) -> str:
    if len(set(values)) == 1:
        return str(values[0])
    return (
        " × ".join(str(v) for v in reversed(values))
        + " ("
        + " × ".join(a for a, _ in reversed(axes))
        + ")"
    )


def _padding_text(w: Window, axes: Axes) -> str:
    if w.padding_mode == "same":
        parts = [
            f"{a} {b}+{c}" for (a, _), b, c in zip(axes, w.pad_before, w.pad_after, strict=True)
        ]
        return "'same' → " + ", ".join(parts)
    if w.padding_mode == "valid":
        return "'valid' → 0"
    return _per_axis(w.pad_before, axes)


def _article_step(w: Window, axes: Axes, sizes: Shape, outs: Shape) -> Step:
    symmetric = w.pad_before == w.pad_after
    lines = []
    if not symmetric:
        lines.append(
            "'same' padding is uneven here (the extra row or column goes after), so the "
            "article's form, which pads both sides alike, does not apply; see the general formula."
        )
        return Step("The article's way", lines)
    if any(p > 0 for p in w.pad_before):
        lines.append(
            "With padding, the article's advice is to treat the padded input as the new input: "
            "w' = w + 2·pad."
        )
    if any(d > 1 for d in w.dilation):
        lines.append("With dilation, the kernel's taps spread out to span m' = dil·(m − 1) + 1.")
    for (axis, (si, sk, so)), size, k, s, pad, dil, out in zip(
        axes, sizes, w.kernel, w.stride, w.pad_before, w.dilation, outs, strict=True
    ):
        padded, span = size + 2 * pad, dil * (k - 1) + 1
        up, down = article_size(padded, span, s)
        i_txt = f"{si}'" if pad else si
        k_txt = f"{sk}'" if dil > 1 else sk
        first = f"{axis}: {so} = [({i_txt} − {k_txt} + 1) / s] = [({padded} − {span} + 1) / {s}]"
        if s == 1:
            lines.append(f"{first} = {padded - span + 1}")
        else:
            exact = (padded - span + 1) / s
            lines.append(f"{first} = [{padded - span + 1} / {s}] = [{exact:g}] → {up}")
        if up != down:
            lines.append(
                f"   the brackets round up: {exact:g} → {up}. Rounding down would give {down}, "
                f"yet a kernel still fits at start {down * s} (≤ {padded} − {span})."
            )
        if up != out:
            lines.append(f"   (this differs from {out} because of uneven padding)")
    return Step("The article's way", lines)


def _general_step(w: Window, axes: Axes, sizes: Shape, outs: Shape, type_name: str) -> Step:
    lines = ["out = ⌊(n + pad_before + pad_after − dil·(k − 1) − 1) / s⌋ + 1"]
    if w.ceil_mode:
        lines = [
            "ceil_mode: out = ⌈(n + 2·pad − dil·(k − 1) − 1) / s⌉ + 1, less one if the last "
            "window would start in the right-hand padding"
        ]
    for (axis, _), size, k, s, pb, pa, dil, out in zip(
        axes, sizes, w.kernel, w.stride, w.pad_before, w.pad_after, w.dilation, outs, strict=True
    ):
        top = size + pb + pa - dil * (k - 1) - 1
        if w.ceil_mode:
            raw = -(-top // s) + 1
            text = (
                f"{axis}: ⌈({size} + {pb} + {pa} − {dil}·{k - 1} − 1) / {s}⌉ + 1"
                f" = ⌈{top}/{s}⌉ + 1 = {raw}"
            )
            if raw != out:
                text += f" → {out} (the last window would start in the padding)"
        else:
            text = (
                f"{axis}: ⌊({size} + {pb} + {pa} − {dil}·{k - 1} − 1) / {s}⌋ + 1"
                f" = ⌊{top}/{s}⌋ + 1 = {top // s} + 1 = {out}"
            )
            if top % s:
                text += f"   (rounded down: {top / s:.4g} → {top // s})"
        lines.append(text)
    if w.padding_mode == "same":
        lines.append(
            "'same' gives ⌈n / s⌉; the padding needed for that is "
            "max((out − 1)·s + dil·(k − 1) + 1 − n, 0), the odd one after (as in TensorFlow)"
        )
        if any(s > 1 for s in w.stride):
            lines.append(
                "PyTorch refuses 'same' with a stride above 1; this is the TensorFlow/Keras rule"
            )
    return Step("General formula (PyTorch's)", lines)


def _pool(result: LayerResult, known: Known, config: Config) -> list[Step]:
    w = result.window
    assert w is not None and known.output_shape is not None
    dims = len(w.kernel)
    axes = list(_SYMBOLS[dims].items())
    sizes, outs = known.input_shape[1:], known.output_shape[1:]
    kind = "largest" if result.type.startswith("Max") else "average"
    steps = [
        Step(
            "Window",
            [
                f"window {' × '.join(str(v) for v in reversed(w.kernel))}, stride "
                + _per_axis(w.stride, axes)
                + ", padding "
                + _per_axis(w.pad_before, axes)
                + (
                    ", dilation " + _per_axis(w.dilation, axes)
                    if any(d > 1 for d in w.dilation)
                    else ""
                )
                + (", ceil_mode" if w.ceil_mode else ""),
                f"each output value is the {kind} of one window, channel by channel; "
                f"the {result.in_channels} channels stay {result.in_channels}",
            ],
        ),
    ]
    if not w.ceil_mode:
        steps.append(_article_step(w, axes, sizes, outs))
    steps.append(_general_step(w, axes, sizes, outs, result.type))
    steps.append(Step("Output", [f"{shape_list(known.output_shape)}; no trainable parameters"]))
    return steps


def _conv_transpose(result: LayerResult, known: Known, config: Config) -> list[Step]:
    w = result.window
    assert w is not None and known.output_shape is not None
    dims = len(w.kernel)
    axes = list(_SYMBOLS[dims].items())
    sizes, outs = known.input_shape[1:], known.output_shape[1:]
    lines = ["out = (n − 1)·s − 2·pad + dil·(k − 1) + output_padding + 1"]
    for (axis, _), size, k, s, p, dil, op, out in zip(
        axes,
        sizes,
        w.kernel,
        w.stride,
        w.pad_before,
        w.dilation,
        w.output_padding,
        outs,
        strict=True,
    ):
        lines.append(f"{axis}: ({size} − 1)·{s} − 2·{p} + {dil}·({k} − 1) + {op} + 1 = {out}")
    lines.append(
        "each input value stamps a scaled copy of the kernel onto the output, s apart: "
        "the reverse of a convolution's shape rule"
    )
    ch = result.channels
    assert ch is not None  # the transposed conv rule sets it
    c_in, k_out, g = ch.in_channels, ch.out_channels, ch.groups
    kprod = " × ".join(str(v) for v in reversed(w.kernel))
    bias = ch.bias
    return [
        Step("Output size", lines),
        Step("Output", [shape_list(known.output_shape)]),
        Step(
            "Trainable parameters",
            [
                f"in_channels × (out_channels / groups) × kernel{' + out_channels' if bias else ''}"
                f" = {c_in} × {k_out // g} × {kprod}{f' + {k_out}' if bias else ''}"
                f" = {count(known.params)}"
            ],
        ),
        Step(
            "Multiply-accumulates",
            [
                f"input positions × in_channels × (out_channels / groups) × kernel = "
                f"{' × '.join(str(v) for v in sizes)} × {c_in} × {k_out // g} × {kprod}"
                f" = {count(known.macs)} MACs",
                f"FLOPs = 2 × MACs = {count(2 * known.macs)}",
            ],
        ),
    ]


def _linear(result: LayerResult, known: Known, config: Config) -> list[Step]:
    shape = known.input_shape
    ch = result.channels
    assert ch is not None  # the linear rule sets it
    fin, fout, bias = ch.in_channels, ch.out_channels, ch.bias
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
                f"input elements × out = {count(prod(shape))} × {fout} = {count(known.macs)} MACs",
                f"FLOPs = 2 × MACs = {count(2 * known.macs)}",
            ],
        ),
    ]


def _batch_norm(result: LayerResult, known: Known, config: Config) -> list[Step]:
    c = result.in_channels
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


def _merge(result: LayerResult, known: Known, config: Config) -> list[Step]:
    listed = [
        f"{name}: {shape_list(s)}"
        for name, s in zip(result.inputs, result.input_shapes, strict=True)
    ]
    if result.type == "Concat" and len(result.inputs) == 1:
        rule = (
            "one input: the output is a copy of it, as torch.cat of a single tensor "
            "(DenseNet's blocks start this way, before any features are joined)"
        )
    elif result.type == "Concat":
        rule = "joined along one dimension: that dimension adds up, the others must be equal"
    else:
        rule = "element by element: every dimension equal (or 1, which is broadcast)"
    return [Step("Inputs", [*listed, rule]), Step("Output", [shape_list(known.output_shape)])]


def _adaptive(result: LayerResult, known: Known, config: Config) -> list[Step]:
    return [
        Step(
            "Shape",
            [
                f"the output size is set, whatever the input: {shape_list(known.input_shape)}"
                f" → {shape_list(known.output_shape)}",
                "the windows are chosen to cover the input evenly; no trainable parameters",
            ],
        )
    ]


def _shape_kept(result: LayerResult, known: Known, config: Config) -> list[Step]:
    same = known.input_shape == known.output_shape
    lines = [
        f"keeps the shape {shape_list(known.output_shape)}"
        if same
        else f"{shape_list(known.input_shape)} → {shape_list(known.output_shape)}"
    ]
    if result.type == "Flatten":
        lines.append(
            "all values of one sample in one vector: "
            + " × ".join(str(v) for v in known.input_shape)
            + f" = {count(known.output_shape[0])}"
        )
    if known.params:
        lines.append(f"trainable parameters: {count(known.params)}")
    return [Step("Shape", lines)]


def _totals(known: Known, receptive_field: ReceptiveField | None) -> list[Step]:
    activation = 4 * prod(known.output_shape)  # float32
    lines = [
        f"activation memory: {' × '.join(str(v) for v in known.output_shape)} × 4 bytes = "
        f"{count(activation)} bytes"
        + (f" ({size_bytes(activation)})" if activation >= 1024 else "")
    ]
    rf = receptive_field
    if rf is not None:
        dims = len(rf.size)
        names = DIM_NAMES[dims]
        lines.append(
            "receptive field: one output value sees "
            + " × ".join(str(v) for v in rf.size)
            + " input values ("
            + " × ".join(names)
            + "); the next output value along an axis moves it "
            + " × ".join(str(v) for v in rf.jump)
        )
    else:
        lines.append("receptive field: none (this output no longer maps to input positions)")
    return [Step("Memory and receptive field", lines)]


def _setting(result: LayerResult, config: Config, key: str) -> object:
    """A key's value as the engine used it: written in the file, else the type's default."""
    spec = LAYER_TYPES[result.type].key(key)
    return config.get(key, spec.default if spec is not None else None)


def _listed(value: object) -> list[object]:
    """A list value as a list; anything else as an empty one."""
    return list(value) if isinstance(value, list | tuple) else []


def _times(values: Iterable[object]) -> str:
    return " × ".join(str(v) for v in values)


def _layer_norm(result: LayerResult, known: Known, config: Config) -> list[Step]:
    shape = known.input_shape
    value = _setting(result, config, "normalized_shape")
    sizes = [value] if isinstance(value, int) else [v for v in _listed(value) if isinstance(v, int)]
    per = prod(sizes)
    rest = shape[: len(shape) - len(sizes)]
    values = _times(sizes) + (f" = {count(per)}" if len(sizes) > 1 else "")
    if rest:
        positions = _times(rest) + (f" = {count(prod(rest))}" if len(rest) > 1 else "")
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
            "ConvNeXt puts the channels last with a Permute first, so that this normalizes the "
            "channels of each pixel"
        )
    formula = f"2 × prod(normalized_shape) = 2 × {_times(sizes)}"
    if known.params == 2 * per:
        params = f"a scale and a shift for each normalized value: {formula} = {count(known.params)}"
    elif known.params:
        params = f"a scale for each normalized value (bias is off): {_times(sizes)} = {count(per)}"
    else:
        params = "none (elementwise_affine is off)"
    return [
        Step("Normalized over", lines),
        Step("Trainable parameters", [params, "not trainable: none (no running statistics)"]),
    ]


def _group_norm(result: LayerResult, known: Known, config: Config) -> list[Step]:
    shape = known.input_shape
    c, g = shape[0], result.groups
    values = prod(shape) // g
    return [
        Step(
            "Groups",
            [
                f"{c} channels in {g} groups (num_groups {g}) of {c} / {g} = {c // g} channels",
                f"each group is normalized on its own: the mean and variance of its "
                f"{_times([c // g, *shape[1:]])} = {count(values)} values, sample by sample",
                "num_groups 1 normalizes all channels together (like LayerNorm over [C, H, W]); "
                "num_groups = channels normalizes each channel alone (instance norm)",
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


def _layer_scale(result: LayerResult, known: Known, config: Config) -> list[Step]:
    shape = known.input_shape
    dim = _setting(result, config, "dim")
    axis = dim % len(shape) if isinstance(dim, int) else 0
    return [
        Step(
            "Scale",
            [
                f"one learned factor for each of the {shape[axis]} indices along dimension {axis}"
                f"{' (the channels)' if axis == 0 and len(shape) > 1 else ''}, multiplying every "
                f"value there; the shape {shape_list(shape)} is kept",
                f"trainable parameters: {count(known.params)}; ConvNeXt starts them at 1e-6, so a "
                "new block adds almost nothing to its shortcut at first",
            ],
        )
    ]


def _permute(result: LayerResult, known: Known, config: Config) -> list[Step]:
    shape, out = known.input_shape, known.output_shape
    rank = len(shape)
    assert result.rearrangement is not None  # set whenever a permute has an output
    order = list(result.rearrangement.order)
    lines = [
        f"output dimension {i} is input dimension {d} (size {shape[d]})"
        for i, d in enumerate(order)
    ]
    lines.append(f"{shape_list(shape)} → {shape_list(out)}: the same values, read in a new order")
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


def _channel_shuffle(result: LayerResult, known: Known, config: Config) -> list[Step]:
    c, g = known.input_shape[0], result.groups
    shown = ", ".join(str(v) for v in shuffled_channels(c, g, 12)) + (", …" if c > 12 else "")
    if g == 1 or g == c:
        shown += " (the same order: with groups 1, or one channel per group, nothing moves)"
    return [
        Step(
            "Interleaving",
            [
                f"{c} channels in {g} groups (groups {g}) of {c} / {g} = {c // g}: group i holds "
                f"channels "
                f"i·{c // g} … i·{c // g} + {c // g - 1}",
                "the output takes the first channel of every group, then the second of every "
                "group, and so on",
                "e.g. 6 channels in 2 groups [0 1 2 | 3 4 5] become 0, 3, 1, 4, 2, 5",
                f"here the output's channels are input channels {shown}",
                "so the next grouped convolution sees channels from every group (ShuffleNet); "
                "the shape is kept and nothing is learned",
            ],
        )
    ]


def _narrow(result: LayerResult, known: Known, config: Config) -> list[Step]:
    shape = known.input_shape
    cut = result.rearrangement
    assert cut is not None  # set whenever a narrow has an output
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


_FAMILY_STEPS: dict[Family, Explain] = {
    Family.CONV: _conv,
    Family.CONV_TRANSPOSE: _conv_transpose,
    Family.MAX_POOL: _pool,
    Family.AVG_POOL: _pool,
    Family.ADAPTIVE_POOL: _adaptive,
    Family.LINEAR: _linear,
    Family.BATCH_NORM: _batch_norm,
    Family.MERGE: _merge,
    Family.LAYER_NORM: _layer_norm,
    Family.GROUP_NORM: _group_norm,
    Family.LAYER_SCALE: _layer_scale,
    Family.PERMUTE: _permute,
    Family.CHANNEL_SHUFFLE: _channel_shuffle,
    Family.NARROW: _narrow,
}


def explain_element(
    network: Network, report: Report, index: int, out_position: tuple[int, ...]
) -> list[Step]:
    """The index arithmetic of one output element of a conv, pool or transposed conv."""
    result = report.layers[index]
    w, in_shape = result.window, result.input_shapes[0] if result.input_shapes else None
    if w is None or result.output_shape is None or in_shape is None:
        return []
    dims = len(w.kernel)
    names = DIM_NAMES[dims]
    lines = []
    if result.type.startswith("ConvTranspose"):
        spans = transposed_span(w, out_position, in_shape[1:])
        for name, o, span in zip(names, out_position, spans, strict=True):
            if span is None:
                lines.append(f"{name}: output {o} receives no input value (only bias)")
            else:
                lines.append(
                    f"{name}: output {o} gets contributions from inputs {span[0]}…{span[1]} "
                    f"(input i lands at i·{w.stride[names.index(name)]} − pad + tap·dil)"
                )
        return [Step("This output element", lines)]
    sizes = in_shape[1:]
    for name, o, (first, last), s, p, d, size in zip(
        names,
        out_position,
        input_span(w, out_position),
        w.stride,
        w.pad_before,
        w.dilation,
        sizes,
        strict=True,
    ):
        text = (
            f"{name}: output {o} starts at input {o}·{s} − {p} = {first}, ends at "
            f"{first} + ({w.kernel[names.index(name)]} − 1)·{d} = {last}"
        )
        if first < 0 or last >= size:
            text += "  (part of it lies in the padding)"
        lines.append(text)
    return [Step("This output element", lines)]
