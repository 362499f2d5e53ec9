"""Keras import: a `.keras` archive's config.json, or the JSON of `model.to_json()`.

Only the model's description is read: weights are never loaded and no code is run, so a Lambda
layer or a custom class is named in the import report, never executed. Sequential and Functional
models (nested ones too) in the Keras 3 and the older tf.keras layouts. Keras works channels last;
convdesk's shapes are channels first, so inputs, axes and paddings are turned around here.
"""

from __future__ import annotations

import itertools
import json
import zipfile
from collections.abc import Iterator
from math import prod
from pathlib import Path
from typing import Any

from ..engine import Network
from .builder import Builder, Shape
from .report import ImportReport, ModelFileError, Unmapped

MAX_CONFIG_BYTES = 64 * 1024 * 1024
"""The largest model description read (a config of this size is tens of thousands of layers)."""
MAX_LAYERS = 20_000

_MODELS = ("Functional", "Sequential", "Model")
_ACTIVATIONS = {
    "relu": ("ReLU", {}),
    "relu6": ("ReLU6", {}),
    "sigmoid": ("Sigmoid", {}),
    "tanh": ("Tanh", {}),
    "gelu": ("GELU", {}),
    "swish": ("SiLU", {}),
    "silu": ("SiLU", {}),
    "hard_sigmoid": ("Hardsigmoid", {}),
    "hard_swish": ("Hardswish", {}),
    "hard_silu": ("Hardswish", {}),
    "elu": ("ELU", {}),
    "leaky_relu": ("LeakyReLU", {"negative_slope": 0.2}),
    "softmax": ("Softmax", {}),
}
_PASS_THROUGH = ("GaussianNoise", "GaussianDropout", "AlphaDropout", "ActivityRegularization")
_SHAPE_KEEPING = {  # layers with no convdesk meaning that are known to keep the shape
    "Rescaling": "it scales and shifts the values",
    "Normalization": "it standardises the values with a stored mean and variance",
    "RandomFlip": "it augments the images while training",
    "RandomRotation": "it augments the images while training",
    "RandomZoom": "it augments the images while training",
    "RandomContrast": "it augments the images while training",
    "RandomTranslation": "it augments the images while training",
    "RandomBrightness": "it augments the images while training",
    "Masking": "it marks padded time steps",
}


def read_keras(path: Path) -> tuple[Network, ImportReport]:
    """The Network and ImportReport of a .keras archive or a Keras JSON file."""
    source = str(path)
    if zipfile.is_zipfile(path):
        data = _read_archive(path, source)
    elif path.suffix.lower() == ".keras":
        with path.open("rb") as handle:
            zipped = handle.read(4) == b"PK\x03\x04"
        if zipped:
            raise ModelFileError(
                "the .keras archive is damaged or cut short (its zip directory is missing)",
                source=source,
            )
        raise ModelFileError(
            "not a Keras model archive: a .keras file is a zip holding config.json, and this "
            "file is not a zip",
            source=source,
        )
    else:
        data = _parse(_read_text(path, source), source)
    return import_keras(data, source)


def _read_text(path: Path, source: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_CONFIG_BYTES:
            raise ModelFileError(
                f"{size / 2**20:.0f} MB is too large for a Keras model description "
                f"(at most {MAX_CONFIG_BYTES // 2**20} MB)",
                source=source,
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ModelFileError(f"cannot be read: {exc.strerror}", source=source) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ModelFileError(
            f"not UTF-8 text (byte {exc.start}): not a Keras JSON file", source=source
        ) from None


def _read_archive(path: Path, source: str) -> dict:
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                info = archive.getinfo("config.json")
            except KeyError:
                raise ModelFileError(
                    "this zip archive has no config.json, so it is not a Keras model (.keras) file",
                    source=source,
                ) from None
            if info.file_size > MAX_CONFIG_BYTES:
                raise ModelFileError(
                    f"config.json is {info.file_size / 2**20:.0f} MB, too large for a model "
                    f"description (at most {MAX_CONFIG_BYTES // 2**20} MB)",
                    "config.json",
                    source,
                )
            raw = archive.read(info)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise ModelFileError(
            f"the .keras archive is damaged or cut short ({exc})", source=source
        ) from None
    try:
        return _parse(raw.decode("utf-8-sig"), source, "config.json")
    except UnicodeDecodeError:
        raise ModelFileError("not UTF-8 text", "config.json", source) from None


def _parse(text: str, source: str, where: str = "") -> dict:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelFileError(
            f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", where, source
        ) from None
    except RecursionError:
        raise ModelFileError("not valid JSON: nested too deeply", where, source) from None
    if not looks_like_keras(data):
        raise ModelFileError(
            'not a Keras model: expected an object with "class_name" (Sequential, Functional) '
            'and "config", as model.to_json() writes',
            where,
            source,
        )
    return data


def looks_like_keras(data: object) -> bool:
    """Whether a decoded JSON value is a Keras model description."""
    return (
        isinstance(data, dict)
        and data.get("class_name") in _MODELS
        and isinstance(data.get("config"), dict)
    )


def import_keras(data: dict, source: str = "") -> tuple[Network, ImportReport]:
    """(Network, ImportReport) from a decoded Keras model description."""
    return _KerasImport(source).run(data)


class _KerasImport:
    def __init__(self, source: str):
        self.source = source
        self.report = ImportReport(source, "Keras")
        self.b: Builder  # set by run(), once the input shape is known
        self.channels_last = True
        self.unflattened: dict[str, str] = {}  # a Flatten after a pool to 1×1 -> the pool
        self.layers_seen = 0
        self.recorded: dict[str, list] = {}  # output shapes Keras wrote down, by layer name

    def fail(self, message: str, where: str = "") -> ModelFileError:
        return ModelFileError(message, where, self.source)

    # --- the model ---------------------------------------------------------------------------

    def run(self, data: dict) -> tuple[Network, ImportReport]:
        config = data["config"]
        name = config.get("name") if isinstance(config.get("name"), str) else "Keras model"
        self.channels_last = not any(
            isinstance(item, dict) and _get(item, "data_format") == "channels_first"
            for item in _walk_layers(config)
        )
        shape = self._input_shape(data, "config")
        cf = self._to_channels_first(shape)
        self.b = Builder(cf, name, f"Imported from the Keras model {name!r}.")
        self._model(data, ["input"], "config")
        if self.channels_last and len(cf) > 1:
            self.report.notes = {
                f"Keras works channels last; convdesk shows shapes channels first "
                f"(the input {_fmt(shape)} is {_fmt(cf)} here).": []
            } | self.report.notes
        return self.b.network, self.report

    def _input_shape(self, data: dict, where: str) -> list[int]:
        config = data["config"]
        raw = None
        if data["class_name"] == "Sequential":
            layers = config.get("layers")
            first = layers[0] if isinstance(layers, list) and layers else None
            if isinstance(first, dict) and isinstance(first.get("config"), dict):
                c = first["config"]
                raw = c.get("batch_shape") or c.get("batch_input_shape")
            if raw is None:
                built = config.get("build_input_shape") or (data.get("build_config") or {}).get(
                    "input_shape"
                )
                raw = built
        else:
            inputs = _refs(config.get("input_layers"))
            if len(inputs) != 1:
                raise self.fail(
                    f"the model has {len(inputs)} inputs; a convdesk network has exactly one",
                    f"{where}.input_layers",
                )
            for item in config.get("layers", []):
                if isinstance(item, dict) and _name(item) == inputs[0][0]:
                    c = item.get("config") or {}
                    if item.get("class_name") in _MODELS:
                        return self._input_shape(item, f"{where}.layers ({inputs[0][0]})")
                    raw = c.get("batch_shape") or c.get("batch_input_shape")
        if not isinstance(raw, list) or len(raw) < 2:
            raise self.fail(
                "the model does not say its input shape (build it with keras.Input(shape=...) "
                "before saving)",
                where,
            )
        shape = []
        for i, value in enumerate(raw[1:]):
            if value is None:
                value = 224
                self.report.note(
                    f"The model accepts any size along input axis {i + 1}; convdesk assumed 224."
                )
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise self.fail(f"input size {value!r} is not a whole number", where)
            shape.append(value)
        if len(shape) > 4:
            raise self.fail(f"the input {_fmt(shape)} has more than 4 dimensions", where)
        return shape

    def _to_channels_first(self, shape: list[int]) -> list[int]:
        if self.channels_last and len(shape) > 1:
            return [shape[-1], *shape[:-1]]
        return list(shape)

    def _model(self, data: dict, inputs: list[str], where: str) -> list[str]:
        """Import a Sequential or Functional model reading `inputs`; returns its outputs."""
        config = data["config"]
        layers = config.get("layers")
        if not isinstance(layers, list):
            raise self.fail("expected a list of layers", f"{where}.layers")
        self.recorded.update(_record_shapes(layers, data["class_name"] == "Sequential"))
        if data["class_name"] == "Sequential":
            current = inputs
            for i, item in enumerate(layers):
                loc = f"{where}.layers[{i}]"
                self._check_item(item, loc)
                if item["class_name"] == "InputLayer":
                    continue
                current = self._layer(item, current, loc)
            return current
        tensors: dict[tuple[str, int, int], str] = {}
        input_refs = _refs(config.get("input_layers"))
        for ref, name in zip(input_refs, inputs, strict=False):
            tensors[(ref[0], 0, 0)] = name
        for i, item in enumerate(layers):
            loc = f"{where}.layers[{i}]"
            self._check_item(item, loc)
            lname = _name(item)
            if item["class_name"] == "InputLayer":
                continue
            nodes = item.get("inbound_nodes") or []
            for n, node in enumerate(nodes):
                args = list(_node_tensors(node))
                missing = [ref for ref in args if ref not in tensors]
                if missing:
                    raise self.fail(
                        f"layer {lname!r} reads {missing[0][0]!r}, which is not an earlier layer",
                        f"{loc}.inbound_nodes",
                    )
                ins = [tensors[ref] for ref in args]
                if len(nodes) > 1 and n == 1:
                    self.report.note(
                        "Layers used more than once: Keras shares their weights, convdesk "
                        "counts them once per use",
                        lname,
                    )
                outs = self._layer(item, ins, loc, call=n)
                for t, out in enumerate(outs):
                    tensors[(lname, n, t)] = out
        outputs = []
        for ref in _refs(config.get("output_layers")):
            if ref in tensors:
                outputs.append(tensors[ref])
        return outputs

    def _check_item(self, item: object, where: str) -> None:
        if not isinstance(item, dict) or not isinstance(item.get("class_name"), str):
            raise self.fail('expected a layer object with "class_name"', where)
        if not isinstance(item.get("config", {}), dict):
            raise self.fail('expected "config" to be an object', where)
        self.layers_seen += 1
        if self.layers_seen > MAX_LAYERS:
            raise self.fail(f"the model has more than {MAX_LAYERS:,} layers, too many to show")

    # --- one layer ---------------------------------------------------------------------------

    def _layer(self, item: dict, inputs: list[str], where: str, call: int = 0) -> list[str]:
        cls = item["class_name"]
        config = item.get("config") or {}
        name = _name(item) or cls.lower()
        if call:
            name = f"{name}_call{call + 1}"
        if cls in _MODELS:
            return self._model(item, inputs, f"{where} ({name})")
        module = item.get("module") or ""
        try:
            if module.startswith("keras.src.ops") or cls.startswith("TFOpLambda"):
                out = self._operation(cls, name, inputs)
            else:
                handler = getattr(self, f"_k_{cls}", None)
                if cls == "LayerScale" and module != "keras.src.applications.convnext":
                    handler = None
                if handler is None or (module and not module.startswith(("keras", "tf_keras"))):
                    out = None
                else:
                    out = handler(name, config, inputs)
        except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
            raise self.fail(
                f"layer {name!r} ({cls}) has a setting convdesk cannot read: {exc}", where
            ) from None
        if out is None:
            return [self._unmapped(cls, name, config, inputs, item)]
        self.report.mapped += 1
        return [out]

    def _unmapped(self, cls: str, name: str, config: dict, inputs: list[str], item: dict) -> str:
        b = self.b
        shape = b.shapes.get(inputs[0]) if len(inputs) == 1 else None
        custom = item.get("module") not in (None, "keras.layers") and not str(
            item.get("module")
        ).startswith(("keras.", "tf_keras"))
        kept = cls in _SHAPE_KEEPING or cls in _PASS_THROUGH
        recorded = self.recorded.get(_name(item))
        if not kept and shape is not None and recorded is not None:
            kept = tuple(self._to_channels_first(recorded)) == shape
        if cls == "Lambda":
            why = "its Python code is never run"
        elif custom or item.get("registered_name") not in (None, cls):
            why = f"a custom class ({item.get('registered_name') or cls}) is never run"
        else:
            why = _SHAPE_KEEPING.get(cls, "it has no convdesk meaning")
        trainable, fixed = _own_weights(cls, config, shape)
        if kept and shape is not None:
            out = b.add("Identity", name, {}, inputs[:1])
            outcome = f"kept as Identity ({why}; the shape is kept)"
        else:
            out = b.fresh(name)
            outcome = (
                f"left out ({why}), and it changes the shape, so the layers that read it "
                "cannot be computed"
            )
        self.report.unmapped.append(Unmapped(name, cls, outcome, trainable, fixed))
        return out

    def _operation(self, cls: str, name: str, inputs: list[str]) -> str | None:
        """A Keras 3 operation on tensors (`x + y`, `x * 0.5`): merges map, constants pass."""
        if len(inputs) >= 2 and cls in ("Add", "Multiply"):
            return self._merge("Add" if cls == "Add" else "Mul", name, {}, inputs)
        if len(inputs) == 1 and cls in ("Add", "Subtract", "Multiply", "Divide", "TrueDivide"):
            self.report.unmapped.append(
                Unmapped(
                    name,
                    f"{cls} with a constant",
                    "kept as Identity (arithmetic with a constant keeps the shape)",
                )
            )
            return self.b.add("Identity", name, {}, inputs)
        return None

    # --- helpers shared by the mappings ------------------------------------------------------

    def _shape(self, inputs: list[str]) -> Shape | None:
        return self.b.shapes.get(inputs[0])

    def _axis(self, axis: object, rank: int) -> int | None:
        """A Keras axis (counted with the batch) as a convdesk dim of a rank-`rank` sample."""
        if isinstance(axis, list) and len(axis) == 1:
            axis = axis[0]
        if not isinstance(axis, int):
            return None
        a = axis + rank + 1 if axis < 0 else axis
        sample = a - 1
        if not 0 <= sample < rank:
            return None
        if self.channels_last and rank > 1:
            return 0 if sample == rank - 1 else sample + 1
        return sample

    def _activation(self, name: str, activation: object, inputs: list[str]) -> list[str]:
        if activation in (None, "linear"):
            return inputs
        if isinstance(activation, dict):
            activation = (
                activation.get("config")
                if isinstance(activation.get("config"), str)
                else activation.get("class_name")
            )
        mapped = _ACTIVATIONS.get(str(activation))
        if mapped is None:
            self.report.unmapped.append(
                Unmapped(
                    f"{name} (activation)",
                    str(activation),
                    "kept as Identity (an activation convdesk does not know; the shape is kept)",
                )
            )
            return [self.b.add("Identity", f"{name}_{activation}", {}, inputs)]
        ltype, config = mapped
        return [self.b.add(ltype, f"{name}_{activation}", dict(config), inputs)]

    def _conv(self, dims: int, name: str, c: dict, inputs: list[str], **extra) -> str:
        padding = c.get("padding", "valid")
        if padding == "causal":
            padding = "same"
            self.report.note(
                "Causal padding is written as 'same' (the same length; Keras puts all the "
                "zeros before the sequence)",
                name,
            )
        config = {
            "out_channels": c["filters"],
            "kernel_size": _compact(c["kernel_size"], dims),
            "stride": _compact(c.get("strides", 1), dims),
            "padding": padding,
            "dilation": _compact(c.get("dilation_rate", 1), dims),
            "groups": c.get("groups", 1),
            "bias": bool(c.get("use_bias", True)),
        } | extra
        return self._chain(name, c, self.b.add(f"Conv{dims}d", name, _tidy(config), inputs))

    def _chain(self, name: str, c: dict, out: str) -> str:
        """Add the layer's own `activation`, if it has one, after it."""
        return self._activation(name, c.get("activation"), [out])[0]

    def _pool(self, dims: int, kind: str, name: str, c: dict, inputs: list[str]) -> str | None:
        kernel = _spatial(c.get("pool_size", 2), dims)
        stride = _spatial(c.get("strides") or kernel, dims)
        config: dict = {"kernel_size": _compact(kernel, dims)}
        if stride != kernel:
            config["stride"] = _compact(stride, dims)
        if c.get("padding", "valid") == "same":
            shape = self._shape(inputs)
            if shape is None:
                return None
            plan = _same_pool(shape[1:], kernel, stride)
            if plan is None:
                if dims != 2:
                    return None
                totals = [
                    max((-(-n // s) - 1) * s + k - n, 0)
                    for n, k, s in zip(shape[1:], kernel, stride, strict=True)
                ]
                pad = [
                    totals[1] // 2,
                    totals[1] - totals[1] // 2,
                    totals[0] // 2,
                    totals[0] - totals[0] // 2,
                ]
                inputs = [self.b.add("ZeroPad2d", f"{name}_pad", {"padding": pad}, inputs)]
                self.report.note(
                    "Pools with uneven 'same' padding get a ZeroPad2d layer before them, "
                    "named <pool>_pad (the same shape; Keras's max pool pads with −∞)",
                    name,
                )
            else:
                padding, ceil = plan
                if any(padding):
                    config["padding"] = _compact(padding, dims)
                if ceil:
                    config["ceil_mode"] = True
        return self.b.add(f"{kind}Pool{dims}d", name, config, inputs)

    def _global_pool(self, dims: int, kind: str, name: str, c: dict, inputs: list[str]) -> str:
        pooled = self.b.add(f"Adaptive{kind}Pool{dims}d", name, {"output_size": 1}, inputs)
        if c.get("keepdims"):
            return pooled
        flat = self.b.add("Flatten", f"{name}_flatten", {}, [pooled])
        self.unflattened[flat] = pooled
        return flat

    def _merge(self, ltype: str, name: str, config: dict, inputs: list[str]) -> str:
        return self.b.add(ltype, name, config, inputs)

    def _batch_norm(self, name: str, c: dict, inputs: list[str]) -> str | None:
        shape = self._shape(inputs)
        if shape is None or len(shape) > 4:
            return None
        if self._axis(c.get("axis", -1), len(shape)) != 0:
            return None
        center, scale = bool(c.get("center", True)), bool(c.get("scale", True))
        config: dict = {
            "eps": c.get("epsilon", 1e-3),
            "momentum": round(1 - c.get("momentum", 0.99), 6),
        }
        if not center and not scale:
            config["affine"] = False
        elif center != scale:
            learned = "beta (the shift)" if center else "gamma (the scale)"
            self.report.note(
                f"BatchNormalization learning only {learned}: convdesk's BatchNorm learns "
                "both, so it counts one parameter more per channel",
                name,
            )
            self.report.overcounted += shape[0]
        dims = max(len(shape) - 1, 1)
        return self.b.add(f"BatchNorm{dims}d", name, config, inputs)

    # --- the mappings, one per Keras class (the method name is the class name) --------------

    def _k_Conv1D(self, name, c, inputs):
        return self._conv(1, name, c, inputs)

    def _k_Conv2D(self, name, c, inputs):
        return self._conv(2, name, c, inputs)

    def _k_Conv3D(self, name, c, inputs):
        return self._conv(3, name, c, inputs)

    def _k_DepthwiseConv2D(self, name, c, inputs):
        shape = self._shape(inputs)
        if shape is None:
            return None
        channels = shape[0]
        return self._conv(
            2,
            name,
            c | {"filters": channels * c.get("depth_multiplier", 1)},
            inputs,
            groups=channels,
        )

    def _k_SeparableConv2D(self, name, c, inputs):
        shape = self._shape(inputs)
        if shape is None:
            return None
        channels = shape[0]
        depthwise = c | {
            "filters": channels * c.get("depth_multiplier", 1),
            "use_bias": False,
            "activation": None,
        }
        first = self._conv(2, f"{name}_depthwise", depthwise, inputs, groups=channels)
        pointwise = c | {"kernel_size": 1, "strides": 1, "padding": "valid", "dilation_rate": 1}
        self.report.note(
            "A separable convolution is two layers here: <name>_depthwise, then <name>", name
        )
        return self._conv(2, name, pointwise, [first])

    def _k_Conv2DTranspose(self, name, c, inputs):
        return self._conv_transpose(2, name, c, inputs)

    def _k_Conv1DTranspose(self, name, c, inputs):
        return self._conv_transpose(1, name, c, inputs)

    def _k_Conv3DTranspose(self, name, c, inputs):
        return self._conv_transpose(3, name, c, inputs)

    def _conv_transpose(self, dims, name, c, inputs):
        shape = self._shape(inputs)
        if shape is None:
            return None
        kernel = _spatial(c["kernel_size"], dims)
        stride = _spatial(c.get("strides", 1), dims)
        dilation = _spatial(c.get("dilation_rate", 1), dims)
        given = c.get("output_padding")
        given = _spatial(given, dims) if given is not None else [None] * dims
        pads, extras = [], []
        for n, k, s, d, op in zip(shape[1:], kernel, stride, dilation, given, strict=True):
            span = d * (k - 1) + 1
            if c.get("padding", "valid") == "same":
                target = n * s if op is None else (n - 1) * s + span - 2 * (span // 2) + op
            else:
                target = (
                    (n - 1) * s + max(span - s, 0) + s if op is None else (n - 1) * s + span + op
                )
            # torch: (n - 1)s - 2p + span + output_padding = target; pick p >= 0, 0 <= op < s.
            excess = (n - 1) * s + span - target
            p = max(-(-excess // 2), 0)
            extra = target - ((n - 1) * s + span - 2 * p)
            pads.append(p)
            extras.append(extra)
        config = {
            "out_channels": c["filters"],
            "kernel_size": _compact(kernel, dims),
            "stride": _compact(stride, dims),
            "padding": _compact(pads, dims),
            "output_padding": _compact(extras, dims),
            "dilation": _compact(dilation, dims),
            "bias": bool(c.get("use_bias", True)),
        }
        return self._chain(
            name, c, self.b.add(f"ConvTranspose{dims}d", name, _tidy(config), inputs)
        )

    def _k_MaxPooling1D(self, name, c, inputs):
        return self._pool(1, "Max", name, c, inputs)

    def _k_MaxPooling2D(self, name, c, inputs):
        return self._pool(2, "Max", name, c, inputs)

    def _k_MaxPooling3D(self, name, c, inputs):
        return self._pool(3, "Max", name, c, inputs)

    def _k_AveragePooling1D(self, name, c, inputs):
        return self._pool(1, "Avg", name, c, inputs)

    def _k_AveragePooling2D(self, name, c, inputs):
        return self._pool(2, "Avg", name, c, inputs)

    def _k_AveragePooling3D(self, name, c, inputs):
        return self._pool(3, "Avg", name, c, inputs)

    def _k_GlobalAveragePooling1D(self, name, c, inputs):
        return self._global_pool(1, "Avg", name, c, inputs)

    def _k_GlobalAveragePooling2D(self, name, c, inputs):
        return self._global_pool(2, "Avg", name, c, inputs)

    def _k_GlobalAveragePooling3D(self, name, c, inputs):
        return self._global_pool(3, "Avg", name, c, inputs)

    def _k_GlobalMaxPooling1D(self, name, c, inputs):
        return self._global_pool(1, "Max", name, c, inputs)

    def _k_GlobalMaxPooling2D(self, name, c, inputs):
        return self._global_pool(2, "Max", name, c, inputs)

    def _k_GlobalMaxPooling3D(self, name, c, inputs):
        return self._global_pool(3, "Max", name, c, inputs)

    def _k_Dense(self, name, c, inputs):
        shape = self._shape(inputs)
        if shape is None or len(shape) > 4:
            return None
        if len(shape) > 1 and self.channels_last:
            # Dense acts on the last axis, Keras's channels: a 1×1 convolution, weight for weight.
            self.report.note("A Dense layer on a feature map is a 1×1 convolution here", name)
            conv = {"filters": c["units"], "kernel_size": 1} | {
                k: c[k] for k in ("use_bias", "activation") if k in c
            }
            return self._conv(len(shape) - 1, name, conv, inputs)
        config = _tidy({"out_features": c["units"], "bias": bool(c.get("use_bias", True))})
        return self._chain(name, c, self.b.add("Linear", name, config, inputs))

    def _k_LayerNormalization(self, name, c, inputs):
        shape = self._shape(inputs)
        if shape is None or c.get("rms_scaling") or self._axis(c.get("axis", -1), len(shape)) != 0:
            return None
        center, scale = bool(c.get("center", True)), bool(c.get("scale", True))
        config: dict = {"normalized_shape": shape[0], "eps": c.get("epsilon", 1e-3)}
        if not scale:
            if center:
                return None
            config["elementwise_affine"] = False
        elif not center:
            config["bias"] = False
        if len(shape) == 1:
            return self.b.add("LayerNorm", name, config, inputs)
        rank = len(shape)
        last = self.b.add("Permute", f"{name}_to_last", {"dims": [*range(1, rank), 0]}, inputs)
        normed = self.b.add("LayerNorm", name, config, [last])
        self.report.note(
            "A LayerNormalization over the channels of a map is Permute, LayerNorm, Permute "
            "here (<name>_to_last, <name>, <name>_to_first)",
            name,
        )
        back = [rank - 1, *range(rank - 1)]
        return self.b.add("Permute", f"{name}_to_first", {"dims": back}, [normed])

    def _k_LayerScale(self, name, c, inputs):
        # Keras's own ConvNeXt layer (keras.src.applications.convnext): one factor per channel.
        return self.b.add("LayerScale", name, {}, inputs)

    def _k_BatchNormalization(self, name, c, inputs):
        return self._batch_norm(name, c, inputs)

    def _k_Add(self, name, c, inputs):
        return self._merge("Add", name, {}, inputs)

    def _k_Multiply(self, name, c, inputs):
        return self._merge("Mul", name, {}, inputs)

    def _k_Concatenate(self, name, c, inputs):
        shape = self._shape(inputs)
        if shape is None:
            return None
        dim = self._axis(c.get("axis", -1), len(shape))
        if dim is None:
            return None
        return self._merge("Concat", name, {"dim": dim}, inputs)

    def _k_ZeroPadding2D(self, name, c, inputs):
        (top, bottom), (left, right) = _pairs(c.get("padding", 1))
        return self.b.add("ZeroPad2d", name, {"padding": [left, right, top, bottom]}, inputs)

    def _k_Cropping2D(self, name, c, inputs):
        (top, bottom), (left, right) = _pairs(c.get("cropping", 0))
        self.report.note("Cropping is written as negative zero padding", name)
        return self.b.add("ZeroPad2d", name, {"padding": [-left, -right, -top, -bottom]}, inputs)

    def _k_UpSampling1D(self, name, c, inputs):
        return self.b.add("Upsample", name, {"scale_factor": c.get("size", 2)}, inputs)

    def _k_UpSampling2D(self, name, c, inputs):
        mode = "bilinear" if c.get("interpolation") == "bilinear" else "nearest"
        config = {"scale_factor": _compact(c.get("size", 2), 2)}
        if mode != "nearest":
            config["mode"] = mode
        return self.b.add("Upsample", name, config, inputs)

    def _k_UpSampling3D(self, name, c, inputs):
        return self.b.add("Upsample", name, {"scale_factor": _compact(c.get("size", 2), 3)}, inputs)

    def _k_Flatten(self, name, c, inputs):
        shape = self._shape(inputs)
        out = self.b.add("Flatten", name, {}, inputs)
        if shape is not None and prod(shape[1:]) == 1:
            self.unflattened[out] = inputs[0]
        return out

    def _k_Reshape(self, name, c, inputs):
        shape = self._shape(inputs)
        target = list(c["target_shape"])
        if shape is None:
            return None
        size = prod(shape)
        if -1 in target:
            rest = prod(v for v in target if v != -1)
            target = [size // rest if v == -1 else v for v in target]
        if prod(target) != size:
            return None
        if len(target) == 1:
            return (
                self.b.add("Flatten", name, {}, inputs)
                if len(shape) > 1
                else self.b.add("Identity", name, {}, inputs)
            )
        source = self.unflattened.get(inputs[0])
        if source is not None and tuple(self._to_channels_first(target)) == self.b.shapes[source]:
            self.report.note(
                "A Reshape that undoes the flatten before it reads the unflattened layer directly",
                name,
            )
            return self.b.add("Identity", name, {}, [source])
        return None

    def _k_Dropout(self, name, c, inputs):
        return self.b.add("Dropout", name, {"p": c.get("rate", 0.5)}, inputs)

    _k_SpatialDropout1D = _k_SpatialDropout2D = _k_SpatialDropout3D = _k_Dropout

    def _k_Activation(self, name, c, inputs):
        activation = c.get("activation")
        if isinstance(activation, dict):
            activation = (
                activation.get("config") if isinstance(activation.get("config"), str) else None
            )
        mapped = _ACTIVATIONS.get(str(activation))
        if activation == "linear":
            return self.b.add("Identity", name, {}, inputs)
        if mapped is None:
            return None
        return self.b.add(mapped[0], name, dict(mapped[1]), inputs)

    def _k_ReLU(self, name, c, inputs):
        top, slope, threshold = (
            c.get("max_value"),
            c.get("negative_slope", 0.0),
            c.get("threshold", 0.0),
        )
        if threshold:
            return None
        if slope:
            return (
                self.b.add("LeakyReLU", name, {"negative_slope": slope}, inputs)
                if top is None
                else None
            )
        if top is None:
            return self.b.add("ReLU", name, {}, inputs)
        return self.b.add("ReLU6", name, {}, inputs) if top == 6 else None

    def _k_LeakyReLU(self, name, c, inputs):
        slope = c.get("negative_slope", c.get("alpha", 0.3))
        return self.b.add("LeakyReLU", name, {"negative_slope": slope}, inputs)

    def _k_ELU(self, name, c, inputs):
        return self.b.add("ELU", name, {"alpha": c.get("alpha", 1.0)}, inputs)

    def _k_Softmax(self, name, c, inputs):
        shape = self._shape(inputs)
        if shape is None:
            return None
        dim = self._axis(c.get("axis", -1), len(shape))
        return None if dim is None else self.b.add("Softmax", name, {"dim": dim}, inputs)

    def _k_PReLU(self, name, c, inputs):
        shape = self._shape(inputs)
        if shape is None:
            return None
        shared = {self._axis(a, len(shape)) for a in (c.get("shared_axes") or [])}
        if shared == set(range(1, len(shape))):
            return self.b.add("PReLU", name, {"num_parameters": shape[0]}, inputs)
        return None

    def _k_GaussianNoise(self, name, c, inputs):
        return self.b.add("Identity", name, {}, inputs)

    _k_ActivityRegularization = _k_GaussianNoise

    def _k_GaussianDropout(self, name, c, inputs):
        return self.b.add("Dropout", name, {"p": c.get("rate", 0.5)}, inputs)

    _k_AlphaDropout = _k_GaussianDropout


# --- reading the JSON ----------------------------------------------------------------------


def _get(item: dict, key: str) -> object:
    config = item.get("config")
    return config.get(key) if isinstance(config, dict) else None


def _name(item: dict) -> str:
    name = item.get("name") or _get(item, "name")
    return name if isinstance(name, str) else ""


def _walk_layers(config: dict) -> Iterator[dict]:
    for item in config.get("layers") or []:
        if isinstance(item, dict):
            yield item
            if item.get("class_name") in _MODELS and isinstance(item.get("config"), dict):
                yield from _walk_layers(item["config"])


def _refs(value: Any) -> list[tuple[str, int, int]]:
    """`input_layers`/`output_layers`: one [name, node, tensor] or a list of them."""
    if isinstance(value, list) and len(value) == 3 and isinstance(value[0], str):
        value = [value]
    out = []
    for ref in value or []:
        if isinstance(ref, list) and len(ref) >= 3 and isinstance(ref[0], str):
            out.append((ref[0], int(ref[1]), int(ref[2])))
    return out


def _node_tensors(node: object) -> Iterator[tuple[str, int, int]]:
    """The tensors one call reads, in order.

    Keras 3 writes `{"args": [...]}` with tensor objects; tf.keras wrote `[[name, node, i, {}]]`.
    """
    if isinstance(node, dict):
        yield from _tensors_in(node.get("args", []))
    elif isinstance(node, list):
        for ref in node:
            if isinstance(ref, list) and len(ref) >= 3 and isinstance(ref[0], str):
                yield (ref[0], int(ref[1]), int(ref[2]))


def _tensors_in(value: object) -> Iterator[tuple[str, int, int]]:
    if isinstance(value, list):
        for v in value:
            yield from _tensors_in(v)
    elif isinstance(value, dict) and value.get("class_name") == "__keras_tensor__":
        history = value.get("config", {}).get("keras_history")
        if isinstance(history, list) and len(history) == 3:
            yield (history[0], int(history[1]), int(history[2]))


def _record_shapes(layers: list, sequential: bool) -> dict[str, list]:
    """Output shapes Keras 3 wrote down (without the batch), by layer name.

    Keras records the shape of every tensor a layer reads: in a Functional model beside each
    argument, in a Sequential one as the next layer's `build_config`.
    """
    shapes: dict[str, list] = {}
    items = [item for item in layers if isinstance(item, dict)]
    if sequential:
        for item, after in itertools.pairwise(items):
            built = (after.get("build_config") or {}).get("input_shape")
            if isinstance(built, list) and built:
                shapes[_name(item)] = built[1:]
        return shapes
    for item in items:
        for node in item.get("inbound_nodes") or []:
            if isinstance(node, dict):
                _shapes_in(node.get("args", []), shapes)
    return shapes


def _shapes_in(value: object, shapes: dict[str, list]) -> None:
    if isinstance(value, list):
        for v in value:
            _shapes_in(v, shapes)
    elif isinstance(value, dict) and value.get("class_name") == "__keras_tensor__":
        config = value.get("config", {})
        history, shape = config.get("keras_history"), config.get("shape")
        if isinstance(history, list) and history and isinstance(shape, list) and shape:
            shapes.setdefault(history[0], shape[1:])


def _own_weights(cls: str, config: dict, shape: Shape | None) -> tuple[int, int]:
    """Weights an unmapped layer has in Keras (trainable, non-trainable), where they are known."""
    if cls == "Normalization" and shape is not None and config.get("mean") is None:
        return 0, 2 * shape[0] + 1  # mean, variance and the count of samples seen
    return 0, 0


def _spatial(value: Any, dims: int) -> list[int]:
    if isinstance(value, int):
        return [value] * dims
    values = list(value)
    if len(values) == 1:
        return values * dims
    return values


def _compact(value: object, dims: int) -> int | list[int]:
    values = _spatial(value, dims)
    return values[0] if len(set(values)) == 1 else values


def _tidy(config: dict) -> dict:
    """Leave out keys at convdesk's defaults, so the file reads like one written by hand."""
    defaults = {
        "stride": 1,
        "padding": 0,
        "dilation": 1,
        "groups": 1,
        "bias": True,
        "output_padding": 0,
    }
    return {k: v for k, v in config.items() if not (k in defaults and v == defaults[k])}


def _pairs(value: Any) -> tuple[tuple[int, int], tuple[int, int]]:
    """Keras's 2-D padding or cropping: n, (h, w) or ((top, bottom), (left, right))."""
    if isinstance(value, int):
        return (value, value), (value, value)
    rows, cols = value
    rows = (rows, rows) if isinstance(rows, int) else (rows[0], rows[1])
    cols = (cols, cols) if isinstance(cols, int) else (cols[0], cols[1])
    return rows, cols


def _same_pool(sizes: Shape, kernel: list[int], stride: list[int]) -> tuple[list[int], bool] | None:
    """Symmetric padding (and ceil mode) giving TensorFlow's 'same' size ceil(n / s), if any."""
    pads, ceil_needed = [], False
    for n, k, s in zip(sizes, kernel, stride, strict=True):
        want = -(-n // s)
        total = max((want - 1) * s + k - n, 0)
        p = total // 2
        if 2 * p > k:
            return None
        floor_out = (n + 2 * p - k) // s + 1
        span = n + 2 * p - k
        ceil_out = -(-span // s) + 1
        if (ceil_out - 1) * s >= n + p:
            ceil_out -= 1
        if floor_out == want:
            pads.append(p)
        elif ceil_out == want:
            pads.append(p)
            ceil_needed = True
        else:
            return None
    if ceil_needed:
        # ceil mode applies to every axis: check that the others still agree.
        for n, k, s, p in zip(sizes, kernel, stride, pads, strict=True):
            span = n + 2 * p - k
            out = -(-span // s) + 1
            if (out - 1) * s >= n + p:
                out -= 1
            if out != -(-n // s):
                return None
    return pads, ceil_needed


def _fmt(shape: list[int]) -> str:
    return "[" + ", ".join(str(v) for v in shape) + "]"
