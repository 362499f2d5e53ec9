"""Every error path of the file reader, the round trip, and atomic saving."""

import json
import os

import pytest

from convdesk.engine import (
    Layer,
    Network,
    NetworkFileError,
    dumps_network,
    load_network,
    loads_network,
    save_network,
)

GOOD = {
    "format": "convdesk-network",
    "version": 1,
    "name": "n",
    "input": [3, 32, 32],
    "layers": [
        {"name": "conv1", "type": "Conv2d", "out_channels": 8, "kernel_size": 3},
        {"type": "ReLU"},
        {"type": "ReLU"},
        {"name": "sum", "type": "Add", "inputs": ["conv1", "relu_2"]},
    ],
}


def variant(path, value):
    """GOOD with the value at a dotted path replaced (or removed when value is ...)."""
    data = json.loads(json.dumps(GOOD))
    *parents, last = path
    target = data
    for key in parents:
        target = target[key]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return json.dumps(data)


def test_good_file_reads_and_names_missing_layers_from_their_type():
    net = loads_network(json.dumps(GOOD))
    assert [layer.name for layer in net.layers] == ["conv1", "relu_1", "relu_2", "sum"]
    assert net.layers[3].inputs == ["conv1", "relu_2"]
    assert net.layers[0].config == {"out_channels": 8, "kernel_size": 3}


@pytest.mark.parametrize(
    ("text", "location", "words"),
    [
        ("{", "", "not valid JSON"),
        ("[1, 2]", "", "must hold a JSON object"),
        (variant(["format"], ...), "", '"format" is missing'),
        (variant(["format"], "keras"), "format", "convdesk-network"),
        (variant(["version"], ...), "", '"version" is missing'),
        (variant(["version"], "1"), "version", "whole number"),
        (variant(["version"], 0), "version", "at least 1"),
        (variant(["version"], 2), "version", "newer convdesk"),
        (variant(["extra"], 1), "extra", "unknown key"),
        (variant(["nmae"], "x"), "nmae", "did you mean 'name'"),
        (variant(["name"], 5), "name", "expected text"),
        (variant(["description"], []), "description", "expected text"),
        (variant(["ui"], 3), "ui", "expected an object"),
        (variant(["input"], ...), "", '"input" is missing'),
        (variant(["input"], "3x32x32"), "input", "list of 1 to 4"),
        (variant(["input"], [3, 2, 2, 2, 2]), "input", "list of 1 to 4"),
        (variant(["input", 1], 0), "input[1]", "at least 1"),
        (variant(["input", 1], True), "input[1]", "whole number"),
        (variant(["input", 2], 3.5), "input[2]", "whole number"),
        (variant(["layers"], ...), "", '"layers" is missing'),
        (variant(["layers"], {}), "layers", "list of layers"),
        (variant(["layers", 1], "ReLU"), "layers[1]", "layer object"),
        (variant(["layers", 1, "type"], ...), "layers[1]", '"type" is missing'),
        (variant(["layers", 1, "type"], "Relu"), "layers[1].type", "did you mean 'ReLU'"),
        (
            variant(["layers", 0, "kernal_size"], 3),
            "layers[0] (conv1).kernal_size",
            "did you mean 'kernel_size'",
        ),
        (variant(["layers", 1, "alpha"], 3), "layers[1] (relu_1).alpha", "no keys of its own"),
        (variant(["layers", 0, "out_channels"], ...), "layers[0] (conv1)", "'out_channels'"),
        (variant(["layers", 3, "name"], "conv1"), "layers[3].name", "used twice"),
        (variant(["layers", 3, "name"], "input"), "layers[3].name", "reserved"),
        (variant(["layers", 3, "name"], ""), "layers[3].name", "non-empty"),
        (variant(["layers", 3, "inputs"], "conv1"), "layers[3] (sum).inputs", "list of earlier"),
        (variant(["layers", 3, "inputs"], []), "layers[3] (sum).inputs", "list of earlier"),
    ],
)
def test_bad_files_give_located_messages(text, location, words):
    with pytest.raises(NetworkFileError) as info:
        loads_network(text, source="net.convdesk")
    error = info.value
    assert error.location == location
    assert words in str(error)
    assert str(error).startswith("net.convdesk")


def test_newer_version_is_refused_whole_even_if_otherwise_odd():
    text = json.dumps({"format": "convdesk-network", "version": 7, "layers": "future stuff"})
    with pytest.raises(NetworkFileError, match="version 7"):
        loads_network(text)


def test_values_with_wrong_types_load_and_become_layer_errors():
    # A file may hold a stride of 0: it opens, and the layer shows what is wrong.
    net = loads_network(variant(["layers", 0, "stride"], 0))
    assert net.layers[0].config["stride"] == 0


def test_disk_errors(tmp_path):
    with pytest.raises(NetworkFileError, match="no such file"):
        load_network(tmp_path / "missing.convdesk")
    with pytest.raises(NetworkFileError, match="folder"):
        load_network(tmp_path)
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    with pytest.raises(NetworkFileError, match="UTF-8"):
        load_network(binary)
    empty = tmp_path / "empty.convdesk"
    empty.write_text("")
    with pytest.raises(NetworkFileError, match="not valid JSON"):
        load_network(empty)


def test_round_trip_keeps_everything(tmp_path):
    net = Network(
        [1, 28, 28],
        [
            Layer("Conv2d", "c", {"out_channels": 4, "kernel_size": [3, 5], "padding": "same"}),
            Layer("Concat", "cat", {"dim": 0}, ["c", "input"]),
        ],
        name="Ünïcode net",
        description="two layers",
        ui={"zoom": 1.5},
    )
    path = tmp_path / "n.convdesk"
    save_network(net, path)
    again = load_network(path)
    assert again == net
    assert json.loads(path.read_text(encoding="utf-8"))["layers"][1]["inputs"] == ["c", "input"]
    assert dumps_network(again) == path.read_text(encoding="utf-8")


def test_save_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / "n.convdesk"
    path.write_text("old contents")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(NetworkFileError, match="No space left"):
        save_network(Network([3, 8, 8]), path)
    assert path.read_text() == "old contents"
    assert os.listdir(tmp_path) == ["n.convdesk"]  # no temporary file left behind


def test_save_into_missing_folder_is_a_clean_error(tmp_path):
    with pytest.raises(NetworkFileError, match="cannot save"):
        save_network(Network([3, 8, 8]), tmp_path / "nope" / "n.convdesk")
