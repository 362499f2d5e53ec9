"""Keras code: `build_model()` with the functional API, channels last.

convdesk's shapes are channels first; Keras's tensors here hold the same axes with the channels
moved to the end (`[C, H, W]` is `(H, W, C)`). Every axis a layer names is turned around the
same way. Explicit padding becomes a ZeroPadding layer, since Keras only pads 'same' or 'valid'.
"""

from __future__ import annotations

from ..engine import Layer, LayerResult, Network, Report, WindowDetail
from . import ExportError, docstring_line, header, identifier

_ACTIVATIONS = {
    "ReLU": "layers.ReLU()",
    "ReLU6": "layers.ReLU(max_value=6.0)",
    "GELU": 'layers.Activation("gelu")',
    "SiLU": 'layers.Activation("silu")',
    "Sigmoid": 'layers.Activation("sigmoid")',
    "Tanh": 'layers.Activation("tanh")',
    "Hardswish": 'layers.Activation("hard_silu")',
    "Hardsigmoid": 'layers.Activation("hard_sigmoid")',
    "Identity": "layers.Identity()",
    "Flatten": "layers.Flatten()",
}


def keras_axis(dim: int, rank: int) -> int:
    """The Keras axis (with the batch) of convdesk's dim in a channels-first sample of `rank`."""
    if rank == 1:
        return 1
    return rank if dim == 0 else dim


def _keras_shape(shape) -> tuple[int, ...]:
    return tuple(shape) if len(shape) == 1 else (*shape[1:], shape[0])


def keras_code(network: Network, report: Report) -> str:
    taken: set[str] = set()
    names = {layer.name: identifier(layer.name, taken) for layer in network.layers}
    out = [
        header(network, "Keras"),
        "",
        "import keras",
        "from keras import layers",
        "",
        f"INPUT_SHAPE = {_keras_shape(network.input)!r}",
        '"""The shape of one sample, channels last (Keras\'s order), without the batch."""',
        "",
        "",
        "def build_model() -> keras.Model:",
        f'    """{docstring_line(network.name)}, with the functional API."""',
        "    inputs = keras.Input(shape=INPUT_SHAPE)",
    ]
    previous = "input"
    for layer, result in zip(network.layers, report.layers, strict=True):
        sources = layer.inputs if layer.inputs is not None else [previous]
        args = ["inputs" if name == "input" else names[name] for name in sources]
        target = names[layer.name]
        steps = _steps(layer, result, target)
        value = args[0] if len(args) == 1 else "[" + ", ".join(args) + "]"
        for i, (constructor, label) in enumerate(steps):
            keyword = f'name="{label.replace(layer.name, target, 1)}"'
            call = f"{constructor[:-1]}{', ' if not constructor.endswith('()') else ''}{keyword})"
            last = i == len(steps) - 1
            note = f"  # {_note(result)}" if last else ""
            out.append(f"    {target} = {call}({value}){note}")
            value = target
        previous = layer.name
    model_name = identifier(network.name, set())
    out += [
        f'    return keras.Model(inputs, {names[previous]}, name="{model_name}")',
        "",
        "",
        'if __name__ == "__main__":',
        "    model = build_model()",
        '    print("output", model.output_shape[1:])',
        '    print("parameters, trainable and not", model.count_params())',
    ]
    return "\n".join(out) + "\n"


def _note(result: LayerResult) -> str:
    shape = _keras_shape(result.output_shape or ())
    return f"{result.name}: {'×'.join(str(v) for v in shape)}"


def _t(values) -> str:
    values = tuple(values)
    return str(values[0]) if len(set(values)) == 1 else repr(values)


def _steps(layer: Layer, result: LayerResult, ident: str) -> list[tuple[str, str]]:
    """(constructor, name) of the Keras layers that make one convdesk layer, in order."""
    kind = layer.type
    shape = result.input_shapes[0]
    assert shape is not None
    rank = len(shape)
    get = layer.get
    one = [(_ACTIVATIONS.get(kind, ""), layer.name)]
    if kind in _ACTIVATIONS:
        return one
    if kind.startswith(("Conv", "MaxPool", "AvgPool")):
        return _sliding(layer, result)
    if kind.startswith("Adaptive"):
        size = result.output_shape[1:]  # type: ignore[index]
        pool = "Average" if "Avg" in kind else "Max"
        n = rank - 1
        if all(v == 1 for v in size):
            return [(f"layers.Global{pool}Pooling{n}D(keepdims=True)", layer.name)]
        if all(i % o == 0 for i, o in zip(shape[1:], size, strict=True)):
            window = _t(i // o for i, o in zip(shape[1:], size, strict=True))
            return [(f"layers.{pool}Pooling{n}D({window})", layer.name)]
        raise ExportError(
            f"{layer.name}: Keras has no adaptive pool from {shape[1:]} to {size}; "
            "sizes that divide evenly would fit"
        )
    if kind == "Linear":
        bias = "" if get("bias") else ", use_bias=False"
        dense = f"layers.Dense({get('out_features')}{bias})"
        if rank == 1:
            return [(dense, layer.name)]
        # convdesk's Linear acts on the last channels-first axis; bring it last for Keras.
        order = _permutation([*range(rank - 1), rank - 1], rank, swap_last=True)
        return [
            (f"layers.Permute({order!r})", f"{layer.name}_to_last"),
            (dense, layer.name),
            (f"layers.Permute({order!r})", f"{layer.name}_back"),
        ]
    if kind.startswith("BatchNorm"):
        extra = f", epsilon={get('eps')!r}, momentum={round(1 - get('momentum'), 6)!r}"  # type: ignore[operator]
        if not get("affine"):
            extra += ", center=False, scale=False"
        return [(f"layers.BatchNormalization(axis={keras_axis(0, rank)}{extra})", layer.name)]
    if kind == "ZeroPad2d":
        padding = get("padding")
        values = padding if isinstance(padding, list) else [padding] * 4
        left, right, top, bottom = (int(v) for v in values)  # type: ignore[arg-type]
        if min(left, right, top, bottom) < 0:
            if max(left, right, top, bottom) > 0:
                raise ExportError(f"{layer.name}: Keras cannot pad and crop in one layer")
            crop = ((-top, -bottom), (-left, -right))
            return [(f"layers.Cropping2D({crop!r})", layer.name)]
        return [(f"layers.ZeroPadding2D({((top, bottom), (left, right))!r})", layer.name)]
    if kind == "Upsample":
        return [_upsample(layer, result)]
    if kind == "LeakyReLU":
        return [(f"layers.LeakyReLU(negative_slope={get('negative_slope')!r})", layer.name)]
    if kind == "ELU":
        return [(f"layers.ELU(alpha={get('alpha')!r})", layer.name)]
    if kind == "Softmax":
        return [(f"layers.Softmax(axis={keras_axis(_dim(get('dim'), rank), rank)})", layer.name)]
    if kind == "Dropout":
        return [(f"layers.Dropout({get('p')!r})", layer.name)]
    if kind == "PReLU":
        shared = list(range(1, rank)) if get("num_parameters") != 1 or rank == 1 else []
        if get("num_parameters") == 1:
            shared = list(range(1, rank + 1))
        return [(f"layers.PReLU(shared_axes={shared!r})", layer.name)]
    if kind == "LayerNorm":
        normalized = get("normalized_shape")
        count = len(normalized) if isinstance(normalized, list) else 1
        axes = [keras_axis(d, rank) for d in range(rank - count, rank)]
        extra = f", epsilon={get('eps')!r}"
        if not get("elementwise_affine"):
            extra += ", center=False, scale=False"
        elif not get("bias"):
            extra += ", center=False"
        return [(f"layers.LayerNormalization(axis={axes!r}{extra})", layer.name)]
    if kind == "GroupNorm":
        extra = f", epsilon={get('eps')!r}"
        if not get("affine"):
            extra += ", center=False, scale=False"
        return [(f"layers.GroupNormalization({get('num_groups')}, axis=-1{extra})", layer.name)]
    if kind == "LayerScale":
        if _dim(get("dim"), rank) != 0 or rank != 3:
            raise ExportError(f"{layer.name}: Keras has a layer scale only per channel of a map")
        # One learned factor per channel, no bias: a 1×1 depthwise convolution, weight for weight.
        return [("layers.DepthwiseConv2D(1, use_bias=False)", layer.name)]
    if kind == "Permute":
        order = _permutation(get("dims"), rank)  # type: ignore[arg-type]
        return [(f"layers.Permute({order!r})", layer.name)]
    if kind == "ChannelShuffle":
        if rank < 2:
            raise ExportError(f"{layer.name}: a channel shuffle needs a map")
        groups = get("groups")
        spatial = _keras_shape(shape)[:-1]
        split = (*spatial, groups, shape[0] // groups)  # type: ignore[operator]
        swap = (*range(1, rank), rank + 1, rank)
        return [
            (f"layers.Reshape({split!r})", f"{layer.name}_split"),
            (f"layers.Permute({swap!r})", f"{layer.name}_swap"),
            (f"layers.Reshape({_keras_shape(shape)!r})", layer.name),
        ]
    if kind == "Narrow":
        axis = keras_axis(_dim(get("dim"), rank), rank)
        start, length = get("start"), get("length")
        index = ", ".join([":"] * axis + [f"{start}:{start + length}"])  # type: ignore[operator]
        return [(f"layers.Lambda(lambda t: t[{index}])", layer.name)]
    if kind == "Add":
        return [("layers.Add()", layer.name)]
    if kind == "Mul":
        return [("layers.Multiply()", layer.name)]
    if kind == "Concat":
        return [
            (f"layers.Concatenate(axis={keras_axis(_dim(get('dim'), rank), rank)})", layer.name)
        ]
    raise ExportError(f"{layer.name}: convdesk cannot write a {kind} layer in Keras")


def _dim(value: object, rank: int) -> int:
    return int(value) % rank  # type: ignore[call-overload]


def _permutation(dims, rank: int, swap_last: bool = False) -> tuple[int, ...]:
    """keras.layers.Permute's order (1-based, no batch) for a channels-first reordering."""
    if swap_last:  # swap the last two Keras axes: convdesk's last axis is Keras's next to last
        order = list(range(1, rank + 1))
        order[-1], order[-2] = order[-2], order[-1]
        return tuple(order)
    to_keras = [keras_axis(d, rank) for d in range(rank)]  # channels-first dim -> Keras axis
    from_keras = {k: d for d, k in enumerate(to_keras)}
    # Output Keras axis k holds channels-first output dim from_keras[k], which is input dim
    # dims[from_keras[k]], found on Keras axis to_keras[that].
    return tuple(to_keras[dims[from_keras[k]]] for k in range(1, rank + 1))


def _upsample(layer: Layer, result: LayerResult) -> tuple[str, str]:
    shape = result.input_shapes[0]
    out = result.output_shape
    assert shape is not None and out is not None
    n = len(shape) - 1
    mode = layer.get("mode")
    if any(o % i for i, o in zip(shape[1:], out[1:], strict=True)):
        if n != 2:
            raise ExportError(f"{layer.name}: Keras resizes to any size only in 2-D")
        method = "bilinear" if mode == "bilinear" else "nearest"
        return (f'layers.Resizing({out[1]}, {out[2]}, interpolation="{method}")', layer.name)
    size = _t(o // i for i, o in zip(shape[1:], out[1:], strict=True))
    if n == 2 and mode == "bilinear":
        return (f'layers.UpSampling2D({size}, interpolation="bilinear")', layer.name)
    if mode not in ("nearest", "nearest-exact"):
        raise ExportError(f"{layer.name}: Keras's UpSampling{n}D has no {mode!r} mode")
    return (f"layers.UpSampling{n}D({size})", layer.name)


def _sliding(layer: Layer, result: LayerResult) -> list[tuple[str, str]]:
    kind = layer.type
    done, shape = result.computed, result.input_shapes[0]
    assert done is not None and isinstance(done.detail, WindowDetail) and shape is not None
    window, channels = done.detail.window, done.detail.channels
    n = len(window.kernel)
    steps: list[tuple[str, str]] = []
    before, after = list(window.pad_before), list(window.pad_after)
    padding = '"valid"'
    transposed = kind.startswith("ConvTranspose")
    if kind.startswith("Conv") and not transposed and window.padding_mode == "same":
        padding = '"same"'  # convdesk's "same" is TensorFlow's
    elif not transposed and (any(before) or any(after) or window.ceil_mode):
        if window.ceil_mode:  # extra zeros after, so that a floor gives ceil mode's size
            out = done.output_shape[1:]
            for axis, (size, k, s, d) in enumerate(
                zip(shape[1:], window.kernel, window.stride, window.dilation, strict=True)
            ):
                need = (out[axis] - 1) * s + d * (k - 1) + 1 - (size + before[axis] + after[axis])
                after[axis] += max(need, 0)
        pads = tuple(zip(before, after, strict=True))
        value: object = pads[0] if n == 1 else pads
        steps.append((f"layers.ZeroPadding{n}D({value!r})", f"{layer.name}_pad"))
    if kind.startswith("Conv"):
        dims = "" if n == 1 else f"{n}D"
        args = [str(channels.out_channels), _t(window.kernel)]
        if any(s != 1 for s in window.stride):
            args.append(f"strides={_t(window.stride)}")
        args.append(f"padding={padding}")
        if any(d != 1 for d in window.dilation):
            args.append(f"dilation_rate={_t(window.dilation)}")
        if not channels.bias:
            args.append("use_bias=False")
        if transposed:
            if channels.groups != 1:
                raise ExportError(f"{layer.name}: Keras's transposed convolutions have no groups")
            args.append(f"output_padding={_t(window.output_padding)}")
            name = layer.name if not any(before) else f"{layer.name}_full"
            steps.append((f"layers.Conv{dims or '1D'}Transpose({', '.join(args)})", name))
            if any(before):
                crop = tuple(zip(before, before, strict=True))
                cropped: object = crop[0] if n == 1 else crop
                steps.append((f"layers.Cropping{n}D({cropped!r})", layer.name))
            return steps
        if channels.groups != 1:
            args.append(f"groups={channels.groups}")
        steps.append((f"layers.Conv{dims or '1D'}({', '.join(args)})", layer.name))
        return steps
    if any(d != 1 for d in window.dilation):
        raise ExportError(f"{layer.name}: Keras's pooling layers have no dilation")
    pool = "MaxPooling" if kind.startswith("MaxPool") else "AveragePooling"
    args = [_t(window.kernel), f"strides={_t(window.stride)}"]
    steps.append((f"layers.{pool}{n}D({', '.join(args)})", layer.name))
    return steps
