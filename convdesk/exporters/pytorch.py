"""PyTorch code: `class Network(nn.Module)` with `INPUT_SHAPE`, a Sequential for a chain.

Every module gets its input size written out (`nn.Conv2d(3, 64, ...)`), as a person would write
it. convdesk's "same" padding follows TensorFlow, which PyTorch refuses with a stride; the code
writes the padding convdesk worked out instead, with a ZeroPad layer where it is uneven.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine import Layer, LayerResult, Network, Report, WindowDetail
from . import ExportError, docstring_line, header, identifier, is_chain

_PLAIN = {
    "ReLU": "nn.ReLU()",
    "ReLU6": "nn.ReLU6()",
    "GELU": "nn.GELU()",
    "SiLU": "nn.SiLU()",
    "Sigmoid": "nn.Sigmoid()",
    "Tanh": "nn.Tanh()",
    "Hardswish": "nn.Hardswish()",
    "Hardsigmoid": "nn.Hardsigmoid()",
    "Identity": "nn.Identity()",
    "Flatten": "nn.Flatten()",
}
_PAD = {1: "nn.ConstantPad1d({}, 0.0)", 2: "nn.ZeroPad2d({})", 3: "nn.ConstantPad3d({}, 0.0)"}


@dataclass(slots=True)
class _Form:
    """How one layer is written: modules called in turn, or an expression in forward()."""

    modules: list[tuple[str, str]]  # (attribute, constructor) in order
    expression: str = ""  # used when there are no modules; {0}, {1}... are the inputs
    parameter: str = ""  # an nn.Parameter the expression uses (LayerScale)
    comment: str = ""


def pytorch_code(network: Network, report: Report) -> str:
    taken: set[str] = set()
    names = {layer.name: identifier(layer.name, taken) for layer in network.layers}
    forms = [
        _form(layer, result, names[layer.name])
        for layer, result in zip(network.layers, report.layers, strict=True)
    ]
    sequential = is_chain(network) and all(form.modules for form in forms)
    out = [
        header(network, "PyTorch"),
        "",
        *(["from collections import OrderedDict", ""] if sequential else []),
        "import torch",
        "from torch import nn",
        "",
        f"INPUT_SHAPE = {tuple(network.input)!r}",
        '"""The shape of one sample, channels first, without the batch."""',
        "",
        "",
        "class Network(nn.Module):",
        f'    """{docstring_line(network.name)}: {len(network.layers)} layers."""',
        "",
        "    def __init__(self) -> None:",
        "        super().__init__()",
    ]
    if sequential:
        out.append("        self.layers = nn.Sequential(")
        out.append("            OrderedDict(")
        out.append("                [")
        for layer, result, form in zip(network.layers, report.layers, forms, strict=True):
            for attribute, constructor in form.modules:
                out.append(f'                    ("{attribute}", {constructor}),')
            out[-1] += f"  # {_shape_note(layer, result)}"
        out += ["                ]", "            )", "        )", ""]
        out += [
            "    def forward(self, x: torch.Tensor) -> torch.Tensor:",
            "        return self.layers(x)",
        ]
    else:
        for layer, form in zip(network.layers, forms, strict=True):
            for attribute, constructor in form.modules:
                out.append(f"        self.{attribute} = {constructor}")
            if form.parameter:
                out.append(f"        self.{names[layer.name]} = {form.parameter}")
        out += ["", "    def forward(self, x: torch.Tensor) -> torch.Tensor:"]
        previous = "input"
        for layer, result, form in zip(network.layers, report.layers, forms, strict=True):
            sources = layer.inputs if layer.inputs is not None else [previous]
            inputs = ["x" if name == "input" else names[name] for name in sources]
            target = names[layer.name]
            if form.modules:
                value = inputs[0]
                for attribute, _ in form.modules[:-1]:
                    out.append(f"        {target} = self.{attribute}({value})")
                    value = target
                value = f"self.{form.modules[-1][0]}({value})"
            else:
                value = form.expression.format(*inputs, self=f"self.{target}")
            out.append(f"        {target} = {value}  # {_shape_note(layer, result)}")
            previous = layer.name
        out.append(f"        return {names[previous]}")
    out += [
        "",
        "",
        'if __name__ == "__main__":',
        "    model = Network()",
        "    y = model(torch.zeros(1, *INPUT_SHAPE))",
        '    print("output", tuple(y.shape[1:]))',
        '    print("trainable parameters", sum(p.numel() for p in model.parameters()))',
    ]
    return "\n".join(out) + "\n"


def _shape_note(layer: Layer, result: LayerResult) -> str:
    shape = "×".join(str(v) for v in result.output_shape or ())
    return f"{layer.name}: {shape}"


def _t(values) -> str:
    """An int, or a tuple written the way PyTorch prints it."""
    values = tuple(values)
    return str(values[0]) if len(set(values)) == 1 else repr(values)


def _form(layer: Layer, result: LayerResult, ident: str) -> _Form:
    kind = layer.type
    shape = result.input_shapes[0]
    assert shape is not None
    get = layer.get
    if kind in _PLAIN:
        return _Form([(ident, _PLAIN[kind])])
    if kind.startswith(("Conv", "MaxPool", "AvgPool")):
        return _sliding(layer, result, ident)
    if kind.startswith("Adaptive"):
        size = get("output_size")
        size = tuple(size) if isinstance(size, list) else size
        return _Form([(ident, f"nn.{kind}({size!r})")])
    if kind == "Linear":
        bias = "" if get("bias") else ", bias=False"
        return _Form([(ident, f"nn.Linear({shape[-1]}, {get('out_features')}{bias})")])
    if kind.startswith("BatchNorm"):
        extra = _keywords(layer, ("eps", 1e-5), ("momentum", 0.1), ("affine", True))
        extra += _keywords(layer, ("track_running_stats", True))
        return _Form([(ident, f"nn.{kind}({shape[0]}{extra})")])
    if kind == "ZeroPad2d":
        padding = get("padding")
        value = tuple(padding) if isinstance(padding, list) else padding
        return _Form([(ident, f"nn.ZeroPad2d({value!r})")])
    if kind == "Upsample":
        if layer.config.get("size") is not None:
            what = f"size={_t(result.output_shape[1:])}"  # type: ignore[index]
        else:
            scale = get("scale_factor")
            what = f"scale_factor={tuple(scale) if isinstance(scale, list) else scale!r}"
        mode = get("mode")
        return _Form([(ident, f"nn.Upsample({what}, mode={mode!r})")])
    if kind == "LeakyReLU":
        return _Form([(ident, f"nn.LeakyReLU({get('negative_slope')!r})")])
    if kind == "ELU":
        return _Form([(ident, f"nn.ELU({get('alpha')!r})")])
    if kind == "Softmax":
        return _Form([(ident, f"nn.Softmax(dim={_dim(get('dim'), shape) + 1})")])
    if kind == "Dropout":
        return _Form([(ident, f"nn.Dropout({get('p')!r})")])
    if kind == "PReLU":
        return _Form([(ident, f"nn.PReLU({get('num_parameters')})")])
    if kind == "LayerNorm":
        normalized = get("normalized_shape")
        value = tuple(normalized) if isinstance(normalized, list) else normalized
        extra = _keywords(layer, ("eps", 1e-5), ("elementwise_affine", True), ("bias", True))
        return _Form([(ident, f"nn.LayerNorm({value!r}{extra})")])
    if kind == "GroupNorm":
        extra = _keywords(layer, ("eps", 1e-5), ("affine", True))
        return _Form([(ident, f"nn.GroupNorm({get('num_groups')}, {shape[0]}{extra})")])
    if kind == "ChannelShuffle":
        return _Form([(ident, f"nn.ChannelShuffle({get('groups')})")])
    if kind == "LayerScale":
        dim = _dim(get("dim"), shape)
        sizes = [1] * len(shape)
        sizes[dim] = shape[dim]
        return _Form([], "{0} * {self}", f"nn.Parameter(torch.ones{tuple(sizes)!r})")
    if kind == "Permute":
        order: list[int] = get("dims")  # type: ignore[assignment]  # checked by the engine
        dims = ", ".join(str(d + 1) for d in order)
        return _Form([], f"{{0}}.permute(0, {dims})")
    if kind == "Narrow":
        dim = _dim(get("dim"), shape) + 1
        return _Form([], f"{{0}}.narrow({dim}, {get('start')}, {get('length')})")
    if kind in ("Add", "Mul"):
        sign = " + " if kind == "Add" else " * "
        return _Form([], sign.join(f"{{{i}}}" for i in range(len(result.inputs))))
    if kind == "Concat":
        dim = _dim(get("dim"), shape) + 1
        listed = ", ".join(f"{{{i}}}" for i in range(len(result.inputs)))
        return _Form([], f"torch.cat([{listed}], dim={dim})")
    raise ExportError(f"{layer.name}: convdesk cannot write a {kind} layer in PyTorch")


def _dim(value: object, shape) -> int:
    dim = int(value)  # type: ignore[call-overload]
    return dim % len(shape)


def _keywords(layer: Layer, *pairs: tuple[str, object]) -> str:
    """`, key=value` for each key whose value differs from PyTorch's default."""
    parts = []
    for key, default in pairs:
        value = layer.get(key)
        if value != default:
            parts.append(f", {key}={value!r}")
    return "".join(parts)


def _sliding(layer: Layer, result: LayerResult, ident: str) -> _Form:
    """Conv, transposed conv and pools, with the padding convdesk resolved."""
    kind = layer.type
    detail, shape = result.detail, result.input_shapes[0]
    assert isinstance(detail, WindowDetail) and shape is not None  # a computed sliding window
    window, channels = detail.window, detail.channels
    dims = len(window.kernel)
    modules: list[tuple[str, str]] = []
    padding = window.pad_before
    if window.pad_before != window.pad_after:
        # Uneven "same" padding: the odd pixel after, as TensorFlow does; PyTorch pads evenly.
        pairs = []
        for before, after in reversed(list(zip(window.pad_before, window.pad_after, strict=True))):
            pairs += [before, after]
        modules.append((f"{ident}_pad", _PAD[dims].format(tuple(pairs))))
        padding = (0,) * dims
    args = [f"kernel_size={_t(window.kernel)}"]
    if any(s != 1 for s in window.stride) or kind.startswith(("MaxPool", "AvgPool")):
        args.append(f"stride={_t(window.stride)}")
    if any(padding):
        args.append(f"padding={_t(padding)}")
    if kind.startswith("ConvTranspose") and any(window.output_padding):
        args.append(f"output_padding={_t(window.output_padding)}")
    if any(d != 1 for d in window.dilation):
        args.append(f"dilation={_t(window.dilation)}")
    if kind.startswith("Conv"):
        if channels.groups != 1:
            args.append(f"groups={channels.groups}")
        if not channels.bias:
            args.append("bias=False")
        args = [str(shape[0]), str(channels.out_channels), *args]
    elif window.ceil_mode:
        args.append("ceil_mode=True")
    modules.append((ident, f"nn.{kind}({', '.join(args)})"))
    return _Form(modules)
