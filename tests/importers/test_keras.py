"""Keras import: real configs of keras.applications against Keras's own counts, and bad files."""

from __future__ import annotations

import json
import zipfile

import pytest

from convdesk.engine import compute, dumps_network, loads_network
from convdesk.importers import ModelFileError, is_model_file, read_model
from convdesk.importers import keras as keras_import

from .helpers import EXPECTED, KERAS_MODELS, keras_text


def _import(tmp_path, key):
    path = tmp_path / f"{key}.json"
    path.write_text(keras_text(key))
    return read_model(path)


@pytest.mark.parametrize("key", KERAS_MODELS)
def test_keras_models_import_with_keras_totals_and_output_shape(tmp_path, key):
    network, report = _import(tmp_path, key)
    result = compute(network)
    expected = EXPECTED[key]
    assert result.errors == []
    uncounted_trainable, uncounted_fixed = report.uncounted
    # Every difference from Keras's count is one the import report states.
    assert (
        result.trainable_params - report.overcounted + uncounted_trainable
        == expected["trainable_params"]
    )
    assert result.non_trainable_params + uncounted_fixed == expected["non_trainable_params"]
    assert list(result.layers[-1].output_shape) == expected["output_shape"][-1:] or list(
        result.layers[-1].output_shape
    ) == [expected["output_shape"][-1], *expected["output_shape"][:-1]]
    # The file convdesk writes reads back to the same numbers.
    again = compute(loads_network(dumps_network(network)))
    assert again.total_params == result.total_params


@pytest.mark.parametrize(
    "key", ["vgg16", "resnet50", "mobilenetv2", "densenet121", "xception", "convnexttiny"]
)
def test_these_applications_map_every_layer_and_count_exactly(tmp_path, key):
    network, report = _import(tmp_path, key)
    result = compute(network)
    assert report.unmapped == [] or [u.kind for u in report.unmapped] == ["Normalization"]
    assert report.overcounted == 0
    assert result.trainable_params == EXPECTED[key]["trainable_params"]
    assert result.non_trainable_params == EXPECTED[key]["non_trainable_params"]


def test_the_unmapped_layers_are_named_and_their_weights_told(tmp_path):
    network, report = _import(tmp_path, "efficientnetb0")
    kinds = {u.name: u.kind for u in report.unmapped}
    assert kinds == {"rescaling_1": "Rescaling", "normalization": "Normalization"}
    assert report.uncounted == (0, 7)  # mean and variance of 3 channels, and the count
    text = report.text()
    assert "rescaling_1 (Rescaling)" in text and "normalization (Normalization)" in text
    assert "7 not" in text
    # The layers stand in as Identity, so the network stays computable.
    assert network.layers[network.index_of("normalization")].type == "Identity"


def test_mobilenetv3_constant_arithmetic_is_named_and_the_input_size_assumed(tmp_path):
    network, report = _import(tmp_path, "mobilenetv3small")
    assert network.input == [3, 224, 224]
    constants = [u for u in report.unmapped if u.kind.endswith("with a constant")]
    assert len(constants) == 18
    assert any("assumed 224" in note for note in report.notes)


def test_inception_batch_norms_without_scale_are_counted_and_said(tmp_path):
    network, report = _import(tmp_path, "inceptionv3")
    result = compute(network)
    bn_channels = sum(r.output_shape[0] for r in result.layers if r.type.startswith("BatchNorm"))
    assert report.overcounted == bn_channels  # InceptionV3 uses scale=False everywhere
    assert "counts one parameter more per channel" in report.text()


def test_channels_last_becomes_channels_first(tmp_path):
    network, report = _import(tmp_path, "small_conv1d")
    assert network.input == [8, 100]
    concat = next(layer for layer in network.layers if layer.type == "Concat")
    assert concat.config == {"dim": 0}
    assert "channels first" in report.text()


def test_separable_conv_is_two_layers_named_after_it(tmp_path):
    network, _ = _import(tmp_path, "small_sequential")
    names = [layer.name for layer in network.layers]
    i = names.index("separable_conv2d_depthwise")
    assert names[i + 1] == "separable_conv2d"
    depthwise = network.layers[i]
    assert depthwise.config["groups"] == 32 and depthwise.config["bias"] is False


def _sequential(*layers, shape=(8, 8, 3)):
    items = [{"class_name": "InputLayer", "config": {"batch_shape": [None, *shape]}}]
    items += [
        {"module": "keras.layers", "class_name": cls, "config": {"name": name, **config}}
        for cls, name, config in layers
    ]
    return {"class_name": "Sequential", "config": {"name": "s", "layers": items}}


def test_lambda_and_custom_layers_are_refused_by_name_never_run():
    data = _sequential(
        ("Conv2D", "c", {"filters": 4, "kernel_size": 3}),
        ("Lambda", "shape_kept", {"function": "bad code"}),
        ("Flatten", "f", {}),
    )
    swirl = {
        "module": "mylib",
        "class_name": "Swirl",
        "registered_name": "mylib>Swirl",
        "config": {"name": "swirl"},
        "build_config": {"input_shape": [None, 6, 6, 4]},  # what the Lambda gave, says Keras
    }
    data["config"]["layers"].insert(3, swirl)
    network, report = keras_import.import_keras(data, "m.json")
    by_name = {u.name: u for u in report.unmapped}
    assert by_name["shape_kept"].kind == "Lambda"
    assert "never run" in by_name["shape_kept"].outcome
    assert "kept as Identity" in by_name["shape_kept"].outcome  # Keras recorded the same shape
    assert "custom class (mylib>Swirl)" in by_name["swirl"].outcome
    assert "left out" in by_name["swirl"].outcome  # its shape is not known to be kept
    result = compute(network)
    assert result.layers[network.index_of("shape_kept")].output_shape == (4, 6, 6)
    assert result.layers[network.index_of("f")].output_shape is None


def test_tf_keras_2_layout_with_list_inbound_nodes():
    def layer(cls, name, config, *inputs):
        return {
            "class_name": cls,
            "name": name,
            "config": {"name": name, **config},
            "inbound_nodes": [[[i, 0, 0, {}] for i in inputs]] if inputs else [],
        }

    data = {
        "class_name": "Model",
        "config": {
            "name": "tf2",
            "layers": [
                layer("InputLayer", "in", {"batch_input_shape": [None, 16, 16, 3]}),
                layer(
                    "Conv2D", "a", {"filters": 8, "kernel_size": [3, 3], "padding": "same"}, "in"
                ),
                layer("Conv2D", "b", {"filters": 8, "kernel_size": [1, 1]}, "in"),
                layer("Add", "sum", {}, "a", "b"),
                layer("GlobalAveragePooling2D", "gap", {}, "sum"),
                layer("Dense", "out", {"units": 2, "activation": "softmax"}, "gap"),
            ],
            "input_layers": [["in", 0, 0]],
            "output_layers": [["out", 0, 0]],
        },
    }
    network, report = keras_import.import_keras(data, "tf2.json")
    result = compute(network)
    assert result.errors == []
    assert result.trainable_params == (27 * 8 + 8) + (3 * 8 + 8) + (8 * 2 + 2)
    assert [layer.type for layer in network.layers][-2:] == ["Linear", "Softmax"]
    assert report.mapped == 5


def test_channels_first_models_keep_their_axes():
    data = _sequential(
        ("Conv2D", "c", {"filters": 4, "kernel_size": 3, "data_format": "channels_first"}),
        ("BatchNormalization", "bn", {"axis": 1}),
        shape=(3, 10, 10),
    )
    network, report = keras_import.import_keras(data, "cf.json")
    assert network.input == [3, 10, 10]
    result = compute(network)
    assert result.layers[-1].output_shape == (4, 8, 8) and result.errors == []
    assert "channels first" not in report.text()


def test_same_pooling_with_uneven_padding_keeps_tensorflow_size():
    data = _sequential(
        ("MaxPooling2D", "p", {"pool_size": 3, "strides": 2, "padding": "same"}),
        ("AveragePooling2D", "q", {"pool_size": 2, "strides": 2, "padding": "same"}),
        shape=(112, 111, 3),
    )
    network, _ = keras_import.import_keras(data, "p.json")
    result = compute(network)
    assert result.layers[network.index_of("p")].output_shape == (3, 56, 56)  # ceil(n / 2)
    assert result.layers[-1].output_shape == (3, 28, 28)


def test_keras_archive_is_read_from_its_config_only(tmp_path):
    path = tmp_path / "model.keras"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("config.json", keras_text("vgg16"))
        archive.writestr("metadata.json", json.dumps({"keras_version": "3"}))
        archive.writestr("model.weights.h5", b"\x89HDF not read")
    assert is_model_file(path)
    network, _ = read_model(path)
    assert compute(network).trainable_params == EXPECTED["vgg16"]["trainable_params"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cut.keras", "truncated", "damaged or cut short"),
        ("nozip.keras", "no-config", "has no config.json"),
        ("text.keras", b"hello, I am not a zip", "not a Keras model"),
        ("net.json", b'{"class_name": "Sequential", "config": [1]}', "not a Keras model"),
        ("bad.json", b'{"class_name": "Sequential", ', "not valid JSON"),
        ("bin.json", b'{"class_name"\xff\xfe', "not UTF-8"),
    ],
)
def test_wrong_and_truncated_files_get_a_located_message(tmp_path, name, content, message):
    path = tmp_path / name
    if content == "truncated":
        whole = tmp_path / "whole.keras"
        with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("config.json", keras_text("resnet50"))
        path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    elif content == "no-config":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("weights.h5", b"x")
    else:
        path.write_bytes(content)
    with pytest.raises(ModelFileError) as info:
        read_model(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_a_too_large_description_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(keras_import, "MAX_CONFIG_BYTES", 1000)
    path = tmp_path / "big.json"
    path.write_text(keras_text("vgg16"))
    with pytest.raises(ModelFileError, match="too large"):
        read_model(path)


def test_a_model_with_two_inputs_is_refused_with_the_reason():
    data = json.loads(keras_text("small_conv1d"))
    data["config"]["input_layers"] = [["a", 0, 0], ["b", 0, 0]]
    with pytest.raises(ModelFileError, match="2 inputs; a convdesk network has exactly one"):
        keras_import.import_keras(data, "two.json")


def test_network_files_named_json_are_not_taken_for_models(tmp_path):
    path = tmp_path / "net.json"
    path.write_text('{"format": "convdesk-network", "version": 1, "input": [3], "layers": []}')
    assert not is_model_file(path)
