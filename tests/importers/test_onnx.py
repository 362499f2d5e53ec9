"""ONNX import: torchvision graphs exported by torch against torch's counts, and built graphs."""

from __future__ import annotations

import gzip
import json
import math
import sys

import pytest

from convdesk.engine import compute
from convdesk.importers import ModelFileError, read_model

from .helpers import FIXTURES

onnx = pytest.importorskip("onnx", reason="the onnx extra is not installed")
from onnx import TensorProto, helper  # noqa: E402

ONNX = FIXTURES / "onnx"
EXPECTED = json.loads((ONNX / "expected.json").read_text())
MODELS = sorted(key for key in EXPECTED if not key.startswith("_"))


def _fixture(tmp_path, key):
    path = tmp_path / f"{key}.onnx"
    path.write_bytes(gzip.decompress((ONNX / f"{key}.onnx.gz").read_bytes()))
    return path


@pytest.mark.parametrize("key", MODELS)
def test_torchvision_graphs_import_with_torch_totals(tmp_path, key):
    network, report = read_model(_fixture(tmp_path, key))
    result = compute(network)
    expected = EXPECTED[key]
    assert result.errors == []
    assert report.unmapped == []
    assert result.trainable_params == expected["trainable_params"]
    assert result.non_trainable_params == expected["non_trainable_params"]
    assert list(result.layers[-1].output_shape) == expected["output_shape"]


def test_names_follow_torch_modules(tmp_path):
    network, _ = read_model(_fixture(tmp_path, "resnet18"))
    names = {layer.name for layer in network.layers}
    assert {"conv1", "bn1", "layer1.0.conv1", "layer1.0.add", "fc"} <= names


def _model(nodes, inits, shape=(1, 3, 8, 8), opset=17):
    graph = helper.make_graph(
        nodes,
        "built",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, list(shape))],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
        initializer=inits,
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])


def _weight(name, dims):
    return helper.make_tensor(name, TensorProto.FLOAT, dims, [0.0] * math.prod(dims))


def _ints(name, values):
    return helper.make_tensor(name, TensorProto.INT64, [len(values)], values)


def _read(tmp_path, model):
    path = tmp_path / "m.onnx"
    onnx.save(model, path)
    return read_model(path)


def test_uneven_pads_become_a_zero_pad_and_the_layer(tmp_path):
    model = _model(
        [helper.make_node("Conv", ["x", "c.weight"], ["y"], pads=[0, 0, 1, 1], strides=[2, 2])],
        [_weight("c.weight", [4, 3, 3, 3])],
    )
    network, report = _read(tmp_path, model)
    assert [layer.type for layer in network.layers] == ["ZeroPad2d", "Conv2d"]
    assert network.layers[0].config == {"padding": [0, 1, 0, 1]}
    assert compute(network).layers[-1].output_shape == (4, 4, 4)
    assert "ZeroPad2d" in report.text()


def test_auto_pad_same_upper_keeps_ceil_of_n_over_s(tmp_path):
    model = _model(
        [
            helper.make_node(
                "Conv", ["x", "c.weight", "c.bias"], ["y"], auto_pad="SAME_UPPER", strides=[2, 2]
            )
        ],
        [_weight("c.weight", [6, 3, 3, 3]), _weight("c.bias", [6])],
        shape=(1, 3, 9, 9),
    )
    network, _ = _read(tmp_path, model)
    result = compute(network)
    assert result.layers[-1].output_shape == (6, 5, 5)
    assert result.trainable_params == 6 * 27 + 6


def test_matmul_and_bias_add_make_one_linear_and_unknown_ops_are_named(tmp_path):
    model = _model(
        [
            helper.make_node("Flatten", ["x"], ["f"], axis=1),
            helper.make_node("MatMul", ["f", "fc.weight"], ["m"], name="/fc/MatMul"),
            helper.make_node("Add", ["m", "fc.bias"], ["a"], name="/fc/Add"),
            helper.make_node("TopK", ["a", "k"], ["y", "i"], name="/topk/TopK"),
        ],
        [_weight("fc.weight", [192, 10]), _weight("fc.bias", [10]), _ints("k", [3])],
    )
    network, report = _read(tmp_path, model)
    linear = network.layers[network.index_of("fc")]
    assert linear.type == "Linear" and linear.config == {"out_features": 10}
    assert compute(network).trainable_params == 192 * 10 + 10
    assert [(u.name, u.kind) for u in report.unmapped] == [("topk", "TopK")]
    assert "topk (TopK): left out" in report.text()


def test_resize_pad_clip_split_slice_transpose_layer_norm(tmp_path):
    model = _model(
        [
            helper.make_node("Resize", ["x", "", "scales"], ["r"], mode="nearest"),
            helper.make_node("Pad", ["r", "pads"], ["p"]),
            helper.make_node("Clip", ["p", "lo", "hi"], ["c"]),
            helper.make_node("Split", ["c", "sizes"], ["s0", "s1"], axis=1),
            helper.make_node("Slice", ["s1", "st", "en", "ax"], ["sl"]),
            helper.make_node("Transpose", ["sl"], ["t"], perm=[0, 2, 3, 1]),
            helper.make_node("LayerNormalization", ["t", "ln.weight", "ln.bias"], ["y"]),
        ],
        [
            helper.make_tensor("scales", TensorProto.FLOAT, [4], [1, 1, 2, 2]),
            _ints("pads", [0, 0, 1, 2, 0, 0, 3, 4]),
            helper.make_tensor("lo", TensorProto.FLOAT, [], [0.0]),
            helper.make_tensor("hi", TensorProto.FLOAT, [], [6.0]),
            _ints("sizes", [1, 2]),
            _ints("st", [1]),
            _ints("en", [-1]),
            _ints("ax", [2]),
            _weight("ln.weight", [2]),
            _weight("ln.bias", [2]),
        ],
        opset=18,
    )
    network, report = _read(tmp_path, model)
    types = [layer.type for layer in network.layers]
    assert types == [
        "Upsample", "ZeroPad2d", "ReLU6", "Narrow", "Narrow", "Narrow", "Permute", "LayerNorm"
    ]  # fmt: skip
    result = compute(network)
    assert result.errors == [] and report.unmapped == []
    shapes = [r.output_shape for r in result.layers]
    assert shapes[1] == (3, 20, 22)  # 16 + 1 + 3 rows, 16 + 2 + 4 columns
    assert shapes[3] == (1, 20, 22) and shapes[4] == (2, 20, 22)
    assert shapes[5] == (2, 18, 22)  # rows 1 … 18 of 20
    assert shapes[-1] == (18, 22, 2)
    assert result.trainable_params == 4  # the LayerNorm's scale and shift


def test_asymmetric_pool_pads_and_ceil_mode(tmp_path):
    model = _model(
        [
            helper.make_node(
                "MaxPool", ["x"], ["m"], kernel_shape=[3, 3], strides=[2, 2], pads=[0, 0, 1, 1]
            ),
            helper.make_node(
                "AveragePool", ["m"], ["y"], kernel_shape=[2, 2], strides=[2, 2], ceil_mode=1
            ),
        ],
        [],
        shape=(1, 3, 10, 10),
    )
    network, _ = _read(tmp_path, model)
    result = compute(network)
    assert [layer.type for layer in network.layers] == ["ZeroPad2d", "MaxPool2d", "AvgPool2d"]
    assert result.layers[1].output_shape == (3, 5, 5)
    assert result.layers[-1].output_shape == (3, 3, 3)


def test_symbolic_batch_and_sizes_are_assumed_and_said(tmp_path):
    model = _model(
        [helper.make_node("Relu", ["x"], ["y"])], [], shape=("batch", 3, "height", "width")
    )
    network, report = _read(tmp_path, model)
    assert network.input == [3, 224, 224]
    assert "assumed 224" in report.text()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "no graph"),
        (b"\x0a\xff\xff\xff\xff\x0f", "damaged, cut short or of another kind"),
        (b"{json: not onnx}", "damaged, cut short or of another kind"),
    ],
)
def test_wrong_or_cut_files_get_a_located_message(tmp_path, content, message):
    path = tmp_path / "bad.onnx"
    path.write_bytes(content)
    with pytest.raises(ModelFileError) as info:
        read_model(path)
    assert message in str(info.value) and str(path) in str(info.value)


def test_a_cut_real_model_is_refused(tmp_path):
    whole = _fixture(tmp_path, "resnet18").read_bytes()
    path = tmp_path / "cut.onnx"
    path.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(ModelFileError, match="cut short"):
        read_model(path)


def test_without_the_onnx_package_the_message_says_how_to_add_it(tmp_path, monkeypatch):
    path = _fixture(tmp_path, "resnet18")
    monkeypatch.setitem(sys.modules, "onnx", None)
    with pytest.raises(ModelFileError, match=r"pip install 'convdesk\[onnx\]'"):
        read_model(path)


def test_a_too_large_file_is_refused_before_reading(tmp_path, monkeypatch):
    from convdesk.importers import onnx_import

    path = _fixture(tmp_path, "alexnet")
    monkeypatch.setattr(onnx_import, "MAX_ONNX_BYTES", 100)
    with pytest.raises(ModelFileError, match="too large for one ONNX file"):
        read_model(path)
