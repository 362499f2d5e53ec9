"""A pasted `print(model)` text: torchvision's printouts read as chains, with torch's totals."""

from __future__ import annotations

import pytest

from convdesk.engine import compute
from convdesk.importers import ModelFileError
from convdesk.importers.torch_print import read_printout

from .helpers import FIXTURES

PRINTOUTS = FIXTURES / "printouts"


@pytest.mark.parametrize(
    ("key", "params"),
    # torchvision's parameter counts of the chains (torch's parameters() when printed)
    [("alexnet", 61_100_840), ("vgg11", 132_863_336), ("mobilenet_v2", None)],
)
def test_chains_read_with_torch_totals(key, params):
    network, report = read_printout((PRINTOUTS / f"{key}.txt").read_text(), [3, 224, 224])
    result = compute(network)
    if params is not None:
        assert result.errors == [] and result.trainable_params == params
    assert any("a chain" in note for note in report.notes)


def test_the_hidden_flatten_and_pool_are_added_and_said():
    network, report = read_printout((PRINTOUTS / "vgg11.txt").read_text(), [3, 224, 224])
    names = [layer.name for layer in network.layers]
    assert names[names.index("classifier.0") - 1] == "classifier.0_flatten"
    network, report = read_printout((PRINTOUTS / "mobilenet_v2.txt").read_text(), [3, 224, 224])
    assert "classifier.1_pool" in {layer.name for layer in network.layers}
    assert "torchvision's MobileNet" in report.text()


def test_a_residual_network_read_as_a_chain_shows_where_it_breaks():
    network, _ = read_printout((PRINTOUTS / "resnet18.txt").read_text(), [3, 224, 224])
    errors = compute(network).errors
    assert errors and errors[0].startswith("layer2.0.downsample.0: in_channels is 64")


def test_unknown_modules_are_named_and_lines_located():
    text = "Sequential(\n  (0): Conv2d(3, 8, kernel_size=(3, 3))\n  (1): Swirl(k=2)\n)\n"
    network, report = read_printout(text, [3, 16, 16])
    assert [(u.name, u.kind) for u in report.unmapped] == [("1", "Swirl")]
    assert network.layers[1].type == "Identity"
    with pytest.raises(ModelFileError, match="line 2"):
        read_printout("Sequential(\n  (0): Conv2d(3, 8, kernel_size=(3, 3)\n)", [3, 16, 16])
    with pytest.raises(ModelFileError, match="no layers found"):
        read_printout("", [3, 16, 16])
