"""ONNX import, with the optional `onnx` package (`pip install convdesk[onnx]`).

Only the graph is read: weights give the channel counts and whether a bias exists, through their
dimensions; their values are never needed. Shapes come from convdesk's engine, layer by layer, not
from ONNX's own shape inference. ONNX counts axes with the batch; convdesk without it.
"""

from __future__ import annotations

import os
from math import prod
from pathlib import Path

from ..engine import Network
from .builder import Builder, Shape
from .report import ImportReport, ModelFileError, Unmapped

MAX_ONNX_BYTES = 2 * 1024**3
"""protobuf cannot hold more than 2 GB in one file; larger models keep weights outside it."""
MAX_NODES = 50_000

_ELEMENTWISE = {
    "Relu": "ReLU",
    "Sigmoid": "Sigmoid",
    "Tanh": "Tanh",
    "HardSwish": "Hardswish",
    "HardSigmoid": "Hardsigmoid",
    "Gelu": "GELU",
    "Identity": "Identity",
}
_SHAPE_OPS = ("Shape", "Size", "Constant", "ConstantOfShape")
_FLOATS = (1, 10, 11, 16)  # float, float16, double, bfloat16
_SHAPE_KEEPING = (  # ops with no convdesk meaning that keep the shape
    "Abs", "Neg", "Exp", "Log", "Sqrt", "Reciprocal", "Erf", "Softplus", "Softsign", "Selu",
    "Mish", "Cast", "Round", "Floor", "Ceil", "Clip", "Celu", "ThresholdedRelu", "Pow",
    "InstanceNormalization", "LpNormalization", "LRN", "MeanVarianceNormalization", "Not",
)  # fmt: skip


def read_onnx(path: Path) -> tuple[Network, ImportReport]:
    """The Network and ImportReport of an .onnx file. Raises ModelFileError."""
    source = os.fspath(path)
    try:
        import onnx
    except ImportError:
        raise ModelFileError(
            "reading ONNX files needs the onnx package: pip install 'convdesk[onnx]'",
            source=source,
        ) from None
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ModelFileError(f"cannot be read: {exc.strerror}", source=source) from None
    if size > MAX_ONNX_BYTES:
        raise ModelFileError(
            f"{size / 2**30:.1f} GB is too large for one ONNX file (at most 2 GB)", source=source
        )
    try:
        model = onnx.load(source, load_external_data=False)
    except Exception as exc:  # protobuf raises its own DecodeError, and others for cut files
        raise ModelFileError(
            f"not a readable ONNX model: the file is damaged, cut short or of another kind "
            f"({type(exc).__name__})",
            source=source,
        ) from None
    return import_onnx(model, source)


def import_onnx(model, source: str = "") -> tuple[Network, ImportReport]:
    """(Network, ImportReport) from a loaded onnx.ModelProto."""
    return _OnnxImport(model, source).run()


class _OnnxImport:
    def __init__(self, model, source: str):
        import numpy
        from onnx import helper, numpy_helper

        self.numpy, self.helper, self.numpy_helper = numpy, helper, numpy_helper
        self.model = model
        self.graph = model.graph
        self.source = source
        self.report = ImportReport(source, "ONNX")
        self.consts = {t.name: t for t in self.graph.initializer}
        self.const_dims: dict[str, list[int]] = {}  # transposed weights: dimensions only
        self.computed: set[str] = set()  # constants made by Constant nodes or worked out
        self.tensors: dict[str, str] = {}  # ONNX tensor -> convdesk layer
        self.nodes = list(self.graph.node)
        self.consumers: dict[str, list[int]] = {}  # tensor -> indices of the nodes reading it
        self.skipped: set[int] = set()  # nodes folded into an earlier one (MatMul + Add)
        self.shape_nodes: dict[str, int] = {}
        self.b: Builder  # set by run(), once the input shape is known

    def fail(self, message: str, where: str = "") -> ModelFileError:
        return ModelFileError(message, where, self.source)

    def run(self) -> tuple[Network, ImportReport]:
        graph = self.graph
        if not graph.node:
            raise self.fail("the ONNX file holds no graph (no nodes): is it an ONNX model?")
        if len(graph.node) > MAX_NODES:
            raise self.fail(f"the graph has more than {MAX_NODES:,} nodes, too many to show")
        inputs = [i for i in graph.input if i.name not in self.consts]
        if len(inputs) != 1:
            raise self.fail(
                f"the graph has {len(inputs)} inputs; a convdesk network has exactly one",
                "graph.input",
            )
        shape = self._input_shape(inputs[0])
        name = graph.name or Path(self.source).stem or "ONNX model"
        self.b = Builder(shape, name, f"Imported from the ONNX model {name!r}.")
        self.tensors[inputs[0].name] = "input"
        for index, node in enumerate(self.nodes):
            for tensor in node.input:
                self.consumers.setdefault(tensor, []).append(index)
        for index, node in enumerate(self.nodes):
            if index not in self.skipped:
                self._node(index, node)
        if self.shape_nodes:
            listed = ", ".join(f"{op} ×{n}" for op, n in sorted(self.shape_nodes.items()))
            self.report.note(
                f"Nodes that work only on sizes or weights were folded, not drawn ({listed}); "
                "convdesk works the shapes out itself"
            )
        return self.b.network, self.report

    def _input_shape(self, value) -> list[int]:
        dims = value.type.tensor_type.shape.dim
        if len(dims) < 2 or len(dims) > 5:
            raise self.fail(
                f"the input {value.name!r} has {len(dims)} dimensions; convdesk reads "
                "[batch, C, ...] with 1 to 4 after the batch",
                "graph.input",
            )
        shape = []
        for i, dim in enumerate(dims[1:], start=1):
            if dim.HasField("dim_value") and dim.dim_value > 0:
                shape.append(dim.dim_value)
            else:
                guess = 3 if i == 1 else 224
                self.report.note(
                    f"The input's size along axis {i} is not fixed "
                    f"({dim.dim_param or 'unknown'}); convdesk assumed {guess}"
                )
                shape.append(guess)
        return shape

    # --- values of the graph -----------------------------------------------------------------

    def _attrs(self, node) -> dict:
        return {a.name: self.helper.get_attribute_value(a) for a in node.attribute}

    def _const(self, name: str):
        """The constant tensor (initializer, Constant, or Identity of one) named, else None."""
        return self.consts.get(name) if name else None

    def _values(self, name: str) -> list | None:
        tensor = self._const(name)
        if tensor is None:
            return None
        try:
            return self.numpy_helper.to_array(tensor).reshape(-1).tolist()
        except (ValueError, TypeError):
            return None

    def _dims(self, name: str) -> list[int] | None:
        if name in self.const_dims:
            return self.const_dims[name]
        tensor = self._const(name)
        return None if tensor is None else list(tensor.dims)

    def _is_weight(self, name: str) -> bool:
        """Whether a tensor is a learned weight: a float initializer (or a view of one)."""
        if name in self.const_dims:
            return True
        tensor = self._const(name)
        return tensor is not None and tensor.data_type in _FLOATS and name not in self.computed

    def _layer_name(self, node, weight: str = "") -> str:
        """A readable name: the weight's module path, else the node's scope (torch's names)."""
        if weight and self._const(weight) is not None and weight.endswith(".weight"):
            return weight[: -len(".weight")]
        parts = [p for p in (node.name or "").strip("/").split("/") if p]
        op = node.op_type
        function = bool(parts) and (parts[-1] == op or parts[-1].startswith(f"{op}_"))
        if function:
            parts = parts[:-1]
        path: list[str] = []
        for part in parts:  # torch writes scopes like features/features.1/features.1.0/block
            if path and part.startswith(f"{path[-1]}."):
                path[-1] = part
            else:
                path.append(part)
        if not path:
            return op.lower()
        name = ".".join(path)
        if function and "." in path[-1]:
            name += f".{op.lower()}"  # an operation inside a block (a residual Add)
        return name

    # --- one node ----------------------------------------------------------------------------

    def _node(self, index: int, node) -> None:
        op = node.op_type
        data_inputs = [t for t in node.input if t and t in self.tensors]
        if op == "Constant" or (op == "Identity" and node.input and self._const(node.input[0])):
            self._fold_constant(node)
            return
        if not data_inputs or op in _SHAPE_OPS:
            # Sizes worked out at run time (Shape, Gather of a shape, Concat of sizes...): the
            # engine knows every shape, so they are evaluated here rather than drawn.
            self._evaluate(node)
            self.shape_nodes[op] = self.shape_nodes.get(op, 0) + 1
            return
        attrs = self._attrs(node)
        ins = [self.tensors[t] for t in data_inputs]
        handler = getattr(self, f"_op_{op}", None)
        out = None
        unmapped_before = len(self.report.unmapped)
        if handler is not None:
            try:
                out = handler(node, attrs, ins, index)
            except (TypeError, ValueError, KeyError, IndexError) as exc:
                raise self.fail(
                    f"node {node.name or index!r} ({op}) has a setting convdesk cannot read: {exc}",
                    f"graph.node[{index}]",
                ) from None
        if out is None:
            out = self._unmapped(node, ins)
        elif len(self.report.unmapped) == unmapped_before:
            self.report.mapped += 1
        outs = out if isinstance(out, list) else [out]
        for tensor, layer in zip(node.output, outs, strict=False):
            if tensor:
                self.tensors[tensor] = layer

    def _fold_constant(self, node) -> None:
        if node.op_type == "Constant":
            attrs = self._attrs(node)
            value = attrs.get("value")
            if value is None:
                for key in ("value_float", "value_int", "value_floats", "value_ints"):
                    if key in attrs:
                        value = self.numpy_helper.from_array(self.numpy.array(attrs[key]))
                        break
            if value is not None:
                self.consts[node.output[0]] = value
                self.computed.add(node.output[0])
        else:
            self.consts[node.output[0]] = self.consts[node.input[0]]

    def _evaluate(self, node) -> None:
        """Work out a node on constants (and Shape of a tensor whose shape is known)."""
        np = self.numpy
        op = node.op_type
        try:
            if op == "Shape":
                shape = self.b.shapes.get(self.tensors.get(node.input[0], ""))
                if shape is None:
                    return
                value = np.array([1, *shape], dtype=np.int64)
            elif op == "Transpose" and (dims := self._dims(node.input[0])) is not None:
                perm = self._attrs(node).get("perm", list(range(len(dims)))[::-1])
                self.const_dims[node.output[0]] = [dims[p] for p in perm]
                return
            else:
                args = [self._array(t) for t in node.input]
                if any(a is None for a in args if a is not ...):
                    return
                value = self._numpy_op(op, self._attrs(node), args)
                if value is None:
                    return
            self.consts[node.output[0]] = self.numpy_helper.from_array(np.asarray(value))
            self.computed.add(node.output[0])
        except (ValueError, TypeError, IndexError, KeyError):
            return

    def _array(self, name: str):
        if not name:
            return ...
        tensor = self._const(name)
        if tensor is None:
            return None
        try:
            return self.numpy_helper.to_array(tensor)
        except (ValueError, TypeError):
            return None

    def _numpy_op(self, op: str, attrs: dict, args: list):
        np = self.numpy
        if op == "Unsqueeze":
            axes = attrs.get("axes") or args[1].tolist()
            out = args[0]
            for axis in sorted(int(a) for a in axes):
                out = np.expand_dims(out, axis)
            return out
        if op == "Squeeze":
            axes = attrs.get("axes") or (args[1].tolist() if len(args) > 1 else None)
            return np.squeeze(args[0], axis=tuple(axes) if axes else None)
        if op == "Concat":
            return np.concatenate(args, axis=attrs["axis"])
        if op == "Gather":
            return np.take(args[0], args[1], axis=attrs.get("axis", 0))
        if op == "Cast":
            return args[0]
        binary = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply}
        if op in binary:
            return binary[op](args[0], args[1])
        if op == "Div":
            if args[0].dtype.kind in "iu":
                return args[0] // args[1]
            return args[0] / args[1]
        if op == "Slice":
            starts, ends = args[1].tolist(), args[2].tolist()
            axes = args[3].tolist() if len(args) > 3 and args[3] is not ... else range(len(starts))
            out = args[0]
            for start, end, axis in zip(starts, ends, axes, strict=False):
                index = [slice(None)] * out.ndim
                index[axis] = slice(start, end)
                out = out[tuple(index)]
            return out
        return None

    def _unmapped(self, node, ins: list[str]) -> str:
        name = self._layer_name(node)
        shape = self.b.shapes.get(ins[0])
        known = all(self.b.shapes.get(i) is not None for i in ins)
        kept = node.op_type in _SHAPE_KEEPING and len(ins) == 1 and shape is not None
        if kept:
            out = self.b.add("Identity", name, {}, ins[:1])
            outcome = "kept as Identity (no convdesk meaning; this op keeps the shape)"
        elif not known:
            out = self.b.fresh(name)
            outcome = "not mapped, because a layer before it could not be mapped"
        else:
            out = self.b.fresh(name)
            outcome = (
                "left out (no convdesk meaning), so the layers that read it cannot be computed"
            )
        weights = sum(prod(self._dims(t) or [0]) for t in node.input[1:] if self._is_weight(t))
        self.report.unmapped.append(Unmapped(name, node.op_type, outcome, weights, 0))
        return out

    # --- helpers -----------------------------------------------------------------------------

    def _shape(self, ins: list[str]) -> Shape | None:
        return self.b.shapes.get(ins[0])

    def _axis(self, axis: int, rank: int) -> int | None:
        """An ONNX axis (counted with the batch) as a convdesk dim of a rank-`rank` sample."""
        a = axis + rank + 1 if axis < 0 else axis
        return a - 1 if 1 <= a <= rank else None

    def _pads(self, name: str, ins: list[str], pads: list[int], dims: int) -> tuple[list, list]:
        """Split ONNX pads [begin..., end...] into a symmetric part and a ZeroPad2d before."""
        before, after = pads[:dims], pads[dims:]
        if before == after:
            return ins, before
        if dims != 2:
            raise ValueError(f"uneven pads {pads} on a {dims}-D layer")
        common = [min(a, b) for a, b in zip(before, after, strict=True)]
        extra = [b - c for b, c in zip(before, common, strict=True)]
        extra_after = [a - c for a, c in zip(after, common, strict=True)]
        pad = [extra[1], extra_after[1], extra[0], extra_after[0]]
        self.report.note(
            "Uneven pads become a ZeroPad2d layer before the layer, named <layer>_pad", name
        )
        return [self.b.add("ZeroPad2d", f"{name}_pad", {"padding": pad}, ins)], common

    def _auto_pad(self, attrs: dict, shape: Shape, kernel, stride, dilation) -> list[int] | None:
        """ONNX pads [begin..., end...] for auto_pad SAME_UPPER/SAME_LOWER, None if NOTSET."""
        mode = attrs.get("auto_pad", b"NOTSET")
        mode = mode.decode() if isinstance(mode, bytes) else mode
        if mode in ("NOTSET", ""):
            return None
        if mode == "VALID":
            return [0] * (2 * len(kernel))
        before, after = [], []
        for n, k, s, d in zip(shape[1:], kernel, stride, dilation, strict=True):
            total = max((-(-n // s) - 1) * s + d * (k - 1) + 1 - n, 0)
            small, large = total // 2, total - total // 2
            before.append(large if mode == "SAME_LOWER" else small)
            after.append(small if mode == "SAME_LOWER" else large)
        return before + after

    # --- the mappings, one per op type (the method name is the op) --------------------------

    def _op_Conv(self, node, attrs, ins, index):
        shape = self._shape(ins)
        weight = self._dims(node.input[1])
        if shape is None or weight is None:
            return None
        dims = len(weight) - 2
        kernel = list(attrs.get("kernel_shape", weight[2:]))
        stride = list(attrs.get("strides", [1] * dims))
        dilation = list(attrs.get("dilations", [1] * dims))
        name = self._layer_name(node, node.input[1])
        pads = self._auto_pad(attrs, shape, kernel, stride, dilation)
        if pads is None:
            pads = list(attrs.get("pads", [0] * 2 * dims))
        ins, padding = self._pads(name, ins, pads, dims)
        config = {
            "out_channels": weight[0],
            "kernel_size": _compact(kernel),
            "stride": _compact(stride),
            "padding": _compact(padding),
            "dilation": _compact(dilation),
            "groups": attrs.get("group", 1),
            "bias": len(node.input) > 2 and bool(node.input[2]),
        }
        return self.b.add(f"Conv{dims}d", name, _tidy(config), ins)

    def _op_ConvTranspose(self, node, attrs, ins, index):
        shape = self._shape(ins)
        weight = self._dims(node.input[1])
        if shape is None or weight is None or "output_shape" in attrs:
            return None
        dims = len(weight) - 2
        groups = attrs.get("group", 1)
        pads = list(attrs.get("pads", [0] * 2 * dims))
        if pads[:dims] != pads[dims:] or attrs.get("auto_pad", b"NOTSET") not in (b"NOTSET", ""):
            return None
        config = {
            "out_channels": weight[1] * groups,
            "kernel_size": _compact(attrs.get("kernel_shape", weight[2:])),
            "stride": _compact(attrs.get("strides", [1] * dims)),
            "padding": _compact(pads[:dims]),
            "output_padding": _compact(attrs.get("output_padding", [0] * dims)),
            "dilation": _compact(attrs.get("dilations", [1] * dims)),
            "groups": groups,
            "bias": len(node.input) > 2 and bool(node.input[2]),
        }
        name = self._layer_name(node, node.input[1])
        return self.b.add(f"ConvTranspose{dims}d", name, _tidy(config), ins)

    def _pool(self, kind, node, attrs, ins):
        shape = self._shape(ins)
        if shape is None:
            return None
        kernel = list(attrs["kernel_shape"])
        dims = len(kernel)
        stride = list(attrs.get("strides", [1] * dims))
        dilation = list(attrs.get("dilations", [1] * dims))
        name = self._layer_name(node)
        pads = self._auto_pad(attrs, shape, kernel, stride, dilation)
        if pads is None:
            pads = list(attrs.get("pads", [0] * 2 * dims))
        ins, padding = self._pads(name, ins, pads, dims)
        config: dict = {"kernel_size": _compact(kernel), "stride": _compact(stride)}
        if any(padding):
            config["padding"] = _compact(padding)
        if kind == "Max" and any(d != 1 for d in dilation):
            config["dilation"] = _compact(dilation)
        if attrs.get("ceil_mode"):
            config["ceil_mode"] = True
        return self.b.add(f"{kind}Pool{dims}d", name, config, ins)

    def _op_MaxPool(self, node, attrs, ins, index):
        return self._pool("Max", node, attrs, ins)

    def _op_AveragePool(self, node, attrs, ins, index):
        return self._pool("Avg", node, attrs, ins)

    def _global_pool(self, kind, node, ins):
        shape = self._shape(ins)
        if shape is None or not 2 <= len(shape) <= 4:
            return None
        config = {"output_size": 1}
        return self.b.add(
            f"Adaptive{kind}Pool{len(shape) - 1}d", self._layer_name(node), config, ins
        )

    def _op_GlobalAveragePool(self, node, attrs, ins, index):
        return self._global_pool("Avg", node, ins)

    def _op_GlobalMaxPool(self, node, attrs, ins, index):
        return self._global_pool("Max", node, ins)

    def _op_Gemm(self, node, attrs, ins, index):
        weight = self._dims(node.input[1])
        if weight is None or len(weight) != 2 or attrs.get("transA"):
            return None
        out_features = weight[0] if attrs.get("transB") else weight[1]
        config = _tidy(
            {"out_features": out_features, "bias": len(node.input) > 2 and bool(node.input[2])}
        )
        return self.b.add("Linear", self._layer_name(node, node.input[1]), config, ins)

    def _op_MatMul(self, node, attrs, ins, index):
        weight = self._dims(node.input[1])
        if weight is None or len(weight) != 2 or node.input[0] not in self.tensors:
            return None
        bias_add = None
        users = self.consumers.get(node.output[0], [])
        if len(users) == 1 and self.nodes[users[0]].op_type == "Add":
            add = self.nodes[users[0]]
            other = [t for t in add.input if t != node.output[0]]
            if len(other) == 1 and self._dims(other[0]) == [weight[1]]:
                bias_add = add
                self.skipped.add(users[0])
        config = _tidy({"out_features": weight[1], "bias": bias_add is not None})
        out = self.b.add("Linear", self._layer_name(node, node.input[1]), config, ins)
        if bias_add is not None:
            self.tensors[bias_add.output[0]] = out  # the Add's result is this Linear's
            self.report.note("MatMul followed by Add of a bias is one Linear layer", out)
        return out

    def _op_Flatten(self, node, attrs, ins, index):
        if attrs.get("axis", 1) != 1:
            return None
        return self.b.add("Flatten", self._layer_name(node), {}, ins)

    def _op_Reshape(self, node, attrs, ins, index):
        shape = self._shape(ins)
        target = self._values(node.input[1])
        if shape is None or target is None or len(target) < 1:
            return None
        size = prod(shape)
        sample = [shape[i - 1] if v == 0 and i >= 1 else v for i, v in enumerate(target)][1:]
        if len(sample) == 1 and sample[0] in (-1, size):
            return self.b.add("Flatten", self._layer_name(node), {}, ins)
        if -1 in sample:
            rest = prod(v for v in sample if v != -1)
            sample = [size // rest if v == -1 else v for v in sample]
        if tuple(sample) == shape:
            return self.b.add("Identity", self._layer_name(node), {}, ins)
        return self._channel_shuffle(node, shape, sample, ins)

    def _channel_shuffle(self, node, shape: Shape, sample: list[int], ins: list[str]):
        """Reshape [g, C/g, ...], Transpose of those two, Reshape back: a ChannelShuffle."""
        if len(sample) != len(shape) + 1 or sample[0] * sample[1] != shape[0]:
            return None
        if sample[2:] != list(shape[1:]):
            return None
        users = self.consumers.get(node.output[0], [])
        if len(users) != 1 or self.nodes[users[0]].op_type != "Transpose":
            return None
        transpose = self.nodes[users[0]]
        perm = list(self._attrs(transpose).get("perm", []))
        if perm != [0, 2, 1, *range(3, len(sample) + 1)]:
            return None
        after = self.consumers.get(transpose.output[0], [])
        if len(after) != 1 or self.nodes[after[0]].op_type != "Reshape":
            return None
        back = self.nodes[after[0]]
        self.skipped.update((users[0], after[0]))
        name = self._layer_name(node).removesuffix(".reshape") + ".shuffle"
        out = self.b.add("ChannelShuffle", name, {"groups": sample[0]}, ins)
        self.tensors[back.output[0]] = out
        self.report.note("Reshape, Transpose and Reshape back is one ChannelShuffle layer", out)
        return out

    def _op_BatchNormalization(self, node, attrs, ins, index):
        shape = self._shape(ins)
        if shape is None or len(shape) > 4:
            return None
        config: dict = {"eps": round(attrs.get("epsilon", 1e-5), 9)}
        momentum = round(1 - attrs.get("momentum", 0.9), 6)
        if momentum != 0.1:
            config["momentum"] = momentum
        if config["eps"] == 1e-5:
            del config["eps"]
        dims = max(len(shape) - 1, 1)
        return self.b.add(f"BatchNorm{dims}d", self._layer_name(node, node.input[1]), config, ins)

    def _op_Relu(self, node, attrs, ins, index):
        return self.b.add("ReLU", self._layer_name(node), {}, ins)

    def _elementwise(self, node, attrs, ins, index):
        return self.b.add(_ELEMENTWISE[node.op_type], self._layer_name(node), {}, ins)

    _op_Sigmoid = _op_Tanh = _op_HardSwish = _op_HardSigmoid = _op_Gelu = _elementwise
    _op_Identity = _elementwise

    def _op_Clip(self, node, attrs, ins, index):
        low = attrs.get("min")
        high = attrs.get("max")
        if len(node.input) > 1:
            low = (self._values(node.input[1]) or [None])[0]
        if len(node.input) > 2:
            high = (self._values(node.input[2]) or [None])[0]
        if low == 0 and high == 6:
            return self.b.add("ReLU6", self._layer_name(node), {}, ins)
        return None

    def _op_LeakyRelu(self, node, attrs, ins, index):
        slope = round(attrs.get("alpha", 0.01), 6)
        return self.b.add("LeakyReLU", self._layer_name(node), {"negative_slope": slope}, ins)

    def _op_Elu(self, node, attrs, ins, index):
        return self.b.add(
            "ELU", self._layer_name(node), {"alpha": round(attrs.get("alpha", 1.0), 6)}, ins
        )

    def _op_Softmax(self, node, attrs, ins, index):
        shape = self._shape(ins)
        if shape is None:
            return None
        dim = self._axis(attrs.get("axis", -1), len(shape))
        return (
            None
            if dim is None
            else self.b.add("Softmax", self._layer_name(node), {"dim": dim}, ins)
        )

    def _op_PRelu(self, node, attrs, ins, index):
        slope = self._dims(node.input[1])
        if slope is None:
            return None
        return self.b.add("PReLU", self._layer_name(node), {"num_parameters": prod(slope)}, ins)

    def _op_Dropout(self, node, attrs, ins, index):
        ratio = attrs.get("ratio")
        if len(node.input) > 1 and node.input[1]:
            ratio = (self._values(node.input[1]) or [None])[0]
        config = {} if ratio is None else {"p": round(float(ratio), 6)}
        return self.b.add("Dropout", self._layer_name(node), config, ins)

    def _binary(self, ltype, node, ins):
        if len(ins) >= 2:
            return self.b.add(ltype, self._layer_name(node), {}, ins)
        shape = self._shape(ins)
        other = [t for t in node.input if t not in self.tensors]
        dims = self._dims(other[0]) if other else None
        if shape is None or dims is None:
            return None
        # A constant operand that broadcasts without changing the shape (x * 0.5, x + bias).
        full = [1] * (len(shape) + 1 - len(dims)) + dims
        if len(full) != len(shape) + 1 or any(
            d not in (1, n) for d, n in zip(full[1:], shape, strict=True)
        ):
            return None
        learned = self._is_weight(other[0])
        spread = [i for i, d in enumerate(full[1:]) if d != 1]
        if node.op_type == "Mul" and learned and len(spread) == 1:
            # One learned factor per index of one dimension: ConvNeXt's layer scale.
            config = {} if spread[0] == 0 else {"dim": spread[0]}
            return self.b.add("LayerScale", self._layer_name(node), config, ins)
        self.report.unmapped.append(
            Unmapped(
                self._layer_name(node),
                f"{node.op_type} with a {'learned ' if learned else ''}constant",
                "kept as Identity (arithmetic with a constant keeps the shape)",
                prod(dims) if learned else 0,
            )
        )
        return self.b.add("Identity", self._layer_name(node), {}, ins)

    def _op_Add(self, node, attrs, ins, index):
        return self._binary("Add", node, ins)

    def _op_Mul(self, node, attrs, ins, index):
        return self._binary("Mul", node, ins)

    def _op_Sub(self, node, attrs, ins, index):
        return self._binary("Add", node, ins) if len(ins) == 1 else None

    def _op_Div(self, node, attrs, ins, index):
        return self._binary("Mul", node, ins) if len(ins) == 1 else None

    def _op_ReduceMean(self, node, attrs, ins, index):
        shape = self._shape(ins)
        axes = attrs.get("axes")
        if axes is None and len(node.input) > 1:
            axes = self._values(node.input[1])
        if shape is None or axes is None or not 2 <= len(shape) <= 4:
            return None
        spatial = sorted(self._axis(int(a), len(shape)) for a in axes)
        if spatial != list(range(1, len(shape))):
            return None  # only a mean over every spatial dimension is a global pool
        name = self._layer_name(node)
        kind = f"AdaptiveAvgPool{len(shape) - 1}d"
        pooled = self.b.add(kind, name, {"output_size": 1}, ins)
        if attrs.get("keepdims", 1):
            return pooled
        self.report.note("A mean over the spatial dimensions is an adaptive pool and Flatten", name)
        return self.b.add("Flatten", f"{name}_flatten", {}, [pooled])

    def _op_Concat(self, node, attrs, ins, index):
        shape = self._shape(ins)
        if shape is None or len(ins) != len(node.input):
            return None
        dim = self._axis(attrs["axis"], len(shape))
        if dim is None:
            return None
        return self.b.add("Concat", self._layer_name(node), {"dim": dim}, ins)

    def _op_Resize(self, node, attrs, ins, index):
        shape = self._shape(ins)
        if shape is None:
            return None
        mode = attrs.get("mode", b"nearest")
        mode = mode.decode() if isinstance(mode, bytes) else mode
        dims = len(shape) - 1
        mode = {
            "nearest": "nearest",
            "linear": {1: "linear", 2: "bilinear", 3: "trilinear"}.get(dims),
            "cubic": "bicubic" if dims == 2 else None,
        }.get(mode)
        if mode is None:
            return None
        config: dict = {} if mode == "nearest" else {"mode": mode}
        scales = self._values(node.input[2]) if len(node.input) > 2 else None
        sizes = self._values(node.input[3]) if len(node.input) > 3 else None
        if node.op_type == "Upsample":
            scales = self._values(node.input[1]) if len(node.input) > 1 else attrs.get("scales")
        if sizes:
            config["size"] = _compact([int(v) for v in sizes[2:]])
        elif scales:
            if scales[:2] != [1, 1]:
                return None
            config["scale_factor"] = _compact([_number(v) for v in scales[2:]])
        else:
            return None
        return self.b.add("Upsample", self._layer_name(node), config, ins)

    _op_Upsample = _op_Resize

    def _op_Pad(self, node, attrs, ins, index):
        shape = self._shape(ins)
        pads = self._values(node.input[1]) if len(node.input) > 1 else attrs.get("pads")
        mode = attrs.get("mode", b"constant")
        if (
            shape is None
            or pads is None
            or len(shape) != 3
            or mode not in (b"constant", "constant")
        ):
            return None
        if len(node.input) > 2 and node.input[2] and (self._values(node.input[2]) or [0])[0] != 0:
            return None
        pads = [int(v) for v in pads]
        if len(node.input) > 3 and node.input[3]:
            return None  # pads on chosen axes only (opset 18)
        begin, end = pads[:4], pads[4:]
        if begin[:2] != [0, 0] or end[:2] != [0, 0]:
            return None
        config = {"padding": [begin[3], end[3], begin[2], end[2]]}
        return self.b.add("ZeroPad2d", self._layer_name(node), config, ins)

    def _op_LayerNormalization(self, node, attrs, ins, index):
        shape = self._shape(ins)
        scale = self._dims(node.input[1]) if len(node.input) > 1 else None
        if shape is None or scale is None:
            return None
        axis = self._axis(attrs.get("axis", -1), len(shape))
        if axis is None:
            return None
        normalized = list(shape[axis:])
        config: dict = {"normalized_shape": _compact(normalized, keep_list=len(normalized) > 1)}
        if not (len(node.input) > 2 and node.input[2]):
            config["bias"] = False
        eps = round(attrs.get("epsilon", 1e-5), 9)
        if eps != 1e-5:
            config["eps"] = eps
        return self.b.add("LayerNorm", self._layer_name(node, node.input[1]), config, ins)

    def _op_Transpose(self, node, attrs, ins, index):
        perm = list(attrs.get("perm", []))
        if not perm or perm[0] != 0:
            return None
        return self.b.add(
            "Permute", self._layer_name(node), {"dims": [p - 1 for p in perm[1:]]}, ins
        )

    def _op_Split(self, node, attrs, ins, index):
        shape = self._shape(ins)
        if shape is None:
            return None
        dim = self._axis(attrs.get("axis", 0), len(shape))
        if dim is None:
            return None
        sizes = attrs.get("split")
        if len(node.input) > 1 and node.input[1]:
            sizes = self._values(node.input[1])
        parts = len(node.output)
        if sizes is None:
            step = -(-shape[dim] // parts)
            sizes = [min(step, shape[dim] - i * step) for i in range(parts)]
        name = self._layer_name(node)
        outs, start = [], 0
        for i, length in enumerate(sizes):
            config = {"dim": dim, "start": start, "length": int(length)}
            outs.append(self.b.add("Narrow", f"{name}_{i}", config, ins))
            start += int(length)
        return outs

    def _op_Slice(self, node, attrs, ins, index):
        shape = self._shape(ins)
        values = [self._values(t) if t else None for t in node.input[1:5]]
        if shape is None or values[0] is None or values[1] is None:
            return None
        starts, ends = values[0], values[1]
        axes = values[2] if len(values) > 2 and values[2] is not None else list(range(len(starts)))
        steps = values[3] if len(values) > 3 and values[3] is not None else [1] * len(starts)
        if len(starts) != 1 or steps[0] != 1:
            return None
        dim = self._axis(int(axes[0]), len(shape))
        if dim is None:
            return None
        n = shape[dim]
        start, end = int(starts[0]), int(ends[0])
        start = max(0, min(n, start + n if start < 0 else start))
        end = max(0, min(n, end + n if end < 0 else end))
        if end <= start:
            return None
        config = {"dim": dim, "start": start, "length": end - start}
        return self.b.add("Narrow", self._layer_name(node), config, ins)


def _compact(values, keep_list: bool = False):
    values = [int(v) if float(v).is_integer() else v for v in values]
    return values[0] if len(set(values)) == 1 and not keep_list else values


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _tidy(config: dict) -> dict:
    defaults = {"stride": 1, "padding": 0, "dilation": 1, "groups": 1, "bias": True}
    defaults["output_padding"] = 0
    return {k: v for k, v in config.items() if not (k in defaults and v == defaults[k])}
