"""The exercise generator: answers from compute(), PyTorch's numbers, reproducible seeds."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from convdesk.engine import Layer, Network, compute, loads_network
from convdesk.engine.exercise_sets import drawn_set, dumps_set
from convdesk.engine.exercises import (
    LEVELS,
    ExerciseError,
    exercise_from_layer,
    generate,
    make_exercise,
    parse_level,
    pickable,
)
from convdesk.engine.presets import load_preset
from tests.engine.test_reference_cases import _cases

SEEDS = (0, 1, 4711, 2**40 + 3)


def _from_report(network: Network, name: str, quantity: str):
    """The asked number read straight from compute(), as the window shows it."""
    result = compute(network).by_name(name)
    if quantity == "shape":
        return tuple(result.output_shape)
    if quantity == "length":
        return result.output_shape[0]
    if quantity == "receptive_field":
        return result.receptive_field.size[0]
    return {
        "params": result.params,
        "non_trainable": result.non_trainable_params,
        "macs": result.macs,
    }[quantity]


@pytest.mark.parametrize("level", sorted(LEVELS))
def test_every_answer_is_what_compute_gives(level):
    for seed in SEEDS:
        for ex in generate(level, 12, seed):
            assert ex.level == level
            for ask in ex.asks:
                if ask.quantity == "padding_fix":
                    net = ex.network.copy()
                    layer = net.layers[net.index_of(ask.layer)]
                    layer.config["padding"] = ask.answer
                    assert compute(net).by_name(ask.layer).error is None
                    if ask.answer > 0:
                        layer.config["padding"] = ask.answer - 1
                        assert compute(net).by_name(ask.layer).error is not None
                else:
                    assert not compute(ex.network).errors
                    assert ask.answer == _from_report(ex.network, ask.layer, ask.quantity)
            assert ex.hints(), "every exercise has worked steps to give as hints"
            assert ex.prompt.count("\n") >= 2


def test_numbers_stay_classroom_sized():
    for ex in generate(sorted(LEVELS), 320, 99):
        for ask in ex.asks:
            values = ask.answer if isinstance(ask.answer, tuple) else (ask.answer,)
            assert all(0 <= v <= 50_000_000 for v in values), (ex.level, ask)
        assert all(v <= 8000 for v in ex.network.input)


def test_levels_ask_what_the_issue_lists():
    asked = {lv: {(a.quantity) for ex in generate(lv, 20, 5) for a in ex.asks} for lv in LEVELS}
    assert asked[12] == {"params", "non_trainable"}
    assert asked[13] == {"macs"}
    assert asked[14] == {"receptive_field"}
    assert asked[15] == {"padding_fix"}
    types = {
        lv: {layer.type for ex in generate(lv, 30, 5) for layer in ex.network.layers}
        for lv in LEVELS
    }
    assert types[8] == {"ConvTranspose2d"}
    assert types[9] == {"Conv1d", "Conv3d"}
    assert types[7] <= {"MaxPool2d", "AvgPool2d"}
    assert all(ex.network.layers[0].get("ceil_mode") for ex in generate(7, 20, 5))
    assert any(
        ex.network.layers[0].get("groups") == ex.network.input[0] for ex in generate(6, 20, 5)
    )
    assert {ex.asks[0].answer == 0 for ex in generate(15, 30, 5)} == {True, False}
    biases = {ex.network.layers[0].get("bias") for ex in generate(11, 30, 5)}
    assert biases == {True, False}


def test_stride_levels_need_rounding():
    for ex in generate(2, 30, 8):
        layer = ex.network.layers[0]
        n, k, s = ex.network.input[1], layer.get("kernel_size"), layer.get("stride")
        assert (n - k) % s != 0


def test_the_same_seed_gives_the_same_set():
    first = dumps_set(drawn_set([3, 7, 16], 30, 4711))
    assert dumps_set(drawn_set([3, 7, 16], 30, 4711)) == first
    assert dumps_set(drawn_set([3, 7, 16], 30, 4712)) != first
    # A longer set starts with the shorter one, so "the first ten" means the same to everyone.
    assert generate(3, 5, 4711) == generate(3, 12, 4711)[:5]


def test_set_4711_level_3_is_pinned():
    """The draws are our own: this exercise must never change between versions or machines."""
    ex = generate(3, 1, 4711)[0]
    assert ex.network.input == [32, 51, 51]
    assert ex.network.layers[0].config == {
        "out_channels": 128,
        "kernel_size": 5,
        "stride": 3,
        "padding": 1,
    }
    assert ex.asks[0].answer == (128, 17, 17)


def test_no_hash_randomisation_reaches_a_set(tmp_path):
    code = (
        "from convdesk.engine.exercise_sets import drawn_set, dumps_set;"
        "print(dumps_set(drawn_set(list(range(1, 17)), 32, 31337)))"
    )
    outs = [
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("1", "12345")
    ]
    assert outs[0] == outs[1]
    assert json.loads(outs[0])["exercises"]


def test_levels_by_number_or_key():
    assert parse_level("3") == 3
    assert parse_level(" Receptive-Field ") == 14
    with pytest.raises(ExerciseError, match="levels are 1"):
        parse_level("17")
    with pytest.raises(ExerciseError):
        generate(0, 3, 1)


def _reference_single_layers():
    return [c for c in _cases() if not c["expect"].get("error")]


@pytest.mark.parametrize("case", _reference_single_layers(), ids=lambda c: c["network"]["name"])
def test_exercises_from_pytorch_reference_layers(case):
    """An exercise made from a PyTorch reference layer has PyTorch's answers."""
    network = loads_network(json.dumps(case["network"]))
    name = network.layers[0].name
    ex = exercise_from_layer(network, name)
    answers = {ask.quantity: ask.answer for ask in ex.asks}
    if "shape" in answers:
        assert list(answers["shape"]) == case["expect"]["output_shape"]
    if "params" in answers:
        assert answers["params"] == case["expect"]["params"]


def test_layers_picked_from_a_preset():
    net = load_preset("alexnet-2012")
    names = pickable(net)
    assert names[:3] == ["conv1", "pool1", "conv2"] and "relu1" not in names
    ex = exercise_from_layer(net, "conv1")
    assert ex.network.input == [3, 227, 227]
    assert [a.answer for a in ex.asks] == [(96, 55, 55), 34944]
    bn = exercise_from_layer(load_preset("resnet18-torchvision"), "bn1")
    assert [a.quantity for a in bn.asks] == ["params", "non_trainable"]
    assert [a.answer for a in bn.asks] == [128, 128]
    with pytest.raises(ExerciseError, match="no layer"):
        exercise_from_layer(net, "nope")


def test_an_exercise_on_a_broken_layer_is_refused():
    net = Network([3, 4, 4], [Layer("Conv2d", "c", {"out_channels": 2, "kernel_size": 7})])
    with pytest.raises(ExerciseError, match="cannot be asked: c: along the height"):
        make_exercise(net, [("c", "shape")])
    assert make_exercise(net, [("c", "padding_fix")]).asks[0].answer == 2
