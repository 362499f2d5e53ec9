"""The PyTorch reference cases of the newer layer types (shared/reference/torch-modern-cases.jsonl).

LayerNorm, GroupNorm, LayerScale, Permute, ChannelShuffle, Narrow and one-input Concat, alone and in
tiny networks, each run through the torch object that means the same: every layer's output shape and
parameter count as torch gave them, and an error wherever torch refused.
"""

import json

import pytest

from convdesk.engine import compute, loads_network

from .helpers import reference_cases

CASES = reference_cases("torch-modern-cases.jsonl")


def _cases() -> list[dict]:
    if not CASES.exists():
        pytest.fail(f"reference cases not found at {CASES}")
    return [json.loads(line) for line in CASES.read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["network"]["name"])
def test_matches_pytorch(case):
    report = compute(loads_network(json.dumps(case["network"])))
    expect = case["expect"]
    if expect.get("error"):
        result = report.by_name(expect["layer"])
        assert result.error is not None, expect["torch_message"]
        assert result.error.startswith(result.name + ":")
        assert "would fit" in result.error
        assert result.output_shape is None
        assert report.errors == [result.error]
    else:
        assert report.errors == []
        got = [(r.name, list(r.output_shape), r.params) for r in report.layers]
        assert got == [(x["name"], x["output_shape"], x["params"]) for x in expect["layers"]]
        assert list(report.output_shape) == expect["output_shape"]
        assert report.trainable_params == expect["params"]


def test_there_are_210_cases_of_every_new_type():
    cases = _cases()
    assert len(cases) == 210
    types = {layer["type"] for case in cases for layer in case["network"]["layers"]}
    assert {"LayerNorm", "GroupNorm", "LayerScale", "Permute", "ChannelShuffle", "Narrow"} <= types
    assert any(
        layer["type"] == "Concat" and len(layer.get("inputs", [])) == 1
        for case in cases
        for layer in case["network"]["layers"]
    )
