"""Shapes, parameters, MACs and receptive fields of every layer, by the spec's rules.

`compute(network)` walks the layers in order. A layer whose values cannot work gets an error that
names it, the rule and the numbers, and what would fit; layers that depend on it have no shape
(`blocked_by` says which layer is to blame). Nothing here raises for a bad network.
"""

from __future__ import annotations

from math import gcd, isfinite, prod

from .divisors import divisors
from .layertypes import LAYER_TYPES, Family, LayerType
from .modern import RULES as MODERN_RULES
from .network import INPUT, Layer, Network
from .numbers import shape_list
from .report import Channels, LayerResult, ReceptiveField, Report, Shape, Window
from .rule import Rule
from .values import (
    DIM_NAMES,
    MAX_INT,
    LayerError,
    get_bool,
    get_dim,
    get_optional_int,
    is_int,
    is_number,
    key_int,
    key_minimum,
    key_number,
    key_spatial,
    shape_names,
    spatial,
    too_big,
)


def compute(network: Network, reuse: tuple[Report, int] | None = None) -> Report:
    """The full report of a network. Never raises for a badly configured network.

    `reuse` = (report, first): `report` was computed for this network before a change to its
    layers from `first` on (not to its input, nor to any name used earlier); the results of
    the layers before `first` are taken from it, as they cannot have changed.
    """
    input_shape = tuple(network.input)
    report = Report(network.name, input_shape)
    shapes: dict[str, Shape | None] = {INPUT: input_shape}
    rfs: dict[str, ReceptiveField | None] = {INPUT: _input_rf(input_shape)}
    culprit: dict[str, str] = {}  # layer without a shape -> the layer in error that caused it
    if not input_shape or not all(is_int(v) and 1 <= v <= MAX_INT for v in input_shape):
        shapes[INPUT] = None
        culprit[INPUT] = INPUT
    previous = INPUT
    first = 0
    if reuse is not None and reuse[0].input == input_shape:
        old, first = reuse[0].layers, max(0, min(reuse[1], len(reuse[0].layers)))
        layers = network.layers
        if first > len(layers) or any(
            old[i].name != layers[i].name or old[i].type != layers[i].type for i in range(first)
        ):
            first = 0
        for result in old[:first]:
            report.layers.append(result)
            previous = result.name
            if result.output_shape is None:
                culprit[result.name] = result.blocked_by or result.name
            shapes[result.name] = result.output_shape
            rfs[result.name] = result.receptive_field
    for index, layer in enumerate(network.layers[first:], first):
        inputs = list(layer.inputs) if layer.inputs is not None else [previous]
        result = LayerResult(
            index, layer.name, layer.type, inputs, [shapes.get(name) for name in inputs]
        )
        report.layers.append(result)
        previous = layer.name
        try:
            _check_inputs(layer, inputs, shapes)
        except LayerError as exc:
            result.error = f"{layer.name}: {exc}"
        else:
            blocked = [name for name in inputs if shapes[name] is None]
            if blocked:
                result.blocked_by = culprit[blocked[0]]
            else:
                _apply(layer, result, [rfs[name] for name in inputs])
        if result.output_shape is None:
            culprit[layer.name] = result.blocked_by or layer.name
        shapes[layer.name] = result.output_shape
        rfs[layer.name] = result.receptive_field
    return report


def _input_rf(shape: Shape) -> ReceptiveField | None:
    if len(shape) < 2:
        return None
    ones = (1,) * (len(shape) - 1)
    return ReceptiveField(ones, ones)


def _check_inputs(layer: Layer, inputs: list[str], shapes: dict[str, Shape | None]) -> None:
    if layer.name in shapes:
        raise LayerError(f"the name {layer.name!r} is already used by an earlier layer")
    for name in inputs:
        if name not in shapes:
            raise LayerError(
                f"inputs names {name!r}, which is not an earlier layer "
                f"(inputs may name 'input' or a layer above this one)"
            )


def _apply(layer: Layer, result: LayerResult, in_rfs: list[ReceptiveField | None]) -> None:
    ltype = LAYER_TYPES.get(layer.type)
    if ltype is None:
        result.error = f"{layer.name}: {layer.type!r} is not a layer type convdesk knows"
        return
    in_shapes: list[Shape] = result.input_shapes  # type: ignore[assignment]  # all known here
    try:
        if not ltype.is_merge and len(in_shapes) != 1:
            raise LayerError(
                f"{layer.type} takes one input, but inputs names {len(in_shapes)}; "
                "use Add, Mul or Concat to merge"
            )
        _RULES[ltype.family](layer, ltype, result, in_shapes, in_rfs)
        _check_size(result.output_shape)
    except LayerError as exc:
        result.error = f"{layer.name}: {exc}"
        result.output_shape = None
        result.receptive_field = None


def _check_size(shape: Shape | None) -> None:
    # Bounding every size keeps all later products exact and every float conversion finite.
    if shape is not None and max(shape, default=1) > MAX_INT:
        raise LayerError(
            f"the output {shape_list(shape)} has a size above 2^63 = {MAX_INT:,}, more than "
            "convdesk supports"
        )


# --- rules by family -------------------------------------------------------------------------


def _need_rank(ltype: LayerType, shape: Shape, dims: int | None = None) -> None:
    dims = ltype.fixed_dims if dims is None else dims
    if len(shape) != dims + 1:
        raise LayerError(
            f"{ltype.name} needs a {shape_names(dims)} input, but its input is {shape_list(shape)}"
        )


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


def _check_in_channels(layer: Layer, key: str, actual: int) -> None:
    given = get_optional_int(layer, key)
    if given is not None and given != actual:
        raise LayerError(
            f"{key} is {given}, but the input has {actual} channels; set {key} to {actual} "
            "or remove it"
        )


def _divisible(layer: Layer, what: str, channels: int, groups: int, other: int) -> None:
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
) -> LayerError:
    """The error for a window that does not fit its (padded) input along one axis."""
    dim = DIM_NAMES[ltype.fixed_dims][axis]
    padded = n + pads[0] + pads[1]
    what = f"kernel {kernel}" if dilation == 1 else f"kernel {kernel} (dilated span {extent})"
    fits = []
    if symmetric:
        need = -(-(extent - n) // 2)
        if ltype.family in (Family.MAX_POOL, Family.AVG_POOL) and 2 * need > kernel:
            pass  # the padding would break the pool's own half-kernel rule
        else:
            fits.append(f"padding ≥ {need}")
    fits.append(f"kernel ≤ {(padded - 1) // dilation + 1}")
    return LayerError(
        f"along the {dim}, {what} exceeds the padded input {padded} "
        f"({n} + {pads[0]} + {pads[1]}); " + " or ".join(fits) + " would fit"
    )


def _conv_keys(
    layer: Layer, ltype: LayerType, shape: Shape
) -> tuple[int, int, tuple[int, ...], tuple[int, ...], tuple[int, ...], bool]:
    """The keys conv and transposed conv share, checked against the input's channels."""
    _need_rank(ltype, shape)
    dims = ltype.fixed_dims
    out_channels = key_int(layer, ltype, "out_channels")
    groups = key_int(layer, ltype, "groups")
    kernel = key_spatial(layer, ltype, "kernel_size", dims)
    stride = key_spatial(layer, ltype, "stride", dims)
    dilation = key_spatial(layer, ltype, "dilation", dims)
    bias = get_bool(layer, "bias")
    _check_in_channels(layer, "in_channels", shape[0])
    _divisible(layer, "in_channels", shape[0], groups, out_channels)
    _divisible(layer, "out_channels", out_channels, groups, shape[0])
    return out_channels, groups, kernel, stride, dilation, bias


def _conv(
    layer: Layer,
    ltype: LayerType,
    result: LayerResult,
    in_shapes: list[Shape],
    in_rfs: list[ReceptiveField | None],
) -> None:
    shape = in_shapes[0]
    dims = ltype.fixed_dims
    c_in, sizes = shape[0], shape[1:]
    out_channels, groups, kernel, stride, dilation, bias = _conv_keys(layer, ltype, shape)
    extent = tuple(d * (k - 1) + 1 for k, d in zip(kernel, dilation, strict=True))
    padding = layer.get("padding")
    if padding == "valid":
        before = after = (0,) * dims
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
        before = after = spatial(padding, "padding", dims, key_minimum(ltype, "padding"))
        mode = "explicit"
    # Set before the size check, so that a layer in error can still be drawn (its kernel
    # hanging over the edge).
    result.window = Window(kernel, stride, dilation, before, after, padding_mode=mode)
    result.channels = Channels(c_in, out_channels, groups, bias)
    out = []
    for axis, (n, k, s, d, e, pb, pa) in enumerate(
        zip(sizes, kernel, stride, dilation, extent, before, after, strict=True)
    ):
        o = (n + pb + pa - e) // s + 1
        if o < 1:
            raise _too_small(ltype, axis, n, e, k, d, (pb, pa), mode == "explicit")
        out.append(o)
    result.output_shape = (out_channels, *out)
    per_kernel = (c_in // groups) * prod(kernel)
    result.params = out_channels * per_kernel + (out_channels if bias else 0)
    result.non_trainable_params = 0
    result.macs = prod(result.output_shape) * per_kernel
    result.receptive_field = _window_rf(in_rfs[0], kernel, stride, dilation)


def _conv_transpose(
    layer: Layer,
    ltype: LayerType,
    result: LayerResult,
    in_shapes: list[Shape],
    in_rfs: list[ReceptiveField | None],
) -> None:
    shape = in_shapes[0]
    dims = ltype.fixed_dims
    c_in, sizes = shape[0], shape[1:]
    out_channels, groups, kernel, stride, dilation, bias = _conv_keys(layer, ltype, shape)
    padding = layer.get("padding")
    if isinstance(padding, str):
        raise LayerError(
            f"padding {padding!r} is for Conv layers; a transposed convolution takes numbers"
        )
    padding = spatial(padding, "padding", dims, key_minimum(ltype, "padding"))
    out_pad = key_spatial(layer, ltype, "output_padding", dims)
    result.window = Window(kernel, stride, dilation, padding, padding, out_pad)
    result.channels = Channels(c_in, out_channels, groups, bias)
    out = []
    for axis, (n, k, s, d, p, op) in enumerate(
        zip(sizes, kernel, stride, dilation, padding, out_pad, strict=True)
    ):
        dim = DIM_NAMES[dims][axis]
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
        out.append(o)
    result.output_shape = (out_channels, *out)
    per_input = (out_channels // groups) * prod(kernel)
    result.params = c_in * per_input + (out_channels if bias else 0)
    result.non_trainable_params = 0
    result.macs = prod(sizes) * c_in * per_input
    result.receptive_field = None


def _pool(
    layer: Layer,
    ltype: LayerType,
    result: LayerResult,
    in_shapes: list[Shape],
    in_rfs: list[ReceptiveField | None],
) -> None:
    shape = in_shapes[0]
    _need_rank(ltype, shape)
    dims = ltype.fixed_dims
    kernel = key_spatial(layer, ltype, "kernel_size", dims)
    stride = key_spatial(layer, ltype, "stride", dims)
    padding = key_spatial(layer, ltype, "padding", dims)
    dilation = (
        key_spatial(layer, ltype, "dilation", dims)
        if ltype.family == Family.MAX_POOL
        else (1,) * dims
    )
    ceil_mode = get_bool(layer, "ceil_mode")
    result.window = Window(kernel, stride, dilation, padding, padding, ceil_mode=ceil_mode)
    result.channels = Channels(shape[0], shape[0])
    out = []
    for axis, (n, k, s, p, d) in enumerate(
        zip(shape[1:], kernel, stride, padding, dilation, strict=True)
    ):
        if 2 * p > k:
            raise LayerError(
                f"along the {DIM_NAMES[dims][axis]}, padding {p} is more than half the kernel "
                f"size {k}; padding ≤ {k // 2} or kernel ≥ {2 * p} would fit"
            )
        span = n + 2 * p - d * (k - 1) - 1
        if ceil_mode:
            o = -(-span // s) + 1
            if (o - 1) * s >= n + p:  # the last window would start in the right-hand padding
                o -= 1
        else:
            o = span // s + 1
        if o < 1:
            raise _too_small(ltype, axis, n, d * (k - 1) + 1, k, d, (p, p), True)
        out.append(o)
    result.output_shape = (shape[0], *out)
    result.params = result.non_trainable_params = result.macs = 0
    result.receptive_field = _window_rf(in_rfs[0], kernel, stride, dilation)


def _adaptive_pool(
    layer: Layer,
    ltype: LayerType,
    result: LayerResult,
    in_shapes: list[Shape],
    in_rfs: list[ReceptiveField | None],
) -> None:
    shape = in_shapes[0]
    _need_rank(ltype, shape)
    value = layer.get("output_size")
    if isinstance(value, list) and len(value) == ltype.fixed_dims:
        # PyTorch lets None keep the input's size along that dimension.
        value = [n if v is None else v for v, n in zip(value, shape[1:], strict=True)]
    size = spatial(value, "output_size", ltype.fixed_dims, key_minimum(ltype, "output_size"))
    result.output_shape = (shape[0], *size)
    result.params = result.non_trainable_params = result.macs = 0


def _linear(
    layer: Layer,
    ltype: LayerType,
    result: LayerResult,
    in_shapes: list[Shape],
    in_rfs: list[ReceptiveField | None],
) -> None:
    shape = in_shapes[0]
    out_features = key_int(layer, ltype, "out_features")
    bias = get_bool(layer, "bias")
    in_features = shape[-1]
    given = get_optional_int(layer, "in_features")
    if given is not None and given != in_features:
        raise LayerError(
            f"in_features is {given}, but the input's last dimension is {in_features} "
            f"(input {shape_list(shape)}); set in_features to {in_features}, or add Flatten "
            "before this layer"
        )
    result.channels = Channels(in_features, out_features, bias=bias)
    result.output_shape = (*shape[:-1], out_features)
    result.params = in_features * out_features + (out_features if bias else 0)
    result.non_trainable_params = 0
    result.macs = prod(shape) * out_features


def _flatten(
    layer: Layer,
    ltype: LayerType,
    result: LayerResult,
    in_shapes: list[Shape],
    in_rfs: list[ReceptiveField | None],
) -> None:
    result.output_shape = (prod(in_shapes[0]),)
    result.params = result.non_trainable_params = result.macs = 0


def _batch_norm(
    layer: Layer,
    ltype: LayerType,
    result: LayerResult,
    in_shapes: list[Shape],
    in_rfs: list[ReceptiveField | None],
) -> None:
    shape = in_shapes[0]
    if ltype.dims == 1:
        if len(shape) not in (1, 2):
            raise LayerError(f"BatchNorm1d needs a [C] or [C, L] input, not {shape_list(shape)}")
    else:
        _need_rank(ltype, shape)
    channels = shape[0]
    _check_in_channels(layer, "num_features", channels)
    key_number(layer, ltype, "eps")
    key_number(layer, ltype, "momentum")
    affine = get_bool(layer, "affine")
    track = get_bool(layer, "track_running_stats")
    result.channels = Channels(channels, channels)
    result.output_shape = shape
    result.params = 2 * channels if affine else 0
    result.non_trainable_params = 2 * channels if track else 0
    result.macs = 0
    result.receptive_field = in_rfs[0]


def _zero_pad(
    layer: Layer,
    ltype: LayerType,
    result: LayerResult,
    in_shapes: list[Shape],
    in_rfs: list[ReceptiveField | None],
) -> None:
    shape = in_shapes[0]
    _need_rank(ltype, shape)
    value = layer.get("padding")
    if is_int(value):
        left = right = top = bottom = value
    elif isinstance(value, list) and len(value) == 4 and all(is_int(v) for v in value):
        left, right, top, bottom = value
    else:
        raise LayerError(
            f"padding must be a whole number or [left, right, top, bottom], not {value!r}"
        )
    h, w = shape[1] + top + bottom, shape[2] + left + right
    if h < 1 or w < 1:
        raise LayerError(f"negative padding crops the input {shape_list(shape)} to {h}×{w}")
    result.output_shape = (shape[0], h, w)
    result.params = result.non_trainable_params = result.macs = 0
    result.receptive_field = in_rfs[0]


_UPSAMPLE_DIMS = {"linear": 1, "bilinear": 2, "bicubic": 2, "trilinear": 3}


def _upsample(
    layer: Layer,
    ltype: LayerType,
    result: LayerResult,
    in_shapes: list[Shape],
    in_rfs: list[ReceptiveField | None],
) -> None:
    shape = in_shapes[0]
    dims = len(shape) - 1
    if dims < 1:
        raise LayerError(f"Upsample needs spatial dimensions, but its input is {shape_list(shape)}")
    mode = layer.get("mode")
    if mode not in ("nearest", "nearest-exact", *_UPSAMPLE_DIMS):
        raise LayerError(
            f"mode {mode!r} is not one of nearest, linear, bilinear, bicubic, trilinear"
        )
    if mode in _UPSAMPLE_DIMS and _UPSAMPLE_DIMS[mode] != dims:
        raise LayerError(
            f"mode {mode!r} works on {_UPSAMPLE_DIMS[mode]}-D inputs, but the input "
            f"{shape_list(shape)} has {dims} spatial dimension{'s' if dims > 1 else ''}"
        )
    size, scale = layer.config.get("size"), layer.config.get("scale_factor")
    if (size is None) == (scale is None):
        raise LayerError("give exactly one of size and scale_factor")
    if size is not None:
        out = spatial(size, "size", dims, key_minimum(ltype, "size"))
    else:
        if is_number(scale):
            scales = (scale,) * dims
        elif isinstance(scale, list) and len(scale) == dims and all(is_number(v) for v in scale):
            scales = tuple(scale)
        else:
            raise LayerError(f"scale_factor must be a number or a list of {dims}, not {scale!r}")
        if not all(_finite(f) and f > 0 for f in scales):
            raise LayerError(f"scale_factor must be positive and finite, not {scale}")
        sizes = [n * f for n, f in zip(shape[1:], scales, strict=True)]
        if max(sizes) > MAX_INT:
            raise LayerError(
                f"scale_factor {scale} makes {shape_list(shape)} larger than 2^63 = {MAX_INT:,}, "
                "more than convdesk supports"
            )
        out = tuple(int(v) for v in sizes)
        if min(out) < 1:
            raise LayerError(f"scale_factor {scale} shrinks {shape_list(shape)} below 1")
    result.output_shape = (shape[0], *out)
    result.params = result.non_trainable_params = result.macs = 0


def _finite(value: float) -> bool:
    return isfinite(value) if isinstance(value, float) else not too_big(value)


def _elementwise(
    layer: Layer,
    ltype: LayerType,
    result: LayerResult,
    in_shapes: list[Shape],
    in_rfs: list[ReceptiveField | None],
) -> None:
    if ltype.name == "Dropout":
        key_number(layer, ltype, "p")
    elif ltype.name == "LeakyReLU":
        key_number(layer, ltype, "negative_slope")
    elif ltype.name == "ELU":
        key_number(layer, ltype, "alpha")
    result.output_shape = in_shapes[0]
    result.params = result.non_trainable_params = result.macs = 0
    result.receptive_field = in_rfs[0]


def _axis(layer: Layer, shape: Shape) -> int:
    return get_dim(layer, "dim", shape)


def _softmax(
    layer: Layer,
    ltype: LayerType,
    result: LayerResult,
    in_shapes: list[Shape],
    in_rfs: list[ReceptiveField | None],
) -> None:
    shape = in_shapes[0]
    axis = _axis(layer, shape)
    result.output_shape = shape
    result.params = result.non_trainable_params = result.macs = 0
    # Along the channels each position stays local; along a spatial axis it sees the whole axis.
    result.receptive_field = in_rfs[0] if axis == 0 else None


def _prelu(
    layer: Layer,
    ltype: LayerType,
    result: LayerResult,
    in_shapes: list[Shape],
    in_rfs: list[ReceptiveField | None],
) -> None:
    shape = in_shapes[0]
    n = key_int(layer, ltype, "num_parameters")
    if n not in (1, shape[0]):
        raise LayerError(
            f"num_parameters {n} must be 1 or the input's channels {shape[0]}; "
            f"1 or {shape[0]} would fit"
        )
    result.output_shape = shape
    result.params, result.non_trainable_params, result.macs = n, 0, 0
    result.receptive_field = in_rfs[0]


def _merge(
    layer: Layer,
    ltype: LayerType,
    result: LayerResult,
    in_shapes: list[Shape],
    in_rfs: list[ReceptiveField | None],
) -> None:
    # Concat may take one input: torch.cat([x]) is a copy (DenseNet's blocks open so).
    if len(in_shapes) < 2 and ltype.name != "Concat":
        raise LayerError(f"{ltype.name} needs two or more inputs; name them in inputs")
    first = in_shapes[0]

    def listed() -> str:  # built only for an error: a merge may have thousands of inputs
        return ", ".join(
            f"{name} {shape_list(s)}" for name, s in zip(result.inputs, in_shapes, strict=True)
        )

    if any(len(s) != len(first) for s in in_shapes):
        raise LayerError(f"{ltype.name} needs inputs of the same rank, but has {listed()}")
    if ltype.name == "Concat":
        axis = _axis(layer, first)
        for i in range(len(first)):
            if i != axis and len({s[i] for s in in_shapes}) > 1:
                raise LayerError(
                    f"Concat along dim {axis} needs every other dimension equal, but dimension "
                    f"{i} differs: {listed()}"
                )
        out = list(first)
        out[axis] = sum(s[axis] for s in in_shapes)
        result.output_shape = tuple(out)
    else:
        out = []
        for i in range(len(first)):
            sizes = {s[i] for s in in_shapes} - {1}
            if len(sizes) > 1:
                raise LayerError(
                    f"{ltype.name} needs each dimension equal or 1, but dimension {i} differs: "
                    f"{listed()}"
                )
            out.append(sizes.pop() if sizes else 1)
        result.output_shape = tuple(out)
    result.params = result.non_trainable_params = result.macs = 0
    result.receptive_field = _merge_rf(in_rfs, len(first) - 1)


def _merge_rf(rfs: list[ReceptiveField | None], dims: int) -> ReceptiveField | None:
    known = [rf for rf in rfs if rf is not None and len(rf.size) == dims]
    if dims < 1 or len(known) != len(rfs):
        return None
    return ReceptiveField(
        tuple(max(sizes) for sizes in zip(*(rf.size for rf in known), strict=True)),
        tuple(max(jumps) for jumps in zip(*(rf.jump for rf in known), strict=True)),
    )


_RULES: dict[Family, Rule] = {
    Family.CONV: _conv,
    Family.CONV_TRANSPOSE: _conv_transpose,
    Family.MAX_POOL: _pool,
    Family.AVG_POOL: _pool,
    Family.ADAPTIVE_POOL: _adaptive_pool,
    Family.LINEAR: _linear,
    Family.FLATTEN: _flatten,
    Family.BATCH_NORM: _batch_norm,
    Family.ZERO_PAD: _zero_pad,
    Family.UPSAMPLE: _upsample,
    Family.ELEMENTWISE: _elementwise,
    Family.SOFTMAX: _softmax,
    Family.PRELU: _prelu,
    Family.MERGE: _merge,
    **MODERN_RULES,
}
