"""Small builders for engine tests, and where the PyTorch reference cases are."""

from pathlib import Path

from convdesk.engine import Layer, Network, compute


def reference_cases(filename: str) -> Path:
    """A shared reference file beside the repository, else the copy kept in tests/engine/data."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "reference" / filename
        if candidate.exists():
            return candidate
    return Path(__file__).parent / "data" / filename


def one_layer(input_shape, layer_type, **config):
    """The result of a network with a single layer."""
    net = Network(list(input_shape), [Layer(layer_type, "layer", config)])
    return compute(net).layers[0]


def chain(input_shape, *layers):
    """compute() of a chain of (type, config) or (type, config, inputs) tuples named l0, l1, ..."""
    net = Network(list(input_shape))
    for i, spec in enumerate(layers):
        layer_type, config, *inputs = spec
        net.layers.append(Layer(layer_type, f"l{i}", dict(config), inputs[0] if inputs else None))
    return compute(net)
