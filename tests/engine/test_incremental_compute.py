"""compute(network, reuse=(report, first)) after an edit from layer `first` on gives exactly the
report a full compute gives: the window relies on it to recompute only what an edit can change."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from convdesk.engine import compute
from convdesk.engine.presets import load_preset

NETWORKS = {key: load_preset(key) for key in ("alexnet-2012", "resnet18-torchvision", "unet-2015")}


@settings(max_examples=60, deadline=None)
@given(
    key=st.sampled_from(sorted(NETWORKS)),
    where=st.floats(0, 1, exclude_max=True),
    value=st.one_of(st.integers(-2, 600), st.sampled_from([None, 0, 1, 2, 3])),
    pick=st.integers(0, 50),
)
def test_a_value_edit_reuses_earlier_results_and_agrees_with_a_full_compute(
    key, where, value, pick
):
    network = copy.deepcopy(NETWORKS[key])
    before = compute(network)
    index = int(where * len(network.layers))
    config = network.layers[index].config
    keys = sorted(config) or ["out_channels"]
    name = keys[pick % len(keys)]
    if value is None:
        config.pop(name, None)
    else:
        config[name] = value
    again = compute(network, (before, index))
    assert again == compute(network)
    # The layers before the edit are the very same results, not recomputed.
    assert all(a is b for a, b in zip(again.layers[:index], before.layers, strict=False))


def test_a_report_of_another_input_is_not_reused():
    network = copy.deepcopy(NETWORKS["alexnet-2012"])
    before = compute(network)
    network.input = [3, 64, 64]
    again = compute(network, (before, 5))
    assert again == compute(network)
    assert again.layers[0] is not before.layers[0]


def test_a_report_of_other_layers_is_not_reused():
    network = copy.deepcopy(NETWORKS["alexnet-2012"])
    before = compute(network)
    network.layers.pop(0)
    again = compute(network, (before, 3))
    assert again == compute(network)
