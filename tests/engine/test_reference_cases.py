"""Every PyTorch reference case (shared/reference): shapes and params as torch computed them, and
the MACs those imply."""

import json
from math import prod

import pytest

from convdesk.engine import compute, loads_network

from .helpers import reference_cases

CASES = reference_cases("torch-layer-cases.jsonl")


def _cases():
    if not CASES.exists():
        pytest.fail(f"reference cases not found at {CASES}")
    return [json.loads(line) for line in CASES.read_text().splitlines() if line.strip()]


# The one "quirk" case: torch's AvgPool3d refuses an unpadded height of 1 under a kernel of 4, which
# the general formula (the spec's rule) allows. Either answer is fair (see the README there); the
# formula's answer, worked by hand: depth ⌊(14 − 2) / 1⌋ + 1 = 13, height ⌈(1 + 2 − 4) / 4⌉ + 1 = 1,
# width ⌈(12 − 4) / 2⌉ + 1 = 5.
QUIRK_SHAPES = {"random 65": (16, 13, 1, 5)}


def _weights(layer: dict, params: int) -> int:
    """The layer's weights without its bias, from torch's parameter count."""
    if layer.get("bias", True) is False:
        return params
    return params - (layer["out_features"] if layer["type"] == "Linear" else layer["out_channels"])


def _expected_macs(layer: dict, input_shape: list[int], expect: dict) -> int:
    """Each weight is used once per output position (conv, linear) or once per input position
    (transposed conv, which scatters every input value through the kernel); pools have no MACs."""
    kind, shape, params = layer["type"], expect["output_shape"], expect["params"]
    if kind.startswith("ConvTranspose"):
        return _weights(layer, params) * prod(input_shape[1:])
    if kind.startswith("Conv"):
        return _weights(layer, params) * prod(shape[1:])
    if kind == "Linear":
        return _weights(layer, params) * prod(shape[:-1])
    assert "Pool" in kind and params == 0
    return 0


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["network"]["name"])
def test_matches_pytorch(case):
    network = case["network"]
    result = compute(loads_network(json.dumps(network))).layers[0]
    expect = case["expect"]
    if expect.get("quirk"):
        assert expect.get("error")
        if result.error is None:
            assert result.output_shape == QUIRK_SHAPES[network["name"]]
        else:
            assert result.error.startswith(result.name + ":")
            assert result.output_shape is None
    elif expect.get("error"):
        assert result.error is not None
        assert result.error.startswith(result.name + ":")
        assert result.output_shape is None
    else:
        assert result.error is None
        assert list(result.output_shape) == expect["output_shape"]
        assert result.params == expect["params"]
        assert result.macs == _expected_macs(network["layers"][0], network["input"], expect)


def test_every_quirk_case_has_its_allowed_answer_written_down():
    quirks = [c["network"]["name"] for c in _cases() if c["expect"].get("quirk")]
    assert sorted(quirks) == sorted(QUIRK_SHAPES)


def test_there_are_a_hundred_cases():
    assert len(_cases()) == 100
