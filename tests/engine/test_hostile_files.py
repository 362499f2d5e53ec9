"""Every hostile file of issue 12 (and more): refused with a location, or computed in bounded time.

The engine never raises for a bad file or network, never loops over a number from the file, and
`convdesk summary` answers each with one line and exit status 2 (or a layer error and status 1).
"""

import importlib
import json
import math
import os
import subprocess
import sys
import time

import pytest

from convdesk.engine import (
    Layer,
    Network,
    NetworkFileError,
    compute,
    explain,
    explain_element,
    fileio,
    load_network,
    loads_network,
)
from convdesk.engine.formats import FORMATS, format_report

HEAD = '{"format": "convdesk-network", "version": 1, '


def network_text(input_shape, *layers: str) -> str:
    return HEAD + f'"input": {json.dumps(input_shape)}, "layers": [' + ", ".join(layers) + "]}"


def refused(text: str) -> NetworkFileError:
    with pytest.raises(NetworkFileError) as info:
        loads_network(text)
    return info.value


def summary(tmp_path, text: str) -> subprocess.CompletedProcess:
    path = tmp_path / "hostile.convdesk"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return subprocess.run(
        [sys.executable, "-m", "convdesk", "summary", str(path)],
        capture_output=True,
        text=True,
        timeout=20,
    )


def everything(network: Network) -> None:
    """What the window and the CLI do with a network: report, every format, steps of each layer."""
    report = compute(network)
    for fmt in FORMATS:
        format_report(report, fmt)
    for index, result in enumerate(report.layers):
        explain(network, report, index)
        if result.output_shape is not None and result.window is not None:
            last = tuple(n - 1 for n in result.output_shape[1:])
            explain_element(network, report, index, last)
            explain_element(network, report, index, tuple(0 for _ in last))


# --- 2. work proportional to a number in the file ------------------------------------------------

GROUPS_HUGE = network_text(
    [3, 8, 8], '{"type": "Conv2d", "out_channels": 1000000000000, "kernel_size": 1, "groups": 2}'
)
KERNEL_HUGE = network_text(
    [1, 8, 8], '{"type": "ConvTranspose2d", "out_channels": 1, "kernel_size": 1000000000}'
)


def test_a_huge_channel_count_with_groups_is_answered_at_once():
    start = time.process_time()
    report = compute(loads_network(GROUPS_HUGE))
    assert time.process_time() - start < 1
    assert report.layers[0].error.endswith(
        "in_channels 3 is not divisible by groups 2; groups 1 would fit"
    )


def test_groups_suggestions_are_the_nearest_common_divisors_even_for_huge_counts():
    # gcd(2^40·3, 2^40) = 2^40: the divisors nearest 1000 are 512 and 1024.
    net = Network(
        [2**40 * 3],
        [Layer("Conv1d", "c", {"out_channels": 2**40, "kernel_size": 1, "groups": 1000})],
    )
    net.input = [2**40 * 3, 5]
    message = compute(net).layers[0].error
    assert "groups 512 or 1024 would fit" in message


def test_a_huge_transposed_kernel_is_explained_at_once():
    network = loads_network(KERNEL_HUGE)
    start = time.process_time()
    everything(network)
    assert time.process_time() - start < 1
    report = compute(network)
    assert report.layers[0].output_shape == (1, 1000000007, 1000000007)
    steps = explain_element(network, report, 0, (500, 7))
    assert "inputs 0…7" in steps[0].lines[0] and "inputs 0…7" in steps[0].lines[1]


@pytest.mark.parametrize("text", [GROUPS_HUGE, KERNEL_HUGE])
def test_the_cli_answers_the_huge_numbers_at_once(tmp_path, text):
    result = summary(tmp_path, text)  # a hang fails at summary's timeout
    assert result.returncode in (0, 1) and "unexpected" not in result.stderr


def test_huge_but_allowed_sizes_compute_and_format_without_overflow():
    top = 2**63
    growing = loads_network(
        network_text(
            [top, top, top],
            '{"type": "Conv2d", "out_channels": 9223372036854775808, "kernel_size": 1}',
            '{"type": "ConvTranspose2d", "out_channels": 1, "kernel_size": 1, "stride": 3}',
            '{"type": "ReLU"}',
        )
    )
    everything(growing)
    report = compute(growing)
    assert report.layers[0].output_shape == (top, top, top)
    assert "more than convdesk supports" in report.layers[1].error
    assert report.layers[2].blocked_by == report.layers[1].name
    shrinking = loads_network(
        network_text(
            [top, top, top],
            '{"type": "MaxPool2d", "kernel_size": 9223372036854775808, "stride": 1}',
            '{"type": "Upsample", "scale_factor": 1e18}',
            '{"type": "Flatten"}',
            '{"type": "Linear", "out_features": 9223372036854775808}',
        )
    )
    everything(shrinking)
    report = compute(shrinking)
    assert report.layers[1].output_shape == (top, 10**18, 10**18)
    assert "more than convdesk supports" in report.layers[2].error


def test_upsampling_past_the_limit_is_a_layer_error_not_an_overflow():
    result = compute(
        loads_network(network_text([1, 8, 8], '{"type": "Upsample", "scale_factor": 1e308}'))
    )
    assert "larger than 2^63" in result.layers[0].error


# --- 3. linear loading, limits, merge text -------------------------------------------------------


def test_unnamed_layers_load_in_linear_time():
    def seconds(count: int) -> float:
        text = network_text([4], *(['{"type": "ReLU"}'] * count))
        start = time.process_time()
        network = loads_network(text)
        assert network.layers[-1].name == f"relu_{count}"
        return time.process_time() - start

    # Quadratic naming took 52 s for 16,000 layers, so about 330 s for 40,000; linear loading
    # takes well under a second of CPU.
    assert seconds(40_000) < 30


def test_generated_names_skip_the_names_the_file_gives():
    network = loads_network(
        network_text(
            [4],
            '{"type": "ReLU"}',
            '{"type": "ReLU", "name": "relu_2"}',
            '{"type": "ReLU"}',
            '{"type": "ReLU", "name": "relu_4"}',
            '{"type": "ReLU"}',
        )
    )
    assert [layer.name for layer in network.layers] == [
        "relu_1",
        "relu_2",
        "relu_3",
        "relu_4",
        "relu_5",
    ]


def test_too_many_layers_are_refused_with_the_limit():
    error = refused(network_text([4], *(['{"type": "ReLU"}'] * (fileio.MAX_LAYERS + 1))))
    assert error.location == "layers"
    assert "200,001 layers" in error.message and "up to 200,000 layers" in error.message


def test_a_file_above_the_size_limit_is_refused_before_reading_it_all(tmp_path, monkeypatch):
    monkeypatch.setattr(fileio, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.convdesk"
    path.write_text(network_text([4], *(['{"type": "ReLU"}'] * 100)))
    with pytest.raises(NetworkFileError, match="convdesk opens network files of up to 0 MB"):
        load_network(path)
    with pytest.raises(NetworkFileError, match="up to 0 MB"):
        loads_network(path.read_text())


def test_a_device_or_a_pipe_is_not_read(tmp_path):
    with pytest.raises(NetworkFileError, match="not a regular file"):
        load_network("/dev/zero")
    fifo = tmp_path / "pipe.convdesk"
    os.mkfifo(fifo)
    with pytest.raises(NetworkFileError, match="not a regular file"):
        load_network(fifo)


def test_a_concat_builds_its_error_text_only_for_an_error(monkeypatch):
    calls = []
    compute_module = importlib.import_module("convdesk.engine.compute")
    monkeypatch.setattr(compute_module, "shape_list", lambda shape: calls.append(shape) or "")
    names = [f"r{i}" for i in range(200)]
    network = Network(
        [2, 4, 4],
        [Layer("ReLU", name, inputs=["input"]) for name in names]
        + [Layer("Concat", "cat", inputs=names)],
    )
    assert compute(network).layers[-1].output_shape == (400, 4, 4)
    assert calls == []


# --- 4 and 5. values the engine used to raise on, or accept -------------------------------------


@pytest.mark.parametrize(
    ("layer", "location", "words"),
    [
        (
            '{"type": "Upsample", "scale_factor": NaN}',
            "layers[0].scale_factor",
            "NaN is not a number",
        ),
        (
            '{"type": "Upsample", "scale_factor": Infinity}',
            "layers[0].scale_factor",
            "Infinity is not",
        ),
        (
            '{"type": "Upsample", "scale_factor": [2, -Infinity]}',
            "layers[0].scale_factor[1]",
            "-Infinity",
        ),
        (
            '{"type": "Upsample", "scale_factor": 1e400}',
            "layers[0].scale_factor",
            "overflows to infinity",
        ),
        (
            '{"type": "Linear", "out_features": 1' + "0" * 4000 + "}",
            "layers[0].out_features",
            "4001 digits",
        ),
        (
            '{"type": "Linear", "out_features": 1' + "0" * 5000 + "}",
            "layers[0].out_features",
            "at most 2^63",
        ),
        (
            '{"type": "Linear", "out_features": 9223372036854775809}',
            "layers[0].out_features",
            "at most 2^63",
        ),
        (
            '{"type": "Linear", "out_features": -9223372036854775809}',
            "layers[0].out_features",
            "at most 2^63",
        ),
        ('{"type": "Dropout", "p": NaN}', "layers[0].p", "NaN"),
        ('{"type": "BatchNorm1d", "eps": NaN, "momentum": 0.1}', "layers[0].eps", "NaN"),
        ('{"type": "BatchNorm1d", "momentum": Infinity}', "layers[0].momentum", "Infinity"),
        (
            '{"type": "LeakyReLU", "negative_slope": -Infinity}',
            "layers[0].negative_slope",
            "-Infinity",
        ),
        ('{"type": "ReLU", "name": "\\u0000"}', "layers[0].name", "control character U+0000"),
        ('{"type": "ReLU", "name": "ab\\u0085"}', "layers[0].name", "control character U+0085"),
        ('{"type": "ReLU", "name": "conv1\\u200b"}', "layers[0].name", "U+200B, an invisible"),
        ('{"type": "ReLU", "name": "a\\u202eb"}', "layers[0].name", "U+202E"),
        ('{"type": "ReLU", "name": "\\ud800"}', "layers[0].name", "unpaired surrogate"),
        ('{"type": "ReLU", "name": "' + "x" * 201 + '"}', "layers[0].name", "up to 200"),
        ('{"type": "ReLU", "inputs": ["\\udfff"]}', "layers[0].inputs[0]", "unpaired surrogate"),
        (
            '{"type": "Conv1d", "out_channels": 1, "kernel_size": 1, "kernel_size": 3}',
            "layers[0].kernel_size",
            "appears twice",
        ),
        ('{"type": "ReLU", "type": "ReLU"}', "layers[0].type", "appears twice"),
    ],
)
def test_values_the_file_may_not_hold_are_refused_with_their_location(layer, location, words):
    error = refused(network_text([4, 8], layer))
    assert error.location == location
    assert words in error.message


@pytest.mark.parametrize(
    ("text", "location", "words"),
    [
        (
            HEAD + '"input": [4], "layers": [], "layers": [{"type": "ReLU"}]}',
            "layers",
            "the key 'layers' appears twice",
        ),
        (HEAD + '"input": [4, 1' + "0" * 5000 + '], "layers": []}', "input[1]", "at most 2^63"),
        (HEAD + '"input": [4], "layers": [], "name": "a\\u0007b"}', "name", "U+0007"),
        (
            HEAD + '"input": [4], "layers": [], "description": "bell\\u0007"}',
            "description",
            "U+0007",
        ),
        (HEAD + '"input": [4], "layers": [], "ui": {"\\ud800": 1}}', "ui", "unpaired surrogate"),
        (
            HEAD + '"input": [4], "layers": [], "ui": {"a": ' + "[" * 70 + "]" * 70 + "}}",
            "ui.a" + "[0]" * 62,
            "nested more than 64",
        ),
        (
            '{"format": "convdesk-network", "version": 1' + "0" * 5000 + "}",
            "version",
            "at most 2^63",
        ),
    ],
)
def test_whole_file_problems_are_refused_with_their_location(text, location, words):
    error = refused(text)
    assert error.location == location
    assert words in error.message


def test_a_key_with_a_control_character_is_located_with_escapes():
    error = refused(network_text([4], '{"type": "ReLU", "\\u0000": 1}'))
    assert error.location == "layers[0] (relu_1).'\\x00'"


def test_descriptions_may_hold_lines_and_tabs():
    network = loads_network(
        HEAD + '"input": [4], "layers": [], "description": "one\\ntwo\\tthree"}'
    )
    assert network.description == "one\ntwo\tthree"


@pytest.mark.parametrize(
    ("layer_type", "config", "words"),
    [
        ("Dropout", {"p": math.nan}, "p must be a finite number"),
        ("Dropout", {"p": 1.5}, "p must be at most 1.0"),
        ("BatchNorm1d", {"eps": math.nan}, "eps must be a finite number"),
        ("BatchNorm1d", {"momentum": math.inf}, "momentum must be a finite number"),
        ("BatchNorm1d", {"momentum": 2}, "momentum must be at most 1.0"),
        ("LeakyReLU", {"negative_slope": -math.inf}, "negative_slope must be a finite number"),
        ("ELU", {"alpha": 10**5000}, "alpha is more than convdesk supports"),
        ("Upsample", {"scale_factor": math.nan}, "scale_factor must be positive and finite"),
        ("Upsample", {"scale_factor": [10**400]}, "scale_factor must be positive and finite"),
        ("Upsample", {"scale_factor": 0.0}, "scale_factor must be positive"),
        ("Linear", {"out_features": 10**4000}, "out_features is more than convdesk supports"),
        ("Conv1d", {"out_channels": 2, "kernel_size": 10**5000}, "kernel_size is more than"),
        (
            "Conv1d",
            {"out_channels": 2, "kernel_size": [[1]]},
            "kernel_size must hold whole numbers",
        ),
    ],
)
def test_a_network_built_in_code_gets_layer_errors_not_exceptions(layer_type, config, words):
    network = Network([4, 8], [Layer(layer_type, "x", config)])
    everything(network)
    assert words in compute(network).layers[0].error


def test_an_input_beyond_the_limit_leaves_every_layer_without_a_shape():
    network = Network([2**64, 3], [Layer("ReLU", "r")])
    everything(network)
    assert compute(network).layers[0].output_shape is None


@pytest.mark.parametrize(
    "text",
    [
        network_text([3, 8, 8], '{"type": "Upsample", "scale_factor": NaN}'),
        network_text([3, 8, 8], '{"type": "Upsample", "scale_factor": 1e999}'),
        network_text([3, 8, 8], '{"type": "Linear", "out_features": 1' + "0" * 5000 + "}"),
        network_text([3, 8, 8], '{"type": "Dropout", "p": NaN}'),
        HEAD + '"input": [4], "layers": [], "layers": []}',
        network_text([3], '{"type": "ReLU", "name": "\\u0000"}'),
        network_text([3], '{"type": "ReLU", "name": "\\ud800"}'),
    ],
)
def test_the_cli_refuses_each_with_one_line_and_status_2(tmp_path, text):
    result = summary(tmp_path, text)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("convdesk: ") and "unexpected" not in result.stderr


def test_a_channel_shuffle_of_a_huge_channel_count_is_explained_at_once():
    network = loads_network(
        network_text([2 * 10**12, 4, 4], '{"type": "ChannelShuffle", "groups": 1000000000000}')
    )
    start = time.process_time()
    everything(network)
    steps = explain(network, compute(network), 0)
    assert time.process_time() - start < 1
    text = "\n".join(line for step in steps for line in step.lines)
    assert "input channels 0, 2, 4, 6," in text


@pytest.mark.parametrize(
    "layer",
    [
        '{"type": "ChannelShuffle", "groups": 7}',
        '{"type": "GroupNorm", "num_groups": 7}',
    ],
)
def test_groups_that_do_not_divide_a_huge_channel_count_are_answered_at_once(layer):
    network = loads_network(network_text([10**12, 4, 4], layer))
    start = time.process_time()
    everything(network)
    assert time.process_time() - start < 1
    assert "8 would fit" in compute(network).layers[0].error
