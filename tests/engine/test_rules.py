"""The rule registry: one rule object per family, and each rule's worked steps tell the numbers
its own compute found (hypothesis, over random layers of every type)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convdesk.engine import (
    LAYER_TYPES,
    RULES,
    Blocked,
    Computed,
    Drawing,
    Failed,
    Family,
    FamilyRule,
    Layer,
    Network,
    compute,
    drawing_of,
    explain,
    fitting_values,
)
from convdesk.engine.numbers import count, shape_list

_MERGE_INPUTS = ["input", "input"]
_NO_DEFAULT = {"Upsample": {"scale_factor": 2}}  # a size or a factor must be written


def test_every_family_has_exactly_one_rule_object():
    assert set(RULES) == set(Family)
    assert all(isinstance(rule, FamilyRule) for rule in RULES.values())
    assert len({id(rule) for rule in RULES.values()}) == len(Family)
    assert {ltype.family for ltype in LAYER_TYPES.values()} == set(Family)


def _network(type_name: str, shape: list[int], config: dict[str, object]) -> Network:
    inputs = _MERGE_INPUTS if LAYER_TYPES[type_name].is_merge else None
    config = {**_NO_DEFAULT.get(type_name, {}), **config}
    return Network(shape, [Layer(type_name, "layer", config, inputs)])


def _text(network: Network) -> tuple[Computed | Failed | object, str]:
    report = compute(network)
    steps = explain(network, report, 0)
    return report.layers[0].outcome, "\n".join(line for step in steps for line in step.lines)


def _assert_explained(outcome: object, text: str) -> None:
    """The steps of a computed layer name its output shape, parameters and MACs; those of a
    layer in error give its message."""
    if isinstance(outcome, Computed):
        assert shape_list(outcome.output_shape) in text
        if outcome.params:
            assert count(outcome.params) in text
        if outcome.macs:
            assert count(outcome.macs) in text
    else:
        assert isinstance(outcome, Failed)
        assert outcome.error in text


def _input_shape(type_name: str, spatial: list[int], channels: int) -> list[int]:
    dims = LAYER_TYPES[type_name].dims
    return [channels, *(spatial if dims is None else (spatial * 3)[:dims] or [4])]


@pytest.mark.parametrize("type_name", sorted(LAYER_TYPES))
def test_every_type_with_its_defaults_computes_and_is_explained(type_name):
    shape = _input_shape(type_name, [12, 10], 8)
    network = _network(type_name, shape, fitting_values(type_name, tuple(shape)))
    outcome, text = _text(network)
    assert isinstance(outcome, Computed), outcome
    _assert_explained(outcome, text)


@st.composite
def _layers(draw: st.DrawFn) -> Network:
    type_name = draw(st.sampled_from(sorted(LAYER_TYPES)))
    ltype = LAYER_TYPES[type_name]
    spatial = draw(st.lists(st.integers(1, 24), min_size=0, max_size=3))
    channels = draw(st.sampled_from([1, 2, 3, 4, 6, 8, 12, 16]))
    shape = _input_shape(type_name, spatial, channels)
    config: dict[str, object] = dict(fitting_values(type_name, tuple(shape)))
    for spec in ltype.keys:
        numeric = spec.kind in ("int", "spatial") and isinstance(spec.minimum, int)
        if numeric and isinstance(spec.default, int) and draw(st.booleans()):
            config[spec.name] = draw(
                st.integers(int(spec.minimum or 0), int(spec.minimum or 0) + 5)
            )
    return _network(type_name, shape, config)


@settings(max_examples=400, deadline=None)
@given(_layers())
def test_each_rule_explains_the_numbers_its_compute_found(network):
    _assert_explained(*_text(network))


@st.composite
def _chains(draw: st.DrawFn) -> Network:
    """Chains of convs and pools, some of which do not fit, with a merge of two of them."""
    side = draw(st.integers(1, 16))
    net = Network([3, side, side])
    for i in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["Conv2d", "MaxPool2d", "ReLU"]))
        config: dict[str, object] = {}
        if kind != "ReLU":
            config["kernel_size"] = draw(st.integers(1, 7))
        if kind == "Conv2d":
            config["out_channels"] = 3
        net.layers.append(Layer(kind, f"l{i}", config))
    if len(net.layers) > 1:
        net.layers.append(Layer("Add", "add", {}, [net.layers[0].name, net.layers[-1].name]))
    return net


@settings(max_examples=200, deadline=None)
@given(_chains())
def test_a_blocked_layer_names_an_earlier_layer_in_error(network):
    report = compute(network)
    for result in report.layers:
        outcome = result.outcome
        if isinstance(outcome, Blocked):
            blamed = report.by_name(outcome.by)
            assert blamed.index < result.index and isinstance(blamed.outcome, Failed)
        elif isinstance(outcome, Failed) and outcome.detail is not None:
            # Only a sliding window that does not fit keeps what it resolved, to be drawn.
            assert drawing_of(result.type) in (Drawing.WINDOW, Drawing.TRANSPOSED_WINDOW)
