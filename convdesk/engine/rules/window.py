"""The sliding-window families: convolution, transposed convolution, max and average pooling.

Conv layers are explained in the seed article's notation (input w × h × d, kernels m × l × d,
stride s, output p × q × k) with the numbers put in, then by the general formula with padding and
dilation. The article's bracket form, [(w − m + 1) / s], is only right when the brackets round
up; the steps say so.
"""

from __future__ import annotations

from math import gcd, prod
from typing import NamedTuple

from ..divisors import divisors
from ..layertypes import LayerType
from ..network import Layer
from ..numbers import count, shape_list
from ..report import (
    Channels,
    Computed,
    Known,
    LayerResult,
    ReceptiveField,
    Shape,
    Window,
    WindowDetail,
)
from ..values import (
    DIM_NAMES,
    LayerError,
    get_bool,
    key_int,
    key_minimum,
    key_spatial,
    spatial,
)
from .base import (
    Config,
    Drawing,
    FamilyRule,
    Inputs,
    Step,
    check_in_channels,
    detail_of,
    failing_with,
    need_rank,
)

Axes = list[tuple[str, tuple[str, str, str]]]  # an axis's name and its article symbols

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


class Conv(FamilyRule):
    """Conv1d/2d/3d: kernels slide over the input; "same" padding may be uneven."""

    drawing = Drawing.WINDOW

    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        keys = _ConvKeys.read(layer, ltype, given.shape)
        sizes, kernel, stride, dilation = keys.sizes, keys.kernel, keys.stride, keys.dilation
        extent = tuple(d * (k - 1) + 1 for k, d in zip(kernel, dilation, strict=True))
        padding = layer.get("padding")
        if padding == "valid":
            before = after = (0,) * len(sizes)
            mode = "valid"
        elif padding == "same":
            totals = [
                max((-(-n // s) - 1) * s + e - n, 0)
                for n, s, e in zip(sizes, stride, extent, strict=True)
            ]
            before = tuple(t // 2 for t in totals)
            after = tuple(t - t // 2 for t in totals)  # the odd pixel goes after, as in TensorFlow
            mode = "same"
        else:
            if isinstance(padding, str):
                raise LayerError(
                    f"padding must be a number, a list, 'same' or 'valid', not {padding!r}"
                )
            before = after = spatial(padding, "padding", len(sizes), key_minimum(ltype, "padding"))
            mode = "explicit"
        window = Window(kernel, stride, dilation, before, after, padding_mode=mode)
        detail = WindowDetail(window, keys.channels)
        out = []
        with failing_with(detail):
            for axis, (n, k, s, d, e, pb, pa) in enumerate(
                zip(sizes, kernel, stride, dilation, extent, before, after, strict=True)
            ):
                o = (n + pb + pa - e) // s + 1
                if o < 1:
                    raise _too_small(ltype, axis, n, e, k, d, (pb, pa), mode == "explicit")
                out.append(o)
        output_shape = (keys.channels.out_channels, *out)
        per_kernel = (keys.channels.in_channels // keys.channels.groups) * prod(kernel)
        return Computed(
            output_shape,
            params=keys.channels.out_channels * per_kernel + keys.bias_count,
            macs=prod(output_shape) * per_kernel,
            receptive_field=_window_rf(given.field, kernel, stride, dilation),
            detail=detail,
        )

    def explain(self, result: LayerResult, known: Known, config: Config) -> list[Step]:
        detail = detail_of(result, WindowDetail)
        w, ch = detail.window, detail.channels
        shape = known.input_shape
        axes = list(_SYMBOLS[len(w.kernel)].items())
        c_in, k, groups = ch.in_channels, ch.out_channels, ch.groups
        sizes, outs = shape[1:], known.output_shape[1:]
        in_sym = " × ".join(f"{s[0]}" for _, s in reversed(axes))
        kern_sym = " × ".join(f"{s[1]}" for _, s in reversed(axes))
        kernel_text = " × ".join(str(v) for v in reversed(w.kernel))
        steps = [
            Step(
                "Input and kernels",
                [
                    f"input {in_sym} × d = "
                    + " × ".join(str(v) for v in reversed(sizes))
                    + f" × {c_in}   ({', '.join(a for a, _ in reversed(axes))}, depth d)",
                    f"k = {k} kernel{'' if k == 1 else 's'}, each {kern_sym} × d"
                    + (
                        f"/groups = {kernel_text} × {c_in // groups}"
                        if groups > 1
                        else f" = {kernel_text} × {c_in}"
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
        steps.append(_general_step(w, axes, sizes, outs))
        out_text = " × ".join(str(v) for v in reversed(outs))
        out_sym = " × ".join(s[2] for _, s in reversed(axes))
        steps.append(
            Step(
                "Output",
                [
                    f"{out_sym} × k = {out_text} × {k}",
                    f"channels first, as PyTorch writes it: {shape_list(known.output_shape)}",
                ],
            )
        )
        per_kernel = c_in // groups
        bias = ch.bias
        d_text = "d" if groups == 1 else "d/groups"
        lines = [
            f"({kern_sym} × {d_text}{' + 1' if bias else ''}) × k"
            f" = ({kernel_text} × {per_kernel}{' + 1' if bias else ''}) × {k}"
            f" = {count(per_kernel * prod(w.kernel) + bias)} × {k} = {count(known.params)}",
            "each kernel has one weight per input value it covers"
            + (" plus one bias" if bias else " and no bias"),
        ]
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
                    f"({kernel_text} × {per_kernel}) = {count(known.macs)} MACs",
                    f"FLOPs = 2 × MACs = {count(2 * known.macs)}",
                ],
            )
        )
        return steps


class ConvTranspose(FamilyRule):
    """ConvTranspose1d/2d/3d: each input value stamps the kernel onto the output, s apart."""

    drawing = Drawing.TRANSPOSED_WINDOW

    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        keys = _ConvKeys.read(layer, ltype, given.shape)
        dims = len(keys.sizes)
        padding = layer.get("padding")
        if isinstance(padding, str):
            raise LayerError(
                f"padding {padding!r} is for Conv layers; a transposed convolution takes numbers"
            )
        padding = spatial(padding, "padding", dims, key_minimum(ltype, "padding"))
        out_pad = key_spatial(layer, ltype, "output_padding", dims)
        window = Window(keys.kernel, keys.stride, keys.dilation, padding, padding, out_pad)
        detail = WindowDetail(window, keys.channels)
        out = []
        with failing_with(detail):
            for axis, (n, k, s, d, p, op) in enumerate(
                zip(
                    keys.sizes,
                    keys.kernel,
                    keys.stride,
                    keys.dilation,
                    padding,
                    out_pad,
                    strict=True,
                )
            ):
                out.append(_transposed_size(DIM_NAMES[dims][axis], n, k, s, d, p, op))
        c_in, c_out, groups = (
            keys.channels.in_channels,
            keys.channels.out_channels,
            keys.channels.groups,
        )
        per_input = (c_out // groups) * prod(keys.kernel)
        return Computed(
            (c_out, *out),
            params=c_in * per_input + keys.bias_count,
            macs=prod(keys.sizes) * c_in * per_input,
            detail=detail,
        )

    def explain(self, result: LayerResult, known: Known, config: Config) -> list[Step]:
        detail = detail_of(result, WindowDetail)
        w, ch = detail.window, detail.channels
        axes = list(_SYMBOLS[len(w.kernel)].items())
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
        c_in, k_out, g = ch.in_channels, ch.out_channels, ch.groups
        kprod = " × ".join(str(v) for v in reversed(w.kernel))
        bias = ch.bias
        return [
            Step("Output size", lines),
            Step("Output", [shape_list(known.output_shape)]),
            Step(
                "Trainable parameters",
                [
                    "in_channels × (out_channels / groups) × kernel"
                    f"{' + out_channels' if bias else ''}"
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


class Pool(FamilyRule):
    """MaxPool and AvgPool 1d/2d/3d: a window takes the largest or the average, channel by
    channel (only max pooling has a dilation)."""

    drawing = Drawing.WINDOW

    def __init__(self, kind: str, dilated: bool) -> None:
        self.kind = kind  # what each output value is of its window: "largest" or "average"
        self.dilated = dilated

    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        shape = given.shape
        need_rank(ltype, shape)
        dims = ltype.fixed_dims
        kernel = key_spatial(layer, ltype, "kernel_size", dims)
        stride = key_spatial(layer, ltype, "stride", dims)
        padding = key_spatial(layer, ltype, "padding", dims)
        dilation = key_spatial(layer, ltype, "dilation", dims) if self.dilated else (1,) * dims
        ceil_mode = get_bool(layer, "ceil_mode")
        window = Window(kernel, stride, dilation, padding, padding, ceil_mode=ceil_mode)
        detail = WindowDetail(window, Channels(shape[0], shape[0]))
        out = []
        with failing_with(detail):
            for axis, (n, k, s, p, d) in enumerate(
                zip(shape[1:], kernel, stride, padding, dilation, strict=True)
            ):
                out.append(self._size(ltype, axis, n, k, s, p, d, ceil_mode))
        return Computed(
            (shape[0], *out),
            receptive_field=_window_rf(given.field, kernel, stride, dilation),
            detail=detail,
        )

    @staticmethod
    def _size(
        ltype: LayerType, axis: int, n: int, k: int, s: int, p: int, d: int, ceil_mode: bool
    ) -> int:
        if 2 * p > k:
            raise LayerError(
                f"along the {DIM_NAMES[ltype.fixed_dims][axis]}, padding {p} is more than half "
                f"the kernel size {k}; padding ≤ {k // 2} or kernel ≥ {2 * p} would fit"
            )
        span = n + 2 * p - d * (k - 1) - 1
        if ceil_mode:
            o = -(-span // s) + 1
            if (o - 1) * s >= n + p:  # the last window would start in the right-hand padding
                o -= 1
        else:
            o = span // s + 1
        if o < 1:
            raise _too_small(ltype, axis, n, d * (k - 1) + 1, k, d, (p, p), True, pool=True)
        return o

    def explain(self, result: LayerResult, known: Known, config: Config) -> list[Step]:
        detail = detail_of(result, WindowDetail)
        w, channels = detail.window, detail.channels.in_channels
        axes = list(_SYMBOLS[len(w.kernel)].items())
        sizes, outs = known.input_shape[1:], known.output_shape[1:]
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
                    f"each output value is the {self.kind} of one window, channel by channel; "
                    f"the {channels} channels stay {channels}",
                ],
            ),
        ]
        if not w.ceil_mode:
            steps.append(_article_step(w, axes, sizes, outs))
        steps.append(_general_step(w, axes, sizes, outs))
        steps.append(Step("Output", [f"{shape_list(known.output_shape)}; no trainable parameters"]))
        return steps


def _window_rf(
    rf: ReceptiveField | None,
    kernel: tuple[int, ...],
    stride: tuple[int, ...],
    dilation: tuple[int, ...],
) -> ReceptiveField | None:
    if rf is None:
        return None
    size = tuple(
        s + (k - 1) * d * j for s, j, k, d in zip(rf.size, rf.jump, kernel, dilation, strict=True)
    )
    return ReceptiveField(size, tuple(j * s for j, s in zip(rf.jump, stride, strict=True)))


def _divisible(what: str, channels: int, groups: int, other: int) -> None:
    if channels % groups == 0:
        return
    fits = divisors(gcd(channels, other))  # the groups that divide both channel counts
    near = sorted(fits, key=lambda g: (abs(g - groups), g))[:2]
    raise LayerError(
        f"{what} {channels} is not divisible by groups {groups}; groups "
        + " or ".join(str(g) for g in sorted(near))
        + " would fit"
    )


def _too_small(
    ltype: LayerType,
    axis: int,
    n: int,
    extent: int,
    kernel: int,
    dilation: int,
    pads: tuple[int, int],
    symmetric: bool,
    pool: bool = False,
) -> LayerError:
    """The error for a window that does not fit its (padded) input along one axis."""
    dim = DIM_NAMES[ltype.fixed_dims][axis]
    padded = n + pads[0] + pads[1]
    what = f"kernel {kernel}" if dilation == 1 else f"kernel {kernel} (dilated span {extent})"
    fits = []
    if symmetric:
        need = -(-(extent - n) // 2)
        if not (pool and 2 * need > kernel):  # a pool's padding is at most half its kernel
            fits.append(f"padding ≥ {need}")
    fits.append(f"kernel ≤ {(padded - 1) // dilation + 1}")
    return LayerError(
        f"along the {dim}, {what} exceeds the padded input {padded} "
        f"({n} + {pads[0]} + {pads[1]}); " + " or ".join(fits) + " would fit"
    )


def _transposed_size(dim: str, n: int, k: int, s: int, d: int, p: int, op: int) -> int:
    """A transposed convolution's output size along one axis."""
    if op >= s and op >= d:
        raise LayerError(
            f"along the {dim}, output_padding {op} must be smaller than the stride {s} or "
            f"the dilation {d}; output_padding ≤ {max(s, d) - 1} would fit"
        )
    o = (n - 1) * s - 2 * p + d * (k - 1) + op + 1
    if o < 1:
        most = ((n - 1) * s + d * (k - 1) + op) // 2
        raise LayerError(
            f"along the {dim}, the output would be {o}: (n - 1)s - 2p + d(k - 1) + "
            f"output_padding + 1 = ({n} - 1)·{s} - 2·{p} + {d}·({k} - 1) + {op} + 1; "
            f"padding ≤ {most} would fit"
        )
    return o


class _ConvKeys(NamedTuple):
    """The keys conv and transposed conv share, checked against the input's channels."""

    sizes: Shape  # the input's spatial sizes
    kernel: tuple[int, ...]
    stride: tuple[int, ...]
    dilation: tuple[int, ...]
    channels: Channels

    @classmethod
    def read(cls, layer: Layer, ltype: LayerType, shape: Shape) -> _ConvKeys:
        need_rank(ltype, shape)
        dims = ltype.fixed_dims
        out_channels = key_int(layer, ltype, "out_channels")
        groups = key_int(layer, ltype, "groups")
        kernel = key_spatial(layer, ltype, "kernel_size", dims)
        stride = key_spatial(layer, ltype, "stride", dims)
        dilation = key_spatial(layer, ltype, "dilation", dims)
        bias = get_bool(layer, "bias")
        check_in_channels(layer, "in_channels", shape[0])
        _divisible("in_channels", shape[0], groups, out_channels)
        _divisible("out_channels", out_channels, groups, shape[0])
        channels = Channels(shape[0], out_channels, groups, bias)
        return cls(shape[1:], kernel, stride, dilation, channels)

    @property
    def bias_count(self) -> int:
        """The bias's parameters: one per output channel, if there is a bias."""
        return self.channels.out_channels if self.channels.bias else 0


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


def _general_step(w: Window, axes: Axes, sizes: Shape, outs: Shape) -> Step:
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
