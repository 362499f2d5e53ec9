"""Code export: the PyTorch and Keras code, run with its framework, gives convdesk's numbers.

The framework tests run where torch or keras is importable and skip otherwise (CI installs
neither): `pip install torch==2.13.0` and `pip install keras jax` in the venv run them; see the
README's "Model import and code export" section.
"""

from __future__ import annotations

import ast
import json
import math
import os
import subprocess
import sys
import types

import pytest

from convdesk.engine import compute, loads_network
from convdesk.engine.presets import list_presets, load_preset
from convdesk.exporters import ExportError, export_code
from convdesk.exporters.keras import _keras_shape

# Every kind of layer the exporters write, on an odd-sized input: uneven "same" padding, ceil
# mode, a cropping pad, a transposed convolution with padding, branches and merges.
ZOO = {
    "format": "convdesk-network",
    "version": 1,
    "name": "zoo",
    "input": [3, 17, 19],
    "layers": [
        {"name": "stem", "type": "Conv2d", "out_channels": 8, "kernel_size": 3, "stride": 2,
         "padding": "same"},
        {"name": "bn", "type": "BatchNorm2d", "eps": 0.001},
        {"name": "act", "type": "Hardswish"},
        {"name": "pool", "type": "MaxPool2d", "kernel_size": 3, "stride": 2, "padding": 1,
         "ceil_mode": True},
        {"name": "dw", "type": "Conv2d", "out_channels": 16, "kernel_size": 3, "padding": 1,
         "groups": 8, "bias": False},
        {"name": "gn", "type": "GroupNorm", "num_groups": 4},
        {"name": "left", "type": "Narrow", "dim": 0, "start": 0, "length": 8},
        {"name": "right", "type": "Narrow", "dim": 0, "start": 8, "length": 8, "inputs": ["gn"]},
        {"name": "right_conv", "type": "Conv2d", "out_channels": 8, "kernel_size": 1},
        {"name": "join", "type": "Concat", "inputs": ["left", "right_conv"]},
        {"name": "shuffle", "type": "ChannelShuffle", "groups": 2},
        {"name": "to_last", "type": "Permute", "dims": [1, 2, 0]},
        {"name": "ln", "type": "LayerNorm", "normalized_shape": 16, "eps": 1e-6},
        {"name": "mix", "type": "Linear", "out_features": 24},
        {"name": "gelu", "type": "GELU"},
        {"name": "to_first", "type": "Permute", "dims": [2, 0, 1]},
        {"name": "scale", "type": "LayerScale"},
        {"name": "gate", "type": "Sigmoid", "inputs": ["scale"]},
        {"name": "gated", "type": "Mul", "inputs": ["scale", "gate"]},
        {"name": "up", "type": "ConvTranspose2d", "out_channels": 6, "kernel_size": 4,
         "stride": 2, "padding": 1},
        {"name": "crop", "type": "ZeroPad2d", "padding": [-1, -1, 0, -1]},
        {"name": "bigger", "type": "Upsample", "scale_factor": 2},
        {"name": "avg", "type": "AvgPool2d", "kernel_size": 2},
        {"name": "skip", "type": "Conv2d", "out_channels": 6, "kernel_size": 1,
         "inputs": ["crop"]},
        {"name": "sum", "type": "Add", "inputs": ["avg", "skip"]},
        {"name": "prelu", "type": "PReLU", "num_parameters": 6},
        {"name": "gap", "type": "AdaptiveAvgPool2d", "output_size": 1},
        {"name": "flat", "type": "Flatten"},
        {"name": "drop", "type": "Dropout", "p": 0.2},
        {"name": "head", "type": "Linear", "out_features": 5},
        {"name": "probs", "type": "Softmax"},
    ],
}  # fmt: skip


def _zoo():
    return loads_network(json.dumps(ZOO))


def _networks():
    return [("zoo", _zoo())] + [(p.key, load_preset(p.key)) for p in list_presets()]


def test_the_zoo_is_a_valid_network():
    report = compute(_zoo())
    assert report.errors == []
    assert report.layers[-1].output_shape == (5,)


@pytest.mark.parametrize("target", ["pytorch", "keras"])
@pytest.mark.parametrize(("key", "network"), _networks(), ids=lambda v: getattr(v, "name", v))
def test_exported_code_is_valid_python_with_the_named_entry_points(key, network, target):
    code = export_code(network, target)
    tree = ast.parse(code)
    names = {getattr(node, "name", None) for node in tree.body}
    assigned = {t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets}
    assert "INPUT_SHAPE" in assigned
    assert ("Network" if target == "pytorch" else "build_model") in names


def test_a_chain_is_a_sequential_and_a_branching_network_names_its_intermediates():
    chain = export_code(load_preset("lenet-5"), "pytorch")
    assert "nn.Sequential(" in chain and '("C1", nn.Conv2d(1, 6, kernel_size=5))' in chain
    branched = export_code(load_preset("resnet18-torchvision"), "pytorch")
    assert "nn.Sequential(" not in branched
    assert "layer1_0_add = layer1_0_bn2 + maxpool" in branched.replace("  #", "\n#")


def test_a_network_in_error_is_not_exported():
    broken = _zoo()
    broken.layers[0].config["groups"] = 5  # 3 input channels
    with pytest.raises(ExportError, match="layers in error; first: stem"):
        export_code(broken, "pytorch")


def test_export_command_writes_the_file(tmp_path):
    out = tmp_path / "net.py"
    run = subprocess.run(
        [sys.executable, "-m", "convdesk", "export", "lenet-5", "--to", "keras", "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "def build_model() -> keras.Model:" in out.read_text()


def _load(code: str, label: str) -> types.ModuleType:
    module = types.ModuleType(label)
    exec(compile(code, label, "exec"), module.__dict__)
    return module


@pytest.mark.parametrize(("key", "network"), _networks(), ids=lambda v: getattr(v, "name", v))
def test_pytorch_code_gives_convdesk_shapes_and_counts(key, network):
    torch = pytest.importorskip("torch", reason="torch is not installed (pip install torch)")
    module = _load(export_code(network, "pytorch"), key)
    model = module.Network().eval()
    report = compute(network)
    with torch.no_grad():
        y = model(torch.zeros(1, *module.INPUT_SHAPE))
    assert tuple(y.shape[1:]) == report.layers[-1].output_shape
    assert sum(p.numel() for p in model.parameters()) == report.trainable_params
    buffers = sum(
        b.numel() for name, b in model.named_buffers() if not name.endswith("num_batches_tracked")
    )
    assert buffers == report.non_trainable_params


@pytest.mark.parametrize("key", ["zoo", "lenet-5", "m5-audio"])
def test_keras_code_gives_convdesk_shapes_and_counts(key):
    os.environ.setdefault("KERAS_BACKEND", "jax")
    pytest.importorskip("keras", reason="keras is not installed (pip install keras jax)")
    network = _zoo() if key == "zoo" else load_preset(key)
    model = _load(export_code(network, "keras"), key).build_model()
    report = compute(network)
    assert tuple(model.output_shape[1:]) == _keras_shape(report.layers[-1].output_shape)
    assert sum(math.prod(w.shape) for w in model.trainable_weights) == report.trainable_params
    fixed = sum(math.prod(w.shape) for w in model.non_trainable_weights)
    assert fixed == report.non_trainable_params
