"""Small builders for engine tests."""

from convdesk.engine import Layer, Network, compute


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
