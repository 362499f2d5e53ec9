"""A fuzz test of the file reader: structured mutations of the shipped presets.

Whatever the mutation, reading gives a Network or a located NetworkFileError, and everything the
window and `convdesk summary` then do with the network (report, every format, worked steps) ends
without an exception; a network that was read saves to a text that reads back the same.
In CI a short run (CONVDESK_FUZZ_EXAMPLES, default 150, about 20 s); set it higher for a long run.
"""

from __future__ import annotations

import json
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convdesk.engine import (
    LAYER_TYPES,
    NetworkFileError,
    compute,
    dumps_network,
    explain,
    explain_element,
    loads_network,
)
from convdesk.engine.formats import FORMATS, format_report
from convdesk.engine.presets import preset_keys, preset_text

EXAMPLES = int(os.environ.get("CONVDESK_FUZZ_EXAMPLES", "150"))
PRESETS = {key: json.loads(preset_text(key)) for key in preset_keys()}
KEYS = sorted({spec.name for t in LAYER_TYPES.values() for spec in t.keys} | {"name", "inputs"})

NASTY_TEXT = st.sampled_from(
    ["", " ", "input", "<b>x</b>", "\u0000", "\ud800", "a\u202eb", "relu_1", "x" * 300, "é\n"]
)
NUMBERS = st.one_of(
    st.integers(-3, 12),
    st.sampled_from([0, -1, 2**31, 2**63, 2**63 + 1, 10**12, 10**30]),
    st.floats(allow_nan=True, allow_infinity=True),
)
LEAVES = st.one_of(
    st.none(), st.booleans(), NUMBERS, NASTY_TEXT, st.sampled_from(["same", "valid"])
)
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)
    ),
    max_leaves=10,
)


def _paths(value, here=()):
    """Every path into a JSON value, with the value itself first."""
    yield here
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*here, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*here, i))


def _parent(data, path):
    for step in path[:-1]:
        data = data[step]
    return data


@st.composite
def mutated_files(draw) -> str:
    key = draw(st.sampled_from(sorted(PRESETS)))
    data = json.loads(json.dumps(PRESETS[key]))
    layers = data["layers"]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(
            st.sampled_from(
                ["replace", "delete", "add_key", "new_layer", "move", "copy_layer", "input"]
            )
        )
        if kind in ("replace", "delete"):
            # Mostly inside the layers, where the rules are; sometimes anywhere.
            inside = draw(st.integers(0, 9)) < 9 and isinstance(layers, list) and layers
            start = (data["layers"], ("layers",)) if inside else (data, ())
            paths = [p for p in _paths(*start) if len(p) > 1 or (not inside and p)]
            if not paths:
                continue
            path = draw(st.sampled_from(paths[:2000]))
            parent = _parent(data, path)
            if kind == "replace":
                parent[path[-1]] = draw(VALUES)
            elif isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent.pop(path[-1])
        elif kind == "add_key" and isinstance(layers, list) and layers:
            layer = draw(st.sampled_from(layers))
            if isinstance(layer, dict):
                layer[draw(st.sampled_from(KEYS))] = draw(VALUES)
        elif kind == "new_layer" and isinstance(layers, list):
            type_name = draw(st.sampled_from(sorted(LAYER_TYPES)))
            names = [s.name for s in LAYER_TYPES[type_name].keys]
            layer = {"type": type_name}
            for name in draw(st.lists(st.sampled_from(names), max_size=4)) if names else []:
                layer[name] = draw(VALUES)
            layers.insert(draw(st.integers(0, len(layers))), layer)
        elif kind in ("move", "copy_layer") and isinstance(layers, list) and layers:
            i = draw(st.integers(0, len(layers) - 1))
            item = layers[i] if kind == "copy_layer" else layers.pop(i)
            layers.insert(draw(st.integers(0, len(layers))), json.loads(json.dumps(item)))
        elif kind == "input":
            data["input"] = draw(st.lists(NUMBERS, max_size=5))
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    cut = draw(st.sampled_from(["none"] * 8 + ["truncate", "duplicate"]))
    if cut == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    elif cut == "duplicate":
        keys = list(re.finditer(r'"(\w+)": ', text))
        if keys:
            match = draw(st.sampled_from(keys))
            text = text[: match.start()] + f'"{match.group(1)}": null, ' + text[match.start() :]
    return text


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 150,
)
@given(mutated_files(), st.randoms(use_true_random=False))
def test_the_reader_and_everything_after_it_never_raise(text, rng):
    try:
        network = loads_network(text)
    except NetworkFileError as error:
        assert str(error)
        return
    report = compute(network)
    for fmt in FORMATS:
        format_report(report, fmt)
    for index in rng.sample(range(len(report.layers)), min(3, len(report.layers))):
        explain(network, report, index)
        result = report.layers[index]
        if result.window is not None and result.output_shape is not None:
            explain_element(network, report, index, tuple(n - 1 for n in result.output_shape[1:]))
    saved = dumps_network(network)
    assert dumps_network(loads_network(saved)) == saved
